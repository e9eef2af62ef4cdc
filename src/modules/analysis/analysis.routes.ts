import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { principalOf } from '../../platform/auth.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { EXPORT_FORMATS, sendTables } from '../../web/table-export.ts';
import { parseQuarter, type Quarter } from '../returns/periods.ts';
import {
  combinationCharts,
  crimeMap,
  flowsChart,
  funnelChart,
  indicatorMap,
  riskMapChart,
  seriesChart,
} from './analysis.charts.ts';
import { COMBINATION_IDS, type CombinationId, type RiskMapView } from './analysis.service.ts';
import { checkWeights, EQUAL_WEIGHTS, MAX_WEIGHT, RISK_CLASSES, RISK_FACTORS } from './risk/risk-index.ts';
import {
  analysisTable,
  combinationTables,
  crimeLevelsTable,
  fingertipsTable,
  presentAreas,
  presentCrimeLevels,
  presentRiskMap,
  presentSeries,
  riskMapTables,
  TIER_NAMES,
} from './analysis.present.ts';
import type { IndicatorAnalysis } from './indicator-analysis.ts';

// Anyone may ask; what they see depends on their tier, decided inside the data service.
const view = { config: { policy: { action: 'catalogue.view' as const } } };

const riskQuery = z.object({
  period: z.string().max(10).optional(),
  level: z.enum(['district', 'ward']).default('district'),
  ...Object.fromEntries(RISK_FACTORS.map((f) => [`w-${f.id}`, z.string().max(3).optional()])),
});

/** What the user typed, to put back in the form beside the error. */
function weightsAsGiven(q: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(RISK_FACTORS.map((f) => [f.id, q[`w-${f.id}`] ?? '']));
}

function riskSearch(v: RiskMapView): string {
  return new URLSearchParams({
    period: v.period,
    level: v.level,
    ...Object.fromEntries(RISK_FACTORS.map((f) => [`w-${f.id}`, String(v.map.weights[f.id])])),
  }).toString();
}

const crimeQuery = z.object({
  level: z.enum(['district', 'ward']).default('district'),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'Enter the month as YYYY-MM, for example 2019-01')
    .optional(),
});

const indicatorQuery = z.object({
  period: z.string().max(10).optional(),
  level: z.enum(['district', 'ward']).default('district'),
  area: z
    .string()
    .regex(/^E\d{8}$|^pathfinder$|^[a-z-]{2,40}$/)
    .optional(),
});

/** The quarter asked for, or the latest that has ended; a clear error for anything else. */
export function quarterFrom(deps: Deps, period: string | undefined): Quarter {
  if (!period) return deps.analysis.latestQuarter();
  const quarter = parseQuarter(period);
  if (!quarter) {
    throw new ValidationError('The period is not valid.', [
      { field: 'period', message: `Enter a quarter like 2026-Q1 (you gave "${period}")` },
    ]);
  }
  return quarter;
}

