import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../../platform/policies.ts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { ValidationError, summaryText, type Problem } from '../../platform/errors.ts';
import { receiveUpload } from '../../web/upload.ts';
import { STATE_LABELS, reportingRates } from './completeness.ts';
import { completenessCsv, groupByLocality, periodRange } from './returns.present.ts';
import { formatQuarter, quarterLabel } from './periods.ts';
import { requireQuarter, type SubmissionReport } from './returns.service.ts';

const status = { config: { policy: { action: 'returns.status' as const } } };
/** A route about one organisation's return: the policy is checked against that organisation. */
const about = (action: Action) => ({
  config: {
    policy: {
      action,
      subject: (request: FastifyRequest) => ({
        organisationId: (request.params as { org?: string }).org ?? '',
      }),
    },
  },
});

const params = z.object({ org: z.string().min(1).max(80), period: z.string().min(1).max(10) });
const rangeQuery = z.object({ from: z.string().max(10).optional(), to: z.string().max(10).optional() });

/**
 * GOV.UK error summary items. A problem that belongs to a form field links to it and reads exactly as
 * the message beside the field (no "file: " prefix); `field` is where problems without one belong.
 */
function summaryItems(problems: readonly Problem[], field?: string) {
  return problems.map((p) => {
    const target = p.field ?? field;
    return { text: summaryText(p), href: target ? `#${target}` : undefined };
  });
}

