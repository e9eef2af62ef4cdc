import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SharingAgreementTable } from './sharing.table.ts';

export type AgreementRow = Selectable<SharingAgreementTable>;

export function createSharingRepository() {
  return {
    list: (db: Kysely<DB>): Promise<AgreementRow[]> =>
      db
        .selectFrom('sharing_agreement')
        .select([
          'id',
          'reference',
          'title',
          'purpose',
          'data_owner_ids',
          'recipient_ids',
          'categories',
          sql<string>`starts_on::text`.as('starts_on'),
          sql<string>`ends_on::text`.as('ends_on'),
          'created_by',
          'created_at',
        ])
        .orderBy('starts_on', 'desc')
        .execute(),

    findByReference: (db: Kysely<DB>, reference: string) =>
      db.selectFrom('sharing_agreement').select('id').where('reference', '=', reference).executeTakeFirst(),

    insert: (
      trx: Kysely<DB>,
      a: Omit<AgreementRow, 'id' | 'created_at' | 'data_owner_ids' | 'recipient_ids' | 'categories'> & {
        data_owner_ids: string[];
        recipient_ids: string[];
        categories: string[];
      },
    ) =>
      trx
        .insertInto('sharing_agreement')
        .values({
          ...a,
          data_owner_ids: JSON.stringify(a.data_owner_ids),
          recipient_ids: JSON.stringify(a.recipient_ids),
          categories: JSON.stringify(a.categories),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  };
}

export type SharingRepository = ReturnType<typeof createSharingRepository>;
