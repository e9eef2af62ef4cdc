// The only SQL of the population module. Every function takes the database or the transaction first.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PopulationImportTable } from './population.table.ts';

export type PopulationImportRow = Selectable<PopulationImportTable> & { total: number };
/** A new upload: what the service knows of it (the id, time and later replacement or removal are not). */
export type NewPopulationImportRow = Omit<
  Insertable<PopulationImportTable>,
  'id' | 'imported_at' | 'replaced_by' | 'removed_at' | 'removed_by'
>;

export function createPopulationRepository() {
  const imports = (db: Kysely<DB>) =>
    db
      .selectFrom('population_import as i')
      .selectAll('i')
      .select((eb) =>
        eb
          .selectFrom('population_estimate as e')
          .whereRef('e.import_id', '=', 'i.id')
          .select(sql<number>`cast(coalesce(sum(e.children), 0) as integer)`.as('total'))
          .as('total'),
      );

  const withTotal = (
    r: Selectable<PopulationImportTable> & { total: number | null },
  ): PopulationImportRow => ({
    ...r,
    total: Number(r.total ?? 0),
  });

  return {
    /** Serialises uploads and removals until the transaction ends. */
    async lock(trx: Kysely<DB>): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext('clmd.population_import'))`.execute(trx);
    },

    /** The upload in use, if any. */
    async current(db: Kysely<DB>): Promise<PopulationImportRow | undefined> {
      const row = await imports(db)
        .where('i.replaced_by', 'is', null)
        .where('i.removed_at', 'is', null)
        .executeTakeFirst();
      return row ? withTotal(row) : undefined;
    },

    /** Every upload, newest first. */
    async list(db: Kysely<DB>): Promise<PopulationImportRow[]> {
      const rows = await imports(db).orderBy('i.id', 'desc').execute();
      return rows.map(withTotal);
    },

    async estimates(db: Kysely<DB>, importId: number): Promise<{ area_code: string; children: number }[]> {
      return db
        .selectFrom('population_estimate')
        .select(['area_code', 'children'])
        .where('import_id', '=', importId)
        .orderBy('area_code')
        .execute();
    },

    async insertImport(
      trx: Kysely<DB>,
      row: NewPopulationImportRow,
    ): Promise<{ id: number; imported_at: Date }> {
      return trx
        .insertInto('population_import')
        .values(row)
        .returning(['id', 'imported_at'])
        .executeTakeFirstOrThrow();
    },

    async insertEstimates(
      trx: Kysely<DB>,
      importId: number,
      rows: readonly { area_code: string; children: number }[],
    ): Promise<void> {
      if (!rows.length) return;
      await trx
        .insertInto('population_estimate')
        .values(rows.map((r) => ({ import_id: importId, area_code: r.area_code, children: r.children })))
        .execute();
    },

    async markReplaced(trx: Kysely<DB>, id: number, by: number): Promise<void> {
      await trx.updateTable('population_import').set({ replaced_by: by }).where('id', '=', id).execute();
    },

    async markRemoved(trx: Kysely<DB>, id: number, actor: string): Promise<Date> {
      const row = await trx
        .updateTable('population_import')
        .set({ removed_at: sql<Date>`now()`, removed_by: actor })
        .where('id', '=', id)
        .returning('removed_at')
        .executeTakeFirstOrThrow();
      return row.removed_at!;
    },
  };
}

export type PopulationRepository = ReturnType<typeof createPopulationRepository>;
