// createApp(deps): the middleware order below is the security model, read top to bottom.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import type { Deps } from './deps.ts';
import { registerAuth, type RoutePolicy } from './platform/auth.ts';
import { registerErrorHandler } from './platform/error-handler.ts';
import { loggerOptions } from './platform/logger.ts';
import { registerPages } from './web/page.ts';
import { GOVUK_DIST } from './web/render.ts';
import { homeRoutes } from './web/home.routes.ts';
import { catalogueRoutes } from './modules/catalogue/catalogue.routes.ts';
import { usersRoutes } from './modules/users/users.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { sharingRoutes } from './modules/sharing/sharing.routes.ts';
import { dataRoutes } from './modules/data/data.routes.ts';
import { analysisRoutes } from './modules/analysis/analysis.routes.ts';
import { customCombinationRoutes } from './modules/analysis/custom/custom.routes.ts';
import { geographyRoutes } from './modules/geography/geography.routes.ts';
import { populationRoutes } from './modules/population/population.routes.ts';
import { implementationRoutes } from './modules/returns/implementation.routes.ts';
import { returnsRoutes } from './modules/returns/returns.routes.ts';
import multipart from '@fastify/multipart';

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy | 'public' | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: readonly RegisteredRoute[];
  }
}

export async function createApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(deps.config),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 1_048_576,
  });

  // Every route as registered, with its declared policy: the role matrix test reads this.
  const routes: RegisteredRoute[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: route.url, policy: route.config?.policy });
    }
  });

  // 1. Security headers, with a strict Content-Security-Policy: no inline script except by nonce.
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        baseUri: ["'self'"],
      },
    },
  });

  // 2. Static assets: GOV.UK Frontend and our own, public by nature.
  await app.register(fastifyStatic, {
    root: path.join(GOVUK_DIST, 'govuk'),
    prefix: '/govuk/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(GOVUK_DIST, 'govuk', 'assets'),
    prefix: '/assets/',
    decorateReply: false,
  });
  await app.register(fastifyStatic, {
    root: path.join(import.meta.dirname, 'web', 'public'),
    prefix: '/public/',
    decorateReply: false,
  });

  // 3. Who is asking (session), whether they may (declared policy, before any data is read), and
  //    that a form really came from this site (CSRF).
  await registerAuth(app, {
    resolveSession: (token) => deps.users.resolveSession(token),
    secureCookies: deps.config.secureCookies,
  });

  // 4. Bodies, pages and the one error handler.
  await app.register(formbody);
  await app.register(multipart);
  registerPages(app);
  registerErrorHandler(app);

  // 5. Module routes, each declaring its policy.
  await app.register(homeRoutes(deps));
  await app.register(usersRoutes(deps));
  await app.register(auditRoutes(deps));
  await app.register(sharingRoutes(deps));
  await app.register(dataRoutes(deps));
  await app.register(analysisRoutes(deps));
  await app.register(customCombinationRoutes(deps));
  await app.register(catalogueRoutes(deps));
  await app.register(geographyRoutes(deps));
  await app.register(populationRoutes(deps));
  await app.register(returnsRoutes(deps));
  await app.register(implementationRoutes(deps));
  return app;
}
