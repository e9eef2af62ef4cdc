import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { BUILT_IN_CATALOGUE } from './catalogue.builtin.ts';
import { diffCatalogues, isEmptyDiff, summariseDiff, type CatalogueDiff } from './catalogue.diff.ts';
import type { Indicator } from './catalogue.model.ts';
import type {
  CatalogueRepository,
  CatalogueVersionRow,
  IndicatorRow,
  NewIndicatorRow,
} from './catalogue.repository.ts';
import { validateCatalogue } from './catalogue.schema.ts';

export interface CatalogueVersion {
  number: number;
  createdAt: Date;
  createdBy: string;
  origin: 'built-in' | 'import';
  sourceFile: string | null;
  sourceSha256: string | null;
  summary: string;
}

export interface CatalogueSnapshot {
  version: CatalogueVersion;
  indicators: Indicator[];
}

export type ImportOutcome =
  | { changed: false; version: CatalogueVersion }
  | { changed: true; version: CatalogueVersion; diff: CatalogueDiff };

function toVersion(r: CatalogueVersionRow): CatalogueVersion {
  return {
    number: r.number,
    createdAt: r.created_at,
    createdBy: r.created_by,
    origin: r.origin,
    sourceFile: r.source_file,
    sourceSha256: r.source_sha256,
    summary: r.summary,
  };
}

function toIndicator(r: IndicatorRow): Indicator {
  return {
    id: r.id,
    category: r.category as Indicator['category'],
    name: r.name,
    granularity: r.granularity,
    source: r.source,
    dataType: r.data_type,
    purpose: r.purpose,
    caveats: r.caveats,
    combinationsText: r.combinations_text,
    status: r.status as Indicator['status'],
    provenance: r.provenance,
    valueType: r.value_type as Indicator['valueType'],
    unit: r.unit,
    periodKind: r.period_kind as Indicator['periodKind'],
    areaLevels: r.area_levels as Indicator['areaLevels'],
    dimensions: r.dimensions,
    polarity: r.polarity as Indicator['polarity'],
    combinations: r.combinations,
    achievability: r.achievability as Indicator['achievability'],
    suppliers: r.suppliers as Indicator['suppliers'],
    tier: r.tier as Indicator['tier'],
  };
}

function toRow(i: Indicator): NewIndicatorRow {
  return {
    id: i.id,
    category: i.category,
    name: i.name,
    granularity: i.granularity,
    source: i.source,
    data_type: i.dataType,
    purpose: i.purpose,
    caveats: i.caveats,
    combinations_text: i.combinationsText,
    status: i.status,
    provenance: i.provenance,
    value_type: i.valueType,
    unit: i.unit,
    period_kind: i.periodKind,
    area_levels: i.areaLevels,
    dimensions: i.dimensions,
    polarity: i.polarity,
    combinations: i.combinations,
    achievability: i.achievability,
    suppliers: i.suppliers,
    tier: i.tier,
  };
}

export function createCatalogueService(deps: {
  db: Kysely<DB>;
  repository: CatalogueRepository;
  audit: AuditWriter;
}) {
  const { db, repository, audit } = deps;

  async function snapshot(row: CatalogueVersionRow): Promise<CatalogueSnapshot> {
    return {
      version: toVersion(row),
      indicators: (await repository.listIndicators(db, row.id)).map(toIndicator),
    };
  }

  async function current(): Promise<CatalogueSnapshot> {
    const row = await repository.latestVersion(db);
    if (!row)
      throw new NotFoundError(
        'The catalogue has not been created yet. Start the platform once to create it.',
      );
    return snapshot(row);
  }

  /** Saves a new version when the indicators differ from the current ones; all or nothing, audited. */
  async function saveVersion(
    ctx: ActorContext,
    indicators: Indicator[],
    source: { origin: 'built-in' | 'import'; file?: string; sha256?: string },
  ): Promise<ImportOutcome> {
    const problems = validateCatalogue(indicators);
    if (problems.length) {
      throw new ValidationError(
        'The catalogue was not saved because some indicators are not valid.',
        problems.map((p) => ({
          field: `indicator ${p.index + 1}${p.field ? ` (${p.field})` : ''}`,
          message: p.message,
        })),
      );
    }
    return db.transaction().execute(async (trx) => {
      const number = await repository.lockAndNextNumber(trx);
      const latest = await repository.latestVersion(trx);
      const before = latest ? (await repository.listIndicators(trx, latest.id)).map(toIndicator) : [];
      const diff = diffCatalogues(before, indicators);
      if (latest && isEmptyDiff(diff)) return { changed: false as const, version: toVersion(latest) };
      const summary = latest ? summariseDiff(diff) : `${indicators.length} indicators`;
      const row = await repository.insertVersion(
        trx,
        {
          number,
          created_by: ctx.actor,
          origin: source.origin,
          source_file: source.file ?? null,
          source_sha256: source.sha256 ?? null,
          summary,
        },
        indicators.map(toRow),
      );
      await audit.record(trx, ctx, {
        action: source.origin === 'built-in' ? 'catalogue.create' : 'catalogue.import',
        subjectType: 'catalogue_version',
        subjectId: String(number),
        details: {
          added: diff.added.map((i) => i.id),
          removed: diff.removed.map((i) => i.id),
          changed: diff.changed.map((c) => c.id),
          ...(source.file ? { file: source.file, sha256: source.sha256 } : {}),
        },
      });
      return { changed: true as const, version: toVersion(row), diff };
    });
  }

  return {
    current,

    /** Creates version 1 from the built-in catalogue when there is none; returns the current version. */
    async ensureBuiltIn(ctx: ActorContext): Promise<CatalogueVersion> {
      const latest = await repository.latestVersion(db);
      if (latest) return toVersion(latest);
      return (await saveVersion(ctx, [...BUILT_IN_CATALOGUE], { origin: 'built-in' })).version;
    },

    async version(number: number): Promise<CatalogueSnapshot> {
      const row = await repository.findVersion(db, number);
      if (!row) throw new NotFoundError(`There is no catalogue version ${number}.`);
      return snapshot(row);
    },

    async listVersions(): Promise<(CatalogueVersion & { indicatorCount: number })[]> {
      return (await repository.listVersions(db)).map((r) => ({
        ...toVersion(r),
        indicatorCount: r.indicator_count,
      }));
    },

    async indicator(
      id: string,
      versionNumber?: number,
    ): Promise<{ version: CatalogueVersion; indicator: Indicator }> {
      const snap = versionNumber === undefined ? await current() : await this.version(versionNumber);
      const indicator = snap.indicators.find((i) => i.id === id);
      if (!indicator)
        throw new NotFoundError(`There is no indicator "${id}" in catalogue version ${snap.version.number}.`);
      return { version: snap.version, indicator };
    },

    /** One indicator of the current catalogue (for pages that show one; cheaper than current()). */
    async currentIndicator(id: string): Promise<Indicator> {
      const row = await repository.findCurrentIndicator(db, id);
      if (!row) throw new NotFoundError(`There is no indicator "${id}" in the current catalogue.`);
      return toIndicator(row);
    },

    /** Imports a whole catalogue read from a file: "no changes", or a new version with its diff. */
    importCatalogue(ctx: ActorContext, indicators: Indicator[], file: { name: string; sha256: string }) {
      return saveVersion(ctx, indicators, { origin: 'import', file: file.name, sha256: file.sha256 });
    },
  };
}

export type CatalogueService = ReturnType<typeof createCatalogueService>;
