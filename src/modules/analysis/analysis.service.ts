// The analysis service: indicators explored with rates, intervals, comparisons and trends, built from
// the data service's controlled tables (the one way figures leave the platform) and the denominators.
// Pages and CLI reports call it, then record what they published with `data.recordView`.
import type { ActorContext } from '../../platform/actor.ts';
import type { CatalogueService } from '../catalogue/catalogue.service.ts';
import type { PeriodKind } from '../catalogue/catalogue.model.ts';
import type { ControlledTable, DataService, DataSnapshot, Viewer } from '../data/data.service.ts';
import type { GeographyService } from '../geography/geography.service.ts';
import { createViewCache } from '../../platform/view-cache.ts';
import { formatQuarter, shiftQuarter, type Quarter } from '../returns/periods.ts';
import { denominatorsFrom, FILE6_LABEL, POPULATION_LABEL } from './denominators.ts';
import { analyseIndicator, type Denominators, type IndicatorAnalysis } from './indicator-analysis.ts';
import { BTP_INPUTS, btpInsights } from './combinations/btp-insights.ts';
import type { CombinationResult } from './combinations/combination.model.ts';
import { EDUCATION_INPUTS, educationAndMissing } from './combinations/education-and-missing.ts';
import { inputFigures, sumCounts, windowPlan, type InputFigures } from './combinations/inputs.ts';
import { NRM_INPUTS, nrmEfficacy } from './combinations/nrm-efficacy.ts';
import { can } from '../../platform/policies.ts';
import type { CrimeService } from '../crime/crime.service.ts';
import { PROXY_CRIME_TYPES } from '../crime/crime.model.ts';
import { formatEstimate, formatNumber, publishedCount, rateOf, type PublishedCount } from './measures.ts';
import {
  computeRiskMap,
  describeRiskMap,
  RISK_FACTORS,
  type FactorValue,
  type RiskMap,
  type Weights,
} from './risk/risk-index.ts';

const COMBINATION_INPUTS = {
  'btp-insights': BTP_INPUTS,
  'education-and-missing': EDUCATION_INPUTS,
  'nrm-efficacy': NRM_INPUTS,
} as const;
export type CombinationId = keyof typeof COMBINATION_INPUTS;
export const COMBINATION_IDS = Object.keys(COMBINATION_INPUTS) as CombinationId[];

/** Periods shown in a trend chart; the trend marker uses the last five. */
export const SERIES_LENGTH = 12;

/**
 * The quarters whose returns hold an indicator's last `n` values up to `quarter`, oldest first: each
 * quarter, or each year's fourth quarter for indicators reported once a year.
 */
export function seriesQuarters(kind: PeriodKind, quarter: Quarter, n = SERIES_LENGTH): Quarter[] {
  if (kind === 'year') {
    const lastQ4 = quarter.q === 4 ? quarter : { year: quarter.year - 1, q: 4 };
    return Array.from({ length: n }, (_, i) => shiftQuarter(lastQ4, -4 * (n - 1 - i)));
  }
  return Array.from({ length: n }, (_, i) => shiftQuarter(quarter, -(n - 1 - i)));
}

/** The Pathfinder, then each locality followed by its districts, as tables list them. */
function inTreeOrder<T extends { code: string; level: string; parentCode: string | null }>(
  areas: readonly T[],
): T[] {
  const out: T[] = areas.filter((a) => a.level === 'pathfinder');
  for (const l of areas.filter((a) => a.level === 'locality')) {
    out.push(l, ...areas.filter((a) => a.level === 'district' && a.parentCode === l.code));
  }
  return out;
}

/** Intelligence that says where County Lines activity is known (report 3.1.3). */
export const KNOWN_ACTIVITY_INPUTS = [
  'clicm-lines-by-area',
  'ersou-cl-arrests-by-district',
  'ersou-import-export-areas-by-district',
] as const;

export interface CrimeLevels {
  shares: Awaited<ReturnType<CrimeService['crimeShares']>>;
  /** Proxy crime counts by area code and crime type. */
  proxies: Map<string, Record<string, number>>;
}

export interface RiskMapView {
  period: string;
  level: 'district' | 'ward';
  map: RiskMap;
  reading: string[];
  /** police.uk months the crime factor covers; null when none are imported. */
  crimePeriod: { from: string; to: string } | null;
  /** Counts of known activity for the intelligence tier; a yes/no flag for everyone else. */
  knownActivity: 'counts' | 'flag';
  /** Intelligence counts by district (lines and ERSOU figures summed), for the intelligence tier only. */
  activityCounts: Map<string, string>;
  denominatorLabel: string;
  synthetic: boolean;
  sourceTables: Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[];
  tiers: { indicator: string; tier: string }[];
}

