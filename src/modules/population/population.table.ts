import type { ColumnType, Generated } from 'kysely';

/** An upload of ONS mid-year estimates; the one in use has replaced_by and removed_at null. */
export interface PopulationImportTable {
  id: Generated<number>;
  imported_at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  file_name: string;
  sha256: string;
  reference_year: number;
  age_from: number;
  age_to: number;
  layout: 'wide' | 'long';
  sheet: string | null;
  rows: number;
  other_rows: number;
  replaced_by: ColumnType<number | null, number | null | undefined, number | null>;
  removed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  removed_by: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Children aged age_from to age_to of one district, as uploaded. */
export interface PopulationEstimateTable {
  import_id: number;
  area_code: string;
  children: number;
}
