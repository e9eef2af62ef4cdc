import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImplementationStatusTable } from './returns.table.ts';

export type ImplementationRow = Selectable<ImplementationStatusTable>;

export function createImplementationRepository() {
  return {
    async list(db: Kysely<DB>): Promise<ImplementationRow[]> {
      return db
        .selectFrom('implementation_status')
        .select([
          'locality_code',
          'indicator_id',
          'status',
          sql<string>`since::text`.as('since'),
          'note',
          'updated_by',
          'updated_at',
        ])
        .execute();
    },

    async upsert(
      trx: Kysely<DB>,
      row: Omit<ImplementationRow, 'updated_at'> & { updated_at: Date },
    ): Promise<void> {
      await trx
        .insertInto('implementation_status')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['locality_code', 'indicator_id']).doUpdateSet({
            status: row.status,
            since: row.since,
            note: row.note,
            updated_by: row.updated_by,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },

    /** (locality, indicator) pairs with at least one observation in a return for the period. */
    async received(
      db: Kysely<DB>,
      period: string,
    ): Promise<{ locality_code: string | null; indicator_id: string }[]> {
      return db
        .selectFrom('observation as o')
        .innerJoin('submission as s', 's.id', 'o.submission_id')
        .innerJoin('data_return as r', 'r.id', 's.return_id')
        .innerJoin('organisation as g', 'g.id', 'r.organisation_id')
        .where('r.period', '=', period)
        .select(['g.locality_code', 'o.indicator_id'])
        .distinct()
        .execute();
    },
  };
}

export type ImplementationRepository = ReturnType<typeof createImplementationRepository>;
