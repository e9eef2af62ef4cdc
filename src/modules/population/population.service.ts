// Population denominators from an uploaded ONS mid-year estimate: children aged 0 to 17 of the 32
// districts, summed to localities and the Pathfinder, and spread to wards in proportion to File 6. An
// upload replaces the one before it (which stays, for history); removing it returns rates to File 6's
// mid-2015 children aged 0 to 15. Every change is audited in its own transaction.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { denominatorsFrom, FILE6_LABEL } from '../analysis/denominators.ts';
import type { Denominators } from '../analysis/indicator-analysis.ts';
import { DISTRICTS, LOCALITIES } from '../geography/geography.builtin.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import { readPopulationFile } from './population.file.ts';
import {
  AGE_FROM,
  AGE_TO,
  uploadedLabel,
  type PopulationDistrict,
  type PopulationImportReport,
  type PopulationImportSummary,
  type PopulationStatus,
} from './population.model.ts';
import type { PopulationImportRow, PopulationRepository } from './population.repository.ts';

const LOCALITY_NAME = new Map(LOCALITIES.map((l) => [l.code, l.name]));

function toSummary(r: PopulationImportRow): PopulationImportSummary {
  return {
    importId: r.id,
    importedAt: r.imported_at,
    importedBy: r.actor,
    fileName: r.file_name,
    sha256: r.sha256,
    referenceYear: r.reference_year,
    ageFrom: r.age_from,
    ageTo: r.age_to,
    layout: r.layout,
    sheet: r.sheet,
    rowsRead: r.rows,
    otherAreaRows: r.other_rows,
    total: r.total,
    replacedBy: r.replaced_by,
    removedAt: r.removed_at,
    removedBy: r.removed_by,
    label: uploadedLabel({
      referenceYear: r.reference_year,
      ageFrom: r.age_from,
      ageTo: r.age_to,
      importedAt: r.imported_at,
    }),
  };
}

