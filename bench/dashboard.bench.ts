// The partnership dashboard under load: a partner analyst's data pages (approved figures through
// disclosure control) on the demo server, 20 concurrent clients from a second process on loopback.
// Prints requests/s and p95 (target < 150 ms). Run alone: node --import tsx bench/dashboard.bench.ts
import { pathToFileURL } from 'node:url';
import { fmt, int, type BenchSection } from './bench-support.ts';
import { runLoad, startDemoServer, type DemoServer } from './demo-server.ts';

const PAGES = [
  '/data/missing-episodes-by-area',
  '/data/yp-drug-arrests-by-area',
  '/data/yp-drug-arrests-demographics',
  '/data/svv-related-arrests',
];
const CONCURRENCY = 20;

export async function runDashboardBench(server: DemoServer, seconds = 15): Promise<BenchSection> {
  const cookie = await server.signIn('demo.analyst', 'clmd-demo-analyst');
  // Warm up: templates compiled, pools filled, views computed once.
  for (const p of PAGES) {
    const res = await fetch(server.base + p, { headers: { cookie } });
    if (res.status !== 200 || !(await res.text()).includes('Partnership view'))
      throw new Error(`${p} is not the partnership view`);
  }
  const load = await runLoad({ base: server.base, paths: PAGES, cookie, concurrency: CONCURRENCY, seconds });
  return {
    lines: [
      {
        what: `partnership data pages, ${CONCURRENCY} clients: p95`,
        figure: `${fmt(load.p95)} ms`,
        target: '< 150 ms',
        pass: load.p95 < 150 && load.errors === 0,
      },
      { what: '  requests/s', figure: fmt(load.requestsPerSecond), target: '' },
    ],
    notes: [
      `Dashboard load: ${int(load.requests)} requests over ${PAGES.length} data pages in ${fmt(load.seconds)} s, ` +
        `${load.errors} errors; p50 ${fmt(load.p50)} ms, p99 ${fmt(load.p99)} ms`,
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startDemoServer();
  try {
    const r = await runDashboardBench(server);
    for (const l of r.lines) console.log(`${l.what}: ${l.figure} ${l.target}`);
    for (const n of r.notes) console.log(`- ${n}`);
  } finally {
    await server.stop();
  }
}
