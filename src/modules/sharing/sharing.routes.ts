import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { ValidationError, summaryText } from '../../platform/errors.ts';
import { can } from '../../platform/policies.ts';
import { principalOf } from '../../platform/auth.ts';
import { CATEGORIES } from '../catalogue/catalogue.model.ts';
import { PURPOSES, PURPOSE_LABELS, type Purpose } from './sharing.model.ts';

const view = { config: { policy: { action: 'agreements.view' as const } } };
const manage = { config: { policy: { action: 'agreements.manage' as const } } };
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
const body = z.object({
  reference: z.string().max(100).default(''),
  title: z.string().max(500).default(''),
  purpose: z.string().max(100).default(''),
  owners: many,
  recipients: many,
  categories: many,
  startsOn: z.string().max(20).default(''),
  endsOn: z.string().max(20).default(''),
});

export function sharingRoutes(deps: Deps) {
  const page = async (request: Parameters<typeof principalOf>[0], extra: Record<string, unknown> = {}) => ({
    title: 'Data-sharing agreements',
    agreements: await deps.sharing.list(),
    today: deps.returns.today().toISOString().slice(0, 10),
    organisations: await deps.organisations.list(),
    categories: CATEGORIES,
    purposes: PURPOSES.map((p) => ({ value: p, text: PURPOSE_LABELS[p] })),
    canManage: can(principalOf(request), 'agreements.manage'),
    values: {},
    ...extra,
  });

  return async (app: FastifyInstance) => {
    app.get('/agreements', view, async (request, reply) =>
      reply.page('sharing/views/agreements.njk', await page(request)),
    );

    app.post('/agreements', manage, async (request, reply) => {
      const input = body.parse(request.body ?? {});
      try {
        await deps.sharing.add(webActor(request), {
          reference: input.reference,
          title: input.title,
          purpose: input.purpose as Purpose,
          dataOwnerIds: input.owners,
          recipientIds: input.recipients,
          categories: input.categories,
          startsOn: input.startsOn.trim(),
          endsOn: input.endsOn.trim(),
        });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return reply.status(400).page(
          'sharing/views/agreements.njk',
          await page(request, {
            values: input,
            errors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])),
            errorSummary: error.problems.map((p) => ({ text: summaryText(p), href: `#${p.field}` })),
          }),
        );
      }
      return reply.redirect('/agreements', 303);
    });
  };
}
