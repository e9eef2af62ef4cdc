// The geography module's service: the built-in area hierarchy, the reference-data import (all or
// nothing, audited) and the read models behind the area pages and the CLI.
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { DISTRICT_BY_CODE, DISTRICTS, LOCALITIES } from './geography.builtin.ts';
import type {
  Area,
  AreaLevel,
  DistrictOverview,
  DistrictProfile,
  LocalityOverview,
  LsoaDerivedFigures,
} from './geography.model.ts';
import type {
  DerivedFiguresRow,
  GeographyRepository,
  ReferenceCounts,
  ReferenceImportRow,
} from './geography.repository.ts';
import { builtInAreaRows, importSummary, referenceRows, type ImportSummary } from './geography.rows.ts';
import { locateReferenceFiles, readReferenceDataset } from './reference-dataset.ts';

/** The vintage of the ward level of the hierarchy: the wards we have boundaries for. */
export const WARD_VINTAGE = '2025';

export interface ImportReport extends ImportSummary {
  status: 'imported' | 'unchanged';
  importId: number;
  importedAt: Date;
  importedBy: string;
  directory: string;
  fingerprint: string;
  durationMs: number;
}

export interface ReferenceStatus {
  lastImport: Omit<ImportReport, 'status' | 'durationMs'> | undefined;
  counts: ReferenceCounts;
}

function toReport(row: ReferenceImportRow, status: ImportReport['status'], started: number): ImportReport {
  return {
    ...(row.summary as unknown as ImportSummary),
    status,
    importId: row.id,
    importedAt: row.imported_at,
    importedBy: row.actor,
    directory: row.directory,
    fingerprint: row.fingerprint,
    durationMs: Math.round(performance.now() - started),
  };
}

function toDerived(r: DerivedFiguresRow | undefined): LsoaDerivedFigures {
  if (!r || r.lsoa_count === 0) {
    return {
      lsoaCount: 0,
      population: null,
      children0To15: null,
      populationWeightedImdRank: null,
      shareInMostDeprivedDecile: null,
    };
  }
  return {
    lsoaCount: r.lsoa_count,
    population: r.population,
    children0To15: r.children_0_15,
    populationWeightedImdRank: r.weighted_imd_rank,
    shareInMostDeprivedDecile: r.share_decile_1,
  };
}

