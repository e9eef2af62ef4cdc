import type { ColumnType } from 'kysely';

export interface OrganisationTable {
  id: string;
  name: string;
  kind: string;
  locality_code: string | null;
  district_codes: ColumnType<string[], string, string>;
}
