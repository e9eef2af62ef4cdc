import { finished } from 'node:stream/promises';
import { sql, type Kysely, type Selectable } from 'kysely';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import { withPgClient } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { ValidObservation } from './return-file.model.ts';
import type { DataReturnTable, ReturnStatus, SubmissionTable } from './returns.table.ts';

export type ReturnRow = Selectable<DataReturnTable>;
export type SubmissionRow = Selectable<SubmissionTable>;

/** A validated row waiting in the per-submission staging table. */
export interface StagedObservation {
  rowNo: number;
  sheet: string | null;
  indicatorId: string;
  areaCode: string;
  periodStart: string;
  periodEnd: string;
  breakdownKey: string;
  value: number | null;
  valueText: string | null;
  note: string | null;
}

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

/** Where the submission pipeline puts validated rows, in the staging table. */
export interface StagingWriter {
  /**
   * Stages a row. Returns a promise only when the caller must wait for it (a batch being written, or
   * the connection not keeping up); otherwise undefined, so a million rows cost no million promises.
   */
  add(observation: ValidObservation): Promise<void> | undefined;
  /** Writes what is left and waits until the staging table holds every row. Safe to call again. */
  finish(): Promise<void>;
  /** Gives up after a failure; the transaction must then be rolled back. */
  abort(reason: unknown): Promise<void>;
}

/** Rows per `unnest` insert where COPY is not available (PGlite). */
const INSERT_BATCH = 5000;

class InsertStagingWriter implements StagingWriter {
  private batch: StagedObservation[] = [];
  private done = false;

  constructor(private readonly insert: (rows: readonly StagedObservation[]) => Promise<void>) {}

  add(o: ValidObservation): Promise<void> | undefined {
    if (this.done) return undefined;
    this.batch.push({
      rowNo: o.location.row,
      sheet: o.location.sheet ?? null,
      indicatorId: o.indicatorId,
      areaCode: o.areaCode,
      periodStart: o.periodStart,
      periodEnd: o.periodEnd,
      breakdownKey: o.breakdownKey,
      value: o.value,
      valueText: o.valueText,
      note: o.note,
    });
    return this.batch.length >= INSERT_BATCH ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const rows = this.batch;
    this.batch = [];
    await this.insert(rows);
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.flush();
  }

  async abort(): Promise<void> {
    this.done = true;
    this.batch = [];
  }
}

// COPY's text format: tab-separated, \N for null, and backslash escapes for what would break a line.
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIALS = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const COPY_NULL = '\\N';

function copyText(text: string): string {
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIALS, (c) => COPY_ESCAPES[c] ?? c) : text;
}

function copyLine(o: ValidObservation): string {
  const sheet = o.location.sheet;
  return (
    `${o.location.row}\t${sheet === undefined ? COPY_NULL : copyText(sheet)}\t${copyText(o.indicatorId)}\t` +
    `${copyText(o.areaCode)}\t${copyText(o.periodStart)}\t${copyText(o.periodEnd)}\t${copyText(o.breakdownKey)}\t` +
    `${o.value === null ? COPY_NULL : String(o.value)}\t${o.valueText === null ? COPY_NULL : copyText(o.valueText)}\t` +
    `${o.note === null ? COPY_NULL : copyText(o.note)}\n`
  );
}

/** Characters gathered before each write to the COPY stream. */
const COPY_CHUNK = 256 * 1024;

/**
 * Streams rows into the staging table with COPY FROM STDIN on the transaction's own connection: the
 * server stores rows while Node reads and checks the next ones, and nothing waits for a round trip.
 */
class CopyStagingWriter implements StagingWriter {
  private buffer = '';
  private done = false;
  private failure: unknown;

  constructor(
    private readonly stream: CopyStreamQuery,
    /** Settles when the COPY has ended and the connection is free again. */
    private readonly ended: Promise<unknown>,
  ) {
    ended.catch((error: unknown) => (this.failure ??= error));
  }

  add(o: ValidObservation): Promise<void> | undefined {
    if (this.done) return undefined;
    this.buffer += copyLine(o);
    return this.buffer.length >= COPY_CHUNK ? this.write() : undefined;
  }

  private write(): Promise<void> | undefined {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const chunk = this.buffer;
    this.buffer = '';
    if (this.stream.write(chunk)) return undefined;
    // The connection is behind: wait until it drains, or for the failure that means it never will.
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: unknown) => {
        this.stream.off('drain', onDrain);
        this.stream.off('close', onClose);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onDrain = () => settle();
      const onClose = () =>
        settle(this.stream.errored ?? this.failure ?? new Error('The staging COPY stopped.'));
      this.stream.on('drain', onDrain);
      this.stream.on('close', onClose);
    });
  }

  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.failure === undefined && !this.stream.destroyed) {
      if (this.buffer) this.stream.write(this.buffer);
      this.stream.end();
    }
    this.buffer = '';
    await this.ended;
  }

  async abort(reason: unknown): Promise<void> {
    if (this.done) return;
    this.done = true;
    this.buffer = '';
    // Sends CopyFail: the server ends the COPY with an error and the transaction is rolled back.
    this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    await this.ended.catch(() => undefined);
  }
}

