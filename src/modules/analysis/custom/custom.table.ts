// The row type of a user-defined combination, as the repository reads and writes it.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UserCombinationTable {
  id: Generated<number>;
  name: string;
  description: string;
  /** The formula exactly as the user typed it (it parsed and checked when saved). */
  formula: string;
  unit: string;
  polarity: string;
  /** The actor who created it: a user id, or a label such as "cli:alice". */
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
