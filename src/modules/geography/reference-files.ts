// Readers and validators for each reference CSV. IoD2019 File 1 decides which LSOAs are in the
// Pathfinder (those whose district is one of the 32); every other file is checked against it, so a
// mistyped district code or LSOA code is reported at its row rather than silently dropped.
import { DISTRICT_BY_CODE, DISTRICTS } from './geography.builtin.ts';
import { DOMAIN_KEYS, type DomainKey } from './reference-columns.ts';
import { readCsv } from './reference-csv.ts';
import { ENGLAND_DISTRICTS_2019, FILE10_SHEETS, measureKind } from './reference-file10.ts';
import { formatCount, found, type ProblemList } from './reference-problems.ts';
import type { LocatedSource } from './reference-sources.ts';
import { ENGLAND_LSOAS, GSS_CODE, LSOA_2011_CODE, RowValues, WARD_CODE } from './reference-values.ts';

export interface FileReport {
  role: string;
  label: string;
  path: string;
  required: boolean;
  foundBy: LocatedSource['foundBy'];
  /** Data rows (or features) read. */
  rows: number;
  /** Rows used: those in the 32 districts. */
  loaded: number;
  /** Rows skipped because they are outside the 32 districts (e.g. the rest of England). */
  outside: number;
}

export interface TargetLsoa {
  code: string;
  name: string | undefined;
  district: string;
  imdRank: number;
  imdDecile: number;
}

/** The LSOAs of the Pathfinder according to File 1, and the English LSOAs it placed elsewhere. */
export interface TargetLsoas {
  file: string;
  lsoas: Map<string, TargetLsoa>;
  outside: Map<string, { row: number; column: string; district: string }>;
  /** LSOAs whose wrong district in File 1 has been reported already (by whichever file noticed). */
  reported: Set<string>;
  /** Pathfinder LSOAs whose File 1 row has a problem: other files do not repeat it. */
  rejected: Set<string>;
}

const MAX_MISSING_LISTED = 5;

function report(source: LocatedSource, rows: number, loaded: number, outside: number): FileReport {
  const { spec } = source;
  return {
    role: spec.role,
    label: spec.label,
    path: source.path,
    required: spec.required,
    foundBy: source.foundBy,
    rows,
    loaded,
    outside,
  };
}

function districtLabel(code: string): string {
  const d = DISTRICT_BY_CODE.get(code);
  return d ? `${d.name} (${code})` : code;
}

/** IoD2019 File 1: the IMD rank and decile of each LSOA, and which LSOAs are in the 32 districts. */
export async function readImdFile(
  source: LocatedSource,
  problems: ProblemList,
): Promise<{ report: FileReport; target: TargetLsoas } | undefined> {
  const target: TargetLsoas = {
    file: source.path,
    lsoas: new Map(),
    outside: new Map(),
    reported: new Set(),
    rejected: new Set(),
  };
  const firstRow = new Map<string, number>();
  let outside = 0;
  const summary = await readCsv(source, source.spec.columns ?? [], problems, (row) => {
    const v = new RowValues<string>(source.path, row, problems);
    const district = v.code('district', GSS_CODE, 'local authority district code', 'E07000148');
    const lsoaRaw = v.raw('lsoa');
    if (district === undefined) return;
    if (!DISTRICT_BY_CODE.has(district)) {
      outside += 1;
      if (LSOA_2011_CODE.test(lsoaRaw))
        target.outside.set(lsoaRaw, { row: row.row, column: row.header('district'), district });
      return;
    }
    const lsoa = v.code('lsoa', LSOA_2011_CODE, 'LSOA code', 'E01026000');
    if (lsoa === undefined) return;
    const previous = firstRow.get(lsoa);
    if (previous !== undefined) {
      v.report(
        'lsoa',
        `LSOA ${lsoa} appears more than once (first in row ${previous}). Remove the duplicate row`,
      );
      return;
    }
    firstRow.set(lsoa, row.row);
    const imdRank = v.rank('imdRank', 'IMD rank');
    const imdDecile = v.decile('imdDecile', 'IMD decile');
    if (imdRank === undefined || imdDecile === undefined) {
      target.rejected.add(lsoa);
      return;
    }
    target.lsoas.set(lsoa, {
      code: lsoa,
      name: v.raw('lsoaName') || undefined,
      district,
      imdRank,
      imdDecile,
    });
  });
  if (!summary) return undefined;

  // A district with too few or too many LSOAs means missing rows or wrong district codes.
  const perDistrict = new Map<string, number>();
  for (const l of target.lsoas.values()) perDistrict.set(l.district, (perDistrict.get(l.district) ?? 0) + 1);
  for (const d of DISTRICTS) {
    const n = perDistrict.get(d.code) ?? 0;
    if (n !== d.lsoaCount && firstRow.size === target.lsoas.size) {
      problems.add({
        file: source.path,
        message: `${d.name} (${d.code}) has ${formatCount(n)} LSOAs in this file but ${formatCount(d.lsoaCount)} in IoD2019. Check for missing rows and wrong district codes`,
      });
    }
  }
  return { report: report(source, summary.rows, target.lsoas.size, outside), target };
}

