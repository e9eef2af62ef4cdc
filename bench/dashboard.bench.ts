// The partnership dashboard under load: clmd on PostgreSQL with the synthetic demo, a partner analyst's
// data pages (approved figures through disclosure control), 20 concurrent clients from a second process
// on loopback. Prints requests/s and p95. Run alone: node --import tsx bench/dashboard.bench.ts
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { LoadResult } from './load-child.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PAGES = [
  '/data/missing-episodes-by-area',
  '/data/yp-drug-arrests-by-area',
  '/data/yp-drug-arrests-demographics',
  '/data/svv-related-arrests',
];

export interface DashboardBench {
  load: LoadResult;
  seedSeconds: number;
  concurrency: number;
}

async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

/** Signs in through the real form and returns the session cookie. */
async function signIn(base: string, username: string, password: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const csrfCookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password, _csrf: token }),
  });
  const session = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  if (res.status !== 303 || !session.startsWith('clmd_session='))
    throw new Error(`sign-in failed (${res.status})`);
  return session;
}

function runLoad(job: object): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/load-child.ts'), JSON.stringify(job)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load child exited ${code}`)),
    );
  });
}

export async function runDashboardBench(
  options: { seconds?: number; concurrency?: number } = {},
): Promise<DashboardBench> {
  const name = `clmd_bench_dash_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-bench-dash-'));
  await admin(`create database ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | undefined;
  try {
    const started = Date.now();
    server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        CLMD_DATA_DIR: dataDir,
        CLMD_DEMO: 'on',
        CLMD_REFERENCE_DIR: path.resolve(ROOT, '../shared/data'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await waitFor(`${base}/healthz`, 300);
    const seedSeconds = (Date.now() - started) / 1000;
    const cookie = await signIn(base, 'demo.analyst', 'clmd-demo-analyst');
    // Warm up: templates compiled, pools filled, plans cached.
    for (const p of PAGES) {
      const res = await fetch(base + p, { headers: { cookie } });
      if (res.status !== 200 || !(await res.text()).includes('Partnership view'))
        throw new Error(`${p} is not the partnership view`);
    }
    const concurrency = options.concurrency ?? 20;
    const load = await runLoad({ base, paths: PAGES, cookie, concurrency, seconds: options.seconds ?? 15 });
    return { load, seedSeconds, concurrency };
  } finally {
    server?.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin(`drop database if exists ${name} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await runDashboardBench();
  process.stdout.write(
    `partnership dashboard on PostgreSQL, ${r.concurrency} concurrent clients: ${r.load.requestsPerSecond.toFixed(1)} requests/s, ` +
      `p50 ${r.load.p50.toFixed(1)} ms, p95 ${r.load.p95.toFixed(1)} ms (target < 150 ms), p99 ${r.load.p99.toFixed(1)} ms, ` +
      `${r.load.requests} requests, ${r.load.errors} errors; demo seeded and serving in ${r.seedSeconds.toFixed(1)} s\n`,
  );
}
