import type { FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { webActor } from '../../platform/actor.ts';
import { setSessionCookie, SESSION_COOKIE } from '../../platform/auth.ts';
import { ValidationError, summaryText } from '../../platform/errors.ts';

const signInBody = z.object({
  username: z.string().max(200).default(''),
  password: z.string().max(1000).default(''),
  next: z.string().max(2000).optional(),
  _csrf: z.string().optional(),
});

/** Only same-site paths, so the sign-in form cannot be used to send people elsewhere. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

export function usersRoutes(deps: Deps) {
  const secure = deps.config.secureCookies;
  return async (app: FastifyInstance) => {
    await app.register(rateLimit, { global: false });

    app.get('/sign-in', { config: { policy: 'public' } }, async (request, reply) => {
      const { next } = z.object({ next: z.string().max(2000).optional() }).parse(request.query);
      return reply.page('users/views/sign-in.njk', {
        title: 'Sign in',
        next: safeNext(next),
        demo: deps.config.demo !== 'off',
      });
    });

    app.post(
      '/sign-in',
      {
        config: {
          policy: 'public',
          // Slows guessing from one address; the per-account lockout stops it across addresses.
          rateLimit: { max: 10, timeWindow: '1 minute' },
        },
      },
      async (request, reply) => {
        const input = signInBody.parse(request.body ?? {});
        const problems = [];
        if (!input.username.trim()) problems.push({ field: 'username', message: 'Enter your username' });
        if (!input.password) problems.push({ field: 'password', message: 'Enter your password' });
        try {
          if (problems.length) throw new ValidationError('Sign-in failed.', problems);
          const { token } = await deps.users.signIn(webActor(request), input.username, input.password);
          setSessionCookie(reply, token, secure);
          return reply.redirect(safeNext(input.next), 303);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          return reply.status(400).page('users/views/sign-in.njk', {
            title: 'Sign in',
            next: safeNext(input.next),
            username: input.username,
            errors: Object.fromEntries(error.problems.map((p) => [p.field, p.message])),
            errorSummary: error.problems.map((p) => ({ text: summaryText(p), href: `#${p.field}` })),
            demo: deps.config.demo !== 'off',
          });
        }
      },
    );

    app.post('/sign-out', { config: { policy: 'public' } }, async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deps.users.signOut(webActor(request), token);
      setSessionCookie(reply, null, secure);
      return reply.redirect('/', 303);
    });
  };
}
