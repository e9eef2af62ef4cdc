// The catalogue download links: the right type, a file name with the version, and content that reads back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { BUILT_IN_CATALOGUE } from './catalogue.builtin.ts';
import { readCatalogueFile } from './catalogue.spreadsheet.ts';

describe('catalogue downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['csv', 'text/csv; charset=utf-8'],
    ['json', 'application/json; charset=utf-8'],
  ])('downloads the catalogue as %s', async (format, contentType) => {
    const response = await t.app.inject(`/catalogue/export.${format}?version=1`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(contentType);
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="clmd-catalogue-v1.${format}"`,
    );
    expect(await readCatalogueFile(`download.${format}`, response.rawPayload)).toStrictEqual([
      ...BUILT_IN_CATALOGUE,
    ]);
  });

  it('downloads the current version when none is asked for', async () => {
    const response = await t.app.inject('/catalogue/export.csv');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="clmd-catalogue-v1.csv"');
    expect(response.body.startsWith('\uFEFFCategory,Indicator,')).toBe(true);
  });

  it('says when the version does not exist', async () => {
    expect((await t.app.inject('/catalogue/export.xlsx?version=99')).statusCode).toBe(404);
  });
});
