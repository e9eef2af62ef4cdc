// Reads an ONS mid-year population estimate (CSV or XLSX) and sums the children aged 0 to 17 of the 32
// Pathfinder districts. Two layouts are understood:
//
// - wide, as ONS's MYE2 "Persons" table: columns Code, Name, Geography (or Geography1), All ages, then a
//   column per single year of age 0, 1, … 90 (snake_case and lower-case headings too); in a workbook the
//   table may sit under title rows, on a sheet among others ("MYE2 - Persons" is preferred);
// - long, as ONS's detailed time series: ladcode (ladcode21 …), laname, sex, age, population_YYYY (one or
//   more years), summed over sex (or the persons rows, where the file has them).
//
// Rows of other areas (England, regions, counties, other districts) are counted and ignored. Every
// problem is collected before anything is refused, with file, sheet, row and column. Nothing here touches
// the database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { DISTRICTS, DISTRICT_BY_CODE } from '../geography/geography.builtin.ts';
import { columnLetter } from '../returns/readers/columns.ts';
import { AGE_FROM, AGE_TO, type MyeLayout, type YearSource } from './population.model.ts';

/** ONS's estimates for every district in the UK are a few MB; this only stops a wrong file filling memory. */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;
export const MAX_XLSX_BYTES = 30 * 1024 * 1024;
/** Title rows above the headings in ONS workbooks: the headings are looked for in this many rows. */
const HEADER_SEARCH_ROWS = 30;
/** Beyond this many problems the list stops: the first ones show what is wrong. */
const MAX_PROBLEMS = 200;

/** Suffolk's districts merged in April 2019: estimates before mid-2019 use these codes. */
const OLD_SUFFOLK: ReadonlyMap<string, string> = new Map([
  ['E07000201', 'Forest Heath'],
  ['E07000204', 'St Edmundsbury'],
  ['E07000205', 'Suffolk Coastal'],
  ['E07000206', 'Waveney'],
]);

/** What a file held for the 32 districts. */
export interface PopulationFileData {
  sha256: string;
  layout: MyeLayout;
  /** The sheet read, for a workbook. */
  sheet: string | null;
  referenceYear: number;
  yearSource: YearSource;
  /** Data rows read (blank rows left out). */
  rowsRead: number;
  /** Rows of areas other than the 32 districts: counted and ignored. */
  otherAreaRows: number;
  /** Children aged AGE_FROM to AGE_TO by district code, all 32 districts. */
  children: Map<string, number>;
}

interface Row {
  /** As a spreadsheet or text editor numbers it. */
  number: number;
  cells: string[];
}

interface Table {
  sheet: string | null;
  rows: Row[];
}

type Source = { kind: 'option'; year: number } | { kind: 'none' };

/** A heading as compared: lower case, letters, digits and "+" only ("All ages" → "allages"). */
const key = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9+]/g, '');

const CODE_HEADER = /^(code|areacode|geographycode|ladcode\d*|lad\d{2}cd|lacode\d*)$/;
const NAME_HEADER = /^(name|areaname|geographyname|laname\d*|lad\d{2}nm)$/;
const AGE_NUMBER_HEADER = /^(?:age)?(\d{1,3})\+?$/;
const POPULATION_HEADER = /^population(\d{4})?$/;
const MID_YEAR = /mid[-\s_]?((?:19|20)\d{2})(?!\d)/i;
const PERSONS = new Set(['0', 'p', 'persons', 'person', 'all', 'allpersons', 'people', 'total']);

class Problems {
  readonly list: Problem[] = [];
  private more = 0;
  constructor(
    readonly file: string,
    private sheet: string | null = null,
  ) {}
  setSheet(sheet: string | null): void {
    this.sheet = sheet;
  }
  add(p: Omit<Problem, 'file' | 'sheet'>): void {
    if (this.list.length >= MAX_PROBLEMS) {
      this.more++;
      return;
    }
    this.list.push({ file: this.file, ...(this.sheet ? { sheet: this.sheet } : {}), ...p });
  }
  get count(): number {
    return this.list.length + this.more;
  }
  throwIfAny(): void {
    if (!this.count) return;
    const problems = [...this.list];
    if (this.more) {
      problems.push({
        file: this.file,
        message: `There are ${this.more.toLocaleString('en-GB')} more problems like these. Correct the ones listed and try again`,
      });
    }
    throw new ValidationError('The population estimates were not imported.', problems);
  }
}

