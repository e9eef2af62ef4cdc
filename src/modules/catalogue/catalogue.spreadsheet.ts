// The catalogue as files people edit and exchange: the Dataset workbook (XLSX), a flat CSV and JSON.
// Writing and reading are exact inverses: reading what was written gives back the same indicators.
// Reading a file someone edited reports every problem, located by sheet, row and column, in one
// ValidationError; nothing is saved here, the catalogue service decides what becomes a new version.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { decodeText, tableFromCsv } from './catalogue.csv-reader.ts';
import {
  CatalogueFileError,
  indicatorsFromFlatTable,
  indicatorsFromWorkbook,
  sentence,
} from './catalogue.import-rows.ts';
import { CATEGORIES, SPREADSHEET_COLUMNS, type Indicator } from './catalogue.model.ts';
import { validateCatalogue } from './catalogue.schema.ts';
import {
  ABOUT_SHEET,
  CSV_HEADERS,
  DATASET_HEADERS,
  DATASET_SHEET,
  DATASET_WIDTHS,
  MACHINE_COLUMNS,
  MACHINE_SHEET,
  MACHINE_SHEET_HEADERS,
  MAX_CELL_LENGTH,
  columnLetter,
} from './catalogue.sheet-layout.ts';
import { CORRUPT_WORKBOOK, readWorkbookTables } from './catalogue.xlsx-reader.ts';

export const CATALOGUE_FORMATS = ['xlsx', 'csv', 'json'] as const;
export type CatalogueFormat = (typeof CATALOGUE_FORMATS)[number];

export const CONTENT_TYPES: Record<CatalogueFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Byte-order mark put in front of CSV files so that Excel reads them as UTF-8. */
export const UTF8_BOM = '\uFEFF';

export const FILE_PROBLEMS = 'The catalogue file has problems. Nothing was changed.';

export function exportFileName(version: number, format: CatalogueFormat): string {
  return `clmd-catalogue-v${version}.${format}`;
}

// ---------------------------------------------------------------------------------------------------
// Writing

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };
/** Rows below the last indicator that still offer the drop-down lists, for indicators added by hand. */
const SPARE_ROWS = 100;

function styleHeader(ws: ExcelJS.Worksheet): void {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = HEADER_FILL;
    cell.border = { bottom: { style: 'thin', color: { argb: 'FFB1B4B6' } } };
  });
}

function dropDown(
  ws: ExcelJS.Worksheet,
  col: number,
  rows: number,
  values: readonly string[],
  noun: string,
): void {
  const formula = `"${values.join(',')}"`;
  if (formula.length > 255) return; // Excel's limit for a typed list; the reader checks the values anyway.
  for (let row = 2; row <= rows + 1 + SPARE_ROWS; row++) {
    ws.getCell(row, col).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [formula],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: `Not an allowed ${noun}`,
      error: `Choose a ${noun} from the list.`,
    };
  }
}

function aboutSheet(
  wb: ExcelJS.Workbook,
  indicators: readonly Indicator[],
  version: number | undefined,
): void {
  const ws = wb.addWorksheet(ABOUT_SHEET);
  ws.columns = [{ width: 26 }, { width: 90 }, { width: 50 }];
  const add = (values: (string | number)[], bold = false) => {
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    if (bold) row.font = { bold: true };
  };
  ws.addRow(['Recommended Minimum Dataset: indicator catalogue']).font = { bold: true, size: 14 };
  add(['Catalogue version', version ?? 'not saved']);
  add(['Exported', new Date().toISOString()]);
  add(['Indicators', indicators.length]);
  add([]);
  add(['How to change the catalogue'], true);
  const steps = [
    `Edit the indicators on the "${DATASET_SHEET}" sheet. Keep the headings in row 1 and the columns in order: ${DATASET_HEADERS.join(', ')}. Only Caveats and Combinations may be left empty.`,
    `Every indicator also needs a row on the "${MACHINE_SHEET}" sheet, matched on the Indicator text: column A there must be exactly the text in column B of the "${DATASET_SHEET}" sheet. If you change an indicator's text, change it on both sheets.`,
    `To add an indicator, add a row to both sheets and give it a new Id. Never change or reuse an existing Id: returns and observations refer to it.`,
    `To remove an indicator, delete its row from both sheets.`,
    'Type values, not formulas, and do not merge cells. Lists (area levels, dimensions, combination ids, suppliers) are separated by semicolons.',
    'Save the workbook as an Excel workbook (.xlsx) and import it with: clmd catalogue import FILE. Add --dry-run to see the changes first without saving them.',
    'Nothing is changed unless the whole file is valid: every problem is listed with its sheet, row and column. A valid file creates a new catalogue version; earlier versions stay available.',
    `Other sheets, such as this one, are ignored when the workbook is imported.`,
  ];
  steps.forEach((s, i) => add([`Step ${i + 1}`, s]));
  add([]);
  add(['Allowed values', '', 'What it is'], true);
  add([`Category (${DATASET_SHEET} column A)`, CATEGORIES.join('; '), 'The category of the indicator.']);
  MACHINE_COLUMNS.forEach((m) => {
    const letter = columnLetter(MACHINE_SHEET_HEADERS.indexOf(m.header));
    add([
      `${m.header} (${MACHINE_SHEET} column ${letter})`,
      m.allowed ? m.allowed.join('; ') : 'Text',
      m.guide,
    ]);
  });
}

