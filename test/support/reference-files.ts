// Reference directories for tests, made at test time from ../shared/data (beside the repository):
// copies of the real files, re-headed or altered, in a temporary directory. The shared files
// themselves are never copied into the project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** ../shared/data beside the repository root (the repository is ../../ from here). */
export const SHARED_DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/data');

/** The files the import cannot do without, as laid out in ../shared/data. */
export const REQUIRED_FILES = {
  imd: 'imd2019/imd2019_lsoa_target.csv',
  idaci: 'imd2019/iod2019_file3_idaci_idaopi_target.csv',
  population: 'imd2019/iod2019_file6_population_denominators_target.csv',
  lsoaWard2019: 'geography/lookup_lsoa11_ward19_lad19_target.csv',
  lsoaWard2025: 'geography/derived_bestfit_lsoa11_to_ward2025_target.csv',
} as const;

export interface DirectoryPlan {
  /** Relative paths to copy from ../shared/data (default: the required files). */
  files?: readonly string[];
  /** Replace a file's text (path relative to the directory, as in ../shared/data). */
  alter?: Record<string, (text: string) => string>;
  /** Write a file under another name instead (from → to). */
  rename?: Record<string, string>;
}

const made: string[] = [];

/** A temporary reference directory built from the shared files; removed by removeReferenceDirs(). */
export function makeReferenceDir(plan: DirectoryPlan = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-reference-'));
  made.push(dir);
  for (const file of plan.files ?? Object.values(REQUIRED_FILES)) {
    const text = fs.readFileSync(path.join(SHARED_DATA_DIR, file), 'utf8');
    const change = plan.alter?.[file];
    const target = path.join(dir, plan.rename?.[file] ?? file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, change ? change(text) : text);
  }
  return dir;
}

export function removeReferenceDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Text helpers for altering a CSV: lines as written, header is line index 0 (spreadsheet row 1). */
export function replaceHeader(text: string, header: string): string {
  return text.replace(/^[^\n]*/, header);
}

/** Changes one cell: `row` is the spreadsheet row (header = 1), `column` the header name. */
export function setCell(text: string, row: number, column: string, value: string): string {
  const lines = text.split('\n');
  const headers = lines[0]!.split(',');
  const index = headers.indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  const cells = lines[row - 1]!.split(',');
  cells[index] = value;
  lines[row - 1] = cells.join(',');
  return lines.join('\n');
}

export function cell(text: string, row: number, column: string): string {
  const lines = text.split('\n');
  const index = lines[0]!.split(',').indexOf(column);
  return lines[row - 1]!.split(',')[index]!;
}
