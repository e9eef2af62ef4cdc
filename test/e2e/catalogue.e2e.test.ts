// Journey: a new user opens the home page, browses to an indicator and reads its eight columns.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { launchBrowser } from './support/browser.ts';

describe('browsing the catalogue in Chromium', () => {
  let server: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await createTestApp();
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('goes from the home page to an indicator and shows columns A–H', async () => {
    await page.goto(base + '/');
    expect(await page.locator('a.govuk-skip-link').count()).toBe(1);
    expect(await page.locator('h1').innerText()).toBe('County Lines Minimum Dataset');

    await page.getByRole('link', { name: 'The indicator catalogue' }).click();
    expect(await page.locator('h1').innerText()).toBe('Indicator catalogue');
    // Every category table has a caption, so screen readers can tell the tables apart.
    const captions = await page.locator('table.govuk-table caption').allInnerTexts();
    expect(captions).toContain('Arrests/detentions');
    expect(captions).toContain('Missing episodes');

    await page.getByRole('link', { name: 'No. of arrests of YP on drug-related charges (by area)' }).click();
    expect(await page.locator('h1').innerText()).toBe(
      'No. of arrests of YP on drug-related charges (by area)',
    );
    const keys = await page.locator('[data-testid="spreadsheet-columns"] dt').allInnerTexts();
    expect(keys).toEqual([
      'A. Category',
      'B. Indicator',
      'C. Granularity',
      'D. Source',
      'E. Data type',
      'F. Purpose',
      'G. Caveats',
      'H. Combinations',
    ]);
    const values = await page.locator('[data-testid="spreadsheet-columns"] dd').allInnerTexts();
    expect(values[0]).toBe('Arrests/detentions');
    expect(values[3]).toBe('Police');
    expect(values[7]).toContain('Mapping areas at most risk of County Lines');
    expect(consoleErrors).toEqual([]);
  });

  it('keeps the GOV.UK JavaScript working under the Content-Security-Policy', async () => {
    await page.goto(base + '/catalogue');
    const classes = await page.locator('body').getAttribute('class');
    expect(classes).toContain('govuk-frontend-supported');
    expect(consoleErrors).toEqual([]);
  });
});
