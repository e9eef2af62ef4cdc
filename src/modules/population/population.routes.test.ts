// The population denominators page: the programme team uploads ONS estimates (multipart with the CSRF
// token), sees problems as a GOV.UK error summary, and can go back to File 6; no one else may.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFor, type TestSession } from '../../../test/support/sessions.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { DISTRICTS } from '../geography/geography.builtin.ts';
import { makeTempDir, removeTempDirs, setCell, wideRows, writeCsv } from './population.test-files.ts';

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = `----clmd${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('population denominators page', { timeout: 60_000 }, () => {
  let t: TestApp;
  let admin: TestSession;
  let analyst: TestSession;
  const dir = makeTempDir();
  const good = () => fs.readFileSync(writeCsv(dir, 'mye2-persons.csv', wideRows()));

  beforeAll(async () => {
    t = await createTestApp();
    admin = await sessionFor(t.deps, 'programme_admin');
    analyst = await sessionFor(t.deps, 'analyst', 'essex-police');
  });
  afterAll(async () => {
    await t.close();
    removeTempDirs();
  });

  const upload = (
    session: TestSession,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer },
    csrf = true,
  ) => {
    const body = multipart(fields, file);
    return t.app.inject({
      method: 'POST',
      url: `/reference/population${csrf ? `?_csrf=${encodeURIComponent(session.csrf)}` : ''}`,
      headers: { ...session.headers, 'content-type': body.contentType },
      payload: body.payload,
    });
  };

  it('shows the programme team what is in use and the upload form with its CSRF token', async () => {
    const res = await t.app.inject({ url: '/reference/population', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(
      'Rates are per 10,000 children aged 0 to 15 (mid-2015, English Indices of Deprivation 2019 File 6).',
    );
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain(`<input type="hidden" name="_csrf" value="${admin.csrf}">`);
  });

  it('refuses a bad file with a GOV.UK error summary naming file, row and column; nothing changes', async () => {
    const rows = setCell(wideRows(), 'E07000066', '5', 'lots');
    const res = await upload(
      admin,
      { _csrf: admin.csrf, year: '2022' },
      { name: 'bad.csv', content: fs.readFileSync(writeCsv(dir, 'bad.csv', rows)) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    const line = 5 + DISTRICTS.findIndex((d) => d.code === 'E07000066');
    expect(res.body).toContain(`bad.csv, row ${line}, column J (5): &quot;lots&quot; is not a number`);
    expect((await t.deps.population.status()).inUse).toBe('file6');

    const noYear = await upload(
      admin,
      { _csrf: admin.csrf, year: '' },
      { name: 'mye2-persons.csv', content: good() },
    );
    expect(noYear.statusCode).toBe(400);
    expect(noYear.body).toContain('href="#year"');
    expect(noYear.body).toContain('govuk-input--error');

    // A form that is not multipart (as the role matrix posts) is answered, not an error.
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: `/reference/population?_csrf=${encodeURIComponent(admin.csrf)}`,
      headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(notMultipart.statusCode).toBe(400);
    expect(notMultipart.body).toContain('Select a file of ONS mid-year estimates to upload');

    const noFile = await upload(admin, { _csrf: admin.csrf, year: '2022' });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.body).toContain('Select a file to upload');
  });

  it('checks a file without using it when asked', async () => {
    const res = await upload(
      admin,
      { _csrf: admin.csrf, year: '2022', dryRun: 'yes' },
      { name: 'mye2-persons.csv', content: good() },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('passed the checks. Nothing was imported');
    expect((await t.deps.population.status()).inUse).toBe('file6');
  });

  it('puts a good file in use, audited', async () => {
    const res = await upload(
      admin,
      { _csrf: admin.csrf, year: '2022' },
      { name: 'mye2-persons.csv', content: good() },
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /Rates now use children aged 0 to 17 \(ONS mid-2022 estimates, uploaded \d+ \w+ \d{4}\)\./,
    );
    const page = await t.app.inject({ url: '/reference/population', headers: admin.headers });
    expect(page.body).toContain('Rates are per 10,000 children aged 0 to 17 (ONS mid-2022 estimates');
    expect(page.body).toContain('Stop using these estimates');
    const status = await t.deps.population.status();
    const events = await t.deps.auditRepository.listForSubject(
      t.deps.db,
      'population_import',
      String(status.current!.importId),
    );
    expect(events.map((e) => [e.action, e.origin.startsWith('web')])).toEqual([['population.import', true]]);
  });

  it('refuses a form without the CSRF token', async () => {
    const res = await upload(admin, { year: '2022' }, { name: 'mye2-persons.csv', content: good() }, false);
    expect(res.statusCode).toBe(403);
  });

  it('refuses everyone else, changing nothing, and sends visitors to sign in', async () => {
    const before = await t.deps.population.status();
    expect((await t.app.inject({ url: '/reference/population', headers: analyst.headers })).statusCode).toBe(
      403,
    );
    const res = await upload(
      analyst,
      { _csrf: analyst.csrf, year: '2021' },
      { name: 'mye2-persons.csv', content: good() },
    );
    expect(res.statusCode).toBe(403);
    const removal = await t.app.inject({
      method: 'POST',
      url: '/reference/population/remove',
      headers: { ...analyst.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(analyst.csrf)}`,
    });
    expect(removal.statusCode).toBe(403);
    expect((await t.deps.population.status()).history).toEqual(before.history);
    const anonymous = await t.app.inject({ url: '/reference/population' });
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Freference%2Fpopulation');
  });

  it('goes back to File 6 when the programme team removes the upload', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/reference/population/remove',
      headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(admin.csrf)}`,
    });
    expect(res.statusCode).toBe(303);
    const page = await t.app.inject({ url: res.headers.location as string, headers: admin.headers });
    expect(page.body).toContain('Rates use File 6 again.');
    expect(page.body).toContain('Rates are per 10,000 children aged 0 to 15');
    expect(page.body).toMatch(/Removed [^<]* by Test programme_admin</);
    const again = await t.app.inject({
      method: 'POST',
      url: '/reference/population/remove',
      headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${encodeURIComponent(admin.csrf)}`,
    });
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('nothing to remove');
  });
});