/** A COPY writer into staging_observation, or undefined where COPY is not available (PGlite). */
function openStagingCopy(trx: Kysely<DB>): Promise<CopyStagingWriter | undefined> {
  return new Promise((resolve, reject) => {
    let writer: CopyStagingWriter | undefined;
    // Settles when the COPY is over and Kysely has the connection back.
    const released: Promise<unknown> = withPgClient(trx, async (client) => {
      const stream = client.query(
        copyFrom(
          'copy staging_observation (row_no, sheet, indicator_id, area_code, period_start, period_end, breakdown_key, value, value_text, note) from stdin',
        ),
      );
      const copied = finished(stream);
      writer = new CopyStagingWriter(
        stream,
        copied.then(() => released),
      );
      resolve(writer);
      await copied;
    });
    released.then(
      (used) => {
        if (!used) resolve(undefined);
      },
      (error: unknown) => {
        if (!writer) reject(error);
      },
    );
  });
}

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

    async insertSubmission(trx: Kysely<DB>, s: Omit<SubmissionRow, 'id'>): Promise<SubmissionRow> {
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

    // Staging: a temporary table per submission transaction, so set-level checks and the final
    // insert run in SQL over any number of rows with bounded memory in Node.
    /** Creates (or empties) the staging table and opens a writer into it. */
    async createStaging(trx: Kysely<DB>): Promise<StagingWriter> {
      await sql`create temp table if not exists staging_observation (
        row_no integer not null, sheet text, indicator_id text not null, area_code text not null,
        period_start date not null, period_end date not null, breakdown_key text not null,
        value double precision, value_text text, note text
      ) on commit drop`.execute(trx);
      await sql`truncate staging_observation`.execute(trx);
      return (await openStagingCopy(trx)) ?? new InsertStagingWriter((rows) => this.insertStaging(trx, rows));
    },

    async insertStaging(trx: Kysely<DB>, rows: readonly StagedObservation[]): Promise<void> {
      if (!rows.length) return;
      const col = <K extends keyof StagedObservation>(k: K) => rows.map((r) => r[k]);
      await sql`insert into staging_observation
        select * from unnest(
          ${col('rowNo')}::integer[], ${col('sheet')}::text[], ${col('indicatorId')}::text[],
          ${col('areaCode')}::text[], ${col('periodStart')}::date[], ${col('periodEnd')}::date[],
          ${col('breakdownKey')}::text[], ${col('value')}::double precision[], ${col('valueText')}::text[],
          ${col('note')}::text[])`.execute(trx);
    },

    /**
     * Pairs of rows with the same key: the later row and the first row it repeats. Repeated keys are
     * found by hashing (one pass, no sort of the whole file); only their rows are then looked up.
     */
    async stagingDuplicates(trx: Kysely<DB>, limit: number) {
      const r = await sql<{ row_no: number; sheet: string | null; first_row: number }>`
        with repeated as (
          select sheet, indicator_id, area_code, period_start, period_end, breakdown_key, min(row_no) as first_row
          from staging_observation
          group by 1, 2, 3, 4, 5, 6
          having count(*) > 1)
        select s.row_no, s.sheet, r.first_row
        from repeated r join staging_observation s
          on s.indicator_id = r.indicator_id and s.area_code = r.area_code and s.period_start = r.period_start
         and s.period_end = r.period_end and s.breakdown_key = r.breakdown_key
         and s.sheet is not distinct from r.sheet
        where s.row_no <> r.first_row
        order by s.sheet nulls first, s.row_no limit ${limit}`.execute(trx);
      return r.rows;
    },

    /** Breakdown groups (one dimension set) whose values add up to more than their total row. */
    async stagingBreakdownsAboveTotal(trx: Kysely<DB>, limit: number) {
      const r = await sql<{
        sheet: string | null;
        total_row: number;
        dimensions: string;
        total: number;
        breakdown_sum: number;
      }>`
        with parts as (
          select sheet, indicator_id, area_code, period_start, period_end,
                 -- 'sex=male' → 'sex'; the regular expression only for the rare key of several dimensions
                 case when strpos(breakdown_key, ';') = 0 then split_part(breakdown_key, '=', 1)
                      else regexp_replace(breakdown_key, '=[^;]*', '', 'g') end as dimensions,
                 sum(value) as breakdown_sum
          from staging_observation where breakdown_key <> '' and value is not null
          group by 1, 2, 3, 4, 5, 6)
        select p.sheet, t.row_no as total_row, p.dimensions, t.value as total, p.breakdown_sum
        from parts p join staging_observation t
          on t.breakdown_key = '' and t.indicator_id = p.indicator_id and t.area_code = p.area_code
         and t.period_start = p.period_start and t.period_end = p.period_end
         and t.sheet is not distinct from p.sheet
        where t.value is not null and p.breakdown_sum > t.value
        order by t.row_no limit ${limit}`.execute(trx);
      return r.rows;
    },

    /**
     * For staged counts, the organisation's current approved values of the same key in earlier windows
     * (the latest four, latest first), in file order. One join over the whole submission, read through
     * a cursor a page at a time so that a million rows never sit in memory; stop iterating to stop.
     */
    async *stagingHistory(
      trx: Kysely<DB>,
      organisationId: string,
      indicatorIds: readonly string[],
      pageSize = 10_000,
    ): AsyncGenerator<{ row_no: number; sheet: string | null; value: number; previous: number[] }> {
      if (!indicatorIds.length) return;
      await sql`declare staging_history no scroll cursor for
        with current_values as materialized (
          select distinct on (o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key)
                 o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key, o.value
          from observation o join submission s on s.id = o.submission_id
          where o.organisation_id = ${organisationId} and s.approved_at is not null and o.value is not null
            and o.indicator_id = any(${[...indicatorIds]}::text[])
          order by o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key, s.submitted_at desc, o.id desc),
        earlier as (
          select st.row_no, st.sheet, st.value, c.value as earlier_value, c.period_end,
                 row_number() over (partition by st.sheet, st.row_no order by c.period_end desc) as k
          from staging_observation st
          join current_values c
            on c.indicator_id = st.indicator_id and c.area_code = st.area_code
           and c.breakdown_key = st.breakdown_key and c.period_end < st.period_start
          where st.value is not null and st.indicator_id = any(${[...indicatorIds]}::text[]))
        select row_no, sheet, min(value) as value, array_agg(earlier_value order by period_end desc) as previous
        from earlier where k <= 4
        group by sheet, row_no
        order by sheet nulls first, row_no`.execute(trx);
      try {
        for (;;) {
          const page = await sql<{ row_no: number; sheet: string | null; value: number; previous: number[] }>`
            fetch forward ${sql.raw(String(Math.max(1, Math.floor(pageSize))))} from staging_history`.execute(
            trx,
          );
          yield* page.rows;
          if (page.rows.length < pageSize) return;
        }
      } finally {
        await sql`close staging_history`.execute(trx);
      }
    },

    async commitStaging(trx: Kysely<DB>, submissionId: number, organisationId: string): Promise<number> {
      const r = await sql`insert into observation
        (submission_id, organisation_id, indicator_id, area_code, period_start, period_end, breakdown_key, value, value_text, note)
        select ${submissionId}, ${organisationId}, indicator_id, area_code, period_start, period_end, breakdown_key, value, value_text, note
        from staging_observation`.execute(trx);
      return Number(r.numAffectedRows ?? 0);
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
          s.submitted_at as "submittedAt", s.submitted_by as "submittedBy", s.approved_at as "approvedAt", s.synthetic
        from observation o join submission s on s.id = o.submission_id
        where true
          ${filter.organisationId ? sql`and o.organisation_id = ${filter.organisationId}` : sql``}
          ${filter.indicatorId ? sql`and o.indicator_id = ${filter.indicatorId}` : sql``}
          ${filter.periodStart ? sql`and o.period_start >= ${filter.periodStart}::date` : sql``}
          ${filter.returnId !== undefined ? sql`and s.return_id = ${filter.returnId}` : sql``}
          ${filter.window ? sql`and o.period_start = ${filter.window.start}::date and o.period_end = ${filter.window.end}::date` : sql``}
          ${filter.asAt ? sql`and s.submitted_at <= ${filter.asAt}` : sql``}
          ${filter.approvedOnly ? sql`and s.approved_at is not null` : sql``}
          ${filter.approvedOnly && filter.asAt ? sql`and s.approved_at <= ${filter.asAt}` : sql``}
        order by o.organisation_id, o.indicator_id, o.area_code, o.period_start, o.period_end, o.breakdown_key,
                 s.submitted_at desc, o.id desc`.execute(db);
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
          s.submitted_at as "submittedAt", s.submitted_by as "submittedBy", s.approved_at as "approvedAt", s.synthetic
        from observation o join submission s on s.id = o.submission_id
        where o.organisation_id = ${key.organisationId} and o.indicator_id = ${key.indicatorId}
          and o.area_code = ${key.areaCode} and o.period_start = ${key.periodStart}::date
          and o.breakdown_key = ${key.breakdownKey}
        order by s.submitted_at, o.id`.execute(db);
      return r.rows;
    },
  };
}

export type ReturnsRepository = ReturnType<typeof createReturnsRepository>;
