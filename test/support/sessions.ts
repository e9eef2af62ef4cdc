// Signed-in sessions for route tests: a fresh user with the given role, signed in through the service.
import { randomBytes } from 'node:crypto';
import type { Deps } from '../../src/deps.ts';
import { systemActor } from '../../src/platform/actor.ts';
import type { Role } from '../../src/platform/policies.ts';

export interface TestSession {
  /** Headers to send with app.inject. */
  headers: { cookie: string };
  csrf: string;
  userId: string;
}

export async function sessionFor(
  deps: Deps,
  role: Role,
  organisationId = 'pathfinder-programme',
): Promise<TestSession> {
  const username = `t-${role.replace('_', '-')}-${randomBytes(4).toString('hex')}`;
  const password = `correct horse ${randomBytes(6).toString('hex')}`;
  const ctx = systemActor('test');
  await deps.users.add(ctx, {
    username,
    displayName: `Test ${role}`,
    password,
    memberships: [{ organisationId, role }],
  });
  const { token, user } = await deps.users.signIn(ctx, username, password);
  return { headers: { cookie: `clmd_session=${token}` }, csrf: user.csrfToken, userId: user.userId };
}

/** A form body with the CSRF token added. */
export function form(session: TestSession, fields: Record<string, string> = {}): string {
  return new URLSearchParams({ ...fields, _csrf: session.csrf }).toString();
}
