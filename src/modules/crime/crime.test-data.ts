// For tests only: the real police.uk files of ../shared/data and what they hold, worked out here
// independently of the importer (straight from the raw CSVs and the ONS/MHCLG lookups), plus bad
// copies written to a temporary folder at test time. Nothing from ../shared/data is copied into the
// project.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { SHARED_DATA_DIR } from '../../../test/support/reference-files.ts';

export const POLICE_UK_DIR = path.join(SHARED_DATA_DIR, 'policeuk');
export const STREET_DIR = path.join(POLICE_UK_DIR, 'street');

export const FORCE_FILES = {
  'Cambridgeshire Constabulary': '2019-01-cambridgeshire-street.csv',
  'Essex Police': '2019-01-essex-street.csv',
  'Norfolk Constabulary': '2019-01-norfolk-street.csv',
  'Suffolk Constabulary': '2019-01-suffolk-street.csv',
} as const;
export type ForceName = keyof typeof FORCE_FILES;
export const FORCE_NAMES = Object.keys(FORCE_FILES) as ForceName[];
export const REAL_FILES = FORCE_NAMES.map((f) => path.join(STREET_DIR, FORCE_FILES[f]));

/** data/PROVENANCE.md, police.uk table: rows, ASB (blank Crime ID), no LSOA, LSOA outside the 32 districts. */
export const PROVENANCE: Record<
  ForceName,
  { rows: number; asb: number; noLocation: number; outside: number }
> = {
  'Cambridgeshire Constabulary': { rows: 6579, asb: 1231, noLocation: 202, outside: 23 },
  'Essex Police': { rows: 16428, asb: 3003, noLocation: 52, outside: 54 },
  'Norfolk Constabulary': { rows: 6044, asb: 955, noLocation: 131, outside: 22 },
  'Suffolk Constabulary': { rows: 4989, asb: 542, noLocation: 60, outside: 5 },
};

/** SHA-256 of each file as data/MANIFEST.csv gives it. */
export function manifestSha256(file: string): string {
  const manifest = parse(fs.readFileSync(path.join(SHARED_DATA_DIR, 'MANIFEST.csv')), {
    columns: true,
  }) as Record<string, string>[];
  const row = manifest.find((r) => Object.values(r).includes(`policeuk/street/${file}`));
  if (!row) throw new Error(`${file} is not in MANIFEST.csv`);
  const sha = Object.values(row).find((v) => /^[0-9a-f]{64}$/.test(v));
  if (!sha) throw new Error(`no SHA-256 for ${file} in MANIFEST.csv`);
  return sha;
}

/** police.uk crime type labels of the county-lines proxies, as the files write them. */
export const PROXY_LABELS = {
  drugs: 'Drugs',
  'possession-of-weapons': 'Possession of weapons',
  'violence-and-sexual-offences': 'Violence and sexual offences',
} as const;

const LOCALITY_OF_COUNTY: Record<string, string> = {
  Norfolk: 'LOC-NORFOLK',
  Suffolk: 'LOC-SUFFOLK',
  Cambridgeshire: 'LOC-CAMBRIDGESHIRE',
  Essex: 'LOC-ESSEX',
};

const readCsv = (relative: string) =>
  parse(fs.readFileSync(path.join(SHARED_DATA_DIR, relative)), { columns: true }) as Record<string, string>[];

export interface ForceFigures {
  rows: number;
  asb: number;
  noLocation: number;
  /** LSOA outside the 32 districts. */
  outsidePathfinder: number;
  /** LSOA in a Pathfinder district of another force. */
  otherDistrict: number;
  /** Rows counted (LSOA in the force's own districts). */
  counted: number;
  countedAsb: number;
}

/** What the four real files hold, from the raw CSVs and the lookups, without the importer's code. */
export interface RawPoliceUk {
  lsoaLad: Map<string, string>;
  lsoaWard: Map<string, string>;
  ladName: Map<string, string>;
  ladForce: Map<string, string>;
  ladLocality: Map<string, string>;
  byForce: Record<ForceName, ForceFigures>;
  /** Counted rows as `${lsoa}\t${crime type label}` → n. */
  counted: Map<string, number>;
}

let cached: RawPoliceUk | undefined;

