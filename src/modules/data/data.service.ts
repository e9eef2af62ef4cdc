// The one way data leaves the platform: every page, export and report of figures comes through
// `indicatorView`, which decides the viewer's tier, reads only what that tier may see, applies disclosure
// control, and records the view in the audit trail when the data is not public.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ActorContext } from '../../platform/actor.ts';
import type { AuditWriter } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/policies.ts';
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
import { createViewCache } from './view-cache.ts';
import type { ObservationRecord } from '../returns/returns.repository.ts';
import { buildIndicatorTable, leafLevel, type TableLevel, type TableRow } from './indicator-table.ts';

export const PURPOSE = 'partnership-analysis' as const;

export type ViewTier = DisclosureTier | 'restricted-coarsened';

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
}

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

  return {
    /** The default quarter to show: the latest that has ended. */
    latestQuarter: (): Quarter => latestEndedQuarter(deps.returns.today()),

    async indicatorView(
      ctx: ActorContext,
      principal: Principal,
      input: {
        indicatorId: string;
        quarter: Quarter;
        level: 'district' | 'ward';
        breakdown?: string;
        export?: boolean;
      },
    ): Promise<IndicatorView> {
      const indicator = await deps.catalogue.currentIndicator(input.indicatorId);
      const windows = indicatorWindows(indicator.periodKind, input.quarter);
      const window = windows.at(-1) ?? null;
      const level: TableLevel = leafLevel(indicator.areaLevels, input.level);
      const dimensionId =
        input.breakdown && indicator.dimensions.includes(input.breakdown)
          ? input.breakdown
          : indicator.dimensions[0];
      const dimension = dimensionId ? findDimension(dimensionId) : undefined;
      const viewerOrgs = principal.memberships.map((m) => m.organisationId);
      const restricted =
        indicator.tier === 'restricted-intelligence' && !can(principal, 'data.view-restricted');

      // Which organisations own figures here decides the tier; own data may include unapproved figures.
      const marker = await deps.repository.changeMarker(deps.db);
      const figuresKey = [indicator.id, window?.start, window?.end, marker].join('|');
      const all = window
        ? await figuresCache.get(figuresKey, () =>
            deps.returns.observations({ indicatorId: indicator.id, approvedOnly: false, window }),
          )
        : [];
      const owners = [...new Set(all.map((o) => o.organisationId))];
      const on = deps.returns.today().toISOString().slice(0, 10);
      const agreements = await deps.agreements();
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
        : ownAll
          ? 'own-organisation'
          : shared
            ? 'partnership'
            : 'public';
      const figures = tier === 'own-organisation' ? all : all.filter((o) => o.approvedAt !== null);

      const computed = await tableCache.get(
        [figuresKey, tier, level, dimension?.id ?? '', input.breakdown ?? ''].join('|'),
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
              level === 'ward' ? undefined : ['pathfinder', 'locality', 'district'],
            ),
            level,
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
                  cells: [{ key: `${r.code}|total`, value: null, symbol: null, markers: [], text }],
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
      const { rows, suppressedCount, auditPassed } = computed;

      if (tier !== 'public') {
        await deps.db.transaction().execute((trx) =>
          deps.audit.record(trx, ctx, {
            action: input.export ? 'data.export' : 'data.view',
            subjectType: 'indicator',
            subjectId: indicator.id,
            details: { period: formatQuarter(input.quarter), tier, level, owners },
          }),
        );
      }

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
      };
    },

    /** Indicators that can be viewed as tables (counts), for the index page. */
    async viewableIndicators(): Promise<Indicator[]> {
      const { indicators } = await deps.catalogue.current();
      return indicators.filter(
        (i) => i.valueType === 'count' && i.status !== 'proposed' && !i.suppliers.includes('reference_data'),
      );
    },
  };
}

export type DataService = ReturnType<typeof createDataService>;
