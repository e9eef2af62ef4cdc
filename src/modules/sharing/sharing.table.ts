import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface SharingAgreementTable {
  id: Generated<number>;
  reference: string;
  title: string;
  purpose: string;
  data_owner_ids: Json<string[]>;
  recipient_ids: Json<string[]>;
  categories: Json<string[]>;
  starts_on: ColumnType<string, string, string>;
  ends_on: ColumnType<string, string, string>;
  created_by: string;
  created_at: ColumnType<Date, Date | undefined, never>;
}
