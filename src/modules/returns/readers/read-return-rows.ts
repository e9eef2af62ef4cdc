// The one way into a return file: works out whether it is a workbook or a CSV from its content (people
// rename files), then reads it with the matching reader. File-level problems (empty, not a spreadsheet,
// damaged, wrong headings, another organisation's template, no data rows) are thrown as a
// ValidationError naming the file; everything about a single row is left to the row validator.
//
// Problems found only while reading (no data rows; a CSV that changes encoding part-way) are thrown when
// they are found, so a consumer must be ready for the iteration to throw after some rows.
import type { RawReturnRow } from '../return-file.model.ts';
import { readCsvRows } from './csv-reader.ts';
import { detectFormat } from './detect-format.ts';
import { readXlsxRows, type ExpectedTemplate } from './xlsx-reader.ts';

export interface ReadReturnOptions {
  /** When given, a workbook made from the template for another organisation or period is refused. */
  expected?: ExpectedTemplate;
}

export type { ExpectedTemplate };

/**
 * Rows of a return file on disk, in batches (a chunk of a CSV, up to a thousand rows of a workbook), so
 * that a million-row file costs a few hundred promises rather than a million. `fileName` is the name
 * the user knows (for messages and the extension); `source` is where the file is. Nothing is opened
 * until the batches are iterated.
 */
export async function* readReturnBatches(
  fileName: string,
  source: string,
  options: ReadReturnOptions = {},
): AsyncGenerator<RawReturnRow[]> {
  const format = await detectFormat(fileName, source);
  yield* format.format === 'xlsx'
    ? readXlsxRows(fileName, source, format.size, options.expected)
    : readCsvRows(fileName, source, format);
}

/** Rows of a return file on disk, one at a time. */
export async function* readReturnRows(
  fileName: string,
  source: string,
  options: ReadReturnOptions = {},
): AsyncGenerator<RawReturnRow> {
  for await (const batch of readReturnBatches(fileName, source, options)) yield* batch;
}
