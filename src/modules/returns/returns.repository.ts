import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { openObservationWriter } from './observation-writer.repository.ts';
import type { DataReturnTable, ReturnStatus, SubmissionTable } from './returns.table.ts';

export type ReturnRow = Selectable<DataReturnTable>;
export type SubmissionRow = Selectable<SubmissionTable>;

export interface ObservationRecord {
  organisationId: string;
  indicatorId: string;
  areaCode: string;
  periodStart: string;
  periodEnd: string;
  breakdownKey: string;
  value: number | null;
  valueText: string | null;
  note: string | null;
  submissionId: number;
  revision: number;
  /** The file of the revision, and where in it the figure was (null for figures stored before 2026-12-01). */
  fileName: string;
  rowNo: number | null;
  sheet: string | null;
  submittedAt: Date;
  submittedBy: string;
  approvedAt: Date | null;
  synthetic: boolean;
}

const returnColumns = [
  'id',
  'organisation_id',
  'period',
  sql<string>`period_start::text`.as('period_start'),
  sql<string>`period_end::text`.as('period_end'),
  sql<string>`due_date::text`.as('due_date'),
  'status',
  'status_reason',
  'first_submitted_at',
  'updated_at',
] as const;

export function createReturnsRepository() {
  return {
    async findReturn(db: Kysely<DB>, organisationId: string, period: string): Promise<ReturnRow | undefined> {
      return db
        .selectFrom('data_return')
        .select(returnColumns)
        .where('organisation_id', '=', organisationId)
        .where('period', '=', period)
        .executeTakeFirst();
    },

    async getReturn(db: Kysely<DB>, id: number): Promise<ReturnRow | undefined> {
      return db.selectFrom('data_return').select(returnColumns).where('id', '=', id).executeTakeFirst();
    },

    /** The return for (organisation, period), created as a draft if new, locked for this transaction. */
    async lockReturn(
      trx: Kysely<DB>,
      r: { organisationId: string; period: string; periodStart: string; periodEnd: string; dueDate: string },
    ): Promise<ReturnRow> {
      await trx
        .insertInto('data_return')
        .values({
          organisation_id: r.organisationId,
          period: r.period,
          period_start: r.periodStart,
          period_end: r.periodEnd,
          due_date: r.dueDate,
          status: 'draft',
        })
        .onConflict((oc) => oc.columns(['organisation_id', 'period']).doNothing())
        .execute();
      return trx
        .selectFrom('data_return')
        .select(returnColumns)
        .where('organisation_id', '=', r.organisationId)
        .where('period', '=', r.period)
        .forUpdate()
        .executeTakeFirstOrThrow();
    },

    async setStatus(
      trx: Kysely<DB>,
      ret: ReturnRow,
      to: ReturnStatus,
      reason: string | null,
      actor: string,
      at: Date,
    ): Promise<void> {
      await trx
        .updateTable('data_return')
        .set({
          status: to,
          status_reason: reason,
          updated_at: at,
          ...(to === 'submitted' && !ret.first_submitted_at ? { first_submitted_at: at } : {}),
        })
        .where('id', '=', ret.id)
        .execute();
      await trx
        .insertInto('return_status_change')
        .values({ return_id: ret.id, from_status: ret.status, to_status: to, reason, actor, at })
        .execute();
    },

    async statusHistory(db: Kysely<DB>, returnId: number) {
      return db
        .selectFrom('return_status_change')
        .selectAll()
        .where('return_id', '=', returnId)
        .orderBy('id')
        .execute();
    },

    async nextRevision(trx: Kysely<DB>, returnId: number): Promise<number> {
      const r = await trx
        .selectFrom('submission')
        .select((eb) => eb.fn.max<number | null>('revision').as('n'))
        .where('return_id', '=', returnId)
        .executeTakeFirst();
      return (r?.n ?? 0) + 1;
    },

    /** A submission number, taken before its rows are written (they carry it); gaps are harmless. */
    async newSubmissionId(trx: Kysely<DB>): Promise<number> {
      const r = await sql<{ id: number }>`
        select nextval(pg_get_serial_sequence('submission', 'id'))::integer as id`.execute(trx);
      return r.rows[0]!.id;
    },

    async insertSubmission(trx: Kysely<DB>, s: SubmissionRow): Promise<SubmissionRow> {
      return trx.insertInto('submission').values(s).returningAll().executeTakeFirstOrThrow();
    },

    async listSubmissions(db: Kysely<DB>, returnId: number): Promise<SubmissionRow[]> {
      return db
        .selectFrom('submission')
        .selectAll()
        .where('return_id', '=', returnId)
        .orderBy('revision')
        .execute();
    },

    async approvePending(trx: Kysely<DB>, returnId: number, actor: string, at: Date): Promise<number> {
      const r = await trx
        .updateTable('submission')
        .set({ approved_by: actor, approved_at: at })
        .where('return_id', '=', returnId)
        .where('approved_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Writes a submission's rows into observation, in its transaction. */
    openObservationWriter,

    /** Samples observation afresh for the planner (ANALYZE may run inside a transaction). */
    async refreshObservationStatistics(trx: Kysely<DB>): Promise<void> {
      await sql`analyze observation`.execute(trx);
    },

    // The set-level checks run over the submission's own rows once they are written, before its
    // transaction commits: a failed check rolls them back with everything else.
    /**
     * Pairs of rows with the same key: the later row and the first row it repeats. Repeated keys are
     * found by hashing (one pass, no sort of the whole file); only their rows are then looked up.
     */
    async submissionDuplicates(trx: Kysely<DB>, submissionId: number, limit: number) {
      const r = await sql<{ row_no: number; sheet: string | null; first_row: number }>`
        with rows as not materialized (select * from observation where submission_id = ${submissionId}),
        repeated as (
          select sheet, indicator_id, area_code, period_start, period_end, breakdown_key, min(row_no) as first_row
          from rows
          group by 1, 2, 3, 4, 5, 6
          having count(*) > 1)
        select s.row_no, s.sheet, r.first_row
        from repeated r join rows s
          on s.indicator_id = r.indicator_id and s.area_code = r.area_code and s.period_start = r.period_start
         and s.period_end = r.period_end and s.breakdown_key = r.breakdown_key
         and s.sheet is not distinct from r.sheet
        where s.row_no <> r.first_row
        order by s.sheet nulls first, s.row_no limit ${limit}`.execute(trx);
      return r.rows;
    },

    /** Breakdown groups (one dimension set) whose values add up to more than their total row. */
    async submissionBreakdownsAboveTotal(trx: Kysely<DB>, submissionId: number, limit: number) {
      const r = await sql<{
        sheet: string | null;
        total_row: number;
        dimensions: string;
        total: number;
        breakdown_sum: number;
      }>`
        with rows as not materialized (select * from observation where submission_id = ${submissionId}),
        parts as (
          select sheet, indicator_id, area_code, period_start, period_end,
                 -- 'sex=male' → 'sex'; the regular expression only for the rare key of several dimensions
                 case when strpos(breakdown_key, ';') = 0 then split_part(breakdown_key, '=', 1)
                      else regexp_replace(breakdown_key, '=[^;]*', '', 'g') end as dimensions,
                 sum(value) as breakdown_sum
          from rows where breakdown_key <> '' and value is not null
          group by 1, 2, 3, 4, 5, 6)
        select p.sheet, t.row_no as total_row, p.dimensions, t.value as total, p.breakdown_sum
        from parts p join rows t
          on t.breakdown_key = '' and t.indicator_id = p.indicator_id and t.area_code = p.area_code
         and t.period_start = p.period_start and t.period_end = p.period_end
         and t.sheet is not distinct from p.sheet
        where t.value is not null and p.breakdown_sum > t.value
        order by t.row_no limit ${limit}`.execute(trx);
      return r.rows;
    },

    /** Whether the organisation has any approved value of these indicators. */
    async hasApprovedValues(trx: Kysely<DB>, organisationId: string, indicatorIds: readonly string[]) {
      if (!indicatorIds.length) return false;
      const r = await sql<{ found: boolean }>`
        select exists (
          select 1 from data_return r
          join submission s on s.return_id = r.id
          join observation o on o.submission_id = s.id
          where r.organisation_id = ${organisationId} and s.approved_at is not null
            and o.indicator_id = any(${[...indicatorIds]}::text[])) as found`.execute(trx);
      return r.rows[0]?.found === true;
    },

    /**
     * For a submission's counts, the organisation's current approved values of the same key in earlier
     * windows (the latest four, latest first), in file order. The submission itself is not yet in
     * `submission`, so only earlier ones count. One join over the whole submission, read through a
     * cursor a page at a time so that a million rows never sit in memory; stop iterating to stop.
     */
    async *submissionHistory(
      trx: Kysely<DB>,
      submissionId: number,
      organisationId: string,
      indicatorIds: readonly string[],
      pageSize = 10_000,
    ): AsyncGenerator<{ row_no: number; sheet: string | null; value: number; previous: number[] }> {
      if (!indicatorIds.length) return;
      // A hash join, one pass over the new rows: a merge join would sort a million of them (4 s), and
      // compiling this plan with JIT takes longer than running it.
      await sql`set local enable_mergejoin = off`.execute(trx);
      await sql`set local jit = off`.execute(trx);
      await sql`declare submission_history no scroll cursor for
        with current_values as materialized (
          select distinct on (o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key)
                 o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key, o.value
          from data_return r
          join submission s on s.return_id = r.id
          join observation o on o.submission_id = s.id
          where r.organisation_id = ${organisationId} and s.approved_at is not null and o.value is not null
            and o.indicator_id = any(${[...indicatorIds]}::text[])
          order by o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key, s.submitted_at desc, s.id desc),
        earlier as (
          select st.row_no, st.sheet, st.value, c.value as earlier_value, c.period_end,
                 row_number() over (partition by st.sheet, st.row_no order by c.period_end desc) as k
          from observation st
          join current_values c
            on c.indicator_id = st.indicator_id and c.area_code = st.area_code
           and c.breakdown_key = st.breakdown_key and c.period_end < st.period_start
          where st.submission_id = ${submissionId} and st.value is not null
            and st.indicator_id = any(${[...indicatorIds]}::text[]))
        select row_no, sheet, min(value) as value, array_agg(earlier_value order by period_end desc) as previous
        from earlier where k <= 4
        group by sheet, row_no
        order by sheet nulls first, row_no`.execute(trx);
      await sql`set local enable_mergejoin to default`.execute(trx);
      try {
        for (;;) {
          const page = await sql<{ row_no: number; sheet: string | null; value: number; previous: number[] }>`
            fetch forward ${sql.raw(String(Math.max(1, Math.floor(pageSize))))} from submission_history`.execute(
            trx,
          );
          yield* page.rows;
          if (page.rows.length < pageSize) return;
        }
      } finally {
        await sql`close submission_history`.execute(trx);
      }
    },

    async listReturns(db: Kysely<DB>, filter: { organisationId?: string; periods?: string[] }) {
      let q = db
        .selectFrom('data_return as r')
        .select([
          'r.id',
          'r.organisation_id',
          'r.period',
          sql<string>`r.due_date::text`.as('due_date'),
          'r.status',
          'r.status_reason',
          'r.first_submitted_at',
          'r.updated_at',
        ])
        .select((eb) =>
          eb
            .selectFrom('submission as s')
            .whereRef('s.return_id', '=', 'r.id')
            .select((e) => e.fn.count<number>('s.id').as('n'))
            .as('submission_count'),
        )
        .select((eb) =>
          eb
            .selectFrom('submission as s')
            .whereRef('s.return_id', '=', 'r.id')
            .select(sql<number>`max(s.synthetic::int)`.as('s'))
            .as('synthetic'),
        );
      if (filter.organisationId) q = q.where('r.organisation_id', '=', filter.organisationId);
      if (filter.periods?.length) q = q.where('r.period', 'in', filter.periods);
      return q.orderBy('r.period').orderBy('r.organisation_id').execute();
    },

    /**
     * The value of each key as it stood: the latest submission's row, among approved submissions
     * (or all, for the organisation's own view), submitted on or before asAt.
     */
    async currentObservations(
      db: Kysely<DB>,
      filter: {
        organisationId?: string;
        indicatorId?: string;
        periodStart?: string;
        /** Only figures sent in this return's submissions. */
        returnId?: number;
        /** Only figures for exactly this window. */
        window?: { start: string; end: string };
        asAt?: Date;
        approvedOnly: boolean;
      },
    ): Promise<ObservationRecord[]> {
      const r = await sql<ObservationRecord>`
        select distinct on (o.organisation_id, o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key)
          o.organisation_id as "organisationId", o.indicator_id as "indicatorId", o.area_code as "areaCode",
          o.period_start::text as "periodStart", o.period_end::text as "periodEnd", o.breakdown_key as "breakdownKey",
          o.value, o.value_text as "valueText", o.note, s.id as "submissionId", s.revision,
          s.file_name as "fileName", o.row_no as "rowNo", o.sheet,
          s.submitted_at as "submittedAt", s.submitted_by as "submittedBy", s.approved_at as "approvedAt", s.synthetic
        from data_return r
        join submission s on s.return_id = r.id
        join observation o on o.submission_id = s.id
        where true
          ${filter.organisationId ? sql`and r.organisation_id = ${filter.organisationId}` : sql``}
          ${filter.indicatorId ? sql`and o.indicator_id = ${filter.indicatorId}` : sql``}
          ${filter.periodStart ? sql`and o.period_start >= ${filter.periodStart}::date` : sql``}
          ${filter.returnId !== undefined ? sql`and r.id = ${filter.returnId}` : sql``}
          ${filter.window ? sql`and o.period_start = ${filter.window.start}::date and o.period_end = ${filter.window.end}::date` : sql``}
          ${filter.asAt ? sql`and s.submitted_at <= ${filter.asAt}` : sql``}
          ${filter.approvedOnly ? sql`and s.approved_at is not null` : sql``}
          ${filter.approvedOnly && filter.asAt ? sql`and s.approved_at <= ${filter.asAt}` : sql``}
        order by o.organisation_id, o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key,
                 s.submitted_at desc, s.id desc`.execute(db);
      return r.rows;
    },

    /** Every value a key has had, oldest first: nothing is ever lost. */
    async observationHistory(
      db: Kysely<DB>,
      key: {
        organisationId: string;
        indicatorId: string;
        areaCode: string;
        periodStart: string;
        breakdownKey: string;
      },
    ): Promise<ObservationRecord[]> {
      const r = await sql<ObservationRecord>`
        select o.organisation_id as "organisationId", o.indicator_id as "indicatorId", o.area_code as "areaCode",
          o.period_start::text as "periodStart", o.period_end::text as "periodEnd", o.breakdown_key as "breakdownKey",
          o.value, o.value_text as "valueText", o.note, s.id as "submissionId", s.revision,
          s.file_name as "fileName", o.row_no as "rowNo", o.sheet,
          s.submitted_at as "submittedAt", s.submitted_by as "submittedBy", s.approved_at as "approvedAt", s.synthetic
        from data_return r
        join submission s on s.return_id = r.id
        join observation o on o.submission_id = s.id
        where r.organisation_id = ${key.organisationId} and o.indicator_id = ${key.indicatorId}
          and o.area_code = ${key.areaCode} and o.period_start = ${key.periodStart}::date
          and o.breakdown_key = ${key.breakdownKey}
        order by s.submitted_at, s.id`.execute(db);
      return r.rows;
    },
  };
}

export type ReturnsRepository = ReturnType<typeof createReturnsRepository>;
