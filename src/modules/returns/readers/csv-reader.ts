// Streams a long-format CSV return row by row. Files can have a million rows (~80 MB), so nothing holds
// more than one chunk at a time: bytes → DecodeCsvText → CsvRecords → RawReturnRow. Every cell is
// 'text' (or 'empty'): a CSV has no formulas or dates, only what was typed.
//
// Row numbers are the line a text editor shows (header = 1), so a quoted note running over three lines
// is reported at the line it starts on and the next row's number still matches the editor.
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import { CsvError } from 'csv-parse';
import { ValidationError } from '../../../platform/errors.ts';
import type { RawCell, RawReturnRow } from '../return-file.model.ts';
import { columnLetter } from './columns.ts';
import { CsvRecords } from './csv-records.ts';
import { DecodeCsvText, type CsvEncoding } from './decode-stream.ts';
import { fileError } from './detect-format.ts';
import { analyseHeader, type ColumnLayout } from './header-layout.ts';

const EMPTY: RawCell = Object.freeze({ kind: 'empty', text: '' }) as RawCell;

function cell(text: string | undefined): RawCell {
  if (text === undefined || text === '' || text.trim() === '') return EMPTY;
  return { kind: 'text', text };
}

function buildRow(record: string[], layout: ColumnLayout, location: RawReturnRow['location']): RawReturnRow {
  // Plain loops and no closures: this runs a million times for a large file.
  const f = layout.fields;
  // Only the breakdown cells filled in: an absent one is blank, and most of a row's are.
  const breakdown: Record<string, RawCell> = {};
  for (const [id, index] of layout.dimensions) {
    const c = cell(record[index]);
    if (c !== EMPTY) breakdown[id] = c;
  }
  const row: RawReturnRow = {
    location,
    columns: layout.labels,
    indicator: f.indicator === undefined ? EMPTY : cell(record[f.indicator]),
    area: f.area === undefined ? EMPTY : cell(record[f.area]),
    periodStart: f.periodStart === undefined ? EMPTY : cell(record[f.periodStart]),
    periodEnd: f.periodEnd === undefined ? EMPTY : cell(record[f.periodEnd]),
    breakdown,
    value: f.value === undefined ? EMPTY : cell(record[f.value]),
    note: f.note === undefined ? EMPTY : cell(record[f.note]),
  };
  // Cells beyond the header, or under a blank heading, have nowhere to go; usually they are the rest
  // of a note that contains a comma but no quotes.
  for (let i = layout.headers.length; i < record.length; i++) extraCell(row, record, i);
  for (const i of layout.blank) extraCell(row, record, i);
  return row;
}

function extraCell(row: RawReturnRow, record: string[], index: number): void {
  const text = record[index]?.trim();
  if (!text) return;
  (row.problems ??= []).push({
    file: row.location.file,
    row: row.location.row,
    column: columnLetter(index),
    message: `Column ${columnLetter(index)} has ${JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)} but no heading. If a note contains a comma, put the whole note in double quotes; otherwise delete the cell`,
  });
}

/**
 * Line breaks inside quoted cells, so the next row's number is still its line in a text editor.
 * (csv-parse's own line count comes with its `info` option, which copies an object per record and
 * doubled the time to read a million rows.)
 */
function embeddedLineBreaks(record: string[]): number {
  let n = 0;
  for (const c of record) {
    if (c.length === 0) continue;
    for (let i = c.indexOf('\n'); i >= 0; i = c.indexOf('\n', i + 1)) n++;
  }
  return n;
}

function isBlankRecord(record: string[]): boolean {
  for (const c of record) if (c !== '' && c.trim() !== '') return false;
  return true;
}

function parseFailure(fileName: string, error: unknown, startLine: number): ValidationError {
  if (error instanceof ValidationError) return error;
  const code = error instanceof CsvError ? error.code : undefined;
  const message =
    code === 'CSV_QUOTE_NOT_CLOSED' || code === 'CSV_MAX_RECORD_SIZE'
      ? 'A double quote (") on this row opens a quoted value that is never closed. Remove the stray quote, or close it'
      : `The file could not be read as CSV (${error instanceof Error ? error.message : String(error)}). Save it from Excel as "CSV UTF-8 (comma delimited)" and upload it again`;
  return new ValidationError('The file could not be read.', [{ file: fileName, row: startLine, message }]);
}

/**
 * The records of the next chunk, in `out`; `more` is false at the end of the file. A record that cannot
 * be read comes back as the failure, after the records before it, so that its line is known.
 */
async function nextRecords(
  chunks: AsyncIterator<string>,
  splitter: CsvRecords,
  out: string[][],
): Promise<{ more: boolean; failure?: unknown }> {
  const chunk = await chunks.next();
  out.length = 0;
  try {
    if (chunk.done) splitter.end(out);
    else splitter.push(chunk.value, out);
    return { more: !chunk.done };
  } catch (error) {
    return { more: false, failure: error };
  }
}

/**
 * Rows handed on together: few enough that they are garbage before the young generation is collected
 * (a whole chunk's rows at once would survive into the old one, and the process would grow by 100 MB).
 */
const BATCH_ROWS = 500;

/** The rows of a CSV return, in batches (a promise per batch, not per row). */
export async function* readCsvRows(
  fileName: string,
  source: string,
  format: { encoding: CsvEncoding; delimiter: string },
): AsyncGenerator<RawReturnRow[]> {
  const input = fs.createReadStream(source, { highWaterMark: 256 * 1024 });
  const decoder = new DecodeCsvText(format.encoding, fileName);
  // The callback keeps a failure from becoming an unhandled rejection: the loop below sees it anyway.
  pipeline(input, decoder, () => undefined);
  const splitter = new CsvRecords(format.delimiter);

  let layout: ColumnLayout | undefined;
  let lastLine = 0;
  let dataRows = 0;
  try {
    const chunks = decoder[Symbol.asyncIterator]() as AsyncIterator<string>;
    const records: string[][] = [];
    for (let more = true; more;) {
      const next = await nextRecords(chunks, splitter, records);
      more = next.more;
      let rows: RawReturnRow[] = [];
      for (const record of records) {
        const line = lastLine + 1;
        lastLine = line + embeddedLineBreaks(record);
        if (isBlankRecord(record)) continue;
        if (!layout) {
          const analysed = analyseHeader(record, { file: fileName, row: line });
          if (analysed.problems.length > 0) {
            throw new ValidationError('The file does not have the columns of a return.', analysed.problems);
          }
          layout = analysed.layout;
          continue;
        }
        dataRows++;
        rows.push(buildRow(record, layout, { file: fileName, row: line }));
        if (rows.length === BATCH_ROWS) {
          yield rows;
          rows = [];
        }
      }
      if (rows.length) yield rows;
      if (next.failure !== undefined) throw next.failure;
    }
  } catch (error) {
    throw parseFailure(fileName, error, lastLine + 1);
  } finally {
    // Leaving early (the consumer stopped, or a problem) must release the file.
    decoder.destroy();
    input.destroy();
  }
  if (!layout) throw fileError(fileName, 'The file is empty. Fill in the template and upload it again');
  if (dataRows === 0) {
    throw new ValidationError('The file could not be read.', [
      {
        file: fileName,
        row: 2,
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
  }
}
