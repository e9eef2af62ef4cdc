// Works out what an uploaded file really is from its first bytes, because people rename files: a PDF
// called returns.csv, an old .xls saved as .xlsx, a workbook called .csv. The content decides; the
// extension only turns "not a workbook" into a clearer message when the name promises one.
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../../platform/errors.ts';
import { guessEncoding, type CsvEncoding } from './decode-stream.ts';

/** Enough of the file to recognise it, guess its encoding and find the header's delimiter. */
const HEAD_BYTES = 64 * 1024;

export type FileFormat =
  | { format: 'xlsx'; size: number }
  | { format: 'csv'; size: number; encoding: CsvEncoding; delimiter: string };

export function fileError(fileName: string, message: string): ValidationError {
  return new ValidationError('The file could not be read.', [{ file: fileName, message }]);
}

const startsWith = (head: Buffer, bytes: readonly number[]): boolean =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
/** Compound File Binary: Excel 97–2003 .xls, and also password-protected .xlsx. */
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const UTF16_LE = [0xff, 0xfe];
const UTF16_BE = [0xfe, 0xff];

/** The delimiter used in the header line: Excel writes ";" or tabs in some settings. */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [delimiter, n] of counts) if (n > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}

export async function detectFormat(fileName: string, source: string): Promise<FileFormat> {
  const handle = await fs.promises.open(source, 'r');
  let head: Buffer;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const ext = path.extname(fileName).toLowerCase();
  const saysWorkbook = ext === '.xlsx' || ext === '.xlsm' || ext === '.xls';

  if (size === 0) {
    throw fileError(fileName, 'The file is empty. Fill in the template and upload it again');
  }
  if (startsWith(head, ZIP)) {
    // An OpenDocument spreadsheet is a zip too; its first entry names the type.
    if (head.subarray(0, 200).includes('application/vnd.oasis.opendocument')) {
      throw fileError(
        fileName,
        'This is an OpenDocument spreadsheet (.ods). In LibreOffice choose File > Save As, pick "Excel 2007-365 (.xlsx)" and upload that file',
      );
    }
    return { format: 'xlsx', size };
  }
  if (startsWith(head, EMPTY_ZIP)) {
    throw fileError(
      fileName,
      'The file is an empty zip archive, not a workbook. Upload the completed template',
    );
  }
  if (startsWith(head, CFB)) {
    throw fileError(
      fileName,
      'This is an Excel 97–2003 workbook (.xls) or a password-protected workbook. Remove any password, save it as "Excel Workbook (.xlsx)" and upload it again',
    );
  }
  if (startsWith(head, PDF)) {
    throw fileError(
      fileName,
      'This is a PDF, not a spreadsheet. Upload the template as an Excel workbook (.xlsx) or a CSV file',
    );
  }
  if (startsWith(head, UTF16_LE) || startsWith(head, UTF16_BE)) {
    throw fileError(
      fileName,
      'The file is saved as Unicode text (UTF-16). Open it in Excel, save it as "CSV UTF-8 (comma delimited)" and upload it again',
    );
  }
  // Text never contains NUL bytes; images, zips of other kinds and the like almost always do.
  if (head.includes(0)) {
    throw fileError(
      fileName,
      saysWorkbook
        ? 'The file is not an Excel workbook, although its name ends in ' +
            `${ext}. It may be damaged: open it in Excel, save it as "Excel Workbook (.xlsx)" and upload it again`
        : 'The file is not a CSV file or an Excel workbook. Upload the template as .xlsx or .csv',
    );
  }
  if (saysWorkbook) {
    throw fileError(
      fileName,
      `The file name ends in ${ext} but the file is text, not an Excel workbook. Rename it to end in .csv, or save it from Excel as "Excel Workbook (.xlsx)", and upload it again`,
    );
  }
  const encoding: CsvEncoding = guessEncoding(head);
  const text = new TextDecoder(encoding).decode(head);
  const newline = text.indexOf('\n');
  const delimiter = sniffDelimiter(newline < 0 ? text : text.slice(0, newline));
  return { format: 'csv', size, encoding, delimiter };
}
