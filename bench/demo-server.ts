// clmd as users run it, for load benchmarks: `src/main.ts` on its own PostgreSQL database with the
// reference data, police.uk crime and three years of synthetic demo returns, and a way to sign in.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadResult } from './load-child.ts';
import { admin, databaseUrl, freePort } from './bench-support.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

export interface DemoServer {
  base: string;
  /** Seconds from spawning to serving the seeded demo. */
  seedSeconds: number;
  signIn(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
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

export async function startDemoServer(): Promise<DemoServer> {
  const name = `clmd_bench_demo_${randomBytes(4).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-bench-demo-'));
  await admin(`create database ${name}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(name),
      PORT: String(port),
      CLMD_DATA_DIR: dataDir,
      CLMD_DEMO: 'on',
      CLMD_REFERENCE_DIR: path.resolve(ROOT, '../shared/data'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    server.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await admin(`drop database if exists ${name} with (force)`);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/healthz`, 600);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    seedSeconds: (Date.now() - started) / 1000,
    signIn: (username, password) => signIn(base, username, password),
    stop,
  };
}

/** Load from a second process on loopback: `concurrency` clients requesting `paths` in turn. */
export function runLoad(job: {
  base: string;
  paths: string[];
  cookie?: string;
  concurrency: number;
  seconds: number;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'bench/load-child.ts'), JSON.stringify(job)],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as LoadResult) : reject(new Error(`load child exited ${code}`)),
    );
  });
}
