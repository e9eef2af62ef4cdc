// reply.page(template, context): renders a Nunjucks page with what every page needs (current path
// for navigation, the CSP nonce for the one inline script GOV.UK's template carries).
import type { FastifyInstance } from 'fastify';
import { createRenderer } from './render.ts';
import { principalOf } from '../platform/auth.ts';
import { can } from '../platform/policies.ts';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, context?: Record<string, unknown>): FastifyReply;
  }
}

export function registerPages(app: FastifyInstance): void {
  const render = createRenderer();
  app.decorateReply('page', function (template: string, context: Record<string, unknown> = {}) {
    const nonce = (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script;
    const html = render(template, {
      currentPath: this.request.url.split('?')[0],
      cspNonce: nonce,
      user: this.request.user,
      // Navigation shows only what the viewer may open.
      may: {
        returns: can(principalOf(this.request), 'returns.status'),
        implementation: can(principalOf(this.request), 'implementation.view'),
        agreements: can(principalOf(this.request), 'agreements.view'),
        audit: can(principalOf(this.request), 'audit.view'),
        reference: can(principalOf(this.request), 'reference.import'),
      },
      csrfToken: this.request.csrfToken,
      ...context,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
}