export function analysisRoutes(deps: Deps) {
  async function indicator(request: FastifyRequest, id: string, asExport: boolean) {
    const q = indicatorQuery.parse(request.query);
    const quarter = quarterFrom(deps, q.period);
    const analysis = await deps.analysis.indicatorAnalysis(
      { principal: principalOf(request) },
      { indicatorId: id, quarter, level: q.level },
    );
    await deps.analysis.recordView(webActor(request), {
      export: asExport,
      subjectType: 'indicator',
      subjectId: analysis.indicator.id,
      tables: analysis.tables,
      quarter,
    });
    return { analysis, q };
  }

  async function combination(request: FastifyRequest, id: string, asExport: boolean) {
    const parsed = z.enum(COMBINATION_IDS as [CombinationId, ...CombinationId[]]).safeParse(id);
    if (!parsed.success) throw new NotFoundError(`There is no combination called ${id}.`);
    const q = z.object({ period: z.string().max(10).optional() }).parse(request.query);
    const quarter = quarterFrom(deps, q.period);
    const result = await deps.analysis.combination({ principal: principalOf(request) }, parsed.data, quarter);
    await deps.analysis.recordView(webActor(request), {
      export: asExport,
      subjectType: 'combination',
      subjectId: result.id,
      tables: result.sourceTables,
      quarter,
    });
    return { result };
  }

  async function riskMap(request: FastifyRequest, asExport: boolean) {
    const q = riskQuery.parse(request.query);
    const quarter = quarterFrom(deps, q.period);
    // Bad weights are reported and the equal weights used, so the page still shows a map.
    const { weights, problems } = checkWeights(
      Object.fromEntries(RISK_FACTORS.map((f) => [f.id, (q as Record<string, unknown>)[`w-${f.id}`]])),
    );
    const used = problems.length ? EQUAL_WEIGHTS : weights;
    const v = await deps.analysis.riskMap(
      { principal: principalOf(request) },
      { quarter, level: q.level, weights: used },
    );
    await deps.analysis.recordView(webActor(request), {
      export: asExport,
      subjectType: 'combination',
      subjectId: 'areas-at-risk',
      tables: v.sourceTables,
      quarter,
    });
    return { view: v, weights: problems.length ? weightsAsGiven(q) : used, problems };
  }

  return async (app: FastifyInstance) => {
    app.get('/analysis', view, async (_request, reply) => {
      const { indicators } = await deps.catalogue.current();
      return reply.page('analysis/views/index.njk', {
        title: 'Analysis',
        indicators: indicators.filter(
          (i) =>
            i.valueType === 'count' && i.status !== 'proposed' && !i.suppliers.includes('reference_data'),
        ),
        period: deps.analysis.latestQuarter(),
        denominatorLabel: (await deps.analysis.childDenominators()).label,
      });
    });

    app.get<{ Params: { id: string } }>('/analysis/indicators/:id', view, async (request, reply) => {
      const { analysis, q } = await indicator(request, request.params.id, false);
      const selected =
        analysis.areas.find((a) => a.code === q.area) ?? analysis.areas.find((a) => a.level === 'pathfinder');
      const level = analysis.current.level === 'ward' ? 'ward' : 'district';
      const [boundaries, districtBoundaries] = await Promise.all([
        deps.analysis.boundaries(level),
        deps.analysis.boundaries('district'),
      ]);
      return reply.page('analysis/views/indicator.njk', {
        title: analysis.indicator.name,
        a: analysis,
        map: indicatorMap(analysis, boundaries, districtBoundaries),
        seriesChart: selected ? seriesChart(analysis, selected) : null,
        funnelChart: funnelChart(analysis),
        flowsChart: flowsChart(analysis),
        rows: presentAreas(analysis),
        selected,
        selectedSeries: selected ? presentSeries(selected) : [],
        search: new URLSearchParams({
          period: analysis.current.period,
          level: analysis.current.level,
        }).toString(),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Analysis', href: '/analysis' },
        ],
      });
    });

    app.get('/analysis/crime', view, async (request, reply) => {
      const q = crimeQuery.parse(request.query);
      const levels = await deps.analysis.crimeLevels({
        level: q.level,
        ...(q.month ? { month: q.month } : {}),
      });
      const rows = levels ? presentCrimeLevels(levels) : [];
      const boundaries = await deps.analysis.boundaries(q.level);
      return reply.page('analysis/views/crime.njk', {
        title: 'Crime levels by area',
        levels,
        level: q.level,
        rows,
        map: levels ? crimeMap(levels, rows, boundaries, await deps.analysis.boundaries('district')) : null,
        search: new URLSearchParams({ level: q.level, ...(q.month ? { month: q.month } : {}) }).toString(),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Analysis', href: '/analysis' },
        ],
      });
    });

    app.get<{ Params: { format: string } }>(
      '/analysis/crime/export.:format',
      view,
      async (request, reply) => {
        const format = z.enum(EXPORT_FORMATS).safeParse(request.params.format);
        if (!format.success) throw new NotFoundError('Downloads are CSV (.csv) or Excel (.xlsx).');
        const q = crimeQuery.parse(request.query);
        const levels = await deps.analysis.crimeLevels({
          level: q.level,
          ...(q.month ? { month: q.month } : {}),
        });
        if (!levels) throw new NotFoundError('No police.uk crime has been imported yet.');
        return sendTables(
          reply,
          `clmd-crime-${q.level}-${levels.shares.to}`,
          [crimeLevelsTable(levels)],
          format.data,
        );
      },
    );

    app.get('/analysis/risk-map', view, async (request, reply) => {
      const { view: v, weights, problems } = await riskMap(request, false);
      const [boundaries, districtBoundaries] = await Promise.all([
        deps.analysis.boundaries(v.level),
        deps.analysis.boundaries('district'),
      ]);
      return reply.page('analysis/views/risk-map.njk', {
        title: 'Combination 3: Mapping areas at most risk of County Lines',
        v,
        map: riskMapChart(v, boundaries, districtBoundaries),
        rows: presentRiskMap(v),
        factors: RISK_FACTORS,
        classes: RISK_CLASSES,
        weights,
        maxWeight: MAX_WEIGHT,
        search: riskSearch(v),
        ...(problems.length ? { errorSummary: problems.map((text) => ({ text, href: '#weights' })) } : {}),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Analysis', href: '/analysis' },
        ],
      });
    });

    app.get<{ Params: { format: string } }>(
      '/analysis/risk-map/export.:format',
      view,
      async (request, reply) => {
        const format = z.enum(EXPORT_FORMATS).safeParse(request.params.format);
        if (!format.success) throw new NotFoundError('Downloads are CSV (.csv) or Excel (.xlsx).');
        const { view: v } = await riskMap(request, true);
        return sendTables(reply, `clmd-risk-map-${v.level}-${v.period}`, riskMapTables(v), format.data);
      },
    );

    app.get<{ Params: { id: string } }>('/analysis/combinations/:id', view, async (request, reply) => {
      if (request.params.id === 'areas-at-risk') return reply.redirect('/analysis/risk-map');
      const { result } = await combination(request, request.params.id, false);
      return reply.page('analysis/views/combination.njk', {
        title: `Combination ${result.number}: ${result.name}`,
        c: result,
        charts: combinationCharts(result),
        tierNames: TIER_NAMES,
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Analysis', href: '/analysis' },
        ],
      });
    });

    app.get<{ Params: { id: string; format: string } }>(
      '/analysis/combinations/:id/export.:format',
      view,
      async (request, reply) => {
        const format = z.enum(EXPORT_FORMATS).safeParse(request.params.format);
        if (!format.success) throw new NotFoundError('Downloads are CSV (.csv) or Excel (.xlsx).');
        const { result } = await combination(request, request.params.id, true);
        return sendTables(
          reply,
          `clmd-${result.id}-${result.period}`,
          combinationTables(result),
          format.data,
        );
      },
    );

    app.get<{ Params: { id: string; kind: string; format: string } }>(
      '/analysis/indicators/:id/:kind.:format',
      view,
      async (request, reply) => {
        const kind = z.enum(['table', 'fingertips']).safeParse(request.params.kind);
        const format = z.enum(EXPORT_FORMATS).safeParse(request.params.format);
        if (!kind.success || !format.success)
          throw new NotFoundError('Downloads are table or fingertips, as CSV (.csv) or Excel (.xlsx).');
        const { analysis } = await indicator(request, request.params.id, true);
        const table = kind.data === 'table' ? analysisTable(analysis) : fingertipsTable(analysis);
        return sendTables(reply, fileBase(analysis, kind.data), [table], format.data);
      },
    );
  };
}

function fileBase(a: IndicatorAnalysis, kind: string): string {
  return `clmd-${a.indicator.id}-${a.current.period}-${kind}`;
}
