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
 * Rows of a return file on disk. `fileName` is the name the user knows (for messages and the
 * extension); `source` is where the file is. Nothing is opened until the rows are iterated.
 */
export function readReturnRows(
  fileName: string,
  source: string,
  options: ReadReturnOptions = {},
): AsyncIterable<RawReturnRow> {
  return {
    [Symbol.asyncIterator]() {
      // The reader's own generator is handed out directly once the format is known, rather than
      // wrapped in another generator: that would add a promise per row to a million-row file.
      let inner: AsyncGenerator<RawReturnRow> | undefined;
      const open = async (): Promise<AsyncGenerator<RawReturnRow>> => {
        const format = await detectFormat(fileName, source);
        return format.format === 'xlsx'
          ? readXlsxRows(fileName, source, format.size, options.expected)
          : readCsvRows(fileName, source, format);
      };
      return {
        async next() {
          inner ??= await open();
          return inner.next();
        },
        async return() {
          if (inner) await inner.return(undefined);
          return { done: true, value: undefined };
        },
      };
    },
  };
}
