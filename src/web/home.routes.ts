import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

const publicPage = { config: { policy: 'public' as const } };

export function homeRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/', publicPage, async (_request, reply) => {
      const { version, indicators } = await deps.catalogue.current();
      return reply.page('home.njk', { title: 'Home', version, indicatorCount: indicators.length });
    });
    app.get('/healthz', publicPage, async () => ({ status: 'ok', database: deps.database.kind }));
  };
}
