import type { ColumnType, Generated } from 'kysely';

/** A date column: read as 'YYYY-MM-DD' text (cast in queries), written as text. */
type DateText = ColumnType<string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ReturnStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface DataReturnTable {
  id: Generated<number>;
  organisation_id: string;
  period: string;
  period_start: DateText;
  period_end: DateText;
  due_date: DateText;
  status: ReturnStatus;
  status_reason: string | null;
  first_submitted_at: Timestamp | null;
  updated_at: Timestamp;
}

export interface ReturnStatusChangeTable {
  id: Generated<number>;
  return_id: number;
  from_status: ReturnStatus | null;
  to_status: ReturnStatus;
  reason: string | null;
  actor: string;
  at: Timestamp;
}

export interface SubmissionTable {
  id: Generated<number>;
  return_id: number;
  revision: number;
  file_name: string;
  file_sha256: string;
  file_format: 'xlsx' | 'csv' | 'generated';
  stored_path: string | null;
  row_count: number;
  warning_count: number;
  synthetic: boolean;
  submitted_by: string;
  submitted_at: Timestamp;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface ObservationTable {
  submission_id: number;
  /** Where the value was in the original file (null for rows stored before this was kept). */
  row_no: number | null;
  sheet: string | null;
  organisation_id: string;
  indicator_id: string;
  area_code: string;
  period_start: DateText;
  period_end: DateText;
  breakdown_key: string;
  value: number | null;
  value_text: string | null;
  note: string | null;
}

export interface ImplementationStatusTable {
  locality_code: string;
  indicator_id: string;
  status: 'not-collected' | 'planned-short-term' | 'planned-long-term' | 'collecting';
  since: DateText;
  note: string;
  updated_by: string;
  updated_at: Timestamp;
}
