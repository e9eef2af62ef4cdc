// Pages for users' own combinations: the list, a form to create or change one, the worked-out table for
// a quarter (in the viewer's tier) with its downloads, and archiving. Thin: the service does the work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../deps.ts';
import { webActor, type ActorContext } from '../../../platform/actor.ts';
import { principalOf } from '../../../platform/auth.ts';
import { NotFoundError, ValidationError, summaryText } from '../../../platform/errors.ts';
import { can } from '../../../platform/policies.ts';
import { EXPORT_FORMATS, sendTables } from '../../../web/table-export.ts';
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import { PERIOD_KIND_LABELS } from '../../catalogue/catalogue.model.ts';
import { TIER_NAMES } from '../analysis.present.ts';
import { quarterFrom } from '../analysis.routes.ts';
import { COMBINATION_POLARITIES, FUNCTION_NAMES } from '../formula/index.ts';
import { parseCombinationId, POLARITY_LABELS, type CombinationInput } from './custom.model.ts';
import { customCombinationTables, SYMBOL_KEY } from './custom.present.ts';

// Anyone may look; what they see depends on their tier, decided inside the data service.
const view = { config: { policy: { action: 'catalogue.view' as const } } };
const manage = { config: { policy: { action: 'combinations.manage' as const } } };

const formBody = z.object({
  name: z.string().optional(),
  description: z.string().optional(),
  formula: z.string().optional(),
  unit: z.string().optional(),
  polarity: z.string().optional(),
});
const periodQuery = z.object({ period: z.string().max(10).optional() });

const BREADCRUMBS = [
  { text: 'Home', href: '/' },
  { text: 'Analysis', href: '/analysis' },
];
const LIST_CRUMBS = [...BREADCRUMBS, { text: 'Your own combinations', href: '/analysis/custom' }];
const POLARITIES = COMBINATION_POLARITIES.map((value) => ({ value, text: POLARITY_LABELS[value] }));

/** The signed-in user, so the audit trail and "created by" say who it was. */
function actorOf(request: FastifyRequest): ActorContext {
  return webActor(request);
}

function idOf(text: string): number {
  const id = parseCombinationId(text);
  if (id === undefined) throw new NotFoundError(`There is no combination ${text}.`);
  return id;
}

