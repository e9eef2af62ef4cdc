// The one way data leaves the platform: every page, export and report of figures comes through
// `indicatorView`, which decides the viewer's tier, reads only what that tier may see, applies disclosure
// control, and records the view in the audit trail when the data is not public.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { ANONYMOUS, can, type Principal } from '../../platform/policies.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import { findDimension } from '../catalogue/catalogue.dimensions.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';
import { ruleFor, type DisclosureTier, type OutputCell } from '../disclosure/disclosure.model.ts';
import { applyDisclosureControl } from '../disclosure/suppress.ts';
import { latestEndedQuarter } from '../returns/implementation.service.ts';
import { formatQuarter, indicatorWindows, type Quarter } from '../returns/periods.ts';
import type { AreaInfo } from '../returns/return-file.model.ts';
import type { ReturnsService } from '../returns/returns.service.ts';
import { tierFor, type SharingAgreement } from '../sharing/sharing.model.ts';
import type { DataRepository } from './data.repository.ts';
import { createViewCache } from '../../platform/view-cache.ts';
import type { ObservationRecord } from '../returns/returns.repository.ts';
import { buildIndicatorTable, leafLevel, type TableLevel, type TableRow } from './indicator-table.ts';

const LEVEL_ORDER: readonly TableLevel[] = ['pathfinder', 'locality', 'district', 'ward'];

export const PURPOSE = 'partnership-analysis' as const;

export type ViewTier = DisclosureTier | 'restricted-coarsened';

/** Who is looking: a signed-in (or anonymous) principal, or the operator at the command line choosing a tier. */
export type Viewer = { principal: Principal } | { operatorTier: 'partnership' | 'public' };

export interface DataSnapshot {
  marker(): Promise<string>;
  agreements(): Promise<SharingAgreement[]>;
  indicator(id: string): Promise<Indicator>;
}

export interface TableRequest {
  indicatorId: string;
  quarter: Quarter;
  level: 'district' | 'ward';
  /** The breakdown dimension to show beside the total; the indicator's first when omitted, none when null. */
  breakdown?: string | null;
}

export interface IndicatorView {
  indicator: Indicator;
  period: string;
  window: { start: string; end: string } | null;
  tier: ViewTier;
  level: TableLevel;
  breakdown: { dimension: string; label: string; values: { code: string; label: string }[] } | null;
  rows: (TableRow & { cells: OutputCell[] })[];
  synthetic: boolean;
  suppressedCount: number;
  auditPassed: boolean | null;
  /** Why the viewer sees this tier, in plain English. */
  tierReason: string;
  /** The organisations whose figures the table holds. */
  owners: string[];
}

export type ControlledTable = IndicatorView;

const TIER_REASONS: Record<ViewTier, string> = {
  'own-organisation':
    'These are your organisation’s own figures, so nothing is suppressed. Figures not yet approved are included.',
  partnership:
    'Partnership view: approved figures shared under a data-sharing agreement. Counts of 1 to 4 are shown as [c], with further cells suppressed so they cannot be worked out.',
  public:
    'Public view: approved figures with counts of 1 to 7 shown as [c] and others rounded to the nearest 5. Sign in, under a sharing agreement, for the partnership view.',
  'restricted-coarsened':
    'Restricted intelligence: only the intelligence tier sees these figures. You see locality totals coarsened to bands.',
};

function band(n: number | null): string {
  if (n === null) return '[x]';
  if (n === 0) return 'None';
  return n < 10 ? 'Fewer than 10' : '10 or more';
}

