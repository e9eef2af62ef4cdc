// The one error handler: known errors become a GOV.UK page (or JSON for API callers) with the right
// status; anything else is logged with its correlation id and shown as a plain 500 that leaks nothing.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { AppError, ValidationError, summaryText } from './errors.ts';

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || (request.headers.accept ?? '').includes('application/json');
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((caught: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    // A query or parameter that fails its schema is the user's mistake, not ours.
    const error =
      caught instanceof ZodError
        ? new ValidationError(
            'The address has a value that is not valid.',
            caught.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
          )
        : caught;
    const known = error instanceof AppError;
    const clientError = !known && typeof error.statusCode === 'number' && error.statusCode < 500;
    const statusCode = known ? error.statusCode : clientError ? error.statusCode! : 500;
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    const message = known || clientError ? error.message : 'Sorry, there is a problem with the service.';
    const problems = error instanceof ValidationError ? error.problems : [];
    if (wantsJson(request)) {
      return reply.status(statusCode).send({
        error: known ? error.code : statusCode >= 500 ? 'internal_error' : 'bad_request',
        message,
        problems,
        correlationId: request.id,
      });
    }
    return reply.status(statusCode).page('error.njk', {
      title:
        statusCode === 404
          ? 'Page not found'
          : statusCode >= 500
            ? 'Sorry, there is a problem'
            : 'There is a problem',
      message,
      statusCode,
      errorSummary: problems.map((p) => ({ text: summaryText(p) })),
      correlationId: request.id,
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request))
      return reply.status(404).send({ error: 'not_found', message: 'Not found', correlationId: request.id });
    return reply.status(404).page('error.njk', { title: 'Page not found', message: '', statusCode: 404 });
  });
}
