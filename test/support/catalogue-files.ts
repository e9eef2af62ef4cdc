// Catalogue files for tests: an export of the built-in catalogue, and the bad files users produce from it
// (DESIGN.md §9), made in memory with exceljs so no binary fixture has to be kept in step with the code.
import ExcelJS from 'exceljs';
import { BUILT_IN_CATALOGUE } from '../../src/modules/catalogue/catalogue.builtin.ts';
import { writeCatalogueCsv, writeCatalogueXlsx } from '../../src/modules/catalogue/catalogue.spreadsheet.ts';

let cached: Promise<Buffer> | undefined;

/** The built-in catalogue as the Dataset workbook (version 1). */
export function builtInWorkbook(): Promise<Buffer> {
  cached ??= writeCatalogueXlsx(BUILT_IN_CATALOGUE, 1);
  return cached;
}

/** The built-in export, changed by `change` and saved again. */
export async function alteredWorkbook(
  change: (wb: ExcelJS.Workbook) => void | Promise<void>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await builtInWorkbook()) as unknown as ExcelJS.Buffer);
  await change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** Text as Windows-1252 bytes (Excel's "CSV (Comma delimited)" on an English Windows). */
export function encodeWindows1252(text: string): Buffer {
  // Latin-1 below 256, plus the Windows-1252 bytes for the typographic characters the catalogue uses.
  const special: Record<string, number> = {
    '€': 0x80,
    '‘': 0x91,
    '’': 0x92,
    '“': 0x93,
    '”': 0x94,
    '–': 0x96,
    '—': 0x97,
  };
  return Buffer.from(
    [...text].map((ch) => {
      const b = special[ch] ?? ch.charCodeAt(0);
      if (b > 0xff || (b >= 0x80 && b <= 0x9f && !(ch in special)))
        throw new Error(`"${ch}" has no Windows-1252 byte`);
      return b;
    }),
  );
}

export function builtInCsv(): string {
  return writeCatalogueCsv(BUILT_IN_CATALOGUE);
}

/** The first row of an indicator on either sheet: indicator i (0-based) is on row i + 2. */
export const rowOf = (index: number) => index + 2;

/** Bad files that must be refused as a whole, by name, for tests that only need "it fails". */
export async function badFiles(): Promise<{ name: string; file: string; bytes: Buffer }[]> {
  const xlsx = await builtInWorkbook();
  return [
    {
      name: 'misnamed header',
      file: 'misnamed.xlsx',
      bytes: await alteredWorkbook((wb) => {
        sheet(wb, 'Dataset').getCell('G1').value = 'Caveat';
      }),
    },
    {
      name: 'unknown category',
      file: 'category.xlsx',
      bytes: await alteredWorkbook((wb) => {
        sheet(wb, 'Dataset').getCell('A5').value = 'Gangs';
      }),
    },
    {
      name: 'period kind fortnight',
      file: 'period.xlsx',
      bytes: await alteredWorkbook((wb) => {
        sheet(wb, 'Machine fields').getCell('J10').value = 'fortnight';
      }),
    },
    {
      name: 'missing Machine fields sheet',
      file: 'no-machine.xlsx',
      bytes: await alteredWorkbook((wb) => {
        wb.removeWorksheet(sheet(wb, 'Machine fields').id);
      }),
    },
    { name: 'corrupt zip', file: 'corrupt.xlsx', bytes: xlsx.subarray(0, Math.floor(xlsx.length / 2)) },
    { name: 'empty file', file: 'empty.xlsx', bytes: Buffer.alloc(0) },
    { name: 'PDF', file: 'catalogue.pdf', bytes: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n', 'latin1') },
  ];
}
