// ONS mid-year estimate files for tests, written at test time with synthetic numbers (never real data):
// the wide MYE2 "persons" layout as CSV and as a workbook with title rows and other sheets, and the long
// ladcode/laname/sex/age/population_YYYY layout. Each test writes what it needs into a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DISTRICTS } from '../geography/geography.builtin.ts';

export const MAX_AGE = 90;

/** Areas that are not Pathfinder districts, as an ONS file has them (synthetic figures). */
export const OTHER_AREAS = [
  { code: 'E92000001', name: 'ENGLAND', geography: 'Country' },
  { code: 'E12000006', name: 'EAST OF ENGLAND', geography: 'Region' },
  { code: 'E10000020', name: 'Norfolk', geography: 'County' },
  { code: 'E06000001', name: 'Hartlepool', geography: 'Unitary Authority' },
] as const;

/** Synthetic persons of one age in one district (index in DISTRICTS) for a year. */
export function personsAt(districtIndex: number, age: number, year = 2022): number {
  return 900 + 37 * districtIndex + 11 * (age % 23) + 3 * (year - 2020);
}

/** What the import must find: children aged 0 to 17 by district code. */
export function expectedChildren(year = 2022): Map<string, number> {
  return new Map(
    DISTRICTS.map((d, i) => {
      let sum = 0;
      for (let age = 0; age <= 17; age++) sum += personsAt(i, age, year);
      return [d.code, sum];
    }),
  );
}

const dirs: string[] = [];

export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-population-'));
  dirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The MYE2 persons table: header and one row per area, the 32 districts among other areas. */
export function wideRows(options: { year?: number; headers?: 'ons' | 'snake' } = {}): string[][] {
  const year = options.year ?? 2022;
  const ages = Array.from({ length: MAX_AGE + 1 }, (_, a) => a);
  const header =
    options.headers === 'snake'
      ? ['code', 'name', 'geography', 'all_ages', ...ages.map(String)]
      : ['Code', 'Name', 'Geography', 'All ages', ...ages.map(String)];
  const row = (code: string, name: string, geography: string, at: (age: number) => number) => {
    const values = ages.map(at);
    return [code, name, geography, String(values.reduce((a, b) => a + b, 0)), ...values.map(String)];
  };
  return [
    header,
    ...OTHER_AREAS.slice(0, 3).map((o, k) => row(o.code, o.name, o.geography, (a) => 50_000 + k * 1000 + a)),
    ...DISTRICTS.map((d, i) =>
      row(
        d.code,
        d.name,
        d.type === 'unitary authority' ? 'Unitary Authority' : 'Non-metropolitan District',
        (a) => personsAt(i, a, year),
      ),
    ),
    row(OTHER_AREAS[3].code, OTHER_AREAS[3].name, OTHER_AREAS[3].geography, (a) => 700 + a),
  ];
}

/** The long layout: a row per area, sex (1 and 2) and age, with the given years' population columns. */
export function longRows(options: { years?: number[] } = {}): string[][] {
  const years = options.years ?? [2022];
  const rows: string[][] = [
    ['ladcode21', 'laname21', 'country', 'sex', 'age', ...years.map((y) => `population_${y}`)],
  ];
  const areas = [
    { code: OTHER_AREAS[3].code, name: OTHER_AREAS[3].name, at: (a: number) => 700 + a },
    ...DISTRICTS.map((d, i) => ({
      code: d.code,
      name: d.name,
      at: (a: number, y: number) => personsAt(i, a, y),
    })),
  ];
  for (const area of areas) {
    for (const sex of [1, 2]) {
      for (let age = 0; age <= MAX_AGE; age++) {
        rows.push([
          area.code,
          area.name,
          'E',
          String(sex),
          String(age),
          ...years.map((y) => {
            const persons = area.at(age, y);
            const males = Math.floor(persons / 2);
            return String(sex === 1 ? males : persons - males);
          }),
        ]);
      }
    }
  }
  return rows;
}

const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

export function writeCsv(dir: string, name: string, rows: readonly (readonly string[])[]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n');
  return file;
}

/**
 * A workbook laid out as ONS publishes MYE2: a contents sheet, then the persons table under title rows,
 * then a males table (which must not be read). Numbers are stored as numbers.
 */
export async function writeXlsx(
  dir: string,
  name: string,
  rows: readonly (readonly string[])[],
  options: { title?: string; sheet?: string } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const contents = wb.addWorksheet('Contents');
  contents.addRow(['Population estimates for the UK (synthetic test file)']);
  contents.addRow(['MYE2 - Persons', 'Estimates by single year of age']);
  const asCell = (c: string) => (/^-?\d+$/.test(c) ? Number(c) : c);
  const addTable = (sheetName: string, data: readonly (readonly string[])[]) => {
    const ws = wb.addWorksheet(sheetName);
    ws.addRow([
      options.title ?? 'Mid-2022 Population Estimates for the UK, local authorities: persons (synthetic)',
    ]);
    ws.mergeCells('A1:H1');
    ws.addRow(['Source: a test, not the Office for National Statistics']);
    ws.addRow([]);
    ws.addRow(['All figures are synthetic']);
    for (const r of data) ws.addRow(r.map(asCell));
  };
  addTable(options.sheet ?? 'MYE2 - Persons', rows);
  // A males sheet with the same headings and different figures: the persons sheet must be the one read.
  addTable(
    'MYE2 - Males',
    rows.map((r, i) =>
      i === 0 ? r : r.map((c, k) => (k >= 3 && /^\d+$/.test(c) ? String(Math.floor(Number(c) / 2)) : c)),
    ),
  );
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The rows with one cell changed: the row whose first cell is `code`, the column headed `header`. */
export function setCell(rows: string[][], code: string, header: string, value: string): string[][] {
  const col = rows[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return rows.map((r, i) => (i > 0 && r[0] === code ? r.map((c, k) => (k === col ? value : c)) : r));
}

/** The rows without the column headed `header`. */
export function dropColumn(rows: string[][], header: string): string[][] {
  const col = rows[0]!.indexOf(header);
  if (col < 0) throw new Error(`no column ${header}`);
  return rows.map((r) => r.filter((_, k) => k !== col));
}
