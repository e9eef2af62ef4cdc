import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('catalogue_version')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull()) // 'built-in' or 'import'
    .addColumn('source_file', 'text')
    .addColumn('source_sha256', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('indicator')
    .addColumn('version_id', 'integer', (c) =>
      c.notNull().references('catalogue_version.id').onDelete('cascade'),
    )
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('granularity', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('data_type', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('caveats', 'text', (c) => c.notNull())
    .addColumn('combinations_text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('provenance', 'jsonb', (c) => c.notNull())
    .addColumn('value_type', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('area_levels', 'jsonb', (c) => c.notNull())
    .addColumn('dimensions', 'jsonb', (c) => c.notNull())
    .addColumn('polarity', 'text', (c) => c.notNull())
    .addColumn('combinations', 'jsonb', (c) => c.notNull())
    .addColumn('achievability', 'text', (c) => c.notNull())
    .addColumn('suppliers', 'jsonb', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('indicator_pk', ['version_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('indicator').execute();
  await db.schema.dropTable('catalogue_version').execute();
}