function refuse(file: string, message: string, extra: Omit<Problem, 'file' | 'message'> = {}): never {
  throw new ValidationError('The population estimates were not imported.', [{ file, ...extra, message }]);
}

const startsWith = (head: Buffer, bytes: readonly number[]) =>
  head.length >= bytes.length && bytes.every((b, i) => head[i] === b);

function decodeText(bytes: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // "CSV (comma delimited)" from Excel on a British PC: names with accents are the only non-ASCII.
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

function sniffDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  let best = ',';
  let most = 0;
  for (const d of [',', ';', '\t']) {
    const n = line.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

function csvTable(fileName: string, bytes: Buffer): Table {
  const text = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: sniffDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      refuse(
        fileName,
        'The file could not be read as CSV: a quoted cell is not closed, or the file is not text. Open it in Excel, save it as "CSV UTF-8 (comma delimited)" and try again',
        line ? { row: line } : {},
      );
    }
    throw error;
  }
  return { sheet: null, rows: records.map((r) => ({ number: r.info.lines, cells: r.record })) };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return '';
    case ExcelJS.ValueType.Number:
      return String(value);
    case ExcelJS.ValueType.Date:
      return (value as Date).toISOString().slice(0, 10);
    case ExcelJS.ValueType.Formula: {
      const result = (value as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return '';
      if (typeof result === 'object' && 'error' in result) return String(result.error);
      return result instanceof Date ? result.toISOString().slice(0, 10) : String(result);
    }
    case ExcelJS.ValueType.Error:
      return String((value as ExcelJS.CellErrorValue).error);
    case ExcelJS.ValueType.Hyperlink:
      return String((value as ExcelJS.CellHyperlinkValue).text ?? '');
    case ExcelJS.ValueType.RichText:
      return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
    default:
      return value === null || value === undefined ? '' : String(value);
  }
}

async function xlsxTables(fileName: string, bytes: Buffer): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    refuse(
      fileName,
      'The file could not be opened as an Excel workbook: it may be damaged or only partly downloaded. Open it in Excel, save it as "Excel Workbook (.xlsx)" and try again, or download it from ONS again',
    );
  }
  return workbook.worksheets.map((sheet) => {
    const rows: Row[] = [];
    sheet.eachRow((row, number) => {
      const cells: string[] = [];
      row.eachCell((cell, col) => {
        cells[col - 1] = cellText(cell);
      });
      rows.push({ number, cells: Array.from({ length: cells.length }, (_, i) => cells[i] ?? '') });
    });
    return { sheet: sheet.name, rows };
  });
}

/** The bytes as tables (one per sheet), or a refusal saying what the file is instead. */
async function readTables(fileName: string, bytes: Buffer): Promise<Table[]> {
  const ext = path.extname(fileName).toLowerCase();
  if (bytes.length === 0) refuse(fileName, 'The file is empty. Choose the file of ONS mid-year estimates');
  const head = bytes.subarray(0, 8);
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) {
    if (bytes.length > MAX_XLSX_BYTES) {
      refuse(
        fileName,
        `The workbook is larger than ${MAX_XLSX_BYTES / 1024 / 1024} MB. Save the sheet of estimates for persons as CSV and import that`,
      );
    }
    return xlsxTables(fileName, bytes);
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    refuse(
      fileName,
      'This is an Excel 97–2003 workbook (.xls) or a password-protected workbook. Remove any password, save it as "Excel Workbook (.xlsx)" or CSV and try again',
    );
  }
  if (startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    refuse(fileName, 'The file is an empty zip archive, not a workbook. Choose the file of ONS estimates');
  }
  if (bytes.subarray(0, 64 * 1024).includes(0)) {
    refuse(
      fileName,
      ext === '.xlsx'
        ? 'The file is not an Excel workbook, although its name ends in .xlsx: it may be damaged. Open it in Excel, save it as "Excel Workbook (.xlsx)" and try again'
        : 'The file is not a CSV file or an Excel workbook. Choose the ONS estimates as .csv or .xlsx',
    );
  }
  if (ext === '.xlsx' || ext === '.xls') {
    refuse(
      fileName,
      `The file name ends in ${ext} but the file is text, not an Excel workbook. Rename it to end in .csv, or save it from Excel as "Excel Workbook (.xlsx)", and try again`,
    );
  }
  if (bytes.length > MAX_CSV_BYTES) {
    refuse(
      fileName,
      `The file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB: it cannot be ONS estimates of districts`,
    );
  }
  return [csvTable(fileName, bytes)];
}

