import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('organisation')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locality_code', 'text')
    .addColumn('district_codes', 'jsonb', (c) => c.notNull())
    .execute();

  // "return" is an SQL keyword, hence data_return.
  await db.schema
    .createTable('data_return')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('period', 'text', (c) => c.notNull()) // e.g. 2026-Q1
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('due_date', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // draft | submitted | approved | returned
    .addColumn('status_reason', 'text')
    .addColumn('first_submitted_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('data_return_org_period_uq', ['organisation_id', 'period'])
    .execute();

  await db.schema
    .createTable('return_status_change')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('return_id', 'integer', (c) => c.notNull().references('data_return.id'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('submission')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('return_id', 'integer', (c) => c.notNull().references('data_return.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('file_format', 'text', (c) => c.notNull()) // xlsx | csv | generated
    .addColumn('stored_path', 'text') // the original file as received, under the data directory
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('synthetic', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addUniqueConstraint('submission_return_revision_uq', ['return_id', 'revision'])
    .execute();

  // Append-only. The current value of a key (organisation, indicator, area, window, breakdown) is the
  // latest approved submission's row; earlier rows stay for "as at" questions and are never updated.
  await db.schema
    .createTable('observation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('submission.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('period_end', 'date', (c) => c.notNull())
    .addColumn('breakdown_key', 'text', (c) => c.notNull()) // '' for the total; 'sex=female;age-band=14-15'
    .addColumn('value', 'double precision')
    .addColumn('value_text', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('observation_key_idx')
    .on('observation')
    .columns(['indicator_id', 'area_code', 'period_start', 'organisation_id', 'breakdown_key'])
    .execute();
  await db.schema
    .createIndex('observation_submission_idx')
    .on('observation')
    .column('submission_id')
    .execute();

  await db.schema
    .createTable('implementation_status')
    .addColumn('locality_code', 'text', (c) => c.notNull())
    .addColumn('indicator_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // not-collected | planned-short-term | planned-long-term | collecting
    .addColumn('since', 'date', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('implementation_status_pk', ['locality_code', 'indicator_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'implementation_status',
    'observation',
    'submission',
    'return_status_change',
    'data_return',
    'organisation',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
