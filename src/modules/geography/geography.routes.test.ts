import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../../test/support/reference-files.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { databaseKinds } from '../../../test/support/test-db.ts';
import { systemActor } from '../../platform/actor.ts';

describe.each(databaseKinds)('area pages [%s]', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('shows the built-in districts and how to import before any reference data is imported', async () => {
    const res = await t.app.inject('/areas');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('clmd reference import DIR');
    expect(res.body).toContain('<caption class="govuk-table__caption govuk-table__caption--m">Norfolk');
    expect(res.body).toContain('href="/areas/E07000148">Norwich</a>');
    expect(res.body).toContain('[x]');
  });

  it('lists the four localities with their districts and deprivation after an import', async () => {
    await t.deps.geography.importReference(systemActor('test'), SHARED_DATA_DIR);
    const res = await t.app.inject('/areas');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('clmd reference import DIR');
    for (const locality of [
      'Norfolk',
      'Suffolk',
      'Cambridgeshire and Peterborough',
      'Essex, Southend-on-Sea and Thurrock',
    ]) {
      expect(res.body).toContain(`govuk-table__caption--m">${locality} <span`);
    }
    expect(res.body.match(/<tr class="govuk-table__row">\s*<th scope="row"/g)?.length).toBeGreaterThanOrEqual(
      32,
    );
    expect(res.body).toContain('scope="col" class="govuk-table__header govuk-table__header--numeric"');
    // Norwich: IMD rank of average rank 61 of 317; 20.5% of LSOAs in the most deprived 10%; 23,476 children.
    expect(res.body).toMatch(/Norwich<\/a><\/th>[\s\S]*?>61<\/td>[\s\S]*?>20\.5%<\/td>[\s\S]*?>23,476<\/td>/);
    expect(res.body).toContain(
      'Contains public sector information licensed under the Open Government Licence v3.0.',
    );
    expect(res.body).toContain('mid-2015');
  });

  it("shows a district's facts, File 10 figures and wards with breadcrumbs", async () => {
    const res = await t.app.inject('/areas/E07000148');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1 class="govuk-heading-l">Norwich</h1>');
    expect(res.body).toContain('Norfolk Constabulary');
    expect(res.body).toContain('govuk-breadcrumbs');
    expect(res.body).toContain('href="/areas#loc-norfolk"');
    expect(res.body).toContain('Indices of Deprivation 2019: district summary');
    expect(res.body).toMatch(/Wards \(May 2025\): \d+/);
    expect(res.body).toContain('Bowthorpe');
    expect(res.body).toContain(
      'Contains public sector information licensed under the Open Government Licence v3.0.',
    );
  });

  it('answers an unknown area code with a 404 page', async () => {
    const res = await t.app.inject('/areas/E07999999');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('There is no district with the code E07999999');
    expect((await t.app.inject('/areas/%3Cscript%3E')).statusCode).toBe(404);
  });
});
