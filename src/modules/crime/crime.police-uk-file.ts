// Reads one police.uk street-level crime file (YYYY-MM-<force>-street.csv) as a stream: checks every
// row, hashes the bytes, and counts the rows located in the force's own districts by LSOA and crime
// type. Rows with no location and rows placed outside the force's districts are counted in the report,
// not in the counts. Nothing here touches the database.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse';
import {
  ASB,
  CRIME_TYPES,
  CRIME_TYPE_CODES,
  FORCES,
  type CrimeType,
  type OutsideArea,
  type PoliceUkFileReport,
} from './crime.model.ts';
import { found, type CrimeProblems } from './crime.problems.ts';

/** The police.uk street file's columns, exactly as police.uk heads them. */
export const POLICE_UK_HEADERS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

/** The columns the import reads; the others may be absent. */
const REQUIRED = {
  crimeId: 'Crime ID',
  month: 'Month',
  fallsWithin: 'Falls within',
  lsoaCode: 'LSOA code',
  lsoaName: 'LSOA name',
  crimeType: 'Crime type',
} as const;
type Key = keyof typeof REQUIRED;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** LSOA (2011) codes: E01 in England, W01 in Wales, then six digits. */
const LSOA_CODE = /^[EW]01\d{6}$/;
/** police.uk's own file names, e.g. 2019-01-norfolk-street.csv. */
const FILE_NAME = /^(\d{4}-\d{2})-([a-z0-9-]+?)-street\.csv$/i;

const normalise = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();

const TYPE_BY_LABEL = new Map<string, CrimeType>(CRIME_TYPES.map((t) => [normalise(t.label), t.code]));
const FORCE_NAMES = new Set<string>(FORCES.map((f) => f.name));
const FORCE_BY_SLUG = new Map<string, string>(FORCES.map((f) => [f.slug, f.name]));
const FORCE_LIST = FORCES.map((f) => f.name).join(', ');
const TYPE_LIST = CRIME_TYPES.map((t) => t.label).join(', ');

/** Where the LSOAs are: built from the geography service by the caller. */
export interface PoliceUkAreas {
  /** LSOA (2011) code → district code, for the LSOAs of the 32 districts. */
  lsoaDistrict: ReadonlyMap<string, string>;
  /** Force name as police.uk writes it → the district codes of its locality. */
  forceDistricts: ReadonlyMap<string, ReadonlySet<string>>;
  districtName: ReadonlyMap<string, string>;
}

export interface PoliceUkFile {
  report: PoliceUkFileReport;
  /** Counted rows by `${lsoaCode}\t${crimeType}`. */
  counts: Map<string, number>;
}

export function countKey(lsoaCode: string, crimeType: CrimeType): string {
  return `${lsoaCode}\t${crimeType}`;
}

export function splitCountKey(key: string): { lsoaCode: string; crimeType: CrimeType } {
  const [lsoaCode, crimeType] = key.split('\t') as [string, CrimeType];
  return { lsoaCode, crimeType };
}

function zeroByType(): Record<CrimeType, number> {
  return Object.fromEntries(CRIME_TYPE_CODES.map((c) => [c, 0])) as Record<CrimeType, number>;
}

/** "Bedford 004E" → "Bedford": police.uk names LSOAs after their district. */
function districtOfLsoaName(name: string): string {
  return name.replace(/\s+\d{3}[A-Z]$/, '').trim() || 'Unknown area';
}

/** What the first bytes of a file say when it is not a text file at all (else undefined). */
export function notTextReason(head: Uint8Array): string | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return 'This is a zip file or an Excel workbook, not a CSV file. police.uk downloads come as a zip: unzip it and import the street CSV files inside it, unchanged';
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return 'This is an Excel 97-2003 workbook, not a CSV file. Import the street CSV file from data.police.uk, unchanged';
  if (starts(0x25, 0x50, 0x44, 0x46))
    return 'This is a PDF, not a CSV file. Import the street CSV file from data.police.uk, unchanged';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff))
    return 'The file is saved as UTF-16 ("Unicode text"), not UTF-8. Download it again from data.police.uk, or save it as "CSV UTF-8 (comma delimited)"';
  if (head.includes(0))
    return 'This is not a text file, so it cannot be a police.uk CSV file. Import the street CSV file from data.police.uk, unchanged';
  return undefined;
}

