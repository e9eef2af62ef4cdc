// Streams a CSV file row by row and finds its columns by header, accepting our snake_case headers
// and the official ones ("LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank …"),
// case-insensitively and with or without a UTF-8 byte-order mark.
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { ProblemList } from './reference-problems.ts';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted headers; the first is the one we suggest when the column is missing. */
  names: readonly string[];
  required: boolean;
  /** Plain-English name for messages, e.g. "IMD rank". */
  label: string;
}

/** Lower case, single spaces, no BOM, and without the official "(where 1 is most deprived …)" tails. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\(where 1 is most deprived[^)]*\)$/, '');
}

export interface CsvRow<K extends string> {
  /** 1-based as a spreadsheet shows it: the header is row 1. */
  readonly row: number;
  /** The trimmed cell, or undefined when the file has no such column. */
  get(key: K): string | undefined;
  /** The header as written in the file, for messages. */
  header(key: K): string;
}

export interface CsvSummary {
  /** Data rows read (blank rows excluded). */
  rows: number;
}

/** Which header each spec matched; undefined when a required column is missing (already reported). */
export function matchColumns<K extends string>(
  headers: readonly string[],
  columns: readonly ColumnSpec<K>[],
): { found: Map<K, number>; missing: ColumnSpec<K>[] } {
  const normalised = headers.map(normaliseHeader);
  const found = new Map<K, number>();
  const missing: ColumnSpec<K>[] = [];
  for (const c of columns) {
    const index = normalised.findIndex((h) => c.names.some((n) => normaliseHeader(n) === h));
    if (index >= 0) found.set(c.key, index);
    else if (c.required) missing.push(c);
  }
  return { found, missing };
}

/** Reads the first line of a CSV: enough to recognise a file by its headers. */
export async function readHeaderLine(absolutePath: string): Promise<string[]> {
  const handle = await fs.promises.open(absolutePath, 'r');
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
    try {
      const [record] = await parseText(firstLine);
      return record ?? [];
    } catch {
      return []; // not a CSV we can recognise; it will simply not match any source
    }
  } finally {
    await handle.close();
  }
}

async function parseText(text: string): Promise<string[][]> {
  const records: string[][] = [];
  for await (const r of parse(text, { bom: true, relax_column_count: true, relax_quotes: true })) {
    records.push(r as string[]);
  }
  return records;
}

/**
 * Calls onRow for every non-blank data row. Reports an empty file, a file with only a header and
 * missing required columns to `problems` (then reads no rows). Returns undefined when the file
 * could not be read as a table.
 */
export async function readCsv<K extends string>(
  file: { path: string; absolutePath: string },
  columns: readonly ColumnSpec<K>[],
  problems: ProblemList,
  onRow: (row: CsvRow<K>) => void,
): Promise<CsvSummary | undefined> {
  // Blank lines are kept (not skipped by the parser) so row numbers match what a spreadsheet shows.
  const source = fs.createReadStream(file.absolutePath);
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));
  let headers: string[] | undefined;
  let found = new Map<K, number>();
  let rowNumber = 0;
  let rows = 0;
  let reportedEncoding = false;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (!headers) {
        if (record.every((cell) => cell.trim() === '')) continue; // leading blank lines
        headers = record;
        const matched = matchColumns(headers, columns);
        for (const c of matched.missing) {
          problems.add({
            file: file.path,
            row: rowNumber,
            column: c.names[0],
            message: `The ${c.label} column is missing. Add a column headed "${c.names[0]}"${
              c.names[1] ? ` (or "${c.names[1]}" as in the official file)` : ''
            }`,
          });
        }
        if (matched.missing.length) return undefined;
        found = matched.found;
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      if (!reportedEncoding && record.some((cell) => cell.includes('\uFFFD'))) {
        reportedEncoding = true;
        problems.add({
          file: file.path,
          row: rowNumber,
          message:
            'The file is not saved as UTF-8. Save it as "CSV UTF-8 (comma delimited)" and import it again',
        });
      }
      rows += 1;
      const cells = record;
      const header = headers;
      const row = rowNumber;
      onRow({
        row,
        get: (key) => {
          const i = found.get(key);
          return i === undefined ? undefined : (cells[i] ?? '').trim();
        },
        header: (key) => {
          const i = found.get(key);
          return i === undefined ? String(key) : (header[i] ?? String(key)).replace(/^\uFEFF/, '').trim();
        },
      });
    }
  } catch (error) {
    problems.add({
      file: file.path,
      row: rowNumber + 1,
      message: `The file could not be read as CSV (${error instanceof Error ? error.message : String(error)}). Save it as CSV from Excel and import it again`,
    });
    return undefined;
  } finally {
    // Leaving the loop early stops the parser but not the file stream feeding it.
    source.destroy();
  }
  if (!headers) {
    problems.add({
      file: file.path,
      row: 1,
      message: 'The file is empty. It must have a header row and a row for each area',
    });
    return undefined;
  }
  if (rows === 0) {
    problems.add({
      file: file.path,
      row: 2,
      message: 'The file has a header row but no data. Add a row for each area',
    });
    return undefined;
  }
  return { rows };
}
