// The only SQL of the geography module. Every function takes the database or the transaction first.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type {
  AreaTable,
  BoundaryTable,
  DistrictDeprivationSummaryTable,
  LsoaDeprivationTable,
  LsoaPopulationTable,
  LsoaWardLookupTable,
  ReferenceImportFile,
  ReferenceImportTable,
  WardLookupTable,
} from './geography.table.ts';

export type AreaRow = Selectable<AreaTable>;
export type NewAreaRow = Omit<Insertable<AreaTable>, 'facts'> & { facts: Record<string, unknown> };
export type ReferenceImportRow = Selectable<ReferenceImportTable>;
export type NewBoundaryRow = Omit<Insertable<BoundaryTable>, 'geometry'> & { geometry: unknown };
export type DistrictSummaryRow = Selectable<DistrictDeprivationSummaryTable>;

export interface ReferenceRows {
  areas: NewAreaRow[];
  deprivation: Insertable<LsoaDeprivationTable>[];
  population: Insertable<LsoaPopulationTable>[];
  summaries: Insertable<DistrictDeprivationSummaryTable>[];
  wards: Insertable<WardLookupTable>[];
  lsoaWards: Insertable<LsoaWardLookupTable>[];
  boundaries: NewBoundaryRow[];
}

/** LSOA-derived figures for one area (a district or a ward); null where there are no LSOAs. */
export interface DerivedFiguresRow {
  code: string;
  name: string;
  lsoa_count: number;
  population: number | null;
  children_0_15: number | null;
  weighted_imd_rank: number | null;
  share_decile_1: number | null;
}

export interface ReferenceCounts {
  lsoas: number;
  wards2025: number;
  wards2019: number;
  districtSummaries: number;
  boundaries: number;
  population: number;
  children: number;
}

/** Rows per INSERT: large enough to be quick, small enough to stay far below PostgreSQL's parameter limit. */
const BATCH = 500;
/** Boundaries are large; fewer per statement keeps each one a few megabytes at most. */
const BOUNDARY_BATCH = 100;

function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

const derivedSelect = sql`
  cast(count(d.lsoa_code) as integer) as lsoa_count,
  cast(sum(p.total) as integer) as population,
  cast(sum(p.children_0_15) as integer) as children_0_15,
  cast(sum(cast(p.total as double precision) * d.imd_rank) / nullif(sum(p.total), 0) as double precision) as weighted_imd_rank,
  cast(avg(case when d.imd_decile = 1 then 1.0 when d.imd_decile is not null then 0.0 end) as double precision) as share_decile_1`;