/** The police.uk street files (YYYY-MM-<force>-street.csv) in a folder and its subfolders, by path. */
export async function findPoliceUkFiles(folder: string): Promise<string[]> {
  const entries = await fs.promises.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && FILE_NAME.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort((a, b) => a.localeCompare(b, 'en-GB'));
}

/** The first 4 KB of a file. */
async function readHead(file: string): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A CSV reader's error in words a user can act on. */
function describeCsvError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const detail =
    code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quotation mark (") that opens a cell on this row is never closed'
      : code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'INVALID_OPENING_QUOTE'
        ? 'a quotation mark (") in this cell is not where a CSV file allows one'
        : code === 'CSV_MAX_RECORD_SIZE'
          ? 'this row is far longer than any police.uk row'
          : `the reader said: ${error instanceof Error ? error.message : String(error)}`;
  return `The file could not be read as CSV from this row on: ${detail}. Download the file again from data.police.uk and import it unchanged`;
}

/**
 * Reads and checks one file. Problems go to `problems`; the result is undefined when the file could
 * not be read as a police.uk street file at all (missing, empty, without the columns).
 */
export async function readPoliceUkFile(
  /** `name` as the user gave it (for problems); the report keeps only its base name. */
  file: { name: string; absolutePath: string },
  areas: PoliceUkAreas,
  problems: CrimeProblems,
): Promise<PoliceUkFile | undefined> {
  const where = { file: file.name };
  const stat = await fs.promises.stat(file.absolutePath).catch(() => undefined);
  if (!stat?.isFile()) {
    problems.add('file', {
      ...where,
      message: stat
        ? 'This is a folder, not a file. Give the police.uk street files themselves (e.g. 2019-01-norfolk-street.csv)'
        : 'There is no such file. Check the name and the folder',
    });
    return undefined;
  }
  const head = await readHead(file.absolutePath).catch((error: unknown) => error as Error);
  if (head instanceof Error) {
    problems.add('file', {
      ...where,
      message: `The file could not be opened (${(head as NodeJS.ErrnoException).code ?? head.message}). Check that you may read it`,
    });
    return undefined;
  }
  const notText = notTextReason(head);
  if (notText) {
    problems.add('not-text', { ...where, message: notText });
    return undefined;
  }

  // The month and force the file name promises, when it is named as police.uk names it.
  const named = FILE_NAME.exec(path.basename(file.name));
  const namedMonth = named?.[1];
  const namedForce = named ? FORCE_BY_SLUG.get(named[2]!.toLowerCase()) : undefined;
  if (namedMonth && !MONTH.test(namedMonth)) {
    problems.add('file-name', {
      ...where,
      message: `The file name has ${namedMonth} as its month, which is not a month. Use the file name police.uk gave it (YYYY-MM-force-street.csv)`,
    });
  }
  let month = namedMonth && MONTH.test(namedMonth) ? namedMonth : undefined;
  const monthFrom = month ? 'the file name says' : 'the first row says';
  let force = namedForce;

  const hash = createHash('sha256');
  const source = fs.createReadStream(file.absolutePath);
  source.on('data', (chunk) => hash.update(chunk));
  // Blank lines are kept (not skipped by the parser) so row numbers match what a spreadsheet shows.
  // A stray quotation mark inside an unquoted cell (On or near "The Lanes") is taken as written.
  const parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
  // pipe() does not pass on a read error (the loop below would wait for ever): hand it over.
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);

  const index = {} as Record<Key, number>;
  let headers: string[] | undefined;
  let rowNumber = 0;
  let reportedEncoding = false;
  const counts = new Map<string, number>();
  const byCrimeType = zeroByType();
  const outside = new Map<string, OutsideArea>();
  const report = {
    rowsRead: 0,
    counted: 0,
    asbRows: 0,
    asbCounted: 0,
    noLocation: 0,
    noLocationAsb: 0,
    otherDistrict: 0,
    outsidePathfinder: 0,
    crimesWithoutId: 0,
  };

  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      if (!headers) {
        if (record.every((cell) => cell.trim() === '')) continue; // leading blank lines
        headers = record;
        const normalised = record.map(normalise);
        const missing: string[] = [];
        for (const [key, name] of Object.entries(REQUIRED) as [Key, string][]) {
          const i = normalised.indexOf(normalise(name));
          if (i < 0) missing.push(name);
          else index[key] = i;
        }
        if (missing.length === Object.keys(REQUIRED).length) {
          problems.add('not-police-uk', {
            ...where,
            row: rowNumber,
            message: `This is not a police.uk street-level crime file: its first row should be the police.uk column headings (${POLICE_UK_HEADERS.join(', ')})${found(record.join(','))}. Download the street-level crime file from data.police.uk and import it unchanged`,
          });
          return undefined;
        }
        for (const name of missing) {
          problems.add(`column ${name}`, {
            ...where,
            row: rowNumber,
            column: name,
            message: `The "${name}" column is missing. A police.uk street file has the columns ${POLICE_UK_HEADERS.join(', ')}: download the street-level crime file again from data.police.uk and import it unchanged`,
          });
        }
        if (missing.length) return undefined;
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      report.rowsRead += 1;
      const row = rowNumber;
      const cell = (key: Key) => (record[index[key]] ?? '').trim();

      // A row cut short before a column the import reads, or with more cells than headings (its
      // cells no longer under their headings).
      const cutAt = (Object.keys(REQUIRED) as Key[])
        .map((key) => index[key])
        .filter((i) => i >= record.length)
        .sort((a, b) => a - b)[0];
      if (cutAt !== undefined) {
        const column = headers[cutAt]!.trim();
        problems.add('cells', {
          ...where,
          row,
          column,
          message: `This row has only ${record.length} ${record.length === 1 ? 'cell' : 'cells'} of the ${headers.length} the header row names, so it has no "${column}". The row may have been cut short or split across lines: download the file again from data.police.uk and import it unchanged`,
        });
        continue;
      }
      if (record.length > headers.length) {
        problems.add('cells', {
          ...where,
          row,
          message: `This row has ${record.length} cells but the header row names ${headers.length}. A comma inside a cell may have lost its quotation marks: download the file again from data.police.uk and import it unchanged`,
        });
        continue;
      }

      const badCell = reportedEncoding ? -1 : record.findIndex((c) => c.includes('\uFFFD'));
      if (badCell >= 0) {
        reportedEncoding = true;
        problems.add('encoding', {
          ...where,
          row,
          column: headers[badCell]?.trim() || `column ${badCell + 1}`,
          message:
            'The file is not saved as UTF-8. Download it again from data.police.uk, or save it as "CSV UTF-8 (comma delimited)"',
        });
      }

      const rowMonth = cell('month');
      if (!MONTH.test(rowMonth)) {
        problems.add('month-format', {
          ...where,
          row,
          column: REQUIRED.month,
          message: `The month must be written YYYY-MM, as police.uk writes it (e.g. 2019-01)${found(rowMonth)}. A spreadsheet may have changed it when the file was saved: download the file again from data.police.uk and import it unchanged`,
        });
      } else if (month === undefined) {
        month = rowMonth;
      } else if (rowMonth !== month) {
        problems.add('month-mismatch', {
          ...where,
          row,
          column: REQUIRED.month,
          message: `The month is ${rowMonth} but ${monthFrom} ${month}. A police.uk street file holds one month: check that you chose the right file${named ? ' and that its name is the one police.uk gave it' : ''}`,
        });
      }

      const rowForce = cell('fallsWithin');
      if (!FORCE_NAMES.has(rowForce)) {
        problems.add('force-unknown', {
          ...where,
          row,
          column: REQUIRED.fallsWithin,
          message: `The force is not one of the Pathfinder's four (${FORCE_LIST})${found(rowForce)}. Import only these forces' street files`,
        });
      } else if (force === undefined) {
        force = rowForce;
      } else if (rowForce !== force) {
        problems.add('force-mismatch', {
          ...where,
          row,
          column: REQUIRED.fallsWithin,
          message: `The force is ${rowForce} but ${namedForce ? 'the file name says' : 'the first row says'} ${force}. A police.uk street file holds one force: check that you chose the right file${namedForce ? ' and that its name is the one police.uk gave it' : ''}`,
        });
      }

      const typeCell = cell('crimeType');
      const type = TYPE_BY_LABEL.get(normalise(typeCell));
      if (!type) {
        problems.add('crime-type', {
          ...where,
          row,
          column: REQUIRED.crimeType,
          message: `The crime type is not one of the 14 police.uk crime types${found(typeCell)}. Write it as police.uk does: ${TYPE_LIST}`,
        });
      }
      const isAsb = type === ASB;
      if (isAsb) report.asbRows += 1;
      else if (type && cell('crimeId') === '') report.crimesWithoutId += 1;

      const lsoa = cell('lsoaCode');
      if (lsoa === '') {
        report.noLocation += 1;
        if (isAsb) report.noLocationAsb += 1;
        continue;
      }
      if (!LSOA_CODE.test(lsoa)) {
        problems.add('lsoa-code', {
          ...where,
          row,
          column: REQUIRED.lsoaCode,
          message: `The LSOA code must be an LSOA (2011) code such as E01026436, or empty when police.uk could not place the crime${found(lsoa)}`,
        });
        continue;
      }
      const district = areas.lsoaDistrict.get(lsoa);
      const own = force ? areas.forceDistricts.get(force) : undefined;
      if (district && own?.has(district)) {
        if (!type) continue;
        report.counted += 1;
        if (isAsb) report.asbCounted += 1;
        byCrimeType[type] += 1;
        const key = countKey(lsoa, type);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        continue;
      }
      // Outside the force's own districts: in another Pathfinder district, or outside the Pathfinder.
      const name = district
        ? (areas.districtName.get(district) ?? district)
        : districtOfLsoaName(cell('lsoaName'));
      const areaKey = district ?? `name:${name}`;
      const area = outside.get(areaKey) ?? {
        code: district ?? null,
        name,
        inPathfinder: !!district,
        rows: 0,
      };
      area.rows += 1;
      outside.set(areaKey, area);
      if (district) report.otherDistrict += 1;
      else report.outsidePathfinder += 1;
    }
  } catch (error) {
    const { syscall, index: at } = error as { syscall?: unknown; index?: unknown };
    if (syscall) {
      problems.add('file', {
        ...where,
        message: `The file could not be opened (${(error as NodeJS.ErrnoException).code ?? String(error)}). Check that you may read it`,
      });
      return undefined;
    }
    const column = headers && typeof at === 'number' ? headers[at]?.trim() : undefined;
    problems.add('csv', {
      ...where,
      row: rowNumber + 1,
      ...(column ? { column } : {}),
      message: describeCsvError(error),
    });
    return undefined;
  } finally {
    // Leaving the loop early stops the parser but not the file stream feeding it.
    source.destroy();
  }

  if (!headers) {
    problems.add('empty', {
      ...where,
      row: 1,
      message: `The file is empty. A police.uk street file has a header row (${POLICE_UK_HEADERS.join(', ')}) and a row for each crime`,
    });
    return undefined;
  }
  if (report.rowsRead === 0) {
    problems.add('empty', {
      ...where,
      row: 2,
      message: 'The file has a header row but no crimes. Check that you downloaded the right month and force',
    });
    return undefined;
  }
  const outsideAreas = [...outside.values()].sort(
    (a, b) =>
      Number(b.inPathfinder) - Number(a.inPathfinder) || b.rows - a.rows || a.name.localeCompare(b.name),
  );
  return {
    counts,
    report: {
      file: path.basename(file.name),
      sha256: hash.digest('hex'),
      month: month ?? '',
      force: force ?? '',
      rowsRead: report.rowsRead,
      counted: report.counted,
      countedCrimes: report.counted - report.asbCounted,
      asb: { rows: report.asbRows, counted: report.asbCounted },
      noLocation: { rows: report.noLocation, asb: report.noLocationAsb },
      outsideArea: {
        rows: report.otherDistrict + report.outsidePathfinder,
        inOtherPathfinderDistrict: report.otherDistrict,
        outsidePathfinder: report.outsidePathfinder,
        areas: outsideAreas,
      },
      crimesWithoutId: report.crimesWithoutId,
      byCrimeType,
    },
  };
}
