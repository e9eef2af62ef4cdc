import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { databaseKinds } from '../../../test/support/test-db.ts';

describe.each(databaseKinds)('catalogue pages [%s]', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists indicators grouped by category, with security headers', async () => {
    const res = await t.app.inject('/catalogue');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self' 'nonce-");
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.body).toContain(
      '<caption class="govuk-table__caption govuk-table__caption--m">Arrests/detentions</caption>',
    );
    expect(res.body).toContain('href="/catalogue/indicators/');
  });

  it("shows an indicator's eight spreadsheet columns and its machine fields", async () => {
    const { indicators } = await t.deps.catalogue.current();
    const first = indicators[0]!;
    const res = await t.app.inject(`/catalogue/indicators/${first.id}`);
    expect(res.statusCode).toBe(200);
    for (const header of [
      'Category',
      'Indicator',
      'Granularity',
      'Source',
      'Data type',
      'Purpose',
      'Caveats',
      'Combinations',
    ]) {
      expect(res.body).toContain(`. ${header}</dt>`);
    }
    expect(res.body).toContain('Reference period');
    expect(res.body).toContain('Provenance');
  });

  it('answers an unknown indicator with a 404 page and a bad version with a 400', async () => {
    const missing = await t.app.inject('/catalogue/indicators/no-such-indicator');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('There is no indicator');
    const bad = await t.app.inject('/catalogue?version=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    const unknownVersion = await t.app.inject('/catalogue?version=99');
    expect(unknownVersion.statusCode).toBe(404);
  });

  it('lists catalogue versions', async () => {
    const res = await t.app.inject('/catalogue/versions');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Version 1');
    expect(res.body).toContain('Built-in catalogue');
  });
});