/**
 * Reads a file with one row per LSOA. Rows outside the Pathfinder are counted and skipped; rows in
 * it are checked against File 1 (same LSOA, same district), then parsed by `parse`.
 */
export async function readLsoaFile<T>(
  source: LocatedSource,
  target: TargetLsoas,
  problems: ProblemList,
  parse: (v: RowValues<string>) => T | undefined,
): Promise<{ report: FileReport; values: Map<string, T>; names: Map<string, string> } | undefined> {
  const values = new Map<string, T>();
  const names = new Map<string, string>();
  const firstRow = new Map<string, number>();
  /** Pathfinder LSOAs that have a row, good or bad: only the others are reported as missing. */
  const mentioned = new Set<string>();
  let outside = 0;
  const summary = await readCsv(source, source.spec.columns ?? [], problems, (row) => {
    const v = new RowValues<string>(source.path, row, problems);
    const lsoaRaw = v.raw('lsoa');
    if (!GSS_CODE.test(lsoaRaw)) {
      v.report('lsoa', `Enter an LSOA code like E01026000${found(lsoaRaw)}`);
      return;
    }
    if (target.rejected.has(lsoaRaw)) return;
    const known = target.lsoas.get(lsoaRaw);
    if (known) mentioned.add(lsoaRaw);
    if (v.has('district')) {
      const district = v.code('district', GSS_CODE, 'local authority district code', 'E07000148');
      if (district === undefined) return;
      const inPathfinder = DISTRICT_BY_CODE.has(district);
      if (known && district !== known.district) {
        v.report(
          'district',
          `Enter the district code of LSOA ${lsoaRaw}: ${target.file} places it in ${districtLabel(known.district)}${found(district)}`,
        );
        return;
      }
      if (!known && inPathfinder) {
        const elsewhere = target.outside.get(lsoaRaw);
        if (elsewhere && !target.reported.has(lsoaRaw)) {
          target.reported.add(lsoaRaw);
          problems.add({
            file: target.file,
            row: elsewhere.row,
            column: elsewhere.column,
            message: `Enter the district code of LSOA ${lsoaRaw}: ${source.path} places it in ${districtLabel(district)}${found(elsewhere.district)}`,
          });
        } else if (!elsewhere) {
          v.report(
            'lsoa',
            `LSOA ${lsoaRaw} is not in ${districtLabel(district)} in ${target.file}. Check the LSOA code`,
          );
        }
        return;
      }
      if (!inPathfinder) {
        outside += 1;
        return;
      }
    } else if (!known) {
      outside += 1;
      return;
    }
    const previous = firstRow.get(lsoaRaw);
    if (previous !== undefined) {
      v.report(
        'lsoa',
        `LSOA ${lsoaRaw} appears more than once (first in row ${previous}). Remove the duplicate row`,
      );
      return;
    }
    firstRow.set(lsoaRaw, row.row);
    const value = parse(v);
    if (value === undefined || v.failed) return;
    values.set(lsoaRaw, value);
    const name = v.raw('lsoaName');
    if (name) names.set(lsoaRaw, name);
  });
  if (!summary) return undefined;

  const missing = [...target.lsoas.values()].filter((l) => !mentioned.has(l.code));
  for (const l of missing.slice(0, MAX_MISSING_LISTED)) {
    problems.add({
      file: source.path,
      message: `LSOA ${l.code}${l.name ? ` (${l.name})` : ''} in ${districtLabel(l.district)} is missing. Add a row for it`,
    });
  }
  if (missing.length > MAX_MISSING_LISTED) {
    problems.add({
      file: source.path,
      message: `${formatCount(missing.length - MAX_MISSING_LISTED)} more LSOAs in the Pathfinder are missing from this file`,
    });
  }
  return { report: report(source, summary.rows, values.size, outside), values, names };
}

