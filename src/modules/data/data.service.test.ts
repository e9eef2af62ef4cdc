import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { findBrokenLink } from '../../platform/audit.ts';
import { findOrganisation } from '../organisations/organisations.builtin.ts';
import { countsByArea, submitApproved } from '../../../test/support/returns.ts';
import { sessionFor, type TestSession } from '../../../test/support/sessions.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { databaseKinds } from '../../../test/support/test-db.ts';
import { csvTables, xlsxTables } from '../../../test/support/html-tables.ts';

const ctx = systemActor('test');
const ESSEX_DISTRICTS = findOrganisation('essex-police')!.districtCodes;
// Small counts in some districts, so the partnership rule has something to protect.
const VALUES = [2, 14, 9, 1, 22, 17, 3, 11, 0, 8, 19, 6, 25, 30];

describe.each(databaseKinds)('data views through disclosure control [%s]', (kind) => {
  let t: TestApp;
  let deps: Deps;
  let app: FastifyInstance;
  let clock = new Date('2026-05-20T09:00:00Z');
  let essex: TestSession;
  let partner: TestSession;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => clock });
    ({ deps, app } = t);
    await submitApproved(deps, {
      organisationId: 'essex-police',
      period: '2026-Q1',
      submittedAt: '2026-04-20T09:00:00Z',
      observations: countsByArea(
        'svv-related-arrests',
        { start: '2026-01-01', end: '2026-03-31' },
        ESSEX_DISTRICTS,
        VALUES,
      ),
    });
    await deps.sharing.add(ctx, {
      reference: 'DSA-TEST-1',
      title: 'Test agreement',
      purpose: 'partnership-analysis',
      dataOwnerIds: ['essex-police'],
      recipientIds: ['norfolk-cc-childrens-services'],
      categories: ['Arrests/detentions'],
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
    });
    essex = await sessionFor(deps, 'approver', 'essex-police');
    partner = await sessionFor(deps, 'analyst', 'norfolk-cc-childrens-services');
  });
  afterAll(async () => {
    await t.close();
  });

  const page = (session?: TestSession) =>
    app.inject({
      url: '/data/svv-related-arrests?period=2026-Q1',
      ...(session ? { headers: session.headers } : {}),
    });
  const cellsOf = (html: string) =>
    [...html.matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((m) => m[1] ?? '');

  it('shows the owning organisation its own figures in full', async () => {
    const res = await page(essex);
    expect(res.body).toContain('your organisation’s own figures');
    const cells = cellsOf(res.body);
    expect(cells).toContain('2');
    expect(cells).toContain('1');
    expect(cells).not.toContain('[c]');
  });

  it('shows a partner under an agreement the partnership view: small counts suppressed, audited', async () => {
    const res = await page(partner);
    expect(res.body).toContain('Partnership view');
    const cells = cellsOf(res.body);
    expect(cells).toContain('[c]');
    expect(cells).not.toContain('1');
    expect(cells).not.toContain('2');
    expect(cells).toContain('0'); // zeros are shown
    expect(res.body).toContain('the disclosure auditor confirmed');
    const exported = await app.inject({
      url: '/data/svv-related-arrests/export.csv?period=2026-Q1',
      headers: partner.headers,
    });
    const lines = exported.body.split('\n');
    expect(lines.find((l) => l.startsWith('E07000066'))).toContain('[c]');
    expect(exported.body.match(/\[c\]/g)?.length).toBe(cells.filter((c) => c === '[c]').length);
    // The workbook carries the same rows, suppression included.
    const workbook = await app.inject({
      url: '/data/svv-related-arrests/export.xlsx?period=2026-Q1',
      headers: partner.headers,
    });
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    const [sheet] = await xlsxTables(workbook.rawPayload);
    const [csv] = csvTables(exported.body);
    expect(sheet!.headers).toEqual(csv!.headers);
    expect(sheet!.rows).toEqual(csv!.rows);
    expect(sheet!.rows.find((r) => r.area_code === 'E07000066')!.total).toBe('[c]');
    const views = await deps.auditRepository.listForSubject(deps.db, 'indicator', 'svv-related-arrests');
    expect(views.map((v) => v.action)).toEqual(expect.arrayContaining(['data.view', 'data.export']));
    expect(views.every((v) => !JSON.stringify(v.details).includes('"22"'))).toBe(true);
    expect(findBrokenLink(await deps.auditRepository.listAll(deps.db))).toBeUndefined();
  });

  it('gives everyone else the public rule: 1 to 7 suppressed, others rounded to 5', async () => {
    const res = await page();
    expect(res.body).toContain('Public view');
    const cells = cellsOf(res.body).filter((c) => c !== '[c]');
    expect(cells.every((c) => Number(c.replace(/,/g, '')) % 5 === 0)).toBe(true);
  });

  it('stops the sharing when the agreement ends', async () => {
    clock = new Date('2026-07-01T09:00:00Z');
    const res = await page(partner);
    expect(res.body).toContain('Public view');
  });
});