export function createGeographyRepository() {
  return {
    /**
     * Inserts the built-in areas, or updates those whose facts changed in the code; returns the
     * codes inserted or updated (none when all are as they should be).
     */
    async upsertBuiltInAreas(trx: Kysely<DB>, rows: readonly NewAreaRow[]): Promise<string[]> {
      const result = await trx
        .insertInto('area')
        .values(rows.map((r) => ({ ...r, facts: JSON.stringify(r.facts) })))
        .onConflict((oc) =>
          oc
            .column('code')
            .doUpdateSet((eb) => ({
              name: eb.ref('excluded.name'),
              level: eb.ref('excluded.level'),
              parent_code: eb.ref('excluded.parent_code'),
              vintage: eb.ref('excluded.vintage'),
              origin: eb.ref('excluded.origin'),
              facts: eb.ref('excluded.facts'),
            }))
            .where(
              sql<boolean>`(area.name, area.level, area.parent_code, area.vintage, area.origin, area.facts) is distinct from (excluded.name, excluded.level, excluded.parent_code, excluded.vintage, excluded.origin, excluded.facts)`,
            ),
        )
        .returning('code')
        .execute();
      return result.map((r) => r.code);
    },

    /** Serialises reference imports until the transaction ends. */
    async lockReferenceData(trx: Kysely<DB>): Promise<void> {
      await sql`select pg_advisory_xact_lock(hashtext('clmd.reference_import'))`.execute(trx);
    },

    async lastImport(db: Kysely<DB>): Promise<ReferenceImportRow | undefined> {
      return db.selectFrom('reference_import').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
    },

    /** Removes every imported row (built-in areas stay), children before parents. */
    async deleteImportedData(trx: Kysely<DB>): Promise<void> {
      await trx.deleteFrom('boundary').execute();
      await trx.deleteFrom('lsoa_ward_lookup').execute();
      await trx.deleteFrom('ward_lookup').execute();
      await trx.deleteFrom('lsoa_population').execute();
      await trx.deleteFrom('lsoa_deprivation').execute();
      await trx.deleteFrom('district_deprivation_summary').execute();
      await trx
        .deleteFrom('area')
        .where('origin', '=', 'import')
        .where('level', 'in', ['lsoa', 'ward'])
        .execute();
    },

    async insertReferenceData(trx: Kysely<DB>, rows: ReferenceRows): Promise<void> {
      // Wards before LSOAs is not needed (both point at districts), but areas before everything else is.
      for (const c of chunks(rows.areas, BATCH)) {
        await trx
          .insertInto('area')
          .values(c.map((r) => ({ ...r, facts: JSON.stringify(r.facts) })))
          .execute();
      }
      for (const c of chunks(rows.deprivation, BATCH))
        await trx.insertInto('lsoa_deprivation').values(c).execute();
      for (const c of chunks(rows.population, BATCH))
        await trx.insertInto('lsoa_population').values(c).execute();
      for (const c of chunks(rows.summaries, BATCH)) {
        await trx.insertInto('district_deprivation_summary').values(c).execute();
      }
      for (const c of chunks(rows.wards, BATCH)) await trx.insertInto('ward_lookup').values(c).execute();
      for (const c of chunks(rows.lsoaWards, BATCH))
        await trx.insertInto('lsoa_ward_lookup').values(c).execute();
      for (const c of chunks(rows.boundaries, BOUNDARY_BATCH)) {
        await trx
          .insertInto('boundary')
          .values(c.map((b) => ({ ...b, geometry: JSON.stringify(b.geometry) })))
          .execute();
      }
    },

    async insertImport(
      trx: Kysely<DB>,
      row: {
        actor: string;
        directory: string;
        fingerprint: string;
        files: ReferenceImportFile[];
        summary: Record<string, unknown>;
      },
    ): Promise<ReferenceImportRow> {
      return trx
        .insertInto('reference_import')
        .values({ ...row, files: JSON.stringify(row.files), summary: JSON.stringify(row.summary) })
        .returningAll()
        .executeTakeFirstOrThrow();
    },

    async counts(db: Kysely<DB>): Promise<ReferenceCounts> {
      const row = await sql<ReferenceCounts>`
        select
          (select cast(count(*) as integer) from area where level = 'lsoa') as lsoas,
          (select cast(count(*) as integer) from area where level = 'ward') as "wards2025",
          (select cast(count(*) as integer) from ward_lookup where vintage = '2019') as "wards2019",
          (select cast(count(*) as integer) from district_deprivation_summary) as "districtSummaries",
          (select cast(count(*) as integer) from boundary) as boundaries,
          (select cast(coalesce(sum(total), 0) as integer) from lsoa_population) as population,
          (select cast(coalesce(sum(children_0_15), 0) as integer) from lsoa_population) as children
      `.execute(db);
      return row.rows[0]!;
    },

    async listAreas(db: Kysely<DB>, levels: readonly AreaRow['level'][]): Promise<AreaRow[]> {
      return db
        .selectFrom('area')
        .selectAll()
        .where('level', 'in', [...levels])
        .orderBy(
          sql`case level when 'pathfinder' then 0 when 'locality' then 1 when 'district' then 2 when 'ward' then 3 else 4 end`,
        )
        .orderBy('parent_code')
        .orderBy('name')
        .execute();
    },

    /** The LSOA→ward lookup of a vintage, ordered by LSOA. */
    async lsoaWards(db: Kysely<DB>, vintage: string): Promise<{ lsoa_code: string; ward_code: string }[]> {
      return db
        .selectFrom('lsoa_ward_lookup')
        .select(['lsoa_code', 'ward_code'])
        .where('vintage', '=', vintage)
        .orderBy('lsoa_code')
        .execute();
    },

    async findArea(db: Kysely<DB>, code: string): Promise<AreaRow | undefined> {
      return db.selectFrom('area').selectAll().where('code', '=', code).executeTakeFirst();
    },

    /** File 10 figures of the given districts (all districts when codes is undefined). */
    async districtSummaries(db: Kysely<DB>, codes?: readonly string[]): Promise<DistrictSummaryRow[]> {
      let q = db.selectFrom('district_deprivation_summary').selectAll();
      if (codes) q = q.where('district_code', 'in', codes.length ? [...codes] : ['']);
      return q.execute();
    },

    /** LSOA-derived figures per district, from the LSOAs that lie in each. */
    async districtFigures(db: Kysely<DB>): Promise<DerivedFiguresRow[]> {
      const result = await sql<DerivedFiguresRow>`
        select a.code, a.name, ${derivedSelect}
        from area a
        left join lsoa_deprivation d on d.district_code = a.code
        left join lsoa_population p on p.lsoa_code = d.lsoa_code
        where a.level = 'district'
        group by a.code, a.name
        order by a.name`.execute(db);
      return result.rows;
    },

    /** The imported boundaries of one level (GeoJSON geometry in WGS84). */
    async boundaries(db: Kysely<DB>, level: string): Promise<{ area_code: string; geometry: unknown }[]> {
      return db.selectFrom('boundary').select(['area_code', 'geometry']).where('level', '=', level).execute();
    },

    /** LSOA-derived figures for every ward of a vintage's hierarchy, through its LSOA→ward lookup. */
    async allWardFigures(
      db: Kysely<DB>,
      vintage: string,
    ): Promise<(DerivedFiguresRow & { parent_code: string })[]> {
      const result = await sql<DerivedFiguresRow & { parent_code: string }>`
        select w.code, w.name, w.parent_code, ${derivedSelect}
        from area w
        left join lsoa_ward_lookup l on l.ward_code = w.code and l.vintage = ${vintage}
        left join lsoa_deprivation d on d.lsoa_code = l.lsoa_code
        left join lsoa_population p on p.lsoa_code = l.lsoa_code
        where w.level = 'ward'
        group by w.code, w.name, w.parent_code
        order by w.code`.execute(db);
      return result.rows;
    },

    /** LSOA-derived figures for each ward of a district, through the LSOA→ward lookup of a vintage. */
    async wardFigures(db: Kysely<DB>, districtCode: string, vintage: string): Promise<DerivedFiguresRow[]> {
      const result = await sql<DerivedFiguresRow>`
        select w.code, w.name, ${derivedSelect}
        from area w
        left join lsoa_ward_lookup l on l.ward_code = w.code and l.vintage = ${vintage}
        left join lsoa_deprivation d on d.lsoa_code = l.lsoa_code
        left join lsoa_population p on p.lsoa_code = l.lsoa_code
        where w.level = 'ward' and w.parent_code = ${districtCode}
        group by w.code, w.name
        order by w.name`.execute(db);
      return result.rows;
    },
  };
}

export type GeographyRepository = ReturnType<typeof createGeographyRepository>;
