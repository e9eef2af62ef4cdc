import type { ColumnType, Generated } from 'kysely';
import type { Provenance } from './catalogue.model.ts';

/** jsonb: read as the parsed value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface CatalogueVersionTable {
  id: Generated<number>;
  number: number;
  created_at: ColumnType<Date, Date | undefined, never>;
  created_by: string;
  origin: 'built-in' | 'import';
  source_file: string | null;
  source_sha256: string | null;
  summary: string;
}

export interface IndicatorTable {
  version_id: number;
  id: string;
  position: number;
  category: string;
  name: string;
  granularity: string;
  source: string;
  data_type: string;
  purpose: string;
  caveats: string;
  combinations_text: string;
  status: string;
  provenance: Json<Provenance>;
  value_type: string;
  unit: string;
  period_kind: string;
  area_levels: Json<string[]>;
  dimensions: Json<string[]>;
  polarity: string;
  combinations: Json<string[]>;
  achievability: string;
  suppliers: Json<string[]>;
  tier: string;
}
