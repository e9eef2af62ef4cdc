// Decision 0006: a submission's rows go straight into `observation`, with the file row each came from,
// and the table keeps only what a million-row submission can afford to maintain row by row.
// - row_no and sheet: where in the original file the value was (null for rows stored before this).
// - No surrogate id and no per-row foreign key (together about 6 s of every million rows): a
//   submission's rows are written in the same transaction as their submission row, and triggers keep
//   both tables append-only, so no row can lose its submission later.
// - One index, (submission_id, indicator_id): reads go from the submissions wanted (approved, as at a
//   date, of an organisation) to their rows of an indicator.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table observation add column row_no integer, add column sheet text`.execute(db);
  await sql`do $$
    declare c text;
    begin
      for c in select conname from pg_constraint where conrelid = 'observation'::regclass and contype = 'f' loop
        execute format('alter table observation drop constraint %I', c);
      end loop;
    end $$`.execute(db);
  await sql`drop index observation_key_idx`.execute(db);
  await sql`drop index observation_submission_idx`.execute(db);
  await sql`alter table observation drop column id`.execute(db);
  await sql`create index observation_submission_indicator_idx on observation (submission_id, indicator_id)`.execute(
    db,
  );
  await sql`create function clmd_refuse_change() returns trigger language plpgsql as $$
    begin
      raise exception 'The % table is append-only: a revision adds rows, nothing is changed or deleted.', tg_table_name;
    end $$`.execute(db);
  await sql`create trigger observation_append_only before update or delete or truncate on observation
    for each statement execute function clmd_refuse_change()`.execute(db);
  await sql`create trigger submission_kept before delete or truncate on submission
    for each statement execute function clmd_refuse_change()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger submission_kept on submission`.execute(db);
  await sql`drop trigger observation_append_only on observation`.execute(db);
  await sql`drop function clmd_refuse_change()`.execute(db);
  await sql`drop index observation_submission_indicator_idx`.execute(db);
  await sql`alter table observation add column id bigserial primary key`.execute(db);
  await sql`alter table observation add foreign key (submission_id) references submission (id)`.execute(db);
  await sql`create index observation_key_idx on observation
    (indicator_id, area_code, period_start, organisation_id, breakdown_key)`.execute(db);
  await sql`create index observation_submission_idx on observation (submission_id)`.execute(db);
  await sql`alter table observation drop column row_no, drop column sheet`.execute(db);
}
