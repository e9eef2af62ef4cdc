// Reads a whole reference directory into one validated dataset, or throws a ValidationError listing
// every problem found. Nothing here touches the database: the service writes the dataset in one go.
import fs from 'node:fs';
import path from 'node:path';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { DISTRICT_BY_CODE } from './geography.builtin.ts';
import { readBoundaries, type Boundary } from './reference-geojson.ts';
import {
  parseDomains,
  parseIdaci,
  parsePopulation,
  parseWard,
  readFile10Sheet,
  readImdFile,
  readLsoaFile,
  readWards2019,
  type DistrictMeasure,
  type DomainValues,
  type FileReport,
  type IdaciValues,
  type PopulationValues,
  type Ward2019,
  type WardValues,
} from './reference-files.ts';
import { ProblemList } from './reference-problems.ts';
import {
  SOURCES,
  fingerprint,
  locateSources,
  sha256File,
  type LocatedSource,
  type SourceFile,
  type SourceSpec,
} from './reference-sources.ts';

export interface LocatedReferenceFiles {
  directory: string;
  sources: LocatedSource[];
  /** Each distinct file once, with its checksum. */
  files: SourceFile[];
  fingerprint: string;
  absentOptional: SourceSpec[];
}

export interface LsoaRecord {
  code: string;
  name: string;
  district: string;
  imdRank: number;
  imdDecile: number;
  idaci: IdaciValues;
  domains: DomainValues | null;
  population: PopulationValues;
  ward2019: string;
  ward2025: string;
}

export interface WardRecord {
  code: string;
  name: string;
  district: string;
}

export interface ReferenceDataset {
  lsoas: LsoaRecord[];
  wards2019: Ward2019[];
  wards2025: WardRecord[];
  districtMeasures: DistrictMeasure[];
  boundaries: Boundary[];
  fileReports: FileReport[];
}

/** Finds the files and checksums them; throws when the directory or a required file is missing. */
export async function locateReferenceFiles(directory: string): Promise<LocatedReferenceFiles> {
  const dir = path.resolve(directory);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new ValidationError('The reference data was not imported.', [
      {
        field: 'DIR',
        message: `There is no directory at ${dir}. Enter the directory that holds the reference files`,
      },
    ]);
  }
  const sources = await locateSources(dir);
  const byRole = new Set(sources.map((s) => s.spec.role));
  const missing: Problem[] = SOURCES.filter((s) => s.required && !byRole.has(s.role)).map((s) => ({
    file: s.paths[0],
    message: `The ${s.label} file is missing. Put it in ${dir} as ${s.paths.join(' or ')} (the official file with its own headers is accepted too)`,
  }));
  if (missing.length)
    throw new ValidationError(
      'The reference data was not imported because required files are missing.',
      missing,
    );

  const unique = new Map<string, LocatedSource>();
  for (const s of sources) unique.set(s.path, s);
  const files = await Promise.all(
    [...unique.values()].map(async (s) => ({ path: s.path, ...(await sha256File(s.absolutePath)) })),
  );
  return {
    directory: dir,
    sources,
    files,
    fingerprint: fingerprint(files),
    absentOptional: SOURCES.filter((s) => !s.required && !byRole.has(s.role)),
  };
}

function sourceFor(located: LocatedReferenceFiles, role: string): LocatedSource | undefined {
  return located.sources.find((s) => s.spec.role === role);
}

/** A reader returns undefined only after reporting why, so once problems are thrown this holds. */
function present<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a reference file was not read but no problem was reported');
  return value;
}

/** Reads and cross-checks every file. Throws a ValidationError when anything is wrong. */
export async function readReferenceDataset(located: LocatedReferenceFiles): Promise<ReferenceDataset> {
  const problems = new ProblemList();
  const required = (role: string) => present(sourceFor(located, role));

  // File 1 first: it decides which LSOAs are in the Pathfinder, and every other file is checked against it.
  const imd = await readImdFile(required('imd'), problems);
  if (!imd) problems.throwIfAny(); // unreadable: nothing to check the other files against
  const { target } = present(imd);

  const idaci = await readLsoaFile(required('idaci'), target, problems, parseIdaci);
  const population = await readLsoaFile(required('population'), target, problems, parsePopulation);
  const ward2019 = await readLsoaFile<WardValues>(required('lsoa-ward-2019'), target, problems, parseWard);
  const ward2025 = await readLsoaFile<WardValues>(required('lsoa-ward-2025'), target, problems, parseWard);
  const domainSource = sourceFor(located, 'domains');
  const domains = domainSource ? await readLsoaFile(domainSource, target, problems, parseDomains) : undefined;
  const wardListSource = sourceFor(located, 'ward-2019');
  const wardList = wardListSource ? await readWards2019(wardListSource, problems) : undefined;
  const districtMeasures: DistrictMeasure[] = [];
  const sheetReports: FileReport[] = [];
  for (const s of located.sources.filter((x) => x.spec.role.startsWith('file10-'))) {
    const sheet = await readFile10Sheet(s, s.spec.role.slice('file10-'.length), problems);
    if (sheet) {
      sheetReports.push(sheet.report);
      districtMeasures.push(...sheet.measures);
    }
  }
  problems.throwIfAny();

  const lsoaWard2019 = present(ward2019).values;
  const lsoaWard2025 = present(ward2025).values;
  const wards2019 = collectWards2019(
    lsoaWard2019,
    target.lsoas,
    wardList?.wards,
    wardListSource?.path,
    present(ward2019).report.path,
    problems,
  );
  const wards2025 = collectWards(lsoaWard2025, target.lsoas, present(ward2025).report.path, problems);
  const shapes = await readAllBoundaries(located, target.lsoas, wards2025, problems);
  problems.throwIfAny();

  const idaciValues = present(idaci).values;
  const populationValues = present(population).values;
  const lsoas: LsoaRecord[] = [...target.lsoas.values()].map((l) => ({
    code: l.code,
    name: l.name ?? present(population).names.get(l.code) ?? present(ward2019).names.get(l.code) ?? l.code,
    district: l.district,
    imdRank: l.imdRank,
    imdDecile: l.imdDecile,
    idaci: present(idaciValues.get(l.code)),
    domains: domains?.values.get(l.code) ?? null,
    population: present(populationValues.get(l.code)),
    ward2019: present(lsoaWard2019.get(l.code)).ward,
    ward2025: present(lsoaWard2025.get(l.code)).ward,
  }));
  const reports = [imd, idaci, population, ward2019, ward2025, domains, wardList].flatMap((r) =>
    r ? [r.report] : [],
  );
  reports.push(...sheetReports, ...shapes.reports);
  const order = new Map(SOURCES.map((s, i) => [s.role, i]));
  reports.sort((a, b) => (order.get(a.role) ?? 0) - (order.get(b.role) ?? 0));
  return {
    lsoas,
    wards2019,
    wards2025,
    districtMeasures,
    boundaries: shapes.boundaries,
    fileReports: reports,
  };
}