/** The catalogue as the Dataset workbook: columns A–H, the machine fields, and a guide to editing it. */
export async function writeCatalogueXlsx(
  indicators: readonly Indicator[],
  version?: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'clmd';
  wb.lastModifiedBy = 'clmd';
  wb.created = new Date();
  wb.modified = wb.created;
  wb.title = `Recommended Minimum Dataset catalogue${version ? ` version ${version}` : ''}`;

  const dataset = wb.addWorksheet(DATASET_SHEET, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  dataset.columns = SPREADSHEET_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: DATASET_WIDTHS[c.key],
    style: { alignment: { vertical: 'top', wrapText: true } },
  }));
  for (const i of indicators) dataset.addRow(SPREADSHEET_COLUMNS.map((c) => i[c.key]));
  styleHeader(dataset);
  dataset.autoFilter = `A1:${columnLetter(SPREADSHEET_COLUMNS.length - 1)}1`;
  dropDown(dataset, 1, indicators.length, CATEGORIES, 'category');

  const machine = wb.addWorksheet(MACHINE_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  machine.columns = [
    { header: 'Indicator', width: DATASET_WIDTHS.name },
    ...MACHINE_COLUMNS.map((m) => ({ header: m.header, width: m.width })),
  ].map((c) => ({ ...c, style: { alignment: { vertical: 'top' as const, wrapText: true } } }));
  for (const i of indicators) machine.addRow([i.name, ...MACHINE_COLUMNS.map((m) => m.write(i))]);
  styleHeader(machine);
  machine.autoFilter = `A1:${columnLetter(MACHINE_COLUMNS.length)}1`;
  MACHINE_COLUMNS.forEach((m, i) => {
    if (m.kind === 'choice' && m.allowed) dropDown(machine, i + 2, indicators.length, m.allowed, m.noun);
  });

  aboutSheet(wb, indicators, version);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The catalogue as one flat CSV table: columns A–H, then the machine fields (no byte-order mark). */
export function writeCatalogueCsv(indicators: readonly Indicator[]): string {
  return stringify(
    [
      [...CSV_HEADERS],
      ...indicators.map((i) => [
        ...SPREADSHEET_COLUMNS.map((c) => i[c.key]),
        ...MACHINE_COLUMNS.map((m) => m.write(i)),
      ]),
    ],
    { record_delimiter: 'windows' },
  );
}

export interface CatalogueJson {
  catalogueVersion: number | null;
  exportedAt: string;
  indicators: Indicator[];
}

export function toCatalogueJson(indicators: readonly Indicator[], version?: number): CatalogueJson {
  return {
    catalogueVersion: version ?? null,
    exportedAt: new Date().toISOString(),
    indicators: [...indicators],
  };
}

// ---------------------------------------------------------------------------------------------------
// Reading

const SUPPORTED =
  'Import the catalogue as an Excel workbook (.xlsx), a CSV file (.csv) or a JSON file (.json).';

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return signature.every((b, i) => bytes[i] === b);
}

type Detected = { kind: 'xlsx' } | { kind: 'text'; text: string; json: boolean };

/** What the file is, from its first bytes and then its name; a problem when it cannot be a catalogue. */
function detect(file: string, bytes: Buffer): Detected {
  const ext = path.extname(file).toLowerCase();
  const fail = (message: string): never => {
    throw new CatalogueFileError([{ file, message }]);
  };
  if (bytes.length === 0) return fail(`The file is empty. ${SUPPORTED}`);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (bytes.subarray(30, 90).toString('latin1').includes('application/vnd.oasis.opendocument')) {
      return fail(
        'The file is an OpenDocument spreadsheet (.ods). Open it in LibreOffice, save it as an Excel workbook (.xlsx) and import that.',
      );
    }
    return { kind: 'xlsx' };
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    return fail(`The file is a PDF, not a spreadsheet. ${SUPPORTED}`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(
      'The file is an Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import that.',
    );
  }
  if (ext === '.xlsx' || ext === '.xlsm') return fail(CORRUPT_WORKBOOK);
  if (!['.csv', '.txt', '.json', ''].includes(ext))
    return fail(`Files of type "${ext}" cannot be imported. ${SUPPORTED}`);
  const text = decodeText(bytes);
  if (text.includes('\u0000')) return fail(`The file is not a spreadsheet or a text file. ${SUPPORTED}`);
  if (!text.trim()) return fail(`The file is empty. ${SUPPORTED}`);
  const first = text.replace(/^\uFEFF/, '').trimStart()[0];
  return { kind: 'text', text, json: ext === '.json' || first === '{' || first === '[' };
}

