import type { ColumnType, Generated } from 'kysely';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;
/** A date column: read as 'YYYY-MM-DD' text (cast in queries), written as text. */
type DateText = ColumnType<string, string, string>;

/** One file of an import, as recorded in crime_import.files. */
export interface CrimeImportFileRecord {
  file: string;
  sha256: string;
  month: string;
  force: string;
  /** The per-file report (PoliceUkFileImport) as it was shown. */
  report: Record<string, unknown>;
}

export interface CrimeImportTable {
  id: Generated<number>;
  imported_at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  files: Json<CrimeImportFileRecord[]>;
  totals: Json<Record<string, unknown>>;
}

/** A police.uk file (one month of one force); the current one per (month, force) has replaced_by_import null. */
export interface CrimeSourceFileTable {
  id: Generated<number>;
  import_id: number;
  month: DateText;
  force: string;
  file_name: string;
  sha256: string;
  rows_read: number;
  counted: number;
  replaced_by_import: number | null;
}

/** Counts of the current files by LSOA (2011), month and crime type (dimension code); never zero. */
export interface CrimeCountTable {
  month: DateText;
  lsoa_code: string;
  crime_type: string;
  count: number;
  source_file_id: number;
}
