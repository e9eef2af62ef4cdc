import type { ColumnType, Generated } from 'kysely';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface AreaTable {
  code: string;
  name: string;
  level: 'pathfinder' | 'locality' | 'district' | 'ward' | 'lsoa';
  parent_code: string | null;
  vintage: string | null;
  origin: 'built-in' | 'import';
  facts: ColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface LsoaDeprivationTable {
  lsoa_code: string;
  district_code: string;
  imd_rank: number;
  imd_decile: number;
  idaci_rank: number;
  idaci_decile: number;
  idaopi_rank: number | null;
  idaopi_decile: number | null;
  income_rank: number | null;
  income_decile: number | null;
  employment_rank: number | null;
  employment_decile: number | null;
  education_rank: number | null;
  education_decile: number | null;
  health_rank: number | null;
  health_decile: number | null;
  crime_rank: number | null;
  crime_decile: number | null;
  barriers_rank: number | null;
  barriers_decile: number | null;
  living_environment_rank: number | null;
  living_environment_decile: number | null;
}

export interface LsoaPopulationTable {
  lsoa_code: string;
  total: number;
  children_0_15: number;
  aged_16_59: number | null;
  aged_60_plus: number | null;
  working_age_18_59_64: number | null;
  reference_date: string;
}

export interface DistrictDeprivationSummaryTable {
  district_code: string;
  sheet: string;
  measure: string;
  value: number;
}

export interface WardLookupTable {
  ward_code: string;
  vintage: string;
  ward_name: string;
  district_code: string;
  county_code: string | null;
  county_name: string | null;
}

export interface LsoaWardLookupTable {
  lsoa_code: string;
  vintage: string;
  ward_code: string;
  method: 'ons_best_fit' | 'derived_centroid';
}

export interface BoundaryTable {
  area_code: string;
  level: string;
  source: string;
  geometry: Json<unknown>;
}

export interface ReferenceImportFile {
  role: string;
  path: string;
  sha256: string;
  rows: number;
}

export interface ReferenceImportTable {
  id: Generated<number>;
  imported_at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  directory: string;
  fingerprint: string;
  files: Json<ReferenceImportFile[]>;
  summary: Json<Record<string, unknown>>;
}
