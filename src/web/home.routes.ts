import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';

export function homeRoutes(deps: Deps) {
  return async (app: FastifyInstance) => {
    app.get('/', async (_request, reply) => {
      const { version, indicators } = await deps.catalogue.current();
      return reply.page('home.njk', { title: 'Home', version, indicatorCount: indicators.length });
    });
    app.get('/healthz', async () => ({ status: 'ok', database: deps.database.kind }));
  };
}
