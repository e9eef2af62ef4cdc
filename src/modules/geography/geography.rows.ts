// Turns the built-in facts and a validated reference dataset into table rows, and summarises an
// import for its report. Pure functions: the service writes the rows, the repository holds the SQL.
import { DISTRICTS, LOCALITIES, PATHFINDER } from './geography.builtin.ts';
import type { NewAreaRow, ReferenceRows } from './geography.repository.ts';
import type { LocatedReferenceFiles, ReferenceDataset } from './reference-dataset.ts';
import type { FileReport } from './reference-files.ts';

export function builtInAreaRows(): NewAreaRow[] {
  return [
    {
      code: PATHFINDER.code,
      name: PATHFINDER.name,
      level: 'pathfinder',
      parent_code: null,
      vintage: null,
      origin: 'built-in',
      facts: {},
    },
    ...LOCALITIES.map((l): NewAreaRow => ({
      code: l.code,
      name: l.name,
      level: 'locality',
      parent_code: PATHFINDER.code,
      vintage: null,
      origin: 'built-in',
      facts: {
        ceremonialCounty: l.ceremonialCounty,
        policeForce: l.policeForce,
        policeForceArea: l.policeForceArea,
      },
    })),
    ...DISTRICTS.map(({ code, name, localityCode, ...facts }): NewAreaRow => ({
      code,
      name,
      level: 'district',
      parent_code: localityCode,
      vintage: '2019',
      origin: 'built-in',
      facts,
    })),
  ];
}

export function referenceRows(data: ReferenceDataset): ReferenceRows {
  const wardAreas = data.wards2025.map((w): NewAreaRow => ({
    code: w.code,
    name: w.name,
    level: 'ward',
    parent_code: w.district,
    vintage: '2025',
    origin: 'import',
    facts: {},
  }));
  // LSOAs nest exactly in districts; their ward is a best fit, so it lives in the lookup table instead.
  const lsoaAreas = data.lsoas.map((l): NewAreaRow => ({
    code: l.code,
    name: l.name,
    level: 'lsoa',
    parent_code: l.district,
    vintage: '2011',
    origin: 'import',
    facts: {},
  }));
  return {
    areas: [...wardAreas, ...lsoaAreas],
    deprivation: data.lsoas.map((l) => ({
      lsoa_code: l.code,
      district_code: l.district,
      imd_rank: l.imdRank,
      imd_decile: l.imdDecile,
      idaci_rank: l.idaci.idaciRank,
      idaci_decile: l.idaci.idaciDecile,
      idaopi_rank: l.idaci.idaopiRank,
      idaopi_decile: l.idaci.idaopiDecile,
      income_rank: l.domains?.income.rank ?? null,
      income_decile: l.domains?.income.decile ?? null,
      employment_rank: l.domains?.employment.rank ?? null,
      employment_decile: l.domains?.employment.decile ?? null,
      education_rank: l.domains?.education.rank ?? null,
      education_decile: l.domains?.education.decile ?? null,
      health_rank: l.domains?.health.rank ?? null,
      health_decile: l.domains?.health.decile ?? null,
      crime_rank: l.domains?.crime.rank ?? null,
      crime_decile: l.domains?.crime.decile ?? null,
      barriers_rank: l.domains?.barriers.rank ?? null,
      barriers_decile: l.domains?.barriers.decile ?? null,
      living_environment_rank: l.domains?.living_environment.rank ?? null,
      living_environment_decile: l.domains?.living_environment.decile ?? null,
    })),
    population: data.lsoas.map((l) => ({
      lsoa_code: l.code,
      total: l.population.total,
      children_0_15: l.population.children,
      aged_16_59: l.population.aged16to59,
      aged_60_plus: l.population.aged60plus,
      working_age_18_59_64: l.population.workingAge,
      reference_date: 'mid-2015',
    })),
    summaries: data.districtMeasures.map((m) => ({
      district_code: m.district,
      sheet: m.sheet,
      measure: m.measure,
      value: m.value,
    })),
    wards: [
      ...data.wards2019.map((w) => ({
        ward_code: w.code,
        vintage: '2019',
        ward_name: w.name,
        district_code: w.district,
        county_code: w.countyCode,
        county_name: w.countyName,
      })),
      ...data.wards2025.map((w) => ({
        ward_code: w.code,
        vintage: '2025',
        ward_name: w.name,
        district_code: w.district,
        county_code: null,
        county_name: null,
      })),
    ],
    lsoaWards: data.lsoas.flatMap((l) => [
      { lsoa_code: l.code, vintage: '2019', ward_code: l.ward2019, method: 'ons_best_fit' as const },
      { lsoa_code: l.code, vintage: '2025', ward_code: l.ward2025, method: 'derived_centroid' as const },
    ]),
    boundaries: data.boundaries.map((b) => ({
      area_code: b.code,
      level: b.level,
      source: 'ONS Generalised Clipped (BGC)',
      geometry: b.geometry,
    })),
  };
}

export interface ImportSummary {
  /** One entry per source read (a file serving two sources appears twice). */
  files: (FileReport & { sha256: string; bytes: number; roles: string[] })[];
  absentOptional: { role: string; label: string; expected: string }[];
  counts: {
    districts: number;
    lsoas: number;
    wards2025: number;
    wards2019: number;
    districtSummaryFigures: number;
    boundaries: { district: number; ward: number; lsoa: number };
    population: number;
    children0To15: number;
  };
  /** Rows skipped in all files because they are outside the 32 districts. */
  outsideSkipped: number;
}

export function importSummary(data: ReferenceDataset, located: LocatedReferenceFiles): ImportSummary {
  const checksums = new Map(located.files.map((f) => [f.path, f]));
  const boundaries = (level: string) => data.boundaries.filter((b) => b.level === level).length;
  return {
    files: data.fileReports.map((r) => ({
      ...r,
      roles: data.fileReports.filter((x) => x.path === r.path).map((x) => x.role),
      sha256: checksums.get(r.path)?.sha256 ?? '',
      bytes: checksums.get(r.path)?.bytes ?? 0,
    })),
    absentOptional: located.absentOptional.map((s) => ({
      role: s.role,
      label: s.label,
      expected: s.paths[0] ?? '',
    })),
    counts: {
      districts: new Set(data.lsoas.map((l) => l.district)).size,
      lsoas: data.lsoas.length,
      wards2025: data.wards2025.length,
      wards2019: data.wards2019.length,
      districtSummaryFigures: data.districtMeasures.length,
      boundaries: { district: boundaries('district'), ward: boundaries('ward'), lsoa: boundaries('lsoa') },
      population: data.lsoas.reduce((n, l) => n + l.population.total, 0),
      children0To15: data.lsoas.reduce((n, l) => n + l.population.children, 0),
    },
    outsideSkipped: data.fileReports.reduce((n, r) => n + r.outside, 0),
  };
}