const isBlank = (row: Row) => row.cells.every((c) => c.trim() === '');

function headerIndex(table: Table): number {
  const limit = Math.min(table.rows.length, HEADER_SEARCH_ROWS);
  for (let i = 0; i < limit; i++) {
    if (table.rows[i]!.cells.some((c) => CODE_HEADER.test(key(c)))) return i;
  }
  return -1;
}

interface Columns {
  headers: string[];
  code: number;
  name: number | undefined;
  allAges: number | undefined;
  /** Wide: age → the columns headed with it. */
  ages: Map<number, number[]>;
  /** Long: the age and sex columns and the population columns. */
  age: number | undefined;
  sex: number | undefined;
  populations: { index: number; year: number | null }[];
}

function columnsOf(headers: string[]): Columns {
  const keys = headers.map(key);
  const first = (test: (k: string) => boolean) => {
    const i = keys.findIndex(test);
    return i < 0 ? undefined : i;
  };
  const ages = new Map<number, number[]>();
  keys.forEach((k, i) => {
    const m = AGE_NUMBER_HEADER.exec(k);
    if (m) ages.set(Number(m[1]), [...(ages.get(Number(m[1])) ?? []), i]);
  });
  const populations: Columns['populations'] = [];
  keys.forEach((k, i) => {
    const m = POPULATION_HEADER.exec(k);
    if (m) populations.push({ index: i, year: m[1] ? Number(m[1]) : null });
  });
  return {
    headers,
    code: keys.findIndex((k) => CODE_HEADER.test(k)),
    name: first((k) => NAME_HEADER.test(k)),
    allAges: first((k) => k === 'allages'),
    ages,
    age: first((k) => k === 'age'),
    sex: first((k) => k === 'sex' || k === 'gender'),
    populations,
  };
}

type Count = { value: number } | { problem: string };

function parseCount(raw: string): Count {
  const text = raw.trim();
  if (text === '') return { problem: 'The cell is empty. Enter the number of people (0 if there are none)' };
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
  if (!/^-?\d+(\.\d+)?$/.test(plain)) {
    return {
      problem: `"${text.length > 30 ? `${text.slice(0, 29)}…` : text}" is not a number. Enter the number of people in digits, like 1234`,
    };
  }
  const value = Number(plain);
  if (value < 0) return { problem: `${text} is negative. A number of people cannot be below 0: correct it` };
  if (!Number.isInteger(value)) {
    return {
      problem: `${text} is not a whole number. ONS estimates are whole numbers of people: correct it`,
    };
  }
  return { value };
}

function parseYear(input: string | number | undefined, problems: Problems): Source {
  if (input === undefined) return { kind: 'none' };
  const text = String(input).trim();
  if (text === '') return { kind: 'none' };
  const year = Number(text);
  const thisYear = new Date().getUTCFullYear();
  if (!/^\d{4}$/.test(text) || year < 1981 || year > thisYear) {
    problems.add({
      field: 'year',
      message: `Enter the year of the estimates as four digits from 1981 to ${thisYear}, like 2022 (you gave "${text}")`,
    });
    return { kind: 'none' };
  }
  return { kind: 'option', year };
}

interface Location {
  at(row: Row, column?: number): Omit<Problem, 'file' | 'sheet' | 'message'>;
}

function locator(columns: Columns): Location {
  return {
    at(row, column) {
      if (column === undefined) return { row: row.number };
      const header = (columns.headers[column] ?? '').replace(/^\uFEFF/, '').trim();
      return {
        row: row.number,
        column: header ? `${columnLetter(column)} (${header})` : columnLetter(column),
      };
    },
  };
}

interface Counted {
  rowsRead: number;
  otherAreaRows: number;
  children: Map<string, number>;
  /** Codes of the 32 districts found, and Suffolk codes from before 2019. */
  found: Set<string>;
  oldSuffolk: Set<string>;
}

