// Reads a catalogue CSV into a text table, whatever Excel or LibreOffice saved it as: UTF-8 with or
// without a byte-order mark, Windows-1252 ("CSV (Comma delimited)" in Excel), UTF-16 ("Unicode text"),
// and comma, semicolon or tab separators.
import { parse } from 'csv-parse/sync';
import {
  CatalogueFileError,
  cellProblem,
  headerLabel,
  type SourceRow,
  type SourceTable,
} from './catalogue.import-rows.ts';
import { MAX_CELL_LENGTH } from './catalogue.sheet-layout.ts';
import { tidyText, tooLong } from './catalogue.xlsx-reader.ts';

// Bytes 0x80–0x9F of Windows-1252 (the WHATWG table). Node 20's TextDecoder('windows-1252') decodes them as
// Latin-1 control characters, so curly quotes, en dashes and the euro sign would be lost; the rest is Latin-1.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes)
    text += String.fromCharCode(b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80]! : b);
  return text;
}

/** Text of a file: UTF-8 (byte-order mark removed) when it is valid UTF-8, else Windows-1252; UTF-16 by its mark. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** The separator the heading row uses most: comma, semicolon (Excel in many European locales) or tab. */
function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0]!.n > 0 ? counts[0]!.d : ',';
}

export function tableFromCsv(file: string, text: string, expected: readonly string[]): SourceTable {
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      bom: true,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new CatalogueFileError([
      {
        file,
        ...(line ? { row: line } : {}),
        message: `The file could not be read as CSV (${(error as Error).message}). Check for a quotation mark that is not closed, or save the file again from Excel or LibreOffice as "CSV UTF-8" and import it again.`,
      },
    ]);
  }
  const table: SourceTable = { file, sheet: undefined, headers: [], rows: [], problems: [], merged: false };
  records.forEach((record, i) => {
    const rowNumber = i + 1;
    const flagged = new Set<number>();
    const values = record.map((raw, col) => {
      const value = tidyText(raw);
      if (value.length > MAX_CELL_LENGTH) {
        flagged.add(col);
        table.problems.push(
          cellProblem(table, rowNumber, headerLabel(table, expected, col), tooLong(value.length)),
        );
        return '';
      }
      return value;
    });
    while (values.length && values[values.length - 1] === '' && !flagged.has(values.length - 1)) values.pop();
    if (rowNumber === 1) table.headers = values;
    else if (values.length || flagged.size) {
      const row: SourceRow = { row: rowNumber, values, flagged };
      table.rows.push(row);
    }
  });
  return table;
}
