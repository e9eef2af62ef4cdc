import type { ColumnType, Generated } from 'kysely';

export interface AuditEventTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | undefined, never>;
  actor: string;
  action: string;
  subject_type: string;
  subject_id: string;
  details: ColumnType<Record<string, unknown>, string, never>;
  origin: string;
  correlation_id: string;
  prev_hash: string;
  hash: string;
}
