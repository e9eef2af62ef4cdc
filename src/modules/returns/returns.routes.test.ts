import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.ts';
import { ensureBuiltIns } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { buildDeps, type Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/test-db.ts';
import type { FastifyInstance } from 'fastify';
import { form, sessionFor, type TestSession } from '../../../test/support/sessions.ts';

describe.each(databaseKinds)('returns pages [%s]', (kind) => {
  let handle: TestDatabase;
  let deps: Deps;
  let app: FastifyInstance;
  let dir: string;
  let clock = new Date('2026-04-10T09:00:00Z');
  let approver: TestSession;
  let programme: TestSession;
  let otherForce: TestSession;

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-routes-'));
    deps = buildDeps(loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dir } as NodeJS.ProcessEnv), handle, {
      now: () => clock,
    });
    await ensureBuiltIns(deps);
    app = await createApp(deps);
    const csv = path.join(dir, 'first.csv');
    fs.writeFileSync(
      csv,
      'indicator_id,area_code,period_start,period_end,value,note\nsvv-related-arrests,E07000148,2026-01-01,2026-03-31,3,\n',
    );
    await deps.returns.submitFile(systemActor('test'), {
      organisationId: 'norfolk-constabulary',
      period: '2026-Q1',
      fileName: 'first.csv',
      filePath: csv,
    });
    clock = new Date('2026-04-12T09:00:00Z');
    fs.writeFileSync(
      csv,
      'indicator_id,area_code,period_start,period_end,value,note\nsvv-related-arrests,E07000148,2026-01-01,2026-03-31,5,corrected\n',
    );
    await deps.returns.submitFile(systemActor('test'), {
      organisationId: 'norfolk-constabulary',
      period: '2026-Q1',
      fileName: 'second.csv',
      filePath: csv,
    });
    approver = await sessionFor(deps, 'approver', 'norfolk-constabulary');
    programme = await sessionFor(deps, 'programme_admin');
    otherForce = await sessionFor(deps, 'approver', 'essex-police');
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows completeness with reporting rates', async () => {
    const res = await app.inject({ url: '/returns?from=2026-Q1&to=2026-Q2', headers: approver.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Reporting rates');
    expect(res.body).toContain('Norfolk Constabulary');
    expect(res.body).toContain('Received on time');
  });

  it('refuses a period that is not a quarter, in plain English', async () => {
    const res = await app.inject({ url: '/returns?from=last-year', headers: approver.headers });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Enter a quarter like 2026-Q1');
  });

  it('shows the figures now and as at an earlier date', async () => {
    const now = await app.inject({
      url: '/returns/norfolk-constabulary/2026-Q1/figures',
      headers: approver.headers,
    });
    expect(now.body).toMatch(/>5<\/td>/);
    // Each figure says which file, and which row of it, it came from.
    expect(now.body).toContain('second.csv, row 2');
    const then = await app.inject({
      url: '/returns/norfolk-constabulary/2026-Q1/figures?asAt=2026-04-10',
      headers: approver.headers,
    });
    expect(then.body).toMatch(/>3<\/td>/);
    expect(then.body).not.toMatch(/>5<\/td>/);
    expect(then.body).toContain('first.csv, row 2');
  });

  it('downloads the CSV template', async () => {
    const res = await app.inject({
      url: '/returns/norfolk-constabulary/2026-Q2/template.csv',
      headers: approver.headers,
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('clmd-return-norfolk-constabulary-2026-Q2.csv');
    expect(res.body.replace(/^\uFEFF/, '')).toMatch(/^indicator_id,area_code,period_start,period_end/);
  });

  it('needs a reason to send a return back, then approves it', async () => {
    const noReason = await app.inject({
      method: 'POST',
      url: '/returns/norfolk-constabulary/2026-Q1/return',
      payload: form(approver, { reason: '' }),
      headers: { ...approver.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('Enter a reason');
    const forbidden = await app.inject({
      method: 'POST',
      url: '/returns/norfolk-constabulary/2026-Q1/approve',
      payload: form(otherForce),
      headers: { ...otherForce.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(forbidden.statusCode).toBe(403);
    const noToken = await app.inject({
      method: 'POST',
      url: '/returns/norfolk-constabulary/2026-Q1/approve',
      headers: approver.headers,
    });
    expect(noToken.statusCode).toBe(403);
    const approve = await app.inject({
      method: 'POST',
      url: '/returns/norfolk-constabulary/2026-Q1/approve',
      payload: form(approver),
      headers: { ...approver.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(approve.statusCode).toBe(303);
    const page = await app.inject({
      url: '/returns/norfolk-constabulary/2026-Q1',
      headers: approver.headers,
    });
    expect(page.body).toContain('Approved');
    expect(page.body).toContain('This return is approved and locked');
  });

  it('records the implementation tracker and exports it', async () => {
    const set = await app.inject({
      method: 'POST',
      url: '/implementation',
      payload: form(programme, {
        locality: 'LOC-NORFOLK',
        indicator: 'svv-related-arrests',
        status: 'collecting',
        since: '2026-01-01',
        note: 'From Athena',
      }),
      headers: { ...programme.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(set.statusCode).toBe(303);
    const csv = await app.inject({ url: '/implementation.csv', headers: programme.headers });
    expect(csv.body).toContain('LOC-NORFOLK,svv-related-arrests');
    expect(csv.body).toMatch(/LOC-NORFOLK,svv-related-arrests,[^\n]*Collecting,2026-01-01,From Athena,yes/);
    const bad = await app.inject({
      method: 'POST',
      url: '/implementation',
      payload: form(programme, {
        locality: 'LOC-NOWHERE',
        indicator: 'svv-related-arrests',
        status: 'sometimes',
      }),
      headers: { ...programme.headers, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Choose a status');
  });
});
