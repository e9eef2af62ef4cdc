// The area hierarchy (Pathfinder → locality → district → ward 2025, and LSOA 2011 within its district)
// and the reference data imported from official files: IoD2019 by LSOA, mid-2015 populations,
// File 10 district summaries, LSOA→ward lookups of two vintages, boundaries and an import log.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('area')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    // LSOAs point at their district (they nest exactly); wards at their district too.
    .addColumn('parent_code', 'text', (c) => c.references('area.code'))
    .addColumn('vintage', 'text')
    .addColumn('origin', 'text', (c) => c.notNull()) // 'built-in' or 'import'
    .addColumn('facts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addCheckConstraint(
      'area_level_check',
      sql`level in ('pathfinder', 'locality', 'district', 'ward', 'lsoa')`,
    )
    .execute();
  await db.schema.createIndex('area_level_parent_idx').on('area').columns(['level', 'parent_code']).execute();
  await db.schema.createIndex('area_parent_idx').on('area').column('parent_code').execute();

  await db.schema
    .createTable('lsoa_deprivation')
    .addColumn('lsoa_code', 'text', (c) => c.primaryKey().references('area.code'))
    .addColumn('district_code', 'text', (c) => c.notNull().references('area.code'))
    .addColumn('imd_rank', 'integer', (c) => c.notNull())
    .addColumn('imd_decile', 'integer', (c) => c.notNull())
    .addColumn('idaci_rank', 'integer', (c) => c.notNull())
    .addColumn('idaci_decile', 'integer', (c) => c.notNull())
    .addColumn('idaopi_rank', 'integer')
    .addColumn('idaopi_decile', 'integer')
    // IoD2019 File 2 (optional): the seven domains.
    .addColumn('income_rank', 'integer')
    .addColumn('income_decile', 'integer')
    .addColumn('employment_rank', 'integer')
    .addColumn('employment_decile', 'integer')
    .addColumn('education_rank', 'integer')
    .addColumn('education_decile', 'integer')
    .addColumn('health_rank', 'integer')
    .addColumn('health_decile', 'integer')
    .addColumn('crime_rank', 'integer')
    .addColumn('crime_decile', 'integer')
    .addColumn('barriers_rank', 'integer')
    .addColumn('barriers_decile', 'integer')
    .addColumn('living_environment_rank', 'integer')
    .addColumn('living_environment_decile', 'integer')
    // Ranks repeat where LSOAs tie (competition ranking), so no uniqueness here.
    .addCheckConstraint(
      'lsoa_deprivation_imd_check',
      sql`imd_rank between 1 and 32844 and imd_decile between 1 and 10`,
    )
    .addCheckConstraint(
      'lsoa_deprivation_idaci_check',
      sql`idaci_rank between 1 and 32844 and idaci_decile between 1 and 10`,
    )
    .execute();
  await db.schema
    .createIndex('lsoa_deprivation_district_idx')
    .on('lsoa_deprivation')
    .column('district_code')
    .execute();

  await db.schema
    .createTable('lsoa_population')
    .addColumn('lsoa_code', 'text', (c) => c.primaryKey().references('area.code'))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('children_0_15', 'integer', (c) => c.notNull())
    .addColumn('aged_16_59', 'integer')
    .addColumn('aged_60_plus', 'integer')
    .addColumn('working_age_18_59_64', 'integer')
    .addColumn('reference_date', 'text', (c) => c.notNull()) // 'mid-2015'
    .addCheckConstraint(
      'lsoa_population_check',
      sql`total >= 0 and children_0_15 >= 0 and children_0_15 <= total`,
    )
    .execute();

  await db.schema
    .createTable('district_deprivation_summary')
    .addColumn('district_code', 'text', (c) => c.notNull().references('area.code'))
    .addColumn('sheet', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('district_deprivation_summary_pk', ['district_code', 'measure'])
    .execute();

  // Wards of every vintage we hold: 2019 (ONS lookup) and 2025 (the boundaries); the 2025 ones are
  // also areas. Codes repeat across vintages where a ward did not change.
  await db.schema
    .createTable('ward_lookup')
    .addColumn('ward_code', 'text', (c) => c.notNull())
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('ward_name', 'text', (c) => c.notNull())
    .addColumn('district_code', 'text', (c) => c.notNull().references('area.code'))
    .addColumn('county_code', 'text')
    .addColumn('county_name', 'text')
    .addPrimaryKeyConstraint('ward_lookup_pk', ['ward_code', 'vintage'])
    .execute();
  await db.schema
    .createIndex('ward_lookup_district_idx')
    .on('ward_lookup')
    .columns(['vintage', 'district_code'])
    .execute();

  await db.schema
    .createTable('lsoa_ward_lookup')
    .addColumn('lsoa_code', 'text', (c) => c.notNull().references('area.code'))
    .addColumn('vintage', 'text', (c) => c.notNull())
    .addColumn('ward_code', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull()) // 'ons_best_fit' or 'derived_centroid'
    .addPrimaryKeyConstraint('lsoa_ward_lookup_pk', ['lsoa_code', 'vintage'])
    .execute();
  await db.schema
    .createIndex('lsoa_ward_lookup_ward_idx')
    .on('lsoa_ward_lookup')
    .columns(['vintage', 'ward_code'])
    .execute();

  await db.schema
    .createTable('boundary')
    .addColumn('area_code', 'text', (c) => c.primaryKey().references('area.code'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('geometry', 'jsonb', (c) => c.notNull()) // GeoJSON geometry, WGS84 lon/lat
    .execute();
  await db.schema.createIndex('boundary_level_idx').on('boundary').column('level').execute();

  await db.schema
    .createTable('reference_import')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('directory', 'text', (c) => c.notNull())
    // SHA-256 over the sorted "path sha256" lines: equal fingerprints mean the same files.
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('files', 'jsonb', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'reference_import',
    'boundary',
    'lsoa_ward_lookup',
    'ward_lookup',
    'district_deprivation_summary',
    'lsoa_population',
    'lsoa_deprivation',
    'area',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
