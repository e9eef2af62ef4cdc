// The analysis pages on PostgreSQL with three years of demo data: each combination page, the district
// risk map and the ward risk map, each under load from a second process on loopback (a few concurrent
// partner analysts), for p95 and requests/s. Targets: combinations and the district map p95 < 300 ms,
// the ward map < 500 ms. Run alone: node --import tsx bench/analysis.bench.ts
import { pathToFileURL } from 'node:url';
import { fmt, int, log, type BenchLine, type BenchSection } from './bench-support.ts';
import { runLoad, startDemoServer, type DemoServer } from './demo-server.ts';

const CONCURRENCY = 4;
const PAGES: { what: string; path: string; targetMs: number }[] = [
  { what: 'combination 1 (BTP insights)', path: '/analysis/combinations/btp-insights', targetMs: 300 },
  {
    what: 'combination 2 (education and missing)',
    path: '/analysis/combinations/education-and-missing',
    targetMs: 300,
  },
  { what: 'combination 4 (NRM efficacy)', path: '/analysis/combinations/nrm-efficacy', targetMs: 300 },
  { what: 'combination 3: district risk map', path: '/analysis/risk-map?level=district', targetMs: 300 },
  {
    what: 'combination 3: district risk map, other weights',
    path: '/analysis/risk-map?level=district&w-drug-arrests=3&w-missing=1&w-crime=2&w-deprivation=0',
    targetMs: 300,
  },
  { what: 'combination 3: ward risk map', path: '/analysis/risk-map?level=ward', targetMs: 500 },
  {
    what: 'indicator explorer (district)',
    path: '/analysis/indicators/yp-drug-arrests-by-area',
    targetMs: 300,
  },
];

export async function runAnalysisBench(server: DemoServer, seconds = 8): Promise<BenchSection> {
  const cookie = await server.signIn('demo.analyst', 'clmd-demo-analyst');
  const lines: BenchLine[] = [];
  const notes: string[] = [];
  for (const page of PAGES) {
    // The first request computes what later ones reuse until the data change; it is reported apart.
    const t0 = performance.now();
    const first = await fetch(server.base + page.path, { headers: { cookie } });
    const html = await first.text();
    const firstMs = performance.now() - t0;
    if (first.status !== 200 || !html.includes('Partnership view'))
      log(`${page.path}: status ${first.status}`);
    log(`${page.what}: first request ${fmt(firstMs)} ms; loading`);
    const load = await runLoad({
      base: server.base,
      paths: [page.path],
      cookie,
      concurrency: CONCURRENCY,
      seconds,
    });
    lines.push(
      {
        what: `${page.what}: p95`,
        figure: `${fmt(load.p95)} ms`,
        target: `< ${page.targetMs} ms`,
        pass: load.p95 < page.targetMs && load.errors === 0,
      },
      { what: '  requests/s', figure: fmt(load.requestsPerSecond), target: '' },
    );
    notes.push(
      `${page.what}: ${int(load.requests)} requests, ${load.errors} errors, p50 ${fmt(load.p50)} ms, ` +
        `p99 ${fmt(load.p99)} ms; first request (computing the views) ${fmt(firstMs)} ms; ${Math.round(html.length / 1024)} KB`,
    );
  }
  notes.push(
    `Analysis pages: ${CONCURRENCY} concurrent clients per page, ${seconds} s each, as the demo partner analyst.`,
  );
  return { lines, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const server = await startDemoServer();
  try {
    const r = await runAnalysisBench(server);
    for (const l of r.lines)
      console.log(
        `${l.what}: ${l.figure} ${l.target} ${l.pass === undefined ? '' : l.pass ? 'PASS' : 'MISS'}`,
      );
    for (const n of r.notes) console.log(`- ${n}`);
  } finally {
    await server.stop();
  }
}