function nothingCounted(): Counted {
  return { rowsRead: 0, otherAreaRows: 0, children: new Map(), found: new Set(), oldSuffolk: new Set() };
}

/**
 * Counts a data row read and gives its district's code; null when the row is of another area
 * (counted as such, and noted when it is a Suffolk district from before 2019).
 */
function districtOf(row: Row, columns: Columns, counted: Counted): string | null {
  counted.rowsRead++;
  const code = (row.cells[columns.code] ?? '').trim().toUpperCase();
  if (!DISTRICT_BY_CODE.has(code)) {
    counted.otherAreaRows++;
    if (OLD_SUFFOLK.has(code)) counted.oldSuffolk.add(code);
    return null;
  }
  counted.found.add(code);
  return code;
}

function readWide(header: Row, data: Row[], columns: Columns, problems: Problems): Counted {
  const loc = locator(columns);
  const missing: number[] = [];
  for (let age = AGE_FROM; age <= AGE_TO; age++) {
    const at = columns.ages.get(age) ?? [];
    if (!at.length) missing.push(age);
    if (at.length > 1) {
      problems.add({
        ...loc.at(header, at[1]),
        message: `Age ${age} has ${at.length} columns (${at.map(columnLetter).join(', ')}). Keep one column for each single year of age`,
      });
    }
  }
  if (missing.length) {
    problems.add({
      row: header.number,
      message: `There is no column for age ${missing.join(', ')}. Each single year of age from ${AGE_FROM} to ${AGE_TO} needs a column headed with the age (0, 1, … ${AGE_TO}), as in ONS's MYE2 table for persons`,
    });
  }
  const counted = nothingCounted();
  if (problems.count) return counted;
  const seen = new Map<string, number>();
  for (const row of data) {
    const code = districtOf(row, columns, counted);
    if (code === null) continue;
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      problems.add({
        ...loc.at(row, columns.code),
        message: `${DISTRICT_BY_CODE.get(code)!.name} (${code}) is also on row ${earlier}. Keep one row for each district`,
      });
      continue;
    }
    seen.set(code, row.number);
    let sum = 0;
    let bad = false;
    for (let age = AGE_FROM; age <= AGE_TO; age++) {
      const col = columns.ages.get(age)![0]!;
      const count = parseCount(row.cells[col] ?? '');
      if ('problem' in count) {
        bad = true;
        problems.add({ ...loc.at(row, col), message: count.problem });
      } else sum += count.value;
    }
    if (bad) continue;
    if (columns.allAges !== undefined) {
      const all = parseCount(row.cells[columns.allAges] ?? '');
      if ('value' in all && all.value < sum) {
        problems.add({
          ...loc.at(row, columns.allAges),
          message: `All ages is ${all.value.toLocaleString('en-GB')}, fewer than the ${sum.toLocaleString('en-GB')} aged ${AGE_FROM} to ${AGE_TO}. Check that the age columns have not shifted`,
        });
        continue;
      }
    }
    counted.children.set(code, sum);
  }
  return counted;
}

