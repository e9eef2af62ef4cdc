// Uploaded ONS mid-year population estimates, the denominators that replace IoD2019 File 6's mid-2015
// children when present. Each upload is kept: the current one has neither replaced_by nor removed_at,
// a later upload sets replaced_by on the earlier one, and "remove" sets removed_at (back to File 6).
// Uploads and removals take an advisory lock, so at most one upload is in use at a time.
// Only the children aged age_from to age_to of the 32 Pathfinder districts are stored; wards, localities
// and the Pathfinder are derived from them when rates are computed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('population_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('reference_year', 'integer', (c) => c.notNull())
    .addColumn('age_from', 'integer', (c) => c.notNull())
    .addColumn('age_to', 'integer', (c) => c.notNull())
    // 'wide' (MYE2 persons: a column per single year of age) or 'long' (a row per area, sex and age).
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('sheet', 'text')
    // Data rows read, and those of areas other than the 32 districts (counted and ignored).
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('other_rows', 'integer', (c) => c.notNull())
    .addColumn('replaced_by', 'integer', (c) => c.references('population_import.id'))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'text')
    .addCheckConstraint('population_import_layout_check', sql`layout in ('wide', 'long')`)
    .addCheckConstraint('population_import_ages_check', sql`age_from >= 0 and age_to >= age_from`)
    .addCheckConstraint('population_import_removed_check', sql`(removed_at is null) = (removed_by is null)`)
    .execute();
  await db.schema
    .createTable('population_estimate')
    .addColumn('import_id', 'integer', (c) => c.notNull().references('population_import.id'))
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('children', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('population_estimate_pk', ['import_id', 'area_code'])
    .addCheckConstraint('population_estimate_children_check', sql`children >= 0`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('population_estimate').execute();
  await db.schema.dropTable('population_import').execute();
}
