// Authentication, authorisation and CSRF for every request, in that order:
// 1. onRequest: the session cookie becomes request.user (or nobody);
// 2. preHandler: the route's declared policy is checked before the handler reads any data — a route
//    that declares no policy is refused, so forgetting one fails closed;
// 3. preHandler: every state-changing request must carry the session's CSRF token (or, before sign-in,
//    the double-submit token of the clmd_csrf cookie).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { ForbiddenError } from './errors.ts';
import { ANONYMOUS, can, type Action, type Principal, type Subject } from './policies.ts';

export const SESSION_COOKIE = 'clmd_session';
export const CSRF_COOKIE = 'clmd_csrf';
const STATIC_PREFIXES = ['/govuk/', '/assets/', '/public/'];

export interface RequestUser extends Principal {
  userId: string;
  username: string;
  displayName: string;
  csrfToken: string;
}

export interface RoutePolicy {
  action: Action;
  /** The organisation the request is about, from its parameters; omitted for actions about no one. */
  subject?: (request: FastifyRequest) => Subject;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: RequestUser | undefined;
    /** The token a form on this page must send back. */
    csrfToken: string;
  }
  interface FastifyContextConfig {
    /** 'public' for pages anyone may see (sign-in, health check); otherwise the action and subject. */
    policy?: RoutePolicy | 'public';
  }
}

export function principalOf(request: FastifyRequest): Principal {
  return request.user ?? ANONYMOUS;
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function sentToken(request: FastifyRequest): string | undefined {
  const body = request.body as Record<string, unknown> | undefined;
  const fromBody =
    body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = typeof query?._csrf === 'string' ? query._csrf : undefined;
  const header = request.headers['x-csrf-token'];
  return fromBody ?? fromQuery ?? (typeof header === 'string' ? header : undefined);
}

export async function registerAuth(
  app: FastifyInstance,
  options: { resolveSession: (token: string) => Promise<RequestUser | undefined>; secureCookies: boolean },
): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('user', undefined);
  app.decorateRequest('csrfToken', '');

  app.addHook('onRequest', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? await options.resolveSession(token) : undefined;
    if (request.user) {
      request.csrfToken = request.user.csrfToken;
      return;
    }
    // Before sign-in, forms use a double-submit token held in a strict, HTTP-only cookie.
    let anon = request.cookies[CSRF_COOKIE];
    if (!anon) {
      anon = randomBytes(24).toString('base64url');
      reply.setCookie(CSRF_COOKIE, anon, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: options.secureCookies,
      });
    }
    request.csrfToken = anon;
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (STATIC_PREFIXES.some((p) => request.url.startsWith(p))) return;
    const policy = request.routeOptions.config.policy;
    if (policy === undefined)
      throw new ForbiddenError('This page has no access rule, so it is not available.');
    if (policy !== 'public') {
      const subject = policy.subject?.(request) ?? {};
      if (!can(principalOf(request), policy.action, subject)) {
        if (!request.user && request.method === 'GET' && !request.url.startsWith('/api/')) {
          return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
        }
        throw new ForbiddenError();
      }
    }
    if (
      !['GET', 'HEAD', 'OPTIONS'].includes(request.method) &&
      !sameToken(sentToken(request), request.csrfToken)
    ) {
      throw new ForbiddenError(
        'The form has expired or did not come from this site. Go back, reload the page and try again.',
      );
    }
  });
}

/** Sets or clears the session cookie. */
export function setSessionCookie(reply: FastifyReply, token: string | null, secure: boolean): void {
  if (token === null) {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return;
  }
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: 8 * 3600,
  });
}