function readLong(data: Row[], columns: Columns, population: number, problems: Problems): Counted {
  const loc = locator(columns);
  const counted = nothingCounted();
  // district → sex → age → count
  const values = new Map<string, Map<string, Map<number, number>>>();
  const rowOf = new Map<string, number>();
  const sexes = new Set<string>();
  for (const row of data) {
    const code = districtOf(row, columns, counted);
    if (code === null) continue;
    const ageText = (row.cells[columns.age!] ?? '').trim();
    const ageMatch = /^(\d{1,3})\+?$/.exec(ageText);
    if (!ageMatch) {
      problems.add({
        ...loc.at(row, columns.age),
        message: ageText
          ? `"${ageText}" is not an age. Enter a single year of age, like 7 (90+ for 90 and over)`
          : 'The age is empty. Enter a single year of age, like 7',
      });
      continue;
    }
    const age = Number(ageMatch[1]);
    if (age < AGE_FROM || age > AGE_TO) continue;
    const sex = columns.sex === undefined ? '' : (row.cells[columns.sex] ?? '').trim();
    const id = `${code}|${sex.toLowerCase()}|${age}`;
    const earlier = rowOf.get(id);
    if (earlier !== undefined) {
      problems.add({
        ...loc.at(row),
        message: `${DISTRICT_BY_CODE.get(code)!.name} (${code}), ${sex ? `sex ${sex}, ` : ''}age ${age} is also on row ${earlier}. Keep one row for each district, sex and age`,
      });
      continue;
    }
    rowOf.set(id, row.number);
    const count = parseCount(row.cells[population] ?? '');
    if ('problem' in count) {
      problems.add({ ...loc.at(row, population), message: count.problem });
      continue;
    }
    sexes.add(sex.toLowerCase());
    const bySex = values.get(code) ?? new Map<string, Map<number, number>>();
    const byAge = bySex.get(sex.toLowerCase()) ?? new Map<number, number>();
    byAge.set(age, count.value);
    bySex.set(sex.toLowerCase(), byAge);
    values.set(code, bySex);
  }
  if (problems.count) return counted;
  // Where the file has rows for persons as well as males and females, the persons rows are the total.
  const persons = [...sexes].filter((s) => PERSONS.has(key(s)));
  const use = persons.length ? persons : [...sexes];
  for (const code of counted.found) {
    const bySex = values.get(code) ?? new Map<string, Map<number, number>>();
    let sum = 0;
    let complete = true;
    for (const sex of use) {
      const byAge = bySex.get(sex);
      const missing: number[] = [];
      for (let age = AGE_FROM; age <= AGE_TO; age++) {
        const v = byAge?.get(age);
        if (v === undefined) missing.push(age);
        else sum += v;
      }
      if (missing.length) {
        complete = false;
        problems.add({
          message: `There are no rows for ${DISTRICT_BY_CODE.get(code)!.name} (${code})${sex ? `, sex ${sex},` : ''} aged ${missing.join(', ')}. Each district needs a row for every age from ${AGE_FROM} to ${AGE_TO}${use.length > 1 ? ' and each sex' : ''}`,
        });
      }
    }
    if (complete) counted.children.set(code, sum);
  }
  return counted;
}

/** The year the estimates are for, from the option, the population column, the titles or the file name. */
function referenceYear(
  option: Source,
  fileName: string,
  titles: string,
  columns: Columns,
  problems: Problems,
): { year: number; source: YearSource; population?: number } | undefined {
  const fromTitle = MID_YEAR.exec(titles);
  const fromName = MID_YEAR.exec(path.basename(fileName));
  const named = columns.populations.filter((p) => p.year !== null);
  if (columns.age !== undefined && named.length) {
    const latest = named.reduce((a, b) => (b.year! > a.year! ? b : a));
    if (option.kind === 'option') {
      const match = named.find((p) => p.year === option.year);
      if (match) return { year: option.year, source: 'option', population: match.index };
      problems.add({
        field: 'year',
        message:
          named.length === 1
            ? `The file's population column is ${columns.headers[latest.index]}, for mid-${latest.year}, but you gave the year ${option.year}. Give --year ${latest.year}, or leave the year out`
            : `The file has no population column for ${option.year}: its columns are for ${named.map((p) => p.year).join(', ')}. Give one of those years`,
      });
      return undefined;
    }
    return { year: latest.year!, source: 'column', population: latest.index };
  }
  const population = columns.populations[0]?.index;
  const found = fromTitle
    ? { year: Number(fromTitle[1]), source: 'title' as const }
    : fromName
      ? { year: Number(fromName[1]), source: 'file name' as const }
      : undefined;
  if (option.kind === 'option') {
    if (fromTitle && Number(fromTitle[1]) !== option.year) {
      problems.add({
        field: 'year',
        message: `The file's title says mid-${fromTitle[1]}, but you gave the year ${option.year}. Give the year of the estimates in the file`,
      });
      return undefined;
    }
    return { year: option.year, source: 'option', ...(population !== undefined ? { population } : {}) };
  }
  if (found) return { ...found, ...(population !== undefined ? { population } : {}) };
  problems.add({
    field: 'year',
    message:
      'The file does not say which year its estimates are for. Give the year of the mid-year estimates (with --year on the command line, or in the year box), like 2022',
  });
  return undefined;
}