const KNOWN_FIELDS: (keyof Indicator)[] = [
  'id',
  ...SPREADSHEET_COLUMNS.map((c) => c.key),
  ...new Set(MACHINE_COLUMNS.map((m) => m.field).filter((f) => f !== 'id')),
];

function fieldLabel(field: keyof Indicator | undefined): string {
  return (
    SPREADSHEET_COLUMNS.find((c) => c.key === field)?.header ??
    MACHINE_COLUMNS.find((m) => m.field === field && m.provenancePart === undefined)?.header ??
    (field === 'provenance' ? 'Provenance' : 'This indicator')
  );
}

/** Only the fields of an indicator, so nothing unexpected in a hand-edited JSON file reaches the database. */
function pickIndicator(raw: Record<string, unknown>): Indicator {
  const picked: Record<string, unknown> = {};
  for (const f of KNOWN_FIELDS) picked[f] = raw[f];
  const p = raw.provenance;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const { kind, row, section, note } = p as Record<string, unknown>;
    picked.provenance = {
      kind,
      ...(row !== undefined && row !== null ? { row } : {}),
      ...(section !== undefined && section !== null ? { section } : {}),
      note,
    };
  }
  return picked as unknown as Indicator;
}

function indicatorsFromJson(file: string, text: string): Indicator[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new CatalogueFileError([
      {
        file,
        message: `The file is not valid JSON (${(error as Error).message}). Correct it, or export the catalogue again.`,
      },
    ]);
  }
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { indicators?: unknown }).indicators)
      ? (data as { indicators: unknown[] }).indicators
      : undefined;
  if (!list) {
    throw new CatalogueFileError([
      {
        file,
        message:
          'The JSON file has no list of indicators. Use the layout of a JSON export: { "catalogueVersion": 1, "exportedAt": "…", "indicators": [ … ] }.',
      },
    ]);
  }
  if (!list.length) throw new CatalogueFileError([{ file, message: 'The JSON file has no indicators.' }]);
  const problems: Problem[] = [];
  const indicators = list.map((raw, index) => {
    if (raw && typeof raw === 'object' && !Array.isArray(raw))
      return pickIndicator(raw as Record<string, unknown>);
    problems.push({
      file,
      field: `indicators[${index}]`,
      message: `Indicator ${index + 1} must be an object.`,
    });
    return undefined;
  });
  const valid = indicators.filter((i): i is Indicator => i !== undefined);
  if (problems.length) throw new CatalogueFileError(problems);
  for (const p of validateCatalogue(valid)) {
    const id = valid[p.index]?.id;
    problems.push({
      file,
      field: `indicators[${p.index}]${p.field ? `.${p.field}` : ''}`,
      message: `Indicator ${p.index + 1}${typeof id === 'string' && id ? ` (${id})` : ''}: ${sentence(fieldLabel(p.field), p.message)}`,
    });
  }
  for (const [index, i] of valid.entries()) {
    for (const f of SPREADSHEET_COLUMNS) {
      const value = i[f.key];
      if (typeof value === 'string' && value.length > MAX_CELL_LENGTH) {
        problems.push({
          file,
          field: `indicators[${index}].${f.key}`,
          message: `Indicator ${index + 1}: ${f.header} is ${value.length.toLocaleString('en-GB')} characters long. Shorten it to ${MAX_CELL_LENGTH.toLocaleString('en-GB')} characters or fewer.`,
        });
      }
    }
  }
  if (problems.length) throw new CatalogueFileError(problems);
  return valid;
}

/**
 * Reads a catalogue file (XLSX, CSV or JSON, recognised by its content and name) into indicators.
 * Throws one ValidationError listing every problem; returns only a catalogue that validateCatalogue accepts.
 */
export async function readCatalogueFile(fileName: string, bytes: Buffer): Promise<Indicator[]> {
  const file = path.basename(fileName);
  try {
    const detected = detect(file, bytes);
    if (detected.kind === 'xlsx') {
      const tables = await readWorkbookTables(file, bytes);
      if ('flat' in tables) return indicatorsFromFlatTable(tables.flat, CSV_HEADERS);
      return indicatorsFromWorkbook(tables.dataset, tables.machine);
    }
    if (detected.json) return indicatorsFromJson(file, detected.text);
    return indicatorsFromFlatTable(tableFromCsv(file, detected.text, CSV_HEADERS), CSV_HEADERS);
  } catch (error) {
    if (error instanceof CatalogueFileError) throw new ValidationError(FILE_PROBLEMS, error.problems);
    throw error;
  }
}
