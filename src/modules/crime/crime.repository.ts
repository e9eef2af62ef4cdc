// The only SQL of the crime module. Every function takes the database or the transaction first.
// Months are 'YYYY-MM' outside this file and the first day of the month in the database.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CrimeImportFileRecord } from './crime.table.ts';

export interface SourceFileRow {
  id: number;
  import_id: number;
  month: string;
  force: string;
  file_name: string;
  sha256: string;
  rows_read: number;
  counted: number;
  imported_at: Date;
  actor: string;
}

export interface CountRow {
  lsoa_code: string;
  /** Null unless grouped by crime type. */
  crime_type: string | null;
  /** YYYY-MM; null unless grouped by month. */
  month: string | null;
  count: number;
}

export interface CountQuery {
  from: string;
  to: string;
  /** Only these crime types (when given). */
  includeTypes?: readonly string[];
  /** Not these crime types. */
  excludeTypes?: readonly string[];
  byType: boolean;
  byMonth: boolean;
}

/** Rows per INSERT: one jsonb parameter each, so this only bounds the statement's size. */
const BATCH = 5000;

const firstDay = (month: string) => sql`cast(${`${month}-01`} as date)`;

export function createCrimeRepository() {
  return {
    /** Serialises police.uk imports until the transaction ends. */
    async lock(trx: Kysely<DB>): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext('clmd.crime_import'))`.execute(trx);
    },

    async insertImport(
      trx: Kysely<DB>,
      row: { actor: string; files: CrimeImportFileRecord[]; totals: Record<string, unknown> },
    ): Promise<{ id: number; imported_at: Date }> {
      return trx
        .insertInto('crime_import')
        .values({ actor: row.actor, files: JSON.stringify(row.files), totals: JSON.stringify(row.totals) })
        .returning(['id', 'imported_at'])
        .executeTakeFirstOrThrow();
    },

    /** The files whose counts are in the database now, with the import that brought each (months inclusive). */
    async currentSources(db: Kysely<DB>, period?: { from: string; to: string }): Promise<SourceFileRow[]> {
      const result = await sql<SourceFileRow>`
        select s.id, s.import_id, to_char(s.month, 'YYYY-MM') as month, s.force, s.file_name, s.sha256,
               s.rows_read, s.counted, i.imported_at, i.actor
        from crime_source_file s
        join crime_import i on i.id = s.import_id
        where s.replaced_by_import is null
          ${period ? sql`and s.month between ${firstDay(period.from)} and ${firstDay(period.to)}` : sql``}
        order by s.month, s.force`.execute(db);
      return result.rows;
    },

    /** Marks a file as replaced by a later import of the same month and force. */
    async markReplaced(trx: Kysely<DB>, sourceFileId: number, importId: number): Promise<void> {
      await trx
        .updateTable('crime_source_file')
        .set({ replaced_by_import: importId })
        .where('id', '=', sourceFileId)
        .execute();
    },

    async insertSourceFile(
      trx: Kysely<DB>,
      row: {
        import_id: number;
        month: string;
        force: string;
        file_name: string;
        sha256: string;
        rows_read: number;
        counted: number;
      },
    ): Promise<number> {
      const inserted = await trx
        .insertInto('crime_source_file')
        .values({ ...row, month: `${row.month}-01` })
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    },

    async deleteCounts(trx: Kysely<DB>, sourceFileId: number): Promise<void> {
      await trx.deleteFrom('crime_count').where('source_file_id', '=', sourceFileId).execute();
    },

    /** Inserts one file's counts (all of one month) in a few statements. */
    async insertCounts(
      trx: Kysely<DB>,
      file: { month: string; sourceFileId: number },
      rows: readonly { lsoa_code: string; crime_type: string; count: number }[],
    ): Promise<void> {
      for (let i = 0; i < rows.length; i += BATCH) {
        const json = JSON.stringify(rows.slice(i, i + BATCH));
        await sql`
          insert into crime_count (month, lsoa_code, crime_type, count, source_file_id)
          select ${firstDay(file.month)}, x.lsoa_code, x.crime_type, x.count, ${file.sourceFileId}
          from jsonb_to_recordset(cast(${json} as jsonb)) as x(lsoa_code text, crime_type text, count integer)`.execute(
          trx,
        );
      }
    },

    /** The first and last months with counts now; nulls when there are none. */
    async monthRange(db: Kysely<DB>): Promise<{ first: string | null; last: string | null }> {
      const result = await sql<{ first: string | null; last: string | null }>`
        select to_char(min(month), 'YYYY-MM') as first, to_char(max(month), 'YYYY-MM') as last
        from crime_source_file where replaced_by_import is null`.execute(db);
      return result.rows[0] ?? { first: null, last: null };
    },

    /** Counts summed over the period by LSOA, and by crime type and month when asked. */
    async sumCounts(db: Kysely<DB>, q: CountQuery): Promise<CountRow[]> {
      const groups = [
        sql`lsoa_code`,
        ...(q.byType ? [sql`crime_type`] : []),
        ...(q.byMonth ? [sql`month`] : []),
      ];
      const result = await sql<CountRow>`
        select lsoa_code,
               ${q.byType ? sql`crime_type` : sql`cast(null as text)`} as crime_type,
               ${q.byMonth ? sql`to_char(month, 'YYYY-MM')` : sql`cast(null as text)`} as month,
               cast(sum(count) as integer) as count
        from crime_count
        where month between ${firstDay(q.from)} and ${firstDay(q.to)}
          ${q.includeTypes ? sql`and crime_type in (${sql.join(q.includeTypes.length ? q.includeTypes : [''])})` : sql``}
          ${q.excludeTypes?.length ? sql`and crime_type not in (${sql.join(q.excludeTypes)})` : sql``}
        group by ${sql.join(groups)}`.execute(db);
      return result.rows;
    },
  };
}

export type CrimeRepository = ReturnType<typeof createCrimeRepository>;
