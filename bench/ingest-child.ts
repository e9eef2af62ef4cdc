// One measured job, in its own process so that its memory is its own. The parent passes a JSON job as
// the first argument; the result is printed as JSON on the last line of stdout.
//
//   submit-pg      submitFile into an existing, prepared PostgreSQL database
//   submit-pglite  prepare a fresh embedded PGlite database on disk (not timed), then submitFile
//   copy-pg        COPY the same CSV file into an unindexed table (the baseline)
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { buildDeps } from '../src/deps.ts';
import { ensureBuiltIns } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { systemActor } from '../src/platform/actor.ts';
import { ORGANISATION, PERIOD, prepareBenchData } from './fixture.ts';

export interface Job {
  kind: 'submit-pg' | 'submit-pglite' | 'copy-pg';
  file: string;
  url?: string;
  dataDir: string;
  /** Dry run: check only, as for a file with errors. */
  dryRun?: boolean;
}

export interface JobResult {
  seconds: number;
  outcome?: string;
  rowCount?: number;
  errorCount?: number;
  listed?: number;
  warnings?: number;
  firstProblem?: string;
  /** Peak RSS: the kernel's high-water mark for the process, and the highest 100 ms sample. */
  peakRssMb: number;
  sampledRssMb: number;
  phases?: Record<string, number>;
}

function highWaterMarkMb(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

async function run(job: Job): Promise<JobResult> {
  let sampled = 0;
  const sample = () => (sampled = Math.max(sampled, process.memoryUsage().rss));
  const timer = setInterval(sample, 100);
  try {
    if (job.kind === 'copy-pg') {
      const client = new pg.Client({ connectionString: job.url });
      await client.connect();
      try {
        const header = (await readFirstLine(job.file)).split(',');
        const columns = header.map(
          (h) =>
            `"${h}" ${h === 'period_start' || h === 'period_end' ? 'date' : h === 'value' ? 'double precision' : 'text'}`,
        );
        await client.query('drop table if exists bench_copy');
        await client.query(`create table bench_copy (${columns.join(', ')})`);
        const started = performance.now();
        await client.query('begin');
        await pipeline(
          fs.createReadStream(job.file, { highWaterMark: 256 * 1024 }),
          client.query(copyFrom('copy bench_copy from stdin with (format csv, header true)')),
        );
        await client.query('commit');
        const seconds = (performance.now() - started) / 1000;
        const n = await client.query<{ n: number }>('select count(*)::int as n from bench_copy');
        await client.query('drop table bench_copy');
        sample();
        return {
          seconds,
          rowCount: n.rows[0]?.n ?? 0,
          peakRssMb: highWaterMarkMb(),
          sampledRssMb: sampled / 2 ** 20,
        };
      } finally {
        await client.end();
      }
    }

    const config = loadConfig({ CLMD_DATA_DIR: job.dataDir, LOG_LEVEL: 'silent' });
    const handle =
      job.kind === 'submit-pg'
        ? await openDatabase({ url: job.url })
        : await openDatabase({ pgliteDir: path.join(job.dataDir, 'pglite') });
    try {
      const deps = buildDeps(config, handle);
      if (job.kind === 'submit-pglite') {
        await migrateToLatest(handle.db);
        await ensureBuiltIns(deps);
        await prepareBenchData(deps);
      }
      const started = performance.now();
      const report = await deps.returns.submitFile(systemActor('bench'), {
        organisationId: ORGANISATION,
        period: PERIOD,
        fileName: 'bench.csv',
        filePath: job.file,
        dryRun: job.dryRun ?? false,
      });
      const seconds = (performance.now() - started) / 1000;
      sample();
      const first = report.errors[0];
      return {
        seconds,
        outcome: report.outcome,
        rowCount: report.rowCount,
        errorCount: report.errorCount,
        listed: report.errors.length,
        warnings: report.warnings.length,
        ...(first ? { firstProblem: `row ${first.row}: ${first.message}` } : {}),
        peakRssMb: highWaterMarkMb(),
        sampledRssMb: sampled / 2 ** 20,
      };
    } finally {
      await handle.close();
    }
  } finally {
    clearInterval(timer);
  }
}

async function readFirstLine(file: string): Promise<string> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return text.slice(0, text.search(/\r?\n/));
  } finally {
    await handle.close();
  }
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
run(job).then(
  (result) => {
    process.stdout.write(`\n${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
