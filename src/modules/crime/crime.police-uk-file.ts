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

const normalise = (s: string) => s.replace(/^\uFEFF/, '').trim().replace(/\s+/g, ' ').toLowerCase();

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

/**
 * Reads and checks one file. Problems go to `problems`; the result is undefined when the file could
 * not be read as a police.uk street file at all (missing, empty, without the columns).
 */
export async function readPoliceUkFile(
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
  const parser = source.pipe(parse({ bom: true, relax_column_count: true, skip_empty_lines: false }));

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

      if (!reportedEncoding && record.some((c) => c.includes('\uFFFD'))) {
        reportedEncoding = true;
        problems.add('encoding', {
          ...where,
          row,
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
          message: `The month must be written YYYY-MM, as police.uk writes it (e.g. 2019-01)${found(rowMonth)}`,
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
      const name = district ? (areas.districtName.get(district) ?? district) : districtOfLsoaName(cell('lsoaName'));
      const areaKey = district ?? `name:${name}`;
      const area = outside.get(areaKey) ?? { code: district ?? null, name, inPathfinder: !!district, rows: 0 };
      area.rows += 1;
      outside.set(areaKey, area);
      if (district) report.otherDistrict += 1;
      else report.outsidePathfinder += 1;
    }
  } catch (error) {
    problems.add('csv', {
      ...where,
      row: rowNumber + 1,
      message: `The file could not be read as CSV (${error instanceof Error ? error.message : String(error)}). Download it again from data.police.uk and import it unchanged`,
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
    (a, b) => Number(b.inPathfinder) - Number(a.inPathfinder) || b.rows - a.rows || a.name.localeCompare(b.name),
  );
  return {
    counts,
    report: {
      file: file.name,
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
