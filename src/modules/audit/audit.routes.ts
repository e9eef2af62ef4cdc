import type { FastifyInstance } from 'fastify';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import type { AuditFilter } from '../../platform/audit.repository.ts';

const view = { config: { policy: { action: 'audit.view' as const } } };
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as year-month-day, like 2026-11-01')
  .optional()
  .or(z.literal('').transform(() => undefined));
const query = z.object({
  actor: z.string().max(200).optional(),
  subjectType: z.string().max(100).optional(),
  subject: z.string().max(200).optional(),
  action: z.string().max(100).optional(),
  from: isoDate,
  to: isoDate,
});

function toFilter(q: z.infer<typeof query>): AuditFilter {
  const text = (v: string | undefined) => (v && v.trim() ? v.trim() : undefined);
  const filter: AuditFilter = {};
  const actor = text(q.actor);
  const subjectType = text(q.subjectType);
  const subject = text(q.subject);
  const action = text(q.action);
  if (actor) filter.actor = actor;
  if (subjectType) filter.subjectType = subjectType;
  if (subject) filter.subject = subject;
  if (action) filter.action = action;
  if (q.from) filter.from = new Date(`${q.from}T00:00:00Z`);
  // "to" is inclusive of the whole day.
  if (q.to) filter.to = new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000);
  return filter;
}

export function auditRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/audit', view, async (request, reply) => {
      const q = query.parse(request.query);
      const events = await deps.auditLog.search(toFilter(q));
      const search = new URLSearchParams(
        Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
      ).toString();
      return reply.page('audit/views/audit.njk', { title: 'Audit trail', q, events, search });
    });

    app.get('/audit.csv', view, async (request, reply) => {
      const rows = await deps.auditLog.exportRows(webActor(request), toFilter(query.parse(request.query)));
      const csv = stringify(
        rows.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: e.actor,
          action: e.action,
          subject_type: e.subject_type,
          subject_id: e.subject_id,
          origin: e.origin,
          correlation_id: e.correlation_id,
          details: JSON.stringify(e.details),
          hash: e.hash,
        })),
        { header: true },
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="clmd-audit.csv"')
        .send(csv);
    });
  };
}