export function createGeographyService(deps: {
  db: Kysely<DB>;
  repository: GeographyRepository;
  audit: AuditWriter;
}) {
  const { db, repository, audit } = deps;

  async function districtOverviews(): Promise<DistrictOverview[]> {
    const [summaries, figures] = await Promise.all([
      repository.districtSummaries(db),
      repository.districtFigures(db),
    ]);
    const byDistrict = new Map<string, Record<string, number>>();
    for (const s of summaries) {
      const m = byDistrict.get(s.district_code) ?? {};
      m[s.measure] = s.value;
      byDistrict.set(s.district_code, m);
    }
    const figuresByCode = new Map(figures.map((f) => [f.code, f]));
    return DISTRICTS.map((d) => ({
      ...d,
      summary: byDistrict.get(d.code) ?? {},
      derived: toDerived(figuresByCode.get(d.code)),
    }));
  }

  return {
    /** Creates (or brings up to date) the Pathfinder, its localities and the 32 districts; audited when anything changed. */
    async ensureBuiltIn(ctx: ActorContext): Promise<{ changed: number }> {
      return db.transaction().execute(async (trx) => {
        const changed = await repository.upsertBuiltInAreas(trx, builtInAreaRows());
        if (changed.length) {
          await audit.record(trx, ctx, {
            action: 'geography.built-in',
            subjectType: 'area',
            subjectId: 'built-in',
            details: { areas: changed.length, codes: changed },
          });
        }
        return { changed: changed.length };
      });
    },

    /**
     * Imports the reference files in `directory`, replacing any earlier reference data, in one
     * transaction with its audit event. Every file is validated first: one problem and nothing is
     * written. Files identical to the last import's are reported as unchanged (unless forced).
     */
    async importReference(
      ctx: ActorContext,
      directory: string,
      options: { force?: boolean } = {},
    ): Promise<ImportReport> {
      const started = performance.now();
      const located = await locateReferenceFiles(directory);
      const last = await repository.lastImport(db);
      if (last && !options.force && last.fingerprint === located.fingerprint)
        return toReport(last, 'unchanged', started);

      const dataset = await readReferenceDataset(located);
      const summary = importSummary(dataset, located);
      const rows = referenceRows(dataset);
      return db.transaction().execute(async (trx) => {
        await repository.lockReferenceData(trx);
        const latest = await repository.lastImport(trx);
        if (latest && !options.force && latest.fingerprint === located.fingerprint) {
          return toReport(latest, 'unchanged', started); // someone imported the same files meanwhile
        }
        await repository.upsertBuiltInAreas(trx, builtInAreaRows());
        await repository.deleteImportedData(trx);
        await repository.insertReferenceData(trx, rows);
        const row = await repository.insertImport(trx, {
          actor: ctx.actor,
          directory: located.directory,
          fingerprint: located.fingerprint,
          files: summary.files.map((f) => ({
            role: f.roles.join(', '),
            path: f.path,
            sha256: f.sha256,
            rows: f.rows,
          })),
          summary: summary as unknown as Record<string, unknown>,
        });
        await audit.record(trx, ctx, {
          action: 'reference.import',
          subjectType: 'reference_import',
          subjectId: String(row.id),
          details: {
            directory: located.directory,
            fingerprint: located.fingerprint,
            files: located.files.map((f) => ({ path: f.path, sha256: f.sha256 })),
            counts: summary.counts,
          },
        });
        return toReport(row, 'imported', started);
      });
    },

    async referenceStatus(): Promise<ReferenceStatus> {
      const [last, counts] = await Promise.all([repository.lastImport(db), repository.counts(db)]);
      if (!last) return { lastImport: undefined, counts };
      const {
        status: _status,
        durationMs: _duration,
        ...lastImport
      } = toReport(last, 'imported', performance.now());
      return { lastImport, counts };
    },

    async listAreas(levels: readonly AreaLevel[] = ['pathfinder', 'locality', 'district']): Promise<Area[]> {
      const rows = await repository.listAreas(db, levels);
      return rows.map((r) => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parent_code,
        vintage: r.vintage,
      }));
    },

    /** Imported boundaries of districts or wards by area code; empty before any are imported. */
    async boundaries(level: 'district' | 'ward'): Promise<Map<string, unknown>> {
      const rows = await repository.boundaries(db, level);
      return new Map(rows.map((r) => [r.area_code, r.geometry]));
    },

    /**
     * LSOA-derived figures (mid-2015 populations, IMD 2019) for every district and ward of the hierarchy,
     * keyed by area code; empty before reference data is imported.
     */
    async areaFigures(): Promise<Map<string, LsoaDerivedFigures & { level: 'district' | 'ward' }>> {
      const [districts, wards] = await Promise.all([
        repository.districtFigures(db),
        repository.allWardFigures(db, WARD_VINTAGE),
      ]);
      const out = new Map<string, LsoaDerivedFigures & { level: 'district' | 'ward' }>();
      for (const d of districts)
        if (d.lsoa_count > 0) out.set(d.code, { ...toDerived(d), level: 'district' });
      for (const w of wards) if (w.lsoa_count > 0) out.set(w.code, { ...toDerived(w), level: 'ward' });
      return out;
    },

    /** Each LSOA's ward of the hierarchy's vintage (the 2025 best fit), for modules that count by LSOA. */
    async lsoaWards(): Promise<{ lsoaCode: string; wardCode: string }[]> {
      const rows = await repository.lsoaWards(db, WARD_VINTAGE);
      return rows.map((r) => ({ lsoaCode: r.lsoa_code, wardCode: r.ward_code }));
    },

    /** The four localities with their districts and headline figures, for the areas page. */
    async localitiesOverview(): Promise<{ hasReferenceData: boolean; localities: LocalityOverview[] }> {
      const [districts, last] = await Promise.all([districtOverviews(), repository.lastImport(db)]);
      return {
        hasReferenceData: last !== undefined,
        localities: LOCALITIES.map((l) => ({
          ...l,
          districts: districts.filter((d) => d.localityCode === l.code),
        })),
      };
    },

    /** A district with its File 10 figures and its 2025 wards with LSOA-derived figures. */
    async districtProfile(code: string): Promise<DistrictProfile & { hasReferenceData: boolean }> {
      if (!DISTRICT_BY_CODE.has(code))
        throw new NotFoundError(`There is no district with the code ${code} in the Pathfinder.`);
      const [districts, wards, last] = await Promise.all([
        districtOverviews(),
        repository.wardFigures(db, code, WARD_VINTAGE),
        repository.lastImport(db),
      ]);
      const district = districts.find((d) => d.code === code)!;
      const locality = LOCALITIES.find((l) => l.code === district.localityCode)!;
      return {
        district,
        locality,
        wards: wards.map((w) => ({ code: w.code, name: w.name, derived: toDerived(w) })),
        wardVintage: WARD_VINTAGE,
        hasReferenceData: last !== undefined,
      };
    },
  };
}

export type GeographyService = ReturnType<typeof createGeographyService>;