export function returnsRoutes(deps: Deps) {
  const { returns, organisations } = deps;

  async function returnPage(
    reply: FastifyReply,
    orgId: string,
    period: string,
    extra: Record<string, unknown> = {},
  ) {
    const quarter = requireQuarter(period);
    const organisation = await organisations.get(orgId);
    const ret = await returns.findReturn(orgId, period);
    const [sent, changes] = ret
      ? await Promise.all([returns.submissions(ret.id), returns.statusHistory(ret.id)])
      : [[], []];
    // The trail stores user ids; people read names.
    const names = await deps.users.actorNames([
      ...changes.map((h) => h.actor),
      ...sent.map((x) => x.submitted_by),
    ]);
    const history = changes.map((h) => ({ ...h, actorName: names.get(h.actor) ?? h.actor }));
    const submissions = sent.map((x) => ({
      ...x,
      submittedByName: names.get(x.submitted_by) ?? x.submitted_by,
    }));
    return reply.page('returns/views/return.njk', {
      title: `${organisation.name}: ${formatQuarter(quarter)} return`,
      organisation,
      period: formatQuarter(quarter),
      periodLabel: quarterLabel(quarter),
      ret,
      submissions,
      history,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Returns', href: '/returns' },
      ],
      ...extra,
    });
  }

  return async (app: FastifyInstance) => {
    app.get('/returns', status, async (request, reply) => {
      const { from, to } = rangeQuery.parse(request.query);
      const quarters = periodRange(returns.today(), from, to);
      const rows = await returns.completeness(quarters);
      const localities = await deps.geography.listAreas(['locality']);
      return reply.page('returns/views/list.njk', {
        title: 'Returns and completeness',
        periods: quarters.map(formatQuarter),
        from: formatQuarter(quarters[0]!),
        to: formatQuarter(quarters.at(-1)!),
        groups: groupByLocality(rows, localities),
        rates: reportingRates(rows),
        overdue: rows.filter((r) => r.state === 'overdue'),
        stateLabels: STATE_LABELS,
        anySynthetic: rows.some((r) => r.synthetic),
        organisations: await organisations.list(),
      });
    });

    app.get('/returns/status.csv', status, async (request, reply) => {
      const { from, to } = rangeQuery.parse(request.query);
      const rows = await returns.completeness(periodRange(returns.today(), from, to));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="clmd-returns-status.csv"')
        .send(completenessCsv(rows));
    });

    app.get('/returns/go', status, async (request, reply) => {
      const q = z.object({ org: z.string().min(1), period: z.string().min(1) }).safeParse(request.query);
      if (!q.success) return reply.redirect('/returns');
      return reply.redirect(
        `/returns/${encodeURIComponent(q.data.org)}/${encodeURIComponent(q.data.period.trim().toUpperCase())}`,
      );
    });

    app.get('/returns/:org/:period', about('returns.view'), async (request, reply) => {
      const { org, period } = params.parse(request.params);
      return returnPage(reply, org, period);
    });

    app.get('/returns/:org/:period/figures', about('data.view-own'), async (request, reply) => {
      const { org, period } = params.parse(request.params);
      const { asAt } = z
        .object({
          asAt: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date as year-month-day, like 2026-05-01')
            .optional()
            .or(z.literal('')),
        })
        .parse(request.query);
      const organisation = await organisations.get(org);
      const ret = await returns.findReturn(org, period);
      const figures = ret
        ? await returns.observations({
            organisationId: org,
            returnId: ret.id,
            approvedOnly: false,
            ...(asAt ? { asAt: new Date(`${asAt}T23:59:59.999Z`) } : {}),
          })
        : [];
      return reply.page('returns/views/figures.njk', {
        title: `${organisation.name}: ${formatQuarter(requireQuarter(period))} figures`,
        organisation,
        period: formatQuarter(requireQuarter(period)),
        asAt: asAt ?? '',
        figures,
        anySynthetic: figures.some((f) => f.synthetic),
        breadcrumbs: [
          { text: 'Returns', href: '/returns' },
          {
            text: `${organisation.name} ${formatQuarter(requireQuarter(period))}`,
            href: `/returns/${encodeURIComponent(org)}/${formatQuarter(requireQuarter(period))}`,
          },
        ],
      });
    });

    app.get('/returns/:org/:period/template.:format', about('returns.template'), async (request, reply) => {
      const { org, period } = params.parse(request.params);
      const { format } = z.object({ format: z.enum(['xlsx', 'csv']) }).parse(request.params);
      const chunks: Buffer[] = [];
      const { Writable } = await import('node:stream');
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          chunks.push(Buffer.from(chunk));
          done();
        },
      });
      const { fileName } = await returns.writeTemplate({ organisationId: org, period, format }, sink);
      return reply
        .type(
          format === 'xlsx'
            ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
            : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(Buffer.concat(chunks));
    });

    app.post('/returns/:org/:period/upload', about('returns.submit'), async (request, reply) => {
      const { org, period } = params.parse(request.params);
      let upload;
      try {
        upload = await receiveUpload(request, 'file');
      } catch (error) {
        if (error instanceof ValidationError) {
          return returnPage(reply.status(400), org, period, {
            errorSummary: summaryItems(error.problems, 'file'),
            uploadError: error.problems[0]?.message,
          });
        }
        throw error;
      }
      let report: SubmissionReport;
      try {
        report = await returns.submitFile(webActor(request), {
          organisationId: org,
          period,
          fileName: upload.fileName,
          filePath: upload.path,
          dryRun: upload.fields.dryRun === 'yes',
        });
      } catch (error) {
        if (error instanceof ValidationError) {
          return returnPage(reply.status(400), org, period, {
            errorSummary: summaryItems(error.problems, 'file'),
            uploadError: error.problems[0]?.message,
          });
        }
        throw error;
      } finally {
        await upload.discard();
      }
      const status = report.outcome === 'rejected' ? 400 : 200;
      return reply.status(status).page('returns/views/report.njk', {
        title:
          report.outcome === 'rejected'
            ? 'Your file has problems'
            : report.outcome === 'checked'
              ? 'Your file passed the checks'
              : 'Return submitted',
        report,
        errorSummary: summaryItems(report.errors),
        returnUrl: `/returns/${encodeURIComponent(org)}/${report.period}`,
        breadcrumbs: [
          { text: 'Returns', href: '/returns' },
          {
            text: `${report.organisation.name} ${report.period}`,
            href: `/returns/${encodeURIComponent(org)}/${report.period}`,
          },
        ],
      });
    });

    for (const action of ['approve', 'return', 'unlock'] as const) {
      app.post(`/returns/:org/:period/${action}`, about('returns.approve'), async (request, reply) => {
        const { org, period } = params.parse(request.params);
        const { reason } = z.object({ reason: z.string().max(5000).optional() }).parse(request.body ?? {});
        const ret = await returns.findReturn(org, period);
        if (!ret)
          return returnPage(reply.status(404), org, period, {
            errorSummary: [{ text: 'Nothing has been submitted for this return yet.' }],
          });
        try {
          const ctx = webActor(request);
          if (action === 'approve') await returns.approve(ctx, ret.id);
          else if (action === 'return') await returns.returnToSubmitter(ctx, ret.id, reason);
          else await returns.unlock(ctx, ret.id, reason);
        } catch (error) {
          if (error instanceof ValidationError) {
            return returnPage(reply.status(400), org, period, {
              errorSummary: summaryItems(
                error.problems.map((p) => ({
                  ...p,
                  field: p.field === 'reason' ? `${action}-reason` : p.field,
                })),
              ),
              reasonError: { action, message: error.problems[0]?.message },
            });
          }
          throw error;
        }
        return reply.redirect(`/returns/${encodeURIComponent(org)}/${ret.period}?done=${action}`, 303);
      });
    }
  };
}