export interface IdaciValues {
  idaciRank: number;
  idaciDecile: number;
  idaopiRank: number | null;
  idaopiDecile: number | null;
}

export function parseIdaci(v: RowValues<string>): IdaciValues | undefined {
  const idaciRank = v.rank('idaciRank', 'IDACI rank');
  const idaciDecile = v.decile('idaciDecile', 'IDACI decile');
  const idaopiRank = v.has('idaopiRank') ? v.rank('idaopiRank', 'IDAOPI rank') : null;
  const idaopiDecile = v.has('idaopiDecile') ? v.decile('idaopiDecile', 'IDAOPI decile') : null;
  if (
    idaciRank === undefined ||
    idaciDecile === undefined ||
    idaopiRank === undefined ||
    idaopiDecile === undefined
  ) {
    return undefined;
  }
  return { idaciRank, idaciDecile, idaopiRank, idaopiDecile };
}

export type DomainValues = Record<DomainKey, { rank: number; decile: number }>;

const DOMAIN_LABELS: Record<DomainKey, string> = {
  income: 'income',
  employment: 'employment',
  education: 'education, skills and training',
  health: 'health deprivation and disability',
  crime: 'crime',
  barriers: 'barriers to housing and services',
  living_environment: 'living environment',
};

export function parseDomains(v: RowValues<string>): DomainValues | undefined {
  const out: Partial<DomainValues> = {};
  for (const d of DOMAIN_KEYS) {
    const rank = v.rank(`${d}_rank`, `${DOMAIN_LABELS[d]} rank`);
    const decile = v.decile(`${d}_decile`, `${DOMAIN_LABELS[d]} decile`);
    if (rank !== undefined && decile !== undefined) out[d] = { rank, decile };
  }
  return v.failed ? undefined : (out as DomainValues);
}

export interface PopulationValues {
  total: number;
  children: number;
  aged16to59: number | null;
  aged60plus: number | null;
  workingAge: number | null;
}

export function parsePopulation(v: RowValues<string>): PopulationValues | undefined {
  const total = v.count('total', 'total population');
  const children = v.count('children', 'number of children aged 0 to 15');
  const aged16to59 = v.has('aged16to59') ? v.count('aged16to59', 'population aged 16 to 59') : null;
  const aged60plus = v.has('aged60plus') ? v.count('aged60plus', 'population aged 60 and over') : null;
  const workingAge = v.has('workingAge') ? v.count('workingAge', 'working age population') : null;
  if (
    total === undefined ||
    children === undefined ||
    aged16to59 === undefined ||
    aged60plus === undefined ||
    workingAge === undefined
  ) {
    return undefined;
  }
  if (aged16to59 !== null && aged60plus !== null && children + aged16to59 + aged60plus !== total) {
    v.report(
      'total',
      `The age groups add up to ${formatCount(children + aged16to59 + aged60plus)} but the total population is ${formatCount(total)}. Correct the total or the age groups`,
    );
    return undefined;
  }
  if (children > total) {
    v.report('children', 'Enter a number of children aged 0 to 15 no larger than the total population');
    return undefined;
  }
  return { total, children, aged16to59, aged60plus, workingAge };
}

export interface WardValues {
  ward: string;
  wardName: string;
}

export function parseWard(v: RowValues<string>): WardValues | undefined {
  const ward = v.code('ward', WARD_CODE, 'ward code', 'E05010805');
  const wardName = v.raw('wardName');
  if (!wardName) v.report('wardName', 'Enter the ward name');
  return ward === undefined || !wardName ? undefined : { ward, wardName };
}