export function rawPoliceUk(): RawPoliceUk {
  if (cached) return cached;
  const lsoaLad = new Map(readCsv('imd2019/imd2019_lsoa_target.csv').map((r) => [r.lsoa11cd!, r.lad19cd!]));
  const lsoaWard = new Map(
    readCsv('geography/derived_bestfit_lsoa11_to_ward2025_target.csv').map((r) => [r.lsoa11cd!, r.wd25cd!]),
  );
  const lads = readCsv('geography/target_lads.csv');
  const ladName = new Map(lads.map((r) => [r.lad19cd!, r.lad19nm!]));
  const ladForce = new Map(lads.map((r) => [r.lad19cd!, r.police_force_policeuk!]));
  const ladLocality = new Map(lads.map((r) => [r.lad19cd!, LOCALITY_OF_COUNTY[r.ceremonial_county!]!]));
  const counted = new Map<string, number>();
  const byForce = {} as Record<ForceName, ForceFigures>;
  for (const force of FORCE_NAMES) {
    const rows = parse(fs.readFileSync(path.join(STREET_DIR, FORCE_FILES[force])), {
      columns: true,
    }) as Record<string, string>[];
    const f: ForceFigures = {
      rows: rows.length,
      asb: 0,
      noLocation: 0,
      outsidePathfinder: 0,
      otherDistrict: 0,
      counted: 0,
      countedAsb: 0,
    };
    for (const r of rows) {
      if (r['Falls within'] !== force) throw new Error(`${force}: a row of another force`);
      const asb = r['Crime type'] === 'Anti-social behaviour';
      if (asb) f.asb += 1;
      const lsoa = r['LSOA code']!;
      if (!lsoa) {
        f.noLocation += 1;
        continue;
      }
      const lad = lsoaLad.get(lsoa);
      if (!lad) f.outsidePathfinder += 1;
      else if (ladForce.get(lad) !== force) f.otherDistrict += 1;
      else {
        f.counted += 1;
        if (asb) f.countedAsb += 1;
        const key = `${lsoa}\t${r['Crime type']}`;
        counted.set(key, (counted.get(key) ?? 0) + 1);
      }
    }
    byForce[force] = f;
  }
  cached = { lsoaLad, lsoaWard, ladName, ladForce, ladLocality, byForce, counted };
  return cached;
}

/** Counted rows of the given crime type labels (all but ASB when none given), summed by a key of the LSOA. */
export function rawCountsBy(key: (lsoa: string) => string, labels?: readonly string[]): Map<string, number> {
  const raw = rawPoliceUk();
  const out = new Map<string, number>();
  for (const [k, n] of raw.counted) {
    const [lsoa, label] = k.split('\t') as [string, string];
    if (labels ? !labels.includes(label) : label === 'Anti-social behaviour') continue;
    const area = key(lsoa);
    out.set(area, (out.get(area) ?? 0) + n);
  }
  return out;
}

const made: string[] = [];

/** A temporary folder for bad files; removed by removeTempDirs(). */
export function makeTempDir(prefix = 'clmd-police-uk-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The text of a real file (e.g. '2019-01-norfolk-street.csv'). */
export function realText(file: string): string {
  return fs.readFileSync(path.join(STREET_DIR, file), 'utf8');
}

/**
 * Writes a copy of a real file, altered line by line: `alter(cells, row)` gets each data row's cells
 * (row = the spreadsheet row, header = 1) and returns the cells to write, a whole line as a string,
 * or null to drop the row. The cells of the real files hold no commas or quotes.
 */
export function writeAltered(
  dir: string,
  name: string,
  from: string,
  alter: (cells: string[], row: number) => string[] | string | null,
): string {
  const [header, ...lines] = realText(from).split('\n');
  const out = [header!];
  lines.forEach((line, i) => {
    if (line === '') {
      out.push(line);
      return;
    }
    const result = alter(line.split(','), i + 2);
    if (result === null) return;
    out.push(typeof result === 'string' ? result : result.join(','));
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, out.join('\n'));
  return file;
}

export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** The column index of a police.uk heading in the real files. */
export const COLUMN = {
  crimeId: 0,
  month: 1,
  reportedBy: 2,
  fallsWithin: 3,
  longitude: 4,
  latitude: 5,
  location: 6,
  lsoaCode: 7,
  lsoaName: 8,
  crimeType: 9,
  outcome: 10,
  context: 11,
} as const;
