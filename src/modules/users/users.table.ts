import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  disabled: boolean;
  demo: boolean;
  failed_attempts: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  password_changed_at: Timestamp;
  created_at: Timestamp;
}

export interface MembershipTable {
  user_id: string;
  organisation_id: string;
  role: string;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}
