import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppUserTable, MembershipTable, UserSessionTable } from './users.table.ts';

export type UserRow = Selectable<AppUserTable>;
export type MembershipRow = Selectable<MembershipTable>;
export type SessionRow = Selectable<UserSessionTable>;

export function createUsersRepository() {
  return {
    findByUsername: (db: Kysely<DB>, username: string) =>
      db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst(),

    findById: (db: Kysely<DB>, id: string) =>
      db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst(),

    list: (db: Kysely<DB>) => db.selectFrom('app_user').selectAll().orderBy('username').execute(),

    insert: (
      db: Kysely<DB>,
      row: Omit<UserRow, 'created_at' | 'password_changed_at' | 'failed_attempts' | 'locked_until'>,
    ) => db.insertInto('app_user').values(row).execute(),

    update: (db: Kysely<DB>, id: string, changes: Partial<Omit<UserRow, 'id'>>) =>
      db.updateTable('app_user').set(changes).where('id', '=', id).execute(),

    memberships: (db: Kysely<DB>, userId: string) =>
      db.selectFrom('membership').selectAll().where('user_id', '=', userId).execute(),

    allMemberships: (db: Kysely<DB>) => db.selectFrom('membership').selectAll().execute(),

    addMembership: (db: Kysely<DB>, row: MembershipRow) =>
      db
        .insertInto('membership')
        .values(row)
        .onConflict((oc) => oc.doNothing())
        .execute(),

    insertSession: (db: Kysely<DB>, row: SessionRow) => db.insertInto('user_session').values(row).execute(),

    findSession: (db: Kysely<DB>, tokenHash: string) =>
      db.selectFrom('user_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst(),

    touchSession: (db: Kysely<DB>, tokenHash: string, at: Date) =>
      db.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).execute(),

    deleteSession: (db: Kysely<DB>, tokenHash: string) =>
      db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute(),

    deleteSessionsOf: (db: Kysely<DB>, userId: string) =>
      db.deleteFrom('user_session').where('user_id', '=', userId).execute(),
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
