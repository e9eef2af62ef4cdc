import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { databaseKinds } from '../../../test/support/test-db.ts';
import { systemActor } from '../../platform/actor.ts';
import { findBrokenLink } from '../../platform/audit.ts';
import { MAX_FAILED_ATTEMPTS } from './users.service.ts';

const ctx = systemActor('test');
const PASSWORD = 'a long enough password';

describe.each(databaseKinds)('users, sessions and sign-in [%s]', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.deps.users.add(ctx, {
      username: 'Essex.Analyst',
      displayName: 'Essex analyst',
      password: PASSWORD,
      memberships: [{ organisationId: 'essex-police', role: 'submitter' }],
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores an argon2id hash, never the password', async () => {
    const rows = await t.deps.db.selectFrom('app_user').select(['username', 'password_hash']).execute();
    expect(rows[0]!.username).toBe('essex.analyst');
    expect(rows[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(await t.deps.auditRepository.listAll(t.deps.db))).not.toContain(PASSWORD);
  });

  it('refuses weak input with every problem listed', async () => {
    await expect(
      t.deps.users.add(ctx, {
        username: 'x',
        displayName: '',
        password: 'short',
        memberships: [{ organisationId: 'nowhere', role: 'boss' as never }],
      }),
    ).rejects.toMatchObject({
      problems: expect.arrayContaining([
        expect.objectContaining({ field: 'username' }),
        expect.objectContaining({ field: 'password', message: 'Password must be 12 characters or more' }),
        expect.objectContaining({ field: 'organisation' }),
        expect.objectContaining({ field: 'role' }),
      ]),
    });
  });

  it('signs in through the form with a CSRF token, and refuses a form without one', async () => {
    const page = await t.app.inject('/sign-in');
    const cookie = String(page.headers['set-cookie']).split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const missing = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ username: 'essex.analyst', password: PASSWORD }).toString(),
    });
    expect(missing.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        username: 'essex.analyst',
        password: PASSWORD,
        _csrf: token,
        next: '//evil.example',
      }).toString(),
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/');
    const session = String(ok.headers['set-cookie']);
    expect(session).toContain('HttpOnly');
    expect(session).toContain('SameSite=Strict');
  });

  it('locks the account after repeated failures and says so without revealing which part was wrong', async () => {
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      await expect(t.deps.users.signIn(ctx, 'essex.analyst', 'wrong password!')).rejects.toMatchObject({
        problems: [{ field: 'username', message: 'Enter a correct username and password' }],
      });
    }
    await expect(t.deps.users.signIn(ctx, 'essex.analyst', PASSWORD)).rejects.toMatchObject({
      problems: [{ message: expect.stringContaining('locked') }],
    });
    await t.deps.users.resetPassword(ctx, 'essex.analyst', 'another long password');
    const { user } = await t.deps.users.signIn(ctx, 'essex.analyst', 'another long password');
    expect(user.memberships).toEqual([{ organisationId: 'essex-police', role: 'submitter' }]);
    const actions = (await t.deps.auditRepository.listAll(t.deps.db)).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.add',
        'user.sign-in-failed',
        'user.locked',
        'user.reset-password',
        'user.sign-in',
      ]),
    );
    expect(findBrokenLink(await t.deps.auditRepository.listAll(t.deps.db))).toBeUndefined();
  });

  it('ends sessions when a user is disabled', async () => {
    const { token } = await t.deps.users.signIn(ctx, 'essex.analyst', 'another long password');
    expect(await t.deps.users.resolveSession(token)).toBeDefined();
    await t.deps.users.disable(ctx, 'essex.analyst');
    expect(await t.deps.users.resolveSession(token)).toBeUndefined();
    await expect(t.deps.users.signIn(ctx, 'essex.analyst', 'another long password')).rejects.toThrow();
  });

  it('sends visitors to sign in for non-public pages and refuses routes without a policy', async () => {
    const res = await t.app.inject('/returns');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Freturns');
    expect((await t.app.inject('/catalogue')).statusCode).toBe(200);
  });
});