export function createDataService(deps: {
  db: Kysely<DB>;
  repository: DataRepository;
  audit: AuditWriter;
  catalogue: CatalogueService;
  returns: ReturnsService;
  listAreas: (levels?: readonly ('pathfinder' | 'locality' | 'district' | 'ward')[]) => Promise<AreaInfo[]>;
  agreements: () => Promise<SharingAgreement[]>;
}) {
  // Views are pure functions of (figures, tier, level, breakdown); the change marker keys them.
  const figuresCache = createViewCache<ObservationRecord[]>(100);
  const tableCache = createViewCache<Pick<IndicatorView, 'rows' | 'suppressedCount' | 'auditPassed'>>(200);

  const service = {
    /** Changes whenever anything a view is computed from changes; for caches keyed by it. */
    changeMarker: () => deps.repository.changeMarker(deps.db),

    /**
     * What a page built from many tables reads once, not once a table: the change marker, the sharing
     * agreements and the current catalogue's indicators, each fetched on first use.
     */
    snapshot(): DataSnapshot {
      let marker: Promise<string> | undefined;
      let agreements: Promise<SharingAgreement[]> | undefined;
      const indicators = new Map<string, Promise<Indicator>>();
      return {
        marker: () => (marker ??= deps.repository.changeMarker(deps.db)),
        agreements: () => (agreements ??= deps.agreements()),
        indicator: (id) => {
          let found = indicators.get(id);
          if (!found) indicators.set(id, (found = deps.catalogue.currentIndicator(id)));
          return found;
        },
      };
    },

    /** The default quarter to show: the latest that has ended. */
    latestQuarter: (): Quarter => latestEndedQuarter(deps.returns.today()),

    /**
     * One indicator's figures for one quarter as the viewer may see them: the tier decided, only that
     * tier's figures read, disclosure control applied. It records nothing: callers publish through
     * `indicatorView` (one table) or record one `recordView` for a page built from many tables.
     */
    async controlledTable(
      viewer: Viewer,
      input: TableRequest,
      snapshot: DataSnapshot = service.snapshot(),
    ): Promise<ControlledTable> {
      // Independent reads, so they go to the database together.
      const [indicator, marker, agreements] = await Promise.all([
        snapshot.indicator(input.indicatorId),
        snapshot.marker(),
        snapshot.agreements(),
      ]);
      const windows = indicatorWindows(indicator.periodKind, input.quarter);
      const window = windows.at(-1) ?? null;
      const level: TableLevel = leafLevel(indicator.areaLevels, input.level);
      // Disclosure control always runs on the indicator's finest table, and coarser views show its upper
      // rows: one suppression pattern per figure, so two views cannot be played against each other.
      const finest: TableLevel = leafLevel(indicator.areaLevels, 'ward');
      const dimensionId =
        input.breakdown === null
          ? undefined
          : input.breakdown && indicator.dimensions.includes(input.breakdown)
            ? input.breakdown
            : indicator.dimensions[0];
      const dimension = dimensionId ? findDimension(dimensionId) : undefined;
      const principal = 'principal' in viewer ? viewer.principal : ANONYMOUS;
      const viewerOrgs = principal.memberships.map((m) => m.organisationId);
      const restricted =
        indicator.tier === 'restricted-intelligence' && !can(principal, 'data.view-restricted');

      // Which organisations own figures here decides the tier; own data may include unapproved figures.
      const figuresKey = [indicator.id, window?.start, window?.end, marker].join('|');
      const all = window
        ? await figuresCache.get(figuresKey, () =>
            deps.returns.observations({ indicatorId: indicator.id, approvedOnly: false, window }),
          )
        : [];
      const owners = [...new Set(all.map((o) => o.organisationId))].sort();
      const on = deps.returns.today().toISOString().slice(0, 10);
      const ownAll = owners.length > 0 && owners.every((o) => viewerOrgs.includes(o));
      const shared =
        can(principal, 'data.view-partnership') &&
        owners.every(
          (o) =>
            tierFor(agreements, {
              ownerId: o,
              viewerOrgIds: viewerOrgs,
              category: indicator.category,
              purpose: PURPOSE,
              on,
            }) !== 'public',
        );
      const tier: ViewTier = restricted
        ? 'restricted-coarsened'
        : 'operatorTier' in viewer
          ? viewer.operatorTier
          : ownAll
            ? 'own-organisation'
            : shared
              ? 'partnership'
              : 'public';
      const figures = tier === 'own-organisation' ? all : all.filter((o) => o.approvedAt !== null);

      const computed = await tableCache.get(
        [figuresKey, tier, finest, dimension?.id ?? ''].join('|'),
        async () => {
          const built = buildIndicatorTable({
            figures: figures.map((o) => ({
              areaCode: o.areaCode,
              breakdownKey: o.breakdownKey,
              value: o.valueText === null ? o.value : null,
              revised: o.revision > 1,
              provisional: o.approvedAt === null,
            })),
            // Wards only when the table goes down to them: 700 rows a page does not need otherwise.
            areas: await deps.listAreas(
              finest === 'ward' ? undefined : ['pathfinder', 'locality', 'district'],
            ),
            level: finest,
            ...(dimension && tier !== 'restricted-coarsened'
              ? { breakdown: { dimension: dimension.id, values: dimension.values.map((v) => v.code) } }
              : {}),
          });

          let rows: IndicatorView['rows'];
          let suppressedCount = 0;
          let auditPassed: boolean | null = null;
          if (tier === 'restricted-coarsened') {
            rows = built.rows
              .filter((r) => r.level === 'pathfinder' || r.level === 'locality')
              .map((r) => {
                const count = built.table.cells.find((c) => c.key === `${r.code}|total`)?.count ?? null;
                const text = band(count);
                return {
                  ...r,
                  // No figures at all is "not available", not a band.
                  cells: [
                    {
                      key: `${r.code}|total`,
                      value: null,
                      symbol: count === null ? '[x]' : null,
                      markers: [],
                      text,
                    },
                  ],
                };
              });
          } else {
            const result = applyDisclosureControl(built.table, built.structure, ruleFor(tier));
            suppressedCount = result.suppressed.size;
            auditPassed = result.audit ? result.audit.passed : null;
            const width = built.columns.length;
            // The auditor is the last word: a table it cannot pass is not published at all.
            rows =
              auditPassed === false
                ? []
                : built.rows.map((r, i) => ({
                    ...r,
                    cells: result.cells.slice(i * width, i * width + width),
                  }));
          }
          return { rows, suppressedCount, auditPassed };
        },
      );
      const depth = LEVEL_ORDER.indexOf(level);
      const rows = computed.rows.filter((r) => LEVEL_ORDER.indexOf(r.level) <= depth);
      const { auditPassed } = computed;
      const suppressedCount = rows.reduce((n, r) => n + r.cells.filter((c) => c.symbol === '[c]').length, 0);

      return {
        indicator,
        period: formatQuarter(input.quarter),
        window,
        tier,
        level,
        breakdown:
          dimension && tier !== 'restricted-coarsened'
            ? {
                dimension: dimension.id,
                label: dimension.label,
                values: dimension.values.map((v) => ({ code: v.code, label: v.label })),
              }
            : null,
        rows,
        synthetic: figures.some((o) => o.synthetic),
        suppressedCount,
        auditPassed,
        tierReason: TIER_REASONS[tier],
        owners,
      };
    },

    /**
     * The coarsened output of restricted intelligence that anyone may see: for each district, whether
     * any approved figure of these indicators in these quarters is above zero (true), all are zero
     * (false), or there are none (absent). No count leaves this function.
     */
    async activityFlags(
      indicatorIds: readonly string[],
      quarters: readonly Quarter[],
    ): Promise<{
      flags: Map<string, boolean>;
      tables: Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[];
    }> {
      const flags = new Map<string, boolean>();
      const tables: Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[] = [];
      const districts = new Set(
        (await deps.listAreas(['district'])).filter((a) => a.level === 'district').map((a) => a.code),
      );
      for (const id of indicatorIds) {
        const indicator = await deps.catalogue.currentIndicator(id);
        const owners = new Set<string>();
        for (const quarter of quarters) {
          const window = indicatorWindows(indicator.periodKind, quarter).at(-1);
          if (!window) continue;
          const figures = await deps.returns.observations({ indicatorId: id, approvedOnly: true, window });
          for (const o of figures) {
            if (!districts.has(o.areaCode) || o.breakdownKey !== '') continue;
            owners.add(o.organisationId);
            const above = (o.value ?? 0) > 0 || (o.valueText !== null && o.valueText !== '');
            flags.set(o.areaCode, (flags.get(o.areaCode) ?? false) || above);
          }
        }
        tables.push({ indicator, tier: 'restricted-coarsened', owners: [...owners].sort() });
      }
      return { flags, tables };
    },

    /** One indicator's table, published: recorded in the audit trail unless it is public. */
    async indicatorView(
      ctx: ActorContext,
      principal: Principal,
      input: TableRequest & { export?: boolean },
    ): Promise<IndicatorView> {
      const view = await service.controlledTable({ principal }, input);
      await service.recordView(ctx, {
        action: input.export ? 'data.export' : 'data.view',
        subjectType: 'indicator',
        subjectId: view.indicator.id,
        tables: [view],
        details: { period: view.period, level: view.level },
      });
      return view;
    },

    /**
     * Records that a page or export made of these tables was shown, once, unless every table in it
     * was public: who saw which indicators, in which tier, whose figures.
     */
    async recordView(
      ctx: ActorContext,
      input: {
        action: 'data.view' | 'data.export';
        subjectType: string;
        subjectId: string;
        tables: readonly Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[];
        details?: Record<string, unknown>;
      },
    ): Promise<void> {
      // One entry per indicator and tier, whatever the number of periods the page drew on.
      const seen = new Map<string, { indicator: string; tier: ViewTier; owners: Set<string> }>();
      for (const t of input.tables) {
        if (t.tier === 'public') continue;
        const key = `${t.indicator.id}|${t.tier}`;
        const entry = seen.get(key) ?? { indicator: t.indicator.id, tier: t.tier, owners: new Set<string>() };
        t.owners.forEach((o) => entry.owners.add(o));
        seen.set(key, entry);
      }
      if (!seen.size) return;
      const shown = [...seen.values()].map((e) => ({ ...e, owners: [...e.owners].sort() }));
      const single = shown.length === 1 && input.tables.every((t) => t.indicator.id === shown[0]!.indicator);
      await deps.db.transaction().execute((trx) =>
        deps.audit.record(trx, ctx, {
          action: input.action,
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          details: {
            ...input.details,
            ...(single ? { tier: shown[0]!.tier, owners: shown[0]!.owners } : { tables: shown }),
          },
        }),
      );
    },

    /** Indicators that can be viewed as tables (counts), for the index page. */
    async viewableIndicators(): Promise<Indicator[]> {
      const { indicators } = await deps.catalogue.current();
      return indicators.filter(
        (i) => i.valueType === 'count' && i.status !== 'proposed' && !i.suppliers.includes('reference_data'),
      );
    },
  };
  return service;
}

export type DataService = ReturnType<typeof createDataService>;