export function createAnalysisService(deps: {
  data: DataService;
  catalogue: CatalogueService;
  geography: Pick<GeographyService, 'areaFigures' | 'listAreas' | 'boundaries'>;
  crime?: Pick<CrimeService, 'crimeCounts' | 'crimeShares'>;
  /** Uploaded population estimates override File 6 where they exist. */
  denominators?: () => Promise<Denominators | null>;
}) {
  // Reference figures, denominators and crime counts change only with an import: computed once per
  // change marker (the database stays the source of truth; this is a cache of what it says).
  const cache = createViewCache<unknown>(64);
  async function cached<T>(key: string, compute: () => Promise<T>, snapshot?: DataSnapshot): Promise<T> {
    const marker = await (snapshot ? snapshot.marker() : deps.data.changeMarker());
    return cache.get(`${key}|${marker}`, compute) as Promise<T>;
  }
  const areaFigures = (snap?: DataSnapshot) =>
    cached('area-figures', () => deps.geography.areaFigures(), snap);
  const listAreas = (
    levels: readonly ('pathfinder' | 'locality' | 'district' | 'ward')[],
    snap?: DataSnapshot,
  ) => cached(`areas|${levels.join(',')}`, () => deps.geography.listAreas(levels), snap);

  function childDenominators(snap?: DataSnapshot): Promise<Denominators> {
    return cached(
      'denominators',
      async () => {
        const uploaded = await deps.denominators?.();
        if (uploaded) return uploaded;
        const [figures, areas] = await Promise.all([
          areaFigures(),
          listAreas(['pathfinder', 'locality', 'district']),
        ]);
        const children = new Map<string, number>();
        for (const [code, f] of figures) if (f.children0To15 !== null) children.set(code, f.children0To15);
        return denominatorsFrom(children, areas, FILE6_LABEL);
      },
      snap,
    );
  }

  /** Total residents by area (mid-2015, File 6), for rates per resident. */
  function populationTotals(snap?: DataSnapshot): Promise<Denominators> {
    return cached(
      'population',
      async () => {
        const [figures, areas] = await Promise.all([
          areaFigures(),
          listAreas(['pathfinder', 'locality', 'district']),
        ]);
        const people = new Map<string, number>();
        for (const [code, f] of figures) if (f.population !== null) people.set(code, f.population);
        return denominatorsFrom(people, areas, POPULATION_LABEL);
      },
      snap,
    );
  }

  const service = {
    latestQuarter: () => deps.data.latestQuarter(),
    childDenominators,
    populationTotals,
    /** Imported boundaries of a level by area code (empty when none are imported). */
    boundaries: (level: 'district' | 'ward') =>
      cached(`boundaries|${level}`, () => deps.geography.boundaries(level)),

    /** An indicator's controlled tables for the periods of its series, oldest first. */
    async seriesTables(
      viewer: Viewer,
      input: { indicatorId: string; quarter: Quarter; level: 'district' | 'ward'; periods?: number },
      snap: DataSnapshot = deps.data.snapshot(),
    ): Promise<ControlledTable[]> {
      const indicator = await snap.indicator(input.indicatorId);
      const quarters = seriesQuarters(indicator.periodKind, input.quarter, input.periods);
      return Promise.all(
        quarters.map((quarter) =>
          deps.data.controlledTable(viewer, { indicatorId: indicator.id, quarter, level: input.level }, snap),
        ),
      );
    },

    /** One indicator by area: counts, rates per 10,000 children with intervals, comparisons, trends. */
    async indicatorAnalysis(
      viewer: Viewer,
      input: { indicatorId: string; quarter: Quarter; level: 'district' | 'ward'; periods?: number },
    ): Promise<IndicatorAnalysis> {
      const snap = deps.data.snapshot();
      const [tables, denominators] = await Promise.all([
        service.seriesTables(viewer, input, snap),
        childDenominators(snap),
      ]);
      return analyseIndicator({ tables, denominators });
    },

    /** An input indicator's figures over a combination's window, in the viewer's tier. */
    async inputFigures(
      viewer: Viewer,
      indicatorId: string,
      quarter: Quarter,
      snap: DataSnapshot = deps.data.snapshot(),
    ): Promise<InputFigures> {
      const indicator = await snap.indicator(indicatorId);
      const plan = windowPlan(indicator, quarter);
      const tables = await Promise.all(
        plan.quarters.map((q) =>
          deps.data.controlledTable(viewer, { indicatorId, quarter: q, level: 'district' }, snap),
        ),
      );
      return inputFigures(indicator, tables, plan.sum);
    },

    /** One of the report's combinations for the 12 months (or position) to the end of a quarter. */
    async combination(viewer: Viewer, id: CombinationId, quarter: Quarter): Promise<CombinationResult> {
      const ids = COMBINATION_INPUTS[id];
      const snap = deps.data.snapshot();
      const [inputs, areas] = await Promise.all([
        Promise.all(ids.map((i) => service.inputFigures(viewer, i, quarter, snap))),
        listAreas(['pathfinder', 'locality', 'district'], snap),
      ]);
      const figures = Object.fromEntries(ids.map((i, k) => [i, inputs[k]!]));
      const period = formatQuarter(quarter);
      const upper = areas.filter((a) => a.level !== 'district');
      let result: Omit<CombinationResult, 'sourceTables'>;
      if (id === 'btp-insights') {
        result = btpInsights({
          period,
          areas: upper,
          figures: figures as Parameters<typeof btpInsights>[0]['figures'],
        });
      } else if (id === 'nrm-efficacy') {
        result = nrmEfficacy({
          period,
          areas: upper,
          figures: figures as Parameters<typeof nrmEfficacy>[0]['figures'],
        });
      } else {
        result = educationAndMissing({
          period,
          areas: inTreeOrder(areas),
          figures: figures as Parameters<typeof educationAndMissing>[0]['figures'],
          denominators: await childDenominators(snap),
        });
      }
      return { ...result, sourceTables: inputs.flatMap((i) => i.tables) };
    },

    /** Combination 3: the composite risk index by district or ward, compared with known activity. */
    async riskMap(
      viewer: Viewer,
      input: { quarter: Quarter; level: 'district' | 'ward'; weights: Weights },
    ): Promise<RiskMapView> {
      const { quarter, level } = input;
      const snap = deps.data.snapshot();
      const [drugs, missing, denominators, figures, areas, crime] = await Promise.all([
        deps.data.controlledTable(viewer, { indicatorId: 'yp-drug-arrests-by-area', quarter, level }, snap),
        deps.data.controlledTable(viewer, { indicatorId: 'missing-episodes-by-area', quarter, level }, snap),
        childDenominators(snap),
        areaFigures(snap),
        listAreas(level === 'ward' ? ['district', 'ward'] : ['district'], snap),
        cached(
          `crime|${level}`,
          async () => deps.crime?.crimeCounts({ level, crimeTypes: PROXY_CRIME_TYPES }),
          snap,
        ),
      ]);

      // Known activity: counts for the intelligence tier, a coarsened yes/no for everyone else.
      const principal = 'principal' in viewer ? viewer.principal : undefined;
      const intelligence = principal !== undefined && can(principal, 'data.view-restricted');
      const activity = new Map<string, boolean>();
      const activityCounts = new Map<string, string>();
      let activityTables: Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[];
      if (intelligence) {
        const inputs = await Promise.all(
          KNOWN_ACTIVITY_INPUTS.map((id) => service.inputFigures(viewer, id, quarter, snap)),
        );
        for (const d of areas.filter((a) => a.level === 'district')) {
          const counts = inputs.map((i) => i.count(d.code));
          const total = sumCounts(counts);
          // Zeros are always shown, so a suppressed count is at least one.
          const any = counts.some((c) => (c.value ?? 0) > 0 || c.status === 'suppressed');
          const none = counts.every((c) => c.value === 0);
          if (any || none) activity.set(d.code, any);
          activityCounts.set(d.code, total.text);
        }
        activityTables = inputs.flatMap((i) => i.tables);
      } else {
        const quarters = windowPlan(await snap.indicator(KNOWN_ACTIVITY_INPUTS[0]), quarter).quarters;
        const flags = await cached(
          `activity|${formatQuarter(quarter)}`,
          () => deps.data.activityFlags(KNOWN_ACTIVITY_INPUTS, quarters),
          snap,
        );
        flags.flags.forEach((v, k) => activity.set(k, v));
        activityTables = flags.tables;
      }

      const leafCells = (t: ControlledTable) =>
        new Map(t.rows.filter((r) => r.level === level).map((r) => [r.code, publishedCount(r.cells[0])]));
      const drugCounts = leafCells(drugs);
      const missingCounts = leafCells(missing);
      const crimeByArea = new Map<string, number>();
      for (const row of crime?.rows ?? [])
        crimeByArea.set(row.areaCode, (crimeByArea.get(row.areaCode) ?? 0) + row.count);
      const hasCrime = Boolean(crime?.from);

      const rate = (count: PublishedCount | undefined, code: string): FactorValue => {
        const e = rateOf(count ?? publishedCount(undefined), denominators.byArea.get(code) ?? null);
        return { value: e.value, text: formatEstimate(e) };
      };
      const leaves = areas.filter((a) => a.level === level);
      // The map is a pure function of the published inputs, so it is kept per change marker, tiers,
      // level and weights: every viewer who sees the same inputs gets the same classes.
      const mapKey = [
        'risk-map',
        level,
        RISK_FACTORS.map((f) => input.weights[f.id]).join(','),
        drugs.tier,
        missing.tier,
        intelligence ? 'counts' : 'flags',
        formatQuarter(quarter),
      ].join('|');
      const { map, reading } = await cached(
        mapKey,
        async () => {
          const computed = computeRiskMap(
            leaves.map((a) => {
              const f = figures.get(a.code);
              const district = level === 'ward' ? a.parentCode! : a.code;
              const population = f?.population ?? null;
              const crimeRate =
                hasCrime && population ? ((crimeByArea.get(a.code) ?? 0) / population) * 1000 : null;
              const imd = f?.populationWeightedImdRank ?? null;
              return {
                code: a.code,
                name: a.name,
                level,
                factors: {
                  'drug-arrests': rate(drugCounts.get(a.code), a.code),
                  missing: rate(missingCounts.get(a.code), a.code),
                  crime: { value: crimeRate, text: crimeRate === null ? '[x]' : crimeRate.toFixed(1) },
                  deprivation: {
                    value: imd,
                    text: imd === null ? '[x]' : formatNumber(Math.round(imd)),
                  },
                },
                knownActivity: activity.has(district) ? activity.get(district)! : null,
              };
            }),
            input.weights,
          );
          return { map: computed, reading: describeRiskMap(computed, level) };
        },
        snap,
      );
      return {
        period: formatQuarter(quarter),
        level,
        map,
        reading,
        crimePeriod: hasCrime ? { from: crime!.from!, to: crime!.to! } : null,
        knownActivity: intelligence ? 'counts' : 'flag',
        activityCounts,
        denominatorLabel: denominators.label,
        synthetic: drugs.synthetic || missing.synthetic,
        sourceTables: [drugs, missing, ...activityTables],
        tiers: [drugs, missing, ...activityTables].map((t) => ({
          indicator: t.indicator.name,
          tier: t.tier,
        })),
      };
    },

    /**
     * Crime levels by area from police.uk (open data, so no disclosure control): each area's share of its
     * locality's crime, with the drug, weapon and violence proxies; null when none is imported.
     */
    async crimeLevels(input: { level: 'district' | 'ward'; month?: string }): Promise<CrimeLevels | null> {
      if (!deps.crime) return null;
      const crime = deps.crime;
      return cached(`crime-levels|${input.level}|${input.month ?? ''}`, async () => {
        const options = { level: input.level, ...(input.month ? { month: input.month } : {}) };
        const shares = await crime.crimeShares(options);
        if (!shares.from) return null;
        const counts = await crime.crimeCounts({ ...options, crimeTypes: PROXY_CRIME_TYPES });
        const proxies = new Map<string, Record<string, number>>();
        for (const r of counts.rows) {
          const m = proxies.get(r.areaCode) ?? {};
          m[r.crimeType] = (m[r.crimeType] ?? 0) + r.count;
          proxies.set(r.areaCode, m);
        }
        return { shares, proxies };
      });
    },

    /** Records that an analysis page or export was shown (nothing when every table in it was public). */
    recordView(
      ctx: ActorContext,
      input: {
        export?: boolean;
        subjectType: string;
        subjectId: string;
        tables: readonly Pick<ControlledTable, 'indicator' | 'tier' | 'owners'>[];
        quarter: Quarter;
      },
    ): Promise<void> {
      return deps.data.recordView(ctx, {
        action: input.export ? 'data.export' : 'data.view',
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        tables: input.tables,
        details: { period: formatQuarter(input.quarter) },
      });
    },
  };
  return service;
}

export type AnalysisService = ReturnType<typeof createAnalysisService>;