export interface Ward2019 {
  code: string;
  name: string;
  district: string;
  countyCode: string | null;
  countyName: string | null;
}

/** ONS ward (2019) → district → county lookup: the 2019 wards, including any no LSOA best-fits. */
export async function readWards2019(
  source: LocatedSource,
  problems: ProblemList,
): Promise<{ report: FileReport; wards: Map<string, Ward2019> } | undefined> {
  const wards = new Map<string, Ward2019>();
  const firstRow = new Map<string, number>();
  let outside = 0;
  const summary = await readCsv(source, source.spec.columns ?? [], problems, (row) => {
    const v = new RowValues<string>(source.path, row, problems);
    const district = v.code('district', GSS_CODE, 'local authority district code', 'E07000148');
    if (district === undefined) return;
    if (!DISTRICT_BY_CODE.has(district)) {
      outside += 1;
      return;
    }
    const ward = parseWard(v);
    if (!ward) return;
    const previous = firstRow.get(ward.ward);
    if (previous !== undefined) {
      v.report(
        'ward',
        `Ward ${ward.ward} appears more than once (first in row ${previous}). Remove the duplicate row`,
      );
      return;
    }
    firstRow.set(ward.ward, row.row);
    wards.set(ward.ward, {
      code: ward.ward,
      name: ward.wardName,
      district,
      countyCode: v.raw('county') || null,
      countyName: v.raw('countyName') || null,
    });
  });
  if (!summary) return undefined;
  return { report: report(source, summary.rows, wards.size, outside), wards };
}

export interface DistrictMeasure {
  district: string;
  sheet: string;
  measure: string;
  value: number;
}

/** One sheet of IoD2019 File 10 (all England): the figures for the 32 districts. */
export async function readFile10Sheet(
  source: LocatedSource,
  sheet: string,
  problems: ProblemList,
): Promise<{ report: FileReport; measures: DistrictMeasure[] } | undefined> {
  const spec = FILE10_SHEETS.find((s) => s.sheet === sheet);
  const columns = source.spec.columns ?? [];
  const measureKeys = columns.map((c) => c.key).filter((k) => k !== 'district');
  const measures: DistrictMeasure[] = [];
  const firstRow = new Map<string, number>();
  let outside = 0;
  const summary = await readCsv(source, columns, problems, (row) => {
    const v = new RowValues<string>(source.path, row, problems);
    const district = v.code('district', GSS_CODE, 'local authority district code', 'E07000148');
    if (district === undefined) return;
    if (!DISTRICT_BY_CODE.has(district)) {
      outside += 1;
      return;
    }
    const previous = firstRow.get(district);
    if (previous !== undefined) {
      v.report(
        'district',
        `District ${district} appears more than once (first in row ${previous}). Remove the duplicate row`,
      );
      return;
    }
    firstRow.set(district, row.row);
    for (const measure of measureKeys) {
      if (!v.has(measure)) continue;
      const label = columns.find((c) => c.key === measure)?.label ?? measure;
      const value = readMeasure(v, measure, label);
      if (value !== undefined) measures.push({ district, sheet: spec?.sheet ?? sheet, measure, value });
    }
  });
  if (!summary) return undefined;
  for (const d of DISTRICTS) {
    if (!firstRow.has(d.code)) {
      problems.add({ file: source.path, message: `${d.name} (${d.code}) is missing. Add a row for it` });
    }
  }
  return { report: report(source, summary.rows, firstRow.size, outside), measures };
}

function readMeasure(v: RowValues<string>, measure: string, label: string): number | undefined {
  const what = `value for ${label}`;
  switch (measureKind(measure)) {
    case 'district-rank':
      return v.wholeNumber(measure, 1, ENGLAND_DISTRICTS_2019, what);
    case 'lsoa-rank':
      return v.decimal(measure, 1, ENGLAND_LSOAS, what);
    case 'proportion':
      return v.decimal(measure, 0, 1, what);
    case 'count':
      return v.decimal(measure, 0, Infinity, what);
    case 'score':
      return v.decimal(measure, -Infinity, Infinity, what);
  }
}
