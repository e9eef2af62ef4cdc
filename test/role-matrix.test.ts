// Every role (and an anonymous visitor) against every route the app registers: what the policies allow
// must not be refused, and what they refuse must get 403 (or, for an anonymous page view, the sign-in
// page) and leak nothing. Routes come from the app itself, so a new route is in the matrix automatically.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisteredRoute } from '../src/app.ts';
import { systemActor } from '../src/platform/actor.ts';
import { ANONYMOUS, ROLES, can, type Principal, type Role } from '../src/platform/policies.ts';
import { sessionFor, type TestSession } from './support/sessions.ts';
import { createTestApp, type TestApp } from './support/test-app.ts';

const ORG = 'essex-police';
const PARAMS: Record<string, string> = {
  org: ORG,
  period: '2026-Q1',
  id: 'yp-drug-arrests-by-area',
  code: 'E07000070',
  n: '1',
  format: 'csv',
  kind: 'table',
};
const STATIC = ['/govuk/', '/assets/', '/public/'];
const SECRET_MARKER = 'matrix-secret-note';

function concrete(url: string): string {
  return url.replace(/:(\w+)/g, (_, name: string) => PARAMS[name] ?? 'x').replace('*', 'x');
}

function allowed(route: RegisteredRoute, principal: Principal): boolean {
  if (route.policy === 'public') return true;
  if (!route.policy) return false;
  return can(principal, route.policy.action, { organisationId: ORG });
}

describe('role matrix', () => {
  let t: TestApp;
  const sessions = new Map<Role, TestSession>();
  let routes: RegisteredRoute[];

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) sessions.set(role, await sessionFor(t.deps, role, ORG));
    // A figure with a note only Essex Police's own people may read, to prove refusals leak nothing.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-matrix-'));
    const file = path.join(dir, 'essex.csv');
    fs.writeFileSync(
      file,
      `indicator_id,area_code,period_start,period_end,value,note\nsvv-related-arrests,E07000070,2026-01-01,2026-03-31,3,${SECRET_MARKER}\n`,
    );
    const report = await t.deps.returns.submitFile(systemActor('test'), {
      organisationId: ORG,
      period: '2026-Q1',
      fileName: 'essex.csv',
      filePath: file,
    });
    expect(report.outcome).toBe('accepted');
    fs.rmSync(dir, { recursive: true, force: true });
    // Signing out ends the session the rest of the matrix uses, so it goes last.
    routes = t.app.registeredRoutes
      .filter((r) => !STATIC.some((p) => r.url.startsWith(p)))
      .sort((a, b) => Number(a.url === '/sign-out') - Number(b.url === '/sign-out'));
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the routes and every one declares a policy', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => r.policy === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  const subjects: (Role | 'anonymous')[] = ['anonymous', ...ROLES];
  it.each(subjects)('%s gets exactly what the policies allow', async (who) => {
    const session = who === 'anonymous' ? undefined : sessions.get(who);
    const principal: Principal =
      who === 'anonymous'
        ? ANONYMOUS
        : { userId: session!.userId, memberships: [{ organisationId: ORG, role: who }] };
    const failures: string[] = [];
    for (const route of routes) {
      const url = concrete(route.url);
      const res = await t.app.inject({
        method: route.method as 'GET' | 'POST',
        url: route.method === 'POST' && session ? `${url}?_csrf=${encodeURIComponent(session.csrf)}` : url,
        headers: {
          ...(session ? session.headers : {}),
          ...(route.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(route.method === 'POST' ? { payload: '' } : {}),
      });
      const expectAllowed = allowed(route, principal);
      const toSignIn = res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in');
      if (session && toSignIn) failures.push(`${route.method} ${route.url}: signed-in user sent to sign in`);
      const refused = res.statusCode === 403 || (who === 'anonymous' && toSignIn);
      if (expectAllowed && refused && !(who === 'anonymous' && route.method === 'POST')) {
        failures.push(`${route.method} ${route.url}: allowed by policy but got ${res.statusCode}`);
      }
      if (!expectAllowed && !refused)
        failures.push(`${route.method} ${route.url}: refused by policy but got ${res.statusCode}`);
      if (!expectAllowed && res.body.includes(SECRET_MARKER))
        failures.push(`${route.method} ${route.url}: leaked data`);
      if (res.statusCode >= 500)
        failures.push(`${route.method} ${route.url}: server error ${res.statusCode}`);
    }
    expect(failures).toEqual([]);
  });
});
