import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { OrganisationTable } from './organisations.table.ts';

export type OrganisationRow = Selectable<OrganisationTable>;

export function createOrganisationsRepository() {
  return {
    async list(db: Kysely<DB>): Promise<OrganisationRow[]> {
      return db.selectFrom('organisation').selectAll().orderBy('name').execute();
    },

    async find(db: Kysely<DB>, id: string): Promise<OrganisationRow | undefined> {
      return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async upsert(
      db: Kysely<DB>,
      rows: (Omit<OrganisationRow, 'district_codes'> & { district_codes: string[] })[],
    ) {
      if (!rows.length) return;
      await db
        .insertInto('organisation')
        .values(rows.map((r) => ({ ...r, district_codes: JSON.stringify(r.district_codes) })))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            locality_code: eb.ref('excluded.locality_code'),
            district_codes: eb.ref('excluded.district_codes'),
          })),
        )
        .execute();
    },
  };
}

export type OrganisationsRepository = ReturnType<typeof createOrganisationsRepository>;