export function customCombinationRoutes(deps: Deps) {
  const combinations = deps.customCombinations;

  function form(
    reply: FastifyReply,
    target: { action: string; title: string; id?: number },
    values: CombinationInput,
    error?: ValidationError,
  ) {
    const errors: Record<string, string[]> = {};
    for (const p of error?.problems ?? []) if (p.field) (errors[p.field] ??= []).push(p.message);
    return reply.status(error ? 400 : 200).page('analysis/custom/views/form.njk', {
      title: target.title,
      action: target.action,
      id: target.id,
      values,
      polarities: POLARITIES,
      functions: FUNCTION_NAMES,
      errors,
      ...(error
        ? {
            errorSummary: error.problems.map((p) => ({
              text: summaryText(p),
              ...(p.field ? { href: `#${p.field}` } : {}),
            })),
          }
        : {}),
      breadcrumbs: LIST_CRUMBS,
    });
  }

  async function evaluate(request: FastifyRequest<{ Params: { id: string } }>, asExport: boolean) {
    const id = idOf(request.params.id);
    const quarter = quarterFrom(deps, periodQuery.parse(request.query).period);
    const result = await combinations.evaluate({ principal: principalOf(request) }, id, quarter);
    await combinations.recordView(actorOf(request), result, { export: asExport });
    return result;
  }

  return async (app: FastifyInstance) => {
    app.get('/analysis/custom', view, async (request, reply) => {
      const all = await combinations.list({ includeArchived: true });
      const archivedId = parseCombinationId(
        String((request.query as Record<string, unknown>).archived ?? ''),
      );
      return reply.page('analysis/custom/views/list.njk', {
        title: 'Your own combinations',
        active: all.filter((c) => c.archivedAt === null),
        archived: all.filter((c) => c.archivedAt !== null),
        justArchived: all.find((c) => c.id === archivedId && c.archivedAt !== null),
        canManage: can(principalOf(request), 'combinations.manage'),
        breadcrumbs: BREADCRUMBS,
      });
    });

    app.get('/analysis/custom/indicators', view, async (_request, reply) => {
      const { indicators } = await deps.catalogue.current();
      return reply.page('analysis/custom/views/indicators.njk', {
        title: 'Indicators you can use in a formula',
        indicators: indicators
          .filter((i) => i.valueType === 'count' || i.valueType === 'proportion')
          .map((i) => {
            const [first, ...others] = i.dimensions
              .map((d) => findDimension(d))
              .filter((d) => d !== undefined);
            return {
              id: i.id,
              name: i.name,
              category: i.category,
              valueType: i.valueType,
              period: PERIOD_KIND_LABELS[i.periodKind],
              restricted: i.tier === 'restricted-intelligence',
              breakdown: first ? { id: first.id, label: first.label, values: first.values } : null,
              others: others.map((d) => d.label),
            };
          }),
        breadcrumbs: LIST_CRUMBS,
      });
    });

    app.get('/analysis/custom/new', manage, async (_request, reply) =>
      form(reply, { action: '/analysis/custom', title: 'Create a combination' }, {}),
    );

    app.post('/analysis/custom', manage, async (request, reply) => {
      const input = formBody.parse(request.body ?? {});
      try {
        const saved = await combinations.create(actorOf(request), input);
        return reply.redirect(`/analysis/custom/${saved.id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return form(reply, { action: '/analysis/custom', title: 'Create a combination' }, input, error);
      }
    });

    app.get<{ Params: { id: string } }>('/analysis/custom/:id', view, async (request, reply) => {
      const r = await evaluate(request, false);
      return reply.page('analysis/custom/views/combination.njk', {
        title: r.combination.name,
        r,
        tierNames: TIER_NAMES,
        polarityLabel: POLARITY_LABELS[r.combination.polarity],
        symbolKey: SYMBOL_KEY,
        canManage: can(principalOf(request), 'combinations.manage'),
        breadcrumbs: LIST_CRUMBS,
      });
    });

    app.get<{ Params: { id: string; format: string } }>(
      '/analysis/custom/:id/export.:format',
      view,
      async (request, reply) => {
        const format = z.enum(EXPORT_FORMATS).safeParse(request.params.format);
        // Not reply.callNotFound(): the not-found handler has no access rule, so it would answer 403.
        if (!format.success) throw new NotFoundError('Downloads are in CSV (.csv) or Excel (.xlsx) format.');
        const r = await evaluate(request, true);
        return sendTables(
          reply,
          `clmd-combination-${r.combination.id}-${r.period}`,
          customCombinationTables(r),
          format.data,
        );
      },
    );

    app.get<{ Params: { id: string } }>('/analysis/custom/:id/edit', manage, async (request, reply) => {
      const c = await combinations.get(idOf(request.params.id));
      if (c.archivedAt) {
        throw new ValidationError(`"${c.name}" was archived, so it cannot be changed.`, [
          { message: 'Create a new combination instead.' },
        ]);
      }
      return form(
        reply,
        { action: `/analysis/custom/${c.id}`, title: `Change “${c.name}”`, id: c.id },
        { name: c.name, description: c.description, formula: c.formula, unit: c.unit, polarity: c.polarity },
      );
    });

    app.post<{ Params: { id: string } }>('/analysis/custom/:id', manage, async (request, reply) => {
      const id = idOf(request.params.id);
      const input = formBody.parse(request.body ?? {});
      try {
        await combinations.update(actorOf(request), id, input);
        return reply.redirect(`/analysis/custom/${id}`, 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return form(
          reply,
          { action: `/analysis/custom/${id}`, title: 'Change the combination', id },
          input,
          error,
        );
      }
    });

    app.post<{ Params: { id: string } }>('/analysis/custom/:id/archive', manage, async (request, reply) => {
      const archived = await combinations.archive(actorOf(request), idOf(request.params.id));
      return reply.redirect(`/analysis/custom?archived=${archived.id}`, 303);
    });
  };
}
