// How the CLI prints: aligned text tables for people, CSV and JSON for machines.
import { stringify } from 'csv-stringify/sync';

export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[], maxWidth = 60): string {
  const cells = rows.map((r) => columns.map((c) => clip(String(c.value(r) ?? ''), maxWidth)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

export function renderCsv<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  return stringify([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r) ?? ''))]);
}

/** Prints rows in the chosen format; json prints the objects themselves, not the columns. */
export function printRows<T>(rows: readonly T[], columns: readonly Column<T>[], format: Format): void {
  if (format === 'json') process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else if (format === 'csv') process.stdout.write(renderCsv(rows, columns));
  else process.stdout.write(renderTable(rows, columns) + '\n');
}

function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}
