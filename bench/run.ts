// `npm run bench [-- --quick]`: the figures of every performance target in the issues, printed, not
// tested (DESIGN.md §9). Measured jobs run in their own processes so that their memory is their own;
// baselines run in the same run on the same server.
//
//   Returns (issue 3): a 1,000,000-row long CSV (100,000 with --quick) validated and committed into
//      PostgreSQL ≤ 60 s, peak RSS < 400 MB, rows/s ≥ 0.3 × a plain COPY's; the PGlite figure too; a
//      10,000-row file with 500 errors reported in < 2 s; `npm start` serving the seeded demo in < 60 s
//   Sharing (issue 4): suppression of one indicator's full table (692 wards × 4 × 12 months) < 500 ms,
//      with the auditor's run; the partnership data pages at 20 concurrent users, p95 < 150 ms
//   Analysis (issue 5): each combination page and the district risk map p95 < 300 ms, the ward risk
//      map < 500 ms, on PostgreSQL with three years of demo data; one month of police.uk CSVs < 5 s
//
// PostgreSQL: BENCH_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; each bench creates its
// own database there and drops it at the end. Options: --quick, --skip-pglite, --skip-startup,
// --skip-ingest, --skip-load (the demo server's dashboard and analysis loads).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildDeps } from '../src/deps.ts';
import { ensureBuiltIns } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import {
  errorEvery,
  ORGANISATION,
  PERIOD,
  prepareBenchData,
  REFERENCE_DIR,
  writeReturnFile,
} from './fixture.ts';
import type { Job, JobResult } from './ingest-child.ts';
import { runAnalysisBench } from './analysis.bench.ts';
import {
  admin,
  databaseUrl,
  fmt,
  freePort,
  int,
  log,
  printTable,
  type BenchLine,
  type BenchSection,
} from './bench-support.ts';
import { runDashboardBench } from './dashboard.bench.ts';
import { startDemoServer } from './demo-server.ts';
import { runPoliceUkBench } from './police-uk.bench.ts';
import { runSdcBench } from './sdc.bench.ts';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const BIG_ROWS = QUICK ? 100_000 : 1_000_000;
const ERROR_ROWS = 10_000;
const ERROR_COUNT = 500;
const CHILD_TIMEOUT_MS = 10 * 60_000;

/** Runs a job in a child process and returns its result line. */
function runChild(job: Job): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'ingest-child.ts'), JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{')) {
        reject(new Error(`${job.kind} exited with ${code}: ${out.slice(-500)}`));
        return;
      }
      resolve(JSON.parse(last) as JobResult);
    });
  });
}

