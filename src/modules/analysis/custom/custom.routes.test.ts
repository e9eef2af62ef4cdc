// The pages of users' own combinations, through the app as a browser would use them: the form keeps
// what was typed beside GOV.UK errors, forms need their CSRF token, the table carries the viewer's
// tier, downloads match the page, and archiving.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { form, sessionFor, type TestSession } from '../../../../test/support/sessions.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { databaseKinds } from '../../../../test/support/test-db.ts';
import { addAgreement, PARTNER, submitFigures } from './custom.test-data.ts';

const VALID = {
  name: 'Share of young people at risk who are in care',
  description: 'In care as a share of those at risk.',
  formula: 'share( {yp-at-risk-in-care} , {yp-at-risk-of-cce} )',
  unit: '%',
  polarity: 'higher-is-worse',
};

describe.each(databaseKinds)('custom combination pages [%s]', (kind) => {
  let t: TestApp;
  let analyst: TestSession;
  let submitter: TestSession;

  beforeAll(async () => {
    t = await createTestApp(kind);
    await submitFigures(t.deps);
    await addAgreement(t.deps);
    analyst = await sessionFor(t.deps, 'analyst', PARTNER);
    submitter = await sessionFor(t.deps, 'submitter', 'essex-police');
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, session?: TestSession) =>
    t.app.inject({ url, ...(session ? { headers: session.headers } : {}) });
  const post = (url: string, session: TestSession, payload: string) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { ...session.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload,
    });

  it('offers "Create a combination" only to those who may', async () => {
    expect((await get('/analysis/custom')).body).not.toContain('Create a combination');
    expect((await get('/analysis/custom', submitter)).body).not.toContain('Create a combination');
    const page = await get('/analysis/custom', analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/analysis/custom/new"');
    expect(page.body).toContain('There are no combinations yet.');
    expect((await get('/analysis/custom/new')).statusCode).toBe(303); // to sign in
    expect((await get('/analysis/custom/new', submitter)).statusCode).toBe(403);
  });

  it('shows the form with its CSRF token, the syntax and a link to the indicator ids', async () => {
    const page = await get('/analysis/custom/new', analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="_csrf" value="${analyst.csrf}"`);
    expect(page.body).toContain('href="/analysis/custom/indicators"');
    expect(page.body).toContain('<code>per10k</code>');
    const ids = await get('/analysis/custom/indicators');
    expect(ids.statusCode).toBe(200);
    expect(ids.body).toContain('<code>{yp-at-risk-of-cce}</code>');
    expect(ids.body).toContain('Not available in a combination: Age band');
    expect(ids.body).not.toContain('{imd-rank-by-district}');
  });

  it('re-shows the form with an error summary, inline errors and what was typed', async () => {
    const res = await post(
      '/analysis/custom',
      analyst,
      form(analyst, {
        name: '',
        description: 'Watch <b>this</b>',
        formula: 'share({yp-at-risk-in-care}, {yp-at-risk-of-cc})',
        unit: 'per 100 "at risk"',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: Create a combination');
    expect(res.body).toContain('govuk-error-summary');
    for (const field of ['name', 'formula', 'polarity']) expect(res.body).toContain(`href="#${field}"`);
    expect(res.body).not.toContain('href="#unit"');
    expect(res.body).toContain(
      'Column 29: There is no indicator &quot;yp-at-risk-of-cc&quot;. Did you mean &quot;yp-at-risk-of-cce&quot;?',
    );
    expect(res.body).toContain('id="formula-error"');
    expect(res.body).toContain('>share({yp-at-risk-in-care}, {yp-at-risk-of-cc})</textarea>');
    expect(res.body).toContain('>Watch &lt;b&gt;this&lt;/b&gt;</textarea>');
    expect(res.body).toContain('value="per 100 &quot;at risk&quot;"');
    expect(await t.deps.customCombinations.list()).toEqual([]);
  });

  it('refuses a form without its CSRF token, and people who may not manage combinations', async () => {
    const noToken = await post('/analysis/custom', analyst, new URLSearchParams(VALID).toString());
    expect(noToken.statusCode).toBe(403);
    const notAllowed = await post('/analysis/custom', submitter, form(submitter, VALID));
    expect(notAllowed.statusCode).toBe(403);
    expect(await t.deps.customCombinations.list()).toEqual([]);
  });

  it('saves, then shows the table in the partner’s tier with the formula, its reading and downloads', async () => {
    const saved = await post('/analysis/custom', analyst, form(analyst, VALID));
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers.location);
    expect(location).toMatch(/^\/analysis\/custom\/\d+$/);
    const id = location.split('/').at(-1)!;
    expect((await t.deps.customCombinations.get(Number(id))).createdBy).toBe(analyst.userId);

    const page = await get(`${location}?period=2026-Q3`, analyst);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
    expect(page.body).toContain(' as a percentage of ');
    expect(page.body).toContain('Partnership view');
    expect(page.body).toMatch(/data-code="E07000068">[\s\S]*?<strong>\[c\]<\/strong>/);
    expect(page.body).toMatch(/data-code="E07000066">[\s\S]*?<strong>(50\.0|\[c\])<\/strong>/);
    expect(page.body).toContain('[z] not applicable');
    expect(page.body).toContain(`/analysis/custom/${id}/export.csv?period=2026-Q3`);
    expect(page.body).toContain('Archive this combination');

    const csv = await get(`/analysis/custom/${id}/export.csv?period=2026-Q3`, analyst);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(
      'area_code,area_name,area_level,value,{yp-at-risk-in-care},{yp-at-risk-of-cce}',
    );
    expect(csv.body.split('\n').find((l) => l.startsWith('E07000068'))).toContain('[c]');
    const xlsx = await get(`/analysis/custom/${id}/export.xlsx?period=2026-Q3`, analyst);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await get(`/analysis/custom/${id}/export.pdf`, analyst)).statusCode).toBe(404);

    const views = await t.deps.auditRepository.listForSubject(t.deps.db, 'user-combination', id);
    expect(views.map((v) => v.action)).toEqual([
      'combination.create',
      'data.view',
      'data.export',
      'data.export',
    ]);
    expect(views.every((v) => v.actor === analyst.userId)).toBe(true);

    // Anyone may look: the public sees the public tier and nothing is recorded for it.
    const open = await get(location);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('Public view');
    expect(open.body).not.toContain('Archive this combination');
    expect(await t.deps.auditRepository.listForSubject(t.deps.db, 'user-combination', id)).toHaveLength(4);
  });

  it('explains a bad address or period', async () => {
    expect((await get('/analysis/custom/abc')).statusCode).toBe(404);
    expect((await get('/analysis/custom/99999')).statusCode).toBe(404);
    const bad = await get('/analysis/custom/1?period=2026-Q9');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a quarter like 2026-Q1');
  });

  it('changes a combination through the same form', async () => {
    const [c] = await t.deps.customCombinations.list();
    const edit = await get(`/analysis/custom/${c!.id}/edit`, analyst);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain(`action="/analysis/custom/${c!.id}"`);
    expect(edit.body).toContain('>share( {yp-at-risk-in-care} , {yp-at-risk-of-cce} )</textarea>');
    expect(edit.body).toMatch(/value="higher-is-worse" checked/);
    const refused = await post(`/analysis/custom/${c!.id}`, analyst, form(analyst, { ...VALID, unit: '' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Enter the unit, for example per 10,000 children');
    const changed = await post(
      `/analysis/custom/${c!.id}`,
      analyst,
      form(analyst, { ...VALID, name: 'Renamed' }),
    );
    expect(changed.statusCode).toBe(303);
    expect((await t.deps.customCombinations.get(c!.id)).name).toBe('Renamed');
  });

  it('archives a combination with a CSRF-protected form', async () => {
    const [c] = await t.deps.customCombinations.list();
    const url = `/analysis/custom/${c!.id}/archive`;
    expect((await post(url, analyst, '')).statusCode).toBe(403);
    expect((await post(url, submitter, form(submitter))).statusCode).toBe(403);
    const done = await post(url, analyst, form(analyst));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/analysis/custom?archived=${c!.id}`);
    const list = await get(String(done.headers.location), analyst);
    expect(list.body).toContain('“Renamed” was archived.');
    expect(list.body).toContain('There are no combinations yet.');
    expect(list.body).toContain('Archived combinations (1)');
    const again = await post(url, analyst, form(analyst));
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('was archived');
    const page = await get(`/analysis/custom/${c!.id}`, analyst);
    expect(page.body).toContain('This combination was archived');
    expect(page.body).not.toContain('Archive this combination');
    expect((await get(`/analysis/custom/${c!.id}/edit`, analyst)).statusCode).toBe(400);
  });
});
