// Police.uk street-level crime: each import (with its per-file reports and SHA-256), each file (one
// month of one force; a later file of the same month and force replaces it) and the counts of the
// current files by LSOA, month and crime type.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crime_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('files', 'jsonb', (c) => c.notNull()) // [{ file, sha256, month, force, report }]
    .addColumn('totals', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('crime_source_file')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('import_id', 'integer', (c) => c.notNull().references('crime_import.id'))
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('force', 'text', (c) => c.notNull()) // police.uk "Falls within"
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull())
    .addColumn('counted', 'integer', (c) => c.notNull())
    // Set when a later import of the same month and force replaced this file's counts.
    .addColumn('replaced_by_import', 'integer', (c) => c.references('crime_import.id'))
    .addCheckConstraint('crime_source_file_month_check', sql`extract(day from month) = 1`)
    .execute();
  await db.schema
    .createIndex('crime_source_file_current_idx')
    .unique()
    .on('crime_source_file')
    .columns(['month', 'force'])
    .where(sql.ref('replaced_by_import'), 'is', null)
    .execute();

  // No foreign key to area: a reference re-import replaces the LSOAs, and the counts must survive it.
  // Each LSOA lies in one force's area and only a force's own districts are counted, so a month,
  // LSOA and crime type has one count.
  await db.schema
    .createTable('crime_count')
    .addColumn('month', 'date', (c) => c.notNull())
    .addColumn('lsoa_code', 'text', (c) => c.notNull())
    .addColumn('crime_type', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('source_file_id', 'integer', (c) => c.notNull().references('crime_source_file.id'))
    .addPrimaryKeyConstraint('crime_count_pk', ['month', 'lsoa_code', 'crime_type'])
    .addCheckConstraint('crime_count_positive_check', sql`count > 0`)
    .addCheckConstraint(
      'crime_count_type_check',
      sql`crime_type in ('anti-social-behaviour', 'bicycle-theft', 'burglary', 'criminal-damage-arson', 'drugs', 'other-theft', 'possession-of-weapons', 'public-order', 'robbery', 'shoplifting', 'theft-from-the-person', 'vehicle-crime', 'violence-and-sexual-offences', 'other-crime')`,
    )
    .execute();
  await db.schema.createIndex('crime_count_source_idx').on('crime_count').column('source_file_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['crime_count', 'crime_source_file', 'crime_import']) {
    await db.schema.dropTable(table).execute();
  }
}