/** Seconds from spawning `node --import tsx src/main.ts` on an empty embedded database to /healthz 200. */
async function startupSeconds(dataDir: string): Promise<{ seconds: number; ok: boolean; detail: string }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    CLMD_DATA_DIR: dataDir,
    CLMD_REFERENCE_DIR: REFERENCE_DIR,
    CLMD_DEMO: 'auto',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    while (!exited && performance.now() - started < 180_000) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (response.status === 200) {
          const seconds = (performance.now() - started) / 1000;
          return { seconds, ok: true, detail: JSON.stringify(await response.json()) };
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return {
      seconds: (performance.now() - started) / 1000,
      ok: false,
      detail: exited ? `exited: ${stderr.slice(-300)}` : 'timed out',
    };
  } finally {
    if (!exited) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

/** Issue 3: the big file against COPY, the file with errors, PGlite, and `npm start`'s start-up. */
async function runReturnsBench(): Promise<BenchSection> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-bench-'));
  const dbName = `clmd_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(databaseUrl(dbName));
  const lines: BenchLine[] = [];
  const notes: string[] = [];
  await admin(`create database ${dbName}`);
  try {
    // ---- setup (not timed): schema, built-ins, ward reference data, bench catalogue, the files
    log(`database ${dbName}; files in ${work}`);
    const bigFile = path.join(work, `bench-${BIG_ROWS}.csv`);
    const errorFile = path.join(work, `bench-errors-${ERROR_ROWS}.csv`);
    const handle = await openDatabase({ url: url.toString() });
    let info: Awaited<ReturnType<typeof writeReturnFile>>;
    try {
      await migrateToLatest(handle.db);
      const deps = buildDeps(
        loadConfig({ CLMD_DATA_DIR: path.join(work, 'pg-data'), LOG_LEVEL: 'silent' }),
        handle,
      );
      await ensureBuiltIns(deps);
      await prepareBenchData(deps);
      log(`writing ${int(BIG_ROWS)} rows`);
      info = await writeReturnFile(deps, bigFile, BIG_ROWS);
      await writeReturnFile(deps, errorFile, ERROR_ROWS, errorEvery(ERROR_ROWS / ERROR_COUNT));
    } finally {
      await handle.close();
    }
    notes.push(
      `File: ${int(info.rows)} data rows (${fmt(info.bytes / 2 ** 20)} MB), the first rows of ${ORGANISATION}'s ` +
        `${PERIOD} CSV template (${int(info.templateRows)} rows with the bench catalogue), every value filled in; ` +
        `${info.header.length} columns: ${info.header.join(',')}`,
    );

    // ---- 1. the big file: COPY baseline, the real submission, COPY again (the faster COPY counts)
    const pgJob = { url: url.toString(), dataDir: path.join(work, 'pg-data') };
    log('COPY baseline');
    const copy1 = await runChild({ kind: 'copy-pg', file: bigFile, ...pgJob });
    log(`COPY ${fmt(copy1.seconds, 2)} s; submitting to PostgreSQL`);
    const big = await runChild({ kind: 'submit-pg', file: bigFile, ...pgJob });
    log(`submit ${fmt(big.seconds, 2)} s (${big.outcome}); COPY baseline again`);
    const copy2 = await runChild({ kind: 'copy-pg', file: bigFile, ...pgJob });
    const copySeconds = Math.min(copy1.seconds, copy2.seconds);
    const accepted = big.outcome === 'accepted' && big.rowCount === BIG_ROWS;
    if (!accepted) notes.push(`The big file was not accepted: ${big.outcome}, ${big.firstProblem ?? ''}`);
    const rate = BIG_ROWS / big.seconds;
    const copyRate = BIG_ROWS / copySeconds;
    const label = `${int(BIG_ROWS)}-row CSV`;
    lines.push(
      {
        what: `${label} → PostgreSQL: time`,
        figure: `${fmt(big.seconds, 2)} s`,
        target: '≤ 60 s, accepted',
        pass: accepted && big.seconds <= 60,
      },
      { what: `${label} → PostgreSQL: rows/s`, figure: int(rate), target: '' },
      {
        what: `${label} → PostgreSQL: peak RSS`,
        figure: `${fmt(big.peakRssMb)} MB`,
        target: '< 400 MB',
        pass: big.peakRssMb < 400,
      },
      {
        what: `plain COPY of the same file: rows/s`,
        figure: `${int(copyRate)}`,
        target: `(${fmt(copySeconds, 2)} s)`,
      },
      {
        what: `ingest rows/s ÷ COPY rows/s`,
        figure: fmt(rate / copyRate, 2),
        target: '≥ 0.30',
        pass: rate / copyRate >= 0.3,
      },
    );
    notes.push(
      `PostgreSQL submit: ${big.outcome}, ${int(big.rowCount ?? 0)} rows, ${big.warnings ?? 0} warnings; ` +
        `RSS high-water mark ${fmt(big.peakRssMb)} MB (100 ms samples: ${fmt(big.sampledRssMb)} MB); ` +
        `COPY runs ${fmt(copy1.seconds, 2)} s and ${fmt(copy2.seconds, 2)} s`,
    );

    // ---- 2. the file with errors, on both databases
    log('file with errors (PostgreSQL)');
    const errorsPg = await runChild({ kind: 'submit-pg', file: errorFile, ...pgJob });
    lines.push({
      what: `${int(ERROR_ROWS)} rows, ${ERROR_COUNT} errors → report (PostgreSQL)`,
      figure: `${fmt(errorsPg.seconds, 2)} s`,
      target: '< 2 s',
      pass: errorsPg.seconds < 2 && errorsPg.listed === ERROR_COUNT,
    });
    lines.push({
      what: '  problems listed / counted',
      figure: `${errorsPg.listed} / ${errorsPg.errorCount}`,
      target: `${ERROR_COUNT}`,
      pass: errorsPg.listed === ERROR_COUNT,
    });
    if (errorsPg.firstProblem) notes.push(`First problem listed: ${errorsPg.firstProblem}`);

    if (!args.has('--skip-pglite')) {
      log('submitting to PGlite');
      const lite = await runChild({
        kind: 'submit-pglite',
        file: bigFile,
        dataDir: path.join(work, 'lite-1'),
      });
      lines.push(
        { what: `${label} → PGlite: time`, figure: `${fmt(lite.seconds, 2)} s`, target: `(${lite.outcome})` },
        { what: `${label} → PGlite: rows/s`, figure: int(BIG_ROWS / lite.seconds), target: '' },
        {
          what: `${label} → PGlite: peak RSS`,
          figure: `${fmt(lite.peakRssMb)} MB`,
          target: '(incl. the database)',
        },
      );
      log('file with errors (PGlite)');
      const errorsLite = await runChild({
        kind: 'submit-pglite',
        file: errorFile,
        dataDir: path.join(work, 'lite-2'),
      });
      lines.push({
        what: `${int(ERROR_ROWS)} rows, ${ERROR_COUNT} errors → report (PGlite)`,
        figure: `${fmt(errorsLite.seconds, 2)} s`,
        target: '< 2 s',
        pass: errorsLite.seconds < 2 && errorsLite.listed === ERROR_COUNT,
      });
    }

    // ---- 3. npm start on an empty embedded database
    if (!args.has('--skip-startup')) {
      log('npm start on an empty embedded database');
      const start = await startupSeconds(path.join(work, 'start-data'));
      lines.push({
        what: 'npm start (empty PGlite) → /healthz 200',
        figure: `${fmt(start.seconds)} s`,
        target: '< 60 s',
        pass: start.ok && start.seconds < 60,
      });
      if (!start.ok) notes.push(`npm start: ${start.detail}`);
    }
  } finally {
    await admin(`drop database if exists ${dbName} with (force)`).catch((e: unknown) =>
      log(`could not drop ${dbName}: ${String(e)}`),
    );
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { lines, notes };
}

