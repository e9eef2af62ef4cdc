// Importing one month of police.uk street-level crime for the four forces: the real 2019-01 files of
// ../shared/data (34,040 rows), through the crime service as `clmd reference import-police-uk` does,
// into PostgreSQL (the target: under 5 s) and into the embedded PGlite. The reference data is imported
// first and not timed; each database is timed best of 3 (the second and third runs replace the counts
// of the first, as a re-import does).
//
// PostgreSQL: BENCH_DATABASE_URL, or postgres://postgres@127.0.0.1:5432/test; the bench creates its
// own database there and drops it at the end. Run alone: node --import tsx bench/police-uk.bench.ts
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureBuiltIns } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildDeps } from '../src/deps.ts';
import { systemActor } from '../src/platform/actor.ts';
import { admin, databaseUrl, fmt, int, log, printTable, type BenchLine } from './bench-support.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const REFERENCE_DIR = path.resolve(ROOT, '../shared/data');
const STREET_DIR = path.join(REFERENCE_DIR, 'policeuk/street');
const FILES = ['cambridgeshire', 'essex', 'norfolk', 'suffolk'].map((force) =>
  path.join(STREET_DIR, `2019-01-${force}-street.csv`),
);
const RUNS = 3;
const TARGET_SECONDS = 5;

const say = (message: string) => log(`police.uk: ${message}`);

interface Timing {
  seconds: number[];
  rows: number;
  counted: number;
}

/** Migrates, loads built-ins and the reference data (not timed), then times the import RUNS times. */
async function timeImports(handle: DatabaseHandle, dataDir: string): Promise<Timing> {
  const ctx = systemActor('bench');
  await migrateToLatest(handle.db);
  const deps = buildDeps(loadConfig({ CLMD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), handle);
  await ensureBuiltIns(deps);
  await deps.geography.importReference(ctx, REFERENCE_DIR);
  const seconds: number[] = [];
  let rows = 0;
  let counted = 0;
  for (let run = 1; run <= RUNS; run += 1) {
    const started = performance.now();
    const report = await deps.crime.importPoliceUk(ctx, FILES);
    seconds.push((performance.now() - started) / 1000);
    rows = report.totals.rowsRead;
    counted = report.totals.counted;
    say(`${handle.kind} run ${run}: ${fmt(seconds.at(-1)!, 2)} s, ${int(rows)} rows`);
  }
  return { seconds, rows, counted };
}

function linesFor(label: string, t: Timing): BenchLine[] {
  const best = Math.min(...t.seconds);
  return [
    {
      what: `police.uk 2019-01, 4 forces → ${label}: time (best of ${RUNS})`,
      figure: `${fmt(best, 2)} s`,
      target: `< ${TARGET_SECONDS} s`,
      pass: best < TARGET_SECONDS,
    },
    { what: `police.uk 2019-01, 4 forces → ${label}: rows`, figure: int(t.rows), target: '' },
    { what: `police.uk 2019-01, 4 forces → ${label}: rows/s`, figure: int(t.rows / best), target: '' },
  ];
}

export async function runPoliceUkBench(): Promise<{ lines: BenchLine[]; notes: string[] }> {
  const lines: BenchLine[] = [];
  const notes: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-bench-police-'));
  const name = `clmd_bench_police_${randomBytes(4).toString('hex')}`;
  try {
    // ---- PostgreSQL: its own database, dropped at the end
    await admin(`create database ${name}`);
    try {
      say(`PostgreSQL database ${name}`);
      const handle = await openDatabase({ url: databaseUrl(name) });
      let pgTiming: Timing;
      try {
        pgTiming = await timeImports(handle, path.join(work, 'pg-data'));
      } finally {
        await handle.close();
      }
      lines.push(...linesFor('PostgreSQL', pgTiming));
      notes.push(
        `police.uk on PostgreSQL: runs ${pgTiming.seconds.map((s) => fmt(s, 2)).join(', ')} s; ` +
          `${int(pgTiming.rows)} rows read, ${int(pgTiming.counted)} counted (the rest have no location or lie outside the force's districts)`,
      );
    } finally {
      await admin(`drop database if exists ${name} with (force)`).catch((e: unknown) =>
        say(`could not drop ${name}: ${String(e)}`),
      );
    }

    // ---- PGlite, persisted to a temporary data directory as `npm start` keeps it
    say('PGlite');
    const lite = await openDatabase({ pgliteDir: path.join(work, 'pglite') });
    let liteTiming: Timing;
    try {
      liteTiming = await timeImports(lite, path.join(work, 'lite-data'));
    } finally {
      await lite.close();
    }
    lines.push(...linesFor('PGlite', liteTiming));
    notes.push(`police.uk on PGlite: runs ${liteTiming.seconds.map((s) => fmt(s, 2)).join(', ')} s`);
    notes.push(
      'police.uk import timed from the files on disk to the commit: reading and checking every row, SHA-256, ' +
        'placing LSOAs, writing the counts, the file records and the audit event in one transaction.',
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { lines, notes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines, notes } = await runPoliceUkBench();
  console.log(`\npolice.uk import bench: ${os.cpus().length} CPUs, Node ${process.version}\n`);
  printTable(lines);
  console.log('');
  for (const n of notes) console.log(`- ${n}`);
}