export function createPopulationService(deps: {
  db: Kysely<DB>;
  repository: PopulationRepository;
  audit: AuditWriter;
  geography: Pick<GeographyService, 'areaFigures' | 'listAreas'>;
}) {
  const { db, repository, audit } = deps;

  /** The 32 districts in the built-in order with the children given and File 6's, to compare. */
  async function districtsWith(children: ReadonlyMap<string, number>): Promise<PopulationDistrict[]> {
    const figures = await deps.geography.areaFigures();
    return DISTRICTS.map((d) => ({
      code: d.code,
      name: d.name,
      localityCode: d.localityCode,
      localityName: LOCALITY_NAME.get(d.localityCode) ?? d.localityCode,
      children: children.get(d.code) ?? 0,
      file6Children0To15: figures.get(d.code)?.children0To15 ?? null,
    }));
  }

  async function estimatesOf(importId: number): Promise<Map<string, number>> {
    const rows = await repository.estimates(db, importId);
    return new Map(rows.map((r) => [r.area_code, r.children]));
  }

  const service = {
    /**
     * Checks a file of ONS mid-year estimates and, unless a dry run, puts it in use in place of the
     * upload before it. Throws a ValidationError listing every problem; nothing changes then.
     */
    async importFile(
      ctx: ActorContext,
      input: { fileName: string; filePath: string; year?: string | number | undefined; dryRun?: boolean },
    ): Promise<PopulationImportReport> {
      const data = await readPopulationFile(input);
      const districts = await districtsWith(data.children);
      const total = districts.reduce((n, d) => n + d.children, 0);
      const base = {
        fileName: input.fileName,
        sha256: data.sha256,
        referenceYear: data.referenceYear,
        yearSource: data.yearSource,
        ageFrom: AGE_FROM,
        ageTo: AGE_TO,
        layout: data.layout,
        sheet: data.sheet,
        rowsRead: data.rowsRead,
        otherAreaRows: data.otherAreaRows,
        districts,
        total,
      };
      const replacedBy = (prev: PopulationImportRow | undefined) =>
        prev
          ? {
              importId: prev.id,
              fileName: prev.file_name,
              referenceYear: prev.reference_year,
              sameFile: prev.sha256 === data.sha256,
            }
          : null;

      if (input.dryRun) {
        return {
          ...base,
          dryRun: true,
          importId: null,
          importedAt: null,
          label: uploadedLabel({ ...base, importedAt: new Date() }),
          replaced: replacedBy(await repository.current(db)),
        };
      }

      return db.transaction().execute(async (trx) => {
        await repository.lock(trx);
        const prev = await repository.current(trx);
        const row = await repository.insertImport(trx, {
          actor: ctx.actor,
          file_name: input.fileName,
          sha256: data.sha256,
          reference_year: data.referenceYear,
          age_from: AGE_FROM,
          age_to: AGE_TO,
          layout: data.layout,
          sheet: data.sheet,
          rows: data.rowsRead,
          other_rows: data.otherAreaRows,
        });
        if (prev) await repository.markReplaced(trx, prev.id, row.id);
        await repository.insertEstimates(
          trx,
          row.id,
          districts.map((d) => ({ area_code: d.code, children: d.children })),
        );
        const replaced = replacedBy(prev);
        await audit.record(trx, ctx, {
          action: 'population.import',
          subjectType: 'population_import',
          subjectId: String(row.id),
          details: {
            source: 'ONS mid-year population estimates',
            file: input.fileName,
            sha256: data.sha256,
            referenceYear: data.referenceYear,
            ages: `${AGE_FROM}-${AGE_TO}`,
            layout: data.layout,
            rowsRead: data.rowsRead,
            otherAreaRows: data.otherAreaRows,
            districts: districts.length,
            children: total,
            replacedImportId: replaced?.importId ?? null,
          },
        });
        return {
          ...base,
          dryRun: false,
          importId: row.id,
          importedAt: row.imported_at,
          label: uploadedLabel({ ...base, importedAt: row.imported_at }),
          replaced,
        };
      });
    },

    /** Stops using the uploaded estimates: rates go back to File 6. The upload stays, for history. */
    async remove(ctx: ActorContext): Promise<{ removed: PopulationImportSummary; label: string }> {
      return db.transaction().execute(async (trx) => {
        await repository.lock(trx);
        const current = await repository.current(trx);
        if (!current) {
          throw new NotFoundError(
            `No uploaded population estimate is in use, so there is nothing to remove: rates already use ${FILE6_LABEL}.`,
          );
        }
        const removedAt = await repository.markRemoved(trx, current.id, ctx.actor);
        await audit.record(trx, ctx, {
          action: 'population.remove',
          subjectType: 'population_import',
          subjectId: String(current.id),
          details: {
            file: current.file_name,
            sha256: current.sha256,
            referenceYear: current.reference_year,
            nowInUse: 'IoD2019 File 6 (mid-2015) children aged 0 to 15',
          },
        });
        return {
          removed: { ...toSummary(current), removedAt, removedBy: ctx.actor },
          label: FILE6_LABEL,
        };
      });
    },

    /** What rates use now, with the upload in use (by district) and every upload before it. */
    async status(): Promise<PopulationStatus> {
      const [current, history] = await Promise.all([repository.current(db), repository.list(db)]);
      if (!current) {
        return { inUse: 'file6', label: FILE6_LABEL, current: null, history: history.map(toSummary) };
      }
      const summary = toSummary(current);
      return {
        inUse: 'uploaded',
        label: summary.label,
        current: { ...summary, districts: await districtsWith(await estimatesOf(current.id)) },
        history: history.map(toSummary),
      };
    },

    /**
     * Children aged 0 to 17 by area from the upload in use, or null when none is (File 6 then):
     * districts as uploaded; localities and the Pathfinder as sums of their districts; wards as their
     * File 6 children aged 0 to 15 scaled by their district's ratio of uploaded children to File 6's.
     */
    async currentDenominators(): Promise<Denominators | null> {
      const current = await repository.current(db);
      if (!current) return null;
      const [byDistrict, figures, wards, areas] = await Promise.all([
        estimatesOf(current.id),
        deps.geography.areaFigures(),
        deps.geography.listAreas(['ward']),
        deps.geography.listAreas(['pathfinder', 'locality', 'district']),
      ]);
      const children = new Map(byDistrict);
      for (const ward of wards) {
        if (ward.level !== 'ward' || !ward.parentCode) continue;
        const uploaded = byDistrict.get(ward.parentCode);
        const file6District = figures.get(ward.parentCode)?.children0To15;
        const file6Ward = figures.get(ward.code)?.children0To15;
        if (uploaded === undefined || !file6District || file6Ward === null || file6Ward === undefined)
          continue;
        children.set(ward.code, Math.round((file6Ward * uploaded) / file6District));
      }
      return denominatorsFrom(children, areas, toSummary(current).label);
    },
  };
  return service;
}

export type PopulationService = ReturnType<typeof createPopulationService>;