/** Issue 4: primary and secondary suppression of one indicator at Pathfinder scale, and its auditor. */
function sdcSection(): BenchSection {
  const lines: BenchLine[] = [];
  for (const f of runSdcBench()) {
    lines.push(
      {
        what: `SDC ${f.tier}: primary + secondary`,
        figure: `${fmt(f.heuristicMs, 0)} ms`,
        target: '< 500 ms',
        pass: f.heuristicMs < 500,
      },
      {
        what: '  auditor (LP) on that output',
        figure: `${fmt(f.auditMs, 0)} ms`,
        target: `(${f.auditFailures} too narrow)`,
      },
      {
        what: '  audited control as published',
        figure: `${fmt(f.auditedMs, 0)} ms`,
        target: f.passed ? '(audit passes)' : '(AUDIT FAILS)',
      },
    );
  }
  return {
    lines,
    notes: [
      'SDC: 692 wards → 32 districts → 4 localities → Pathfinder × a 4-value breakdown and its total × 12 months, synthetic seeded counts.',
    ],
  };
}

async function main(): Promise<void> {
  const sections: BenchSection[] = [];
  if (!args.has('--skip-ingest')) sections.push(await runReturnsBench());
  log('disclosure control at Pathfinder scale');
  sections.push(sdcSection());
  log('police.uk import');
  sections.push(await runPoliceUkBench());
  if (!args.has('--skip-load')) {
    log('starting clmd on PostgreSQL with the demo (seeding takes a minute or two)');
    const server = await startDemoServer();
    try {
      log('partnership data pages under load');
      sections.push(await runDashboardBench(server, QUICK ? 5 : 15));
      log('analysis pages under load');
      sections.push(await runAnalysisBench(server, QUICK ? 3 : 8));
      sections
        .at(-1)!
        .notes.push(`Demo server: seeded and serving on PostgreSQL in ${fmt(server.seedSeconds)} s.`);
    } finally {
      await server.stop();
    }
  }

  console.log(
    `\nclmd bench${QUICK ? ' (--quick)' : ''}: ${os.cpus().length} CPUs, Node ${process.version}\n`,
  );
  printTable(sections.flatMap((s) => s.lines));
  console.log('');
  for (const n of sections.flatMap((s) => s.notes)) console.log(`- ${n}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
