// What every benchmark shares: the PostgreSQL server to use, admin statements, a free port, number
// formats and the results table. Benchmarks print figures; they are not tests (DESIGN.md §9).
import net from 'node:net';
import pg from 'pg';

export const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchLine {
  what: string;
  figure: string;
  target: string;
  pass?: boolean;
}

export interface BenchSection {
  lines: BenchLine[];
  notes: string[];
}

export const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

export const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const int = (n: number) => Math.round(n).toLocaleString('en-GB');

/** Runs one statement on the server's maintenance database (create or drop a bench database). */
export async function admin(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** The URL of a database of this name on the bench server. */
export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function printTable(lines: readonly BenchLine[]): void {
  const widths = [
    Math.max(...lines.map((l) => l.what.length)),
    Math.max(...lines.map((l) => l.figure.length)),
    Math.max(...lines.map((l) => l.target.length)),
  ];
  const row = (a: string, b: string, c: string, d: string) =>
    `${a.padEnd(widths[0]!)}  ${b.padStart(widths[1]!)}  ${c.padEnd(widths[2]!)}  ${d}`;
  console.log(row('measure', 'figure', 'target', 'result'));
  console.log(row('-'.repeat(widths[0]!), '-'.repeat(widths[1]!), '-'.repeat(widths[2]!), '------'));
  for (const l of lines) {
    console.log(row(l.what, l.figure, l.target, l.pass === undefined ? '' : l.pass ? 'PASS' : 'MISS'));
  }
}
