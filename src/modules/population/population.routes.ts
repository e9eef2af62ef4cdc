// The programme team's page for population denominators: what rates use now, an upload of ONS mid-year
// estimates (multipart, like a return) and a way back to File 6. Thin: the service does the work.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { NotFoundError, ValidationError, summaryText, type Problem } from '../../platform/errors.ts';
import { receiveUpload } from '../../web/upload.ts';
import { AGE_FROM, AGE_TO, type PopulationImportReport } from './population.model.ts';
import { presentDistricts, presentHistory, when } from './population.present.ts';

const manage = { config: { policy: { action: 'reference.import' as const } } };

/** Problems about the year belong to the year box; everything else to the file. */
function errorItems(problems: readonly Problem[]) {
  return problems.map((p) => ({ text: summaryText(p), href: p.field === 'year' ? '#year' : '#file' }));
}

export function populationRoutes(deps: Deps) {
  async function page(reply: FastifyReply, extra: Record<string, unknown> = {}) {
    const status = await deps.population.status();
    // Uploads made on the web are by user id: show the people's names.
    const names = await deps.users.actorNames(
      status.history.flatMap((h) => [h.importedBy, ...(h.removedBy ? [h.removedBy] : [])]),
    );
    const named = <T extends { importedBy: string; removedBy: string | null }>(h: T): T => ({
      ...h,
      importedBy: names.get(h.importedBy) ?? h.importedBy,
      removedBy: h.removedBy === null ? null : (names.get(h.removedBy) ?? h.removedBy),
    });
    return reply.page('population/views/population.njk', {
      title: 'Population denominators',
      status,
      ages: { from: AGE_FROM, to: AGE_TO },
      current: status.current
        ? {
            ...named(status.current),
            importedAtText: when(status.current.importedAt),
            districts: presentDistricts(status.current.districts),
          }
        : null,
      history: presentHistory(status.history.map(named)),
      ...extra,
      breadcrumbs: [
        { text: 'Home', href: '/' },
        { text: 'Areas', href: '/areas' },
      ],
    });
  }

  function refused(reply: FastifyReply, problems: readonly Problem[], year: string) {
    const fileProblems = problems.filter((p) => p.field !== 'year');
    return page(reply.status(400), {
      errorSummary: errorItems(problems),
      fileError: fileProblems.length
        ? fileProblems.length === 1
          ? summaryText(fileProblems[0]!)
          : `The file has ${fileProblems.length} problems, listed at the top of the page`
        : null,
      yearError: problems.find((p) => p.field === 'year')?.message ?? null,
      year,
    });
  }

  return async (app: FastifyInstance) => {
    app.get('/reference/population', manage, async (request, reply) => {
      const done = (request.query as { done?: unknown }).done;
      return page(reply, { removed: done === 'removed' });
    });

    app.post('/reference/population', manage, async (request, reply) => {
      if (!request.isMultipart()) {
        return refused(
          reply,
          [{ field: 'file', message: 'Select a file of ONS mid-year estimates to upload' }],
          '',
        );
      }
      let upload;
      try {
        upload = await receiveUpload(request, 'file');
      } catch (error) {
        if (error instanceof ValidationError) return refused(reply, error.problems, '');
        throw error;
      }
      const year = (upload.fields.year ?? '').trim();
      let report: PopulationImportReport;
      try {
        report = await deps.population.importFile(webActor(request), {
          fileName: upload.fileName,
          filePath: upload.path,
          year,
          dryRun: upload.fields.dryRun === 'yes',
        });
      } catch (error) {
        if (error instanceof ValidationError) return refused(reply, error.problems, year);
        throw error;
      } finally {
        await upload.discard();
      }
      return page(reply, {
        report: {
          ...report,
          districts: presentDistricts(report.districts),
          totalText: report.total.toLocaleString('en-GB'),
        },
      });
    });

    app.post('/reference/population/remove', manage, async (request, reply) => {
      try {
        await deps.population.remove(webActor(request));
      } catch (error) {
        if (error instanceof NotFoundError) {
          return page(reply.status(404), { errorSummary: [{ text: error.message }] });
        }
        throw error;
      }
      return reply.redirect('/reference/population?done=removed', 303);
    });
  };
}
