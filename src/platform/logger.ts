// Structured logs with no personal data: no bodies, no cookies, no query strings (which can carry
// search terms), only the method, route and status of each request.
import type { FastifyServerOptions } from 'fastify';

export function loggerOptions(config: { logLevel: string; env: string }): FastifyServerOptions['logger'] {
  return {
    level: config.env === 'test' ? 'silent' : config.logLevel,
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', '*.password', '*.body'],
      remove: true,
    },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        id: req.id,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}