/**
 * Reads and checks one file of ONS mid-year estimates. Throws a ValidationError listing every problem
 * (file, sheet, row, column and what to do) when it cannot be used.
 */
export async function readPopulationFile(input: {
  fileName: string;
  filePath: string;
  year?: string | number | undefined;
}): Promise<PopulationFileData> {
  const fileName = input.fileName;
  let bytes: Buffer;
  try {
    bytes = await fs.promises.readFile(input.filePath);
  } catch {
    refuse(fileName, `There is no file at ${input.filePath}. Check the path and try again`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const problems = new Problems(fileName);
  const option = parseYear(input.year, problems);
  const tables = await readTables(fileName, bytes);

  // The sheet with the headings: one for persons first, where a workbook has several.
  const withHeader = tables
    .map((t) => ({ table: t, index: headerIndex(t) }))
    .filter((t) => t.index >= 0)
    .sort(
      (a, b) => Number(/person/i.test(b.table.sheet ?? '')) - Number(/person/i.test(a.table.sheet ?? '')),
    );
  const chosen = withHeader[0];
  if (!chosen) {
    const empty = tables.every((t) => t.rows.every(isBlank));
    refuse(
      fileName,
      empty
        ? 'The file has nothing in it. Choose the file of ONS mid-year estimates'
        : `No ${tables.length > 1 ? 'sheet of the workbook' : 'row in the first ' + HEADER_SEARCH_ROWS + ' rows'} has a column headed Code (or ladcode). Use ONS's table of estimates for persons (MYE2), with the headings Code, Name, Geography, All ages, 0, 1, … 90, or the long format with ladcode, laname, sex, age and population_YYYY`,
    );
  }
  const { table, index } = chosen;
  problems.setSheet(table.sheet);
  const headerRow = table.rows[index]!;
  const columns = columnsOf(headerRow.cells);
  const data = table.rows.slice(index + 1).filter((r) => !isBlank(r));
  const titles = [table.sheet ?? '', ...table.rows.slice(0, index).flatMap((r) => r.cells)].join(' ');
  const long = columns.age !== undefined;

  if (long && !columns.populations.length) {
    problems.add({
      row: headerRow.number,
      message:
        'The file has an age column but no population column. Head the column of estimates population_YYYY (like population_2022), as ONS does',
    });
  }
  if (!long && columns.ages.size === 0) {
    problems.add({
      row: headerRow.number,
      message: `There are no columns for single years of age. Use ONS's table of estimates for persons (MYE2), with a column for each age 0, 1, … 90, or the long format with an age column`,
    });
  }
  const year = problems.count ? undefined : referenceYear(option, fileName, titles, columns, problems);
  if (!data.length) {
    problems.add({
      row: headerRow.number,
      message: 'The file has headings but no rows of figures. Choose the file with the estimates in it',
    });
  }
  if (problems.count) problems.throwIfAny();

  const counted = long
    ? readLong(data, columns, year!.population!, problems)
    : readWide(headerRow, data, columns, problems);

  if (!problems.count) {
    if (!counted.found.size) {
      problems.add({
        message:
          'None of the 32 Pathfinder districts is in the file (no Code like E07000066 for Basildon). Use ONS estimates for local authority districts in England, not counties, regions or another geography',
      });
    } else {
      for (const d of DISTRICTS) {
        if (!counted.found.has(d.code)) {
          problems.add({
            message: `There is no row for ${d.name} (${d.code}). The file must have a row for each of the 32 Pathfinder districts`,
          });
        }
      }
    }
    if (counted.oldSuffolk.size && counted.found.size < DISTRICTS.length) {
      const old = [...counted.oldSuffolk].map((c) => `${OLD_SUFFOLK.get(c)} (${c})`).join(', ');
      problems.add({
        message: `The file has ${old}: Suffolk districts merged in April 2019 into East Suffolk (E07000244) and West Suffolk (E07000245). Use estimates for mid-2019 or later, which use today's district codes`,
      });
    }
  }
  problems.throwIfAny();

  return {
    sha256,
    layout: long ? 'long' : 'wide',
    sheet: table.sheet,
    referenceYear: year!.year,
    yearSource: year!.source,
    rowsRead: counted.rowsRead,
    otherAreaRows: counted.otherAreaRows,
    children: counted.children,
  };
}
