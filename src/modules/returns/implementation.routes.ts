import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { ValidationError, summaryText } from '../../platform/errors.ts';
import {
  IMPLEMENTATION_LABELS,
  IMPLEMENTATION_STATUSES,
  type TrackerEntry,
} from './implementation.service.ts';

const view = { config: { policy: { action: 'implementation.view' as const } } };
const edit = { config: { policy: { action: 'implementation.edit' as const } } };

const body = z.object({
  locality: z.string().max(40),
  indicator: z.string().max(80),
  status: z.string().max(40),
  since: z.string().max(20).optional(),
  note: z.string().max(5000).optional(),
});

function byIndicator(entries: readonly TrackerEntry[]) {
  const rows = new Map<string, { id: string; name: string; category: string; cells: TrackerEntry[] }>();
  for (const e of entries) {
    const row = rows.get(e.indicatorId) ?? {
      id: e.indicatorId,
      name: e.indicatorName,
      category: e.category,
      cells: [],
    };
    row.cells.push(e);
    rows.set(e.indicatorId, row);
  }
  return [...rows.values()];
}

export function implementationRoutes(deps: Deps) {
  const { implementation } = deps;

  return async (app: FastifyInstance) => {
    const page = async (extra: Record<string, unknown> = {}) => {
      const { period, entries } = await implementation.tracker();
      return {
        title: 'Implementation tracker',
        period,
        localities: implementation.localities,
        rows: byIndicator(entries),
        labels: IMPLEMENTATION_LABELS,
        statuses: IMPLEMENTATION_STATUSES,
        ...extra,
      };
    };

    app.get('/implementation', view, async (_request, reply) =>
      reply.page('returns/views/implementation.njk', await page()),
    );

    app.post('/implementation', edit, async (request, reply) => {
      const input = body.parse(request.body ?? {});
      try {
        await implementation.setStatus(webActor(request), {
          localityCode: input.locality,
          indicatorId: input.indicator,
          status: input.status,
          ...(input.since ? { since: input.since } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          return reply
            .status(400)
            .page(
              'returns/views/implementation.njk',
              await page({ errorSummary: error.problems.map((p) => ({ text: summaryText(p) })) }),
            );
        }
        throw error;
      }
      return reply.redirect(`/implementation#${input.indicator}`, 303);
    });

    app.get('/implementation.csv', view, async (_request, reply) => {
      const { period, entries } = await implementation.tracker();
      const csv = stringify(
        entries.map((e) => ({
          locality_code: e.localityCode,
          indicator_id: e.indicatorId,
          indicator: e.indicatorName,
          agreed_status: IMPLEMENTATION_LABELS[e.status],
          since: e.since ?? '',
          note: e.note,
          [`received_${period}`]: e.receivedLatest ? 'yes' : 'no',
        })),
        { header: true },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="clmd-implementation-tracker.csv"')
        .send(csv);
    });
  };
}