/**
 * The district, ward (2025) and LSOA boundaries that were given. Ward boundaries may add wards
 * that no LSOA best-fits (they are appended to `wards2025`).
 */
async function readAllBoundaries(
  located: LocatedReferenceFiles,
  lsoas: Map<string, { district: string }>,
  wards2025: WardRecord[],
  problems: ProblemList,
): Promise<{ boundaries: Boundary[]; reports: FileReport[] }> {
  const boundaries: Boundary[] = [];
  const reports: FileReport[] = [];
  const keep = (r: { report: FileReport; boundaries: Boundary[] } | undefined) => {
    if (!r) return;
    reports.push(r.report);
    boundaries.push(...r.boundaries);
  };
  const districtShapes = sourceFor(located, 'boundaries-district');
  if (districtShapes) {
    keep(await readBoundaries(districtShapes, 'district', (code) => DISTRICT_BY_CODE.has(code), problems));
  }
  const wardShapes = sourceFor(located, 'boundaries-ward-2025');
  if (wardShapes) {
    const known = new Map(wards2025.map((w) => [w.code, w]));
    const inPathfinder = (code: string, district: string | undefined) =>
      district ? DISTRICT_BY_CODE.has(district) : known.has(code);
    const r = await readBoundaries(wardShapes, 'ward', inPathfinder, problems);
    keep(r);
    for (const b of r?.boundaries ?? []) {
      const existing = known.get(b.code);
      if (existing && b.district && existing.district !== b.district) {
        problems.add({
          file: wardShapes.path,
          field: b.code,
          message: `Ward ${b.code} is in ${b.district} here but in ${existing.district} in the LSOA to ward (2025) file. Check the district code`,
        });
      } else if (!existing && b.district) {
        wards2025.push({ code: b.code, name: b.name ?? b.code, district: b.district });
      }
    }
  }
  const lsoaShapes = sourceFor(located, 'boundaries-lsoa');
  if (lsoaShapes) keep(await readBoundaries(lsoaShapes, 'lsoa', (code) => lsoas.has(code), problems));
  return { boundaries, reports };
}

/** The wards an LSOA lookup refers to; a ward must have one name and lie in one district. */
function collectWards(
  lookup: Map<string, WardValues>,
  lsoas: Map<string, { district: string }>,
  file: string,
  problems: ProblemList,
): WardRecord[] {
  const wards = new Map<string, WardRecord>();
  for (const [lsoa, w] of lookup) {
    const district = lsoas.get(lsoa)!.district;
    const existing = wards.get(w.ward);
    if (!existing) wards.set(w.ward, { code: w.ward, name: w.wardName, district });
    else if (existing.district !== district) {
      problems.add({
        file,
        message: `Ward ${w.ward} is given for LSOAs in two districts (${existing.district} and ${district}). A ward lies in one district: check the ward code for LSOA ${lsoa}`,
      });
    }
  }
  return [...wards.values()];
}

/** 2019 wards: the ONS ward list when given (it includes wards no LSOA best-fits), else the lookup's. */
function collectWards2019(
  lookup: Map<string, WardValues>,
  lsoas: Map<string, { district: string }>,
  list: Map<string, Ward2019> | undefined,
  listFile: string | undefined,
  lookupFile: string,
  problems: ProblemList,
): Ward2019[] {
  const fromLookup = collectWards(lookup, lsoas, lookupFile, problems);
  if (!list) return fromLookup.map((w) => ({ ...w, countyCode: null, countyName: null }));
  for (const w of fromLookup) {
    const listed = list.get(w.code);
    if (!listed || listed.district !== w.district) {
      problems.add({
        file: lookupFile,
        message: `Ward ${w.code} (${w.name}) is not listed for ${w.district} in ${listFile}. Use lookups of the same year (December 2019)`,
      });
    }
  }
  return [...list.values()];
}
