// The only SQL for user-defined combinations.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { UserCombinationTable } from './custom.table.ts';

export type UserCombinationRow = Selectable<UserCombinationTable>;
export type NewUserCombinationRow = Omit<
  Insertable<UserCombinationTable>,
  'id' | 'created_at' | 'updated_at' | 'archived_at'
>;
export type UserCombinationChanges = Pick<
  UserCombinationRow,
  'name' | 'description' | 'formula' | 'unit' | 'polarity'
>;

export function createCustomCombinationRepository() {
  return {
    /** Active combinations by name (then id); archived ones too when asked, after the active ones. */
    list: (db: Kysely<DB>, options: { includeArchived: boolean }): Promise<UserCombinationRow[]> => {
      let query = db.selectFrom('user_combination').selectAll();
      if (!options.includeArchived) query = query.where('archived_at', 'is', null);
      return query
        .orderBy(sql`archived_at is not null`)
        .orderBy(sql`lower(name)`)
        .orderBy('id')
        .execute();
    },

    find: (db: Kysely<DB>, id: number): Promise<UserCombinationRow | undefined> =>
      db.selectFrom('user_combination').selectAll().where('id', '=', id).executeTakeFirst(),

    /** An active combination with this name, whatever its letter case, other than `exceptId`. */
    findActiveByName: (db: Kysely<DB>, name: string, exceptId?: number) => {
      let query = db
        .selectFrom('user_combination')
        .select(['id', 'name'])
        .where('archived_at', 'is', null)
        .where(sql<string>`lower(name)`, '=', name.toLowerCase());
      if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
      return query.executeTakeFirst();
    },

    insert: (trx: Kysely<DB>, row: NewUserCombinationRow): Promise<UserCombinationRow> =>
      trx.insertInto('user_combination').values(row).returningAll().executeTakeFirstOrThrow(),

    update: (
      trx: Kysely<DB>,
      id: number,
      changes: UserCombinationChanges,
      at: Date,
    ): Promise<UserCombinationRow | undefined> =>
      trx
        .updateTable('user_combination')
        .set({ ...changes, updated_at: at })
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),

    archive: (trx: Kysely<DB>, id: number, at: Date): Promise<UserCombinationRow | undefined> =>
      trx
        .updateTable('user_combination')
        .set({ archived_at: at, updated_at: at })
        .where('id', '=', id)
        .where('archived_at', 'is', null)
        .returningAll()
        .executeTakeFirst(),
  };
}

export type CustomCombinationRepository = ReturnType<typeof createCustomCombinationRepository>;
