import type { FastifyInstance, FastifyRequest } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { principalOf } from '../../platform/auth.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parseQuarter } from '../returns/periods.ts';
import type { IndicatorView } from './data.service.ts';
import { sendTables } from '../../web/table-export.ts';

// Anyone may ask; what they see depends on their tier, decided inside the data service.
const view = { config: { policy: { action: 'catalogue.view' as const } } };
const query = z.object({
  period: z.string().max(10).optional(),
  level: z.enum(['district', 'ward']).default('district'),
  breakdown: z.string().max(60).optional(),
});

export function dataRoutes(deps: Deps) {
  async function load(request: FastifyRequest, id: string, asExport: boolean): Promise<IndicatorView> {
    const q = query.parse(request.query);
    const quarter = q.period ? parseQuarter(q.period) : deps.data.latestQuarter();
    if (!quarter) {
      throw new ValidationError('The period is not valid.', [
        { field: 'period', message: `Enter a quarter like 2026-Q1 (you gave "${q.period}")` },
      ]);
    }
    return deps.data.indicatorView(webActor(request), principalOf(request), {
      indicatorId: id,
      quarter,
      level: q.level,
      ...(q.breakdown ? { breakdown: q.breakdown } : {}),
      export: asExport,
    });
  }

  return async (app: FastifyInstance) => {
    app.get('/data', view, async (_request, reply) =>
      reply.page('data/views/index.njk', {
        title: 'Data',
        indicators: await deps.data.viewableIndicators(),
        period: deps.data.latestQuarter(),
      }),
    );

    app.get<{ Params: { id: string } }>('/data/:id', view, async (request, reply) => {
      const v = await load(request, request.params.id, false);
      const search = new URLSearchParams({
        period: v.period,
        level: v.level,
        ...(v.breakdown ? { breakdown: v.breakdown.dimension } : {}),
      });
      return reply.page('data/views/indicator.njk', {
        title: v.indicator.name,
        v,
        search: search.toString(),
        breadcrumbs: [
          { text: 'Home', href: '/' },
          { text: 'Data', href: '/data' },
        ],
      });
    });

    app.get<{ Params: { id: string } }>('/data/:id/export.csv', view, async (request, reply) => {
      const v = await load(request, request.params.id, true);
      const { headers, rows, note } = exportRows(v);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="clmd-${v.indicator.id}-${v.period}.csv"`)
        .send(`# ${note}\n` + stringify([headers, ...rows]));
    });

    app.get<{ Params: { id: string } }>('/data/:id/export.xlsx', view, async (request, reply) => {
      const v = await load(request, request.params.id, true);
      const { headers, rows, note } = exportRows(v);
      const table = { title: v.indicator.name, notes: [note], headers, rows };
      return sendTables(reply, `clmd-${v.indicator.id}-${v.period}`, [table], 'xlsx');
    });
  };
}

/** The page's table as export rows, with the same suppression, and a note on what it is. */
function exportRows(v: IndicatorView): { headers: string[]; rows: string[][]; note: string } {
  return {
    headers: [
      'area_code',
      'area_name',
      'area_level',
      'total',
      ...(v.breakdown?.values.map((x) => `${v.breakdown!.dimension}=${x.code}`) ?? []),
    ],
    rows: v.rows.map((r) => [r.code, r.name, r.level, ...r.cells.map((c) => c.text)]),
    note: `${v.indicator.name} (${v.indicator.id}), ${v.period}${v.window ? ` (${v.window.start} to ${v.window.end})` : ''}; ${v.tier} tier${v.synthetic ? '; SYNTHETIC DEMO DATA' : ''}`,
  };
}
