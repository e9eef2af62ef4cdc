import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { CatalogueVersionTable, IndicatorTable } from './catalogue.table.ts';

export type CatalogueVersionRow = Selectable<CatalogueVersionTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type NewIndicatorRow = Omit<
  IndicatorRow,
  'version_id' | 'position' | 'provenance' | 'area_levels' | 'dimensions' | 'combinations' | 'suppliers'
> & {
  provenance: unknown;
  area_levels: string[];
  dimensions: string[];
  combinations: string[];
  suppliers: string[];
};

export function createCatalogueRepository() {
  return {
    async latestVersion(db: Kysely<DB>): Promise<CatalogueVersionRow | undefined> {
      return db
        .selectFrom('catalogue_version')
        .selectAll()
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    async findVersion(db: Kysely<DB>, number: number): Promise<CatalogueVersionRow | undefined> {
      return db.selectFrom('catalogue_version').selectAll().where('number', '=', number).executeTakeFirst();
    },

    async listVersions(db: Kysely<DB>): Promise<(CatalogueVersionRow & { indicator_count: number })[]> {
      return db
        .selectFrom('catalogue_version as v')
        .leftJoin('indicator as i', 'i.version_id', 'v.id')
        .selectAll('v')
        .select((eb) => eb.fn.count<number>('i.id').as('indicator_count'))
        .groupBy('v.id')
        .orderBy('v.number', 'desc')
        .execute();
    },

    /** One indicator of the latest version, without loading the whole catalogue. */
    async findCurrentIndicator(db: Kysely<DB>, id: string): Promise<IndicatorRow | undefined> {
      return db
        .selectFrom('indicator')
        .selectAll()
        .where('id', '=', id)
        .where('version_id', '=', (eb) =>
          eb.selectFrom('catalogue_version').select((e) => e.fn.max<number>('id').as('id')),
        )
        .executeTakeFirst();
    },

    async listIndicators(db: Kysely<DB>, versionId: number): Promise<IndicatorRow[]> {
      return db
        .selectFrom('indicator')
        .selectAll()
        .where('version_id', '=', versionId)
        .orderBy('position')
        .execute();
    },

    /** Locks the catalogue for the rest of the transaction, so two imports cannot take the same number. */
    async lockAndNextNumber(trx: Kysely<DB>): Promise<number> {
      await sql`lock table catalogue_version in share row exclusive mode`.execute(trx);
      const last = await trx
        .selectFrom('catalogue_version')
        .select((eb) => eb.fn.max<number | null>('number').as('n'))
        .executeTakeFirst();
      return (last?.n ?? 0) + 1;
    },

    async insertVersion(
      trx: Kysely<DB>,
      version: Omit<CatalogueVersionRow, 'id' | 'created_at'>,
      indicators: NewIndicatorRow[],
    ): Promise<CatalogueVersionRow> {
      const row = await trx
        .insertInto('catalogue_version')
        .values(version)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (indicators.length) {
        await trx
          .insertInto('indicator')
          .values(
            indicators.map((i, position) => ({
              ...i,
              version_id: row.id,
              position,
              provenance: JSON.stringify(i.provenance),
              area_levels: JSON.stringify(i.area_levels),
              dimensions: JSON.stringify(i.dimensions),
              combinations: JSON.stringify(i.combinations),
              suppliers: JSON.stringify(i.suppliers),
            })),
          )
          .execute();
      }
      return row;
    },
  };
}

export type CatalogueRepository = ReturnType<typeof createCatalogueRepository>;
