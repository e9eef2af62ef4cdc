// User-defined combinations: a named formula over indicators (see modules/analysis/formula). Archived,
// never deleted, so what a past page or export showed can still be traced to its formula.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_combination')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('formula', 'text', (c) => c.notNull()) // as typed; checked against the catalogue when saved
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull()) // user id or actor label
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('archived_at', 'timestamptz')
    .addCheckConstraint(
      'user_combination_polarity_check',
      sql`polarity in ('higher-is-worse', 'lower-is-worse', 'no-judgement')`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_combination').execute();
}
