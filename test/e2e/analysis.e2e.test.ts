// Journey: a partner analyst signs in to a platform holding the real reference data and the synthetic
// demo, opens the analysis pages, changes the risk map's weights and sees the classes move (map and
// table agreeing), explores an indicator (map, trend table, download) and reads each combination. Every
// page is checked for inline script and for the basics of accessibility on the way.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ensureBuiltIns, seedDemo } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { csvTables } from '../support/html-tables.ts';
import { SHARED_DATA_DIR } from '../support/reference-files.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { launchBrowser } from './support/browser.ts';

/** 2026-Q1 has ended; the demo agreements are in force. */
const TODAY = new Date('2026-05-20T09:00:00Z');
const ANALYST = { username: 'demo.analyst', password: 'clmd-demo-analyst' };
const INDICATOR = {
  id: 'yp-drug-arrests-by-area',
  name: 'No. of arrests of YP on drug-related charges (by area)',
};
const COMBINATIONS = [
  { id: 'btp-insights', link: '1. Insights from British Transport Police' },
  { id: 'education-and-missing', link: '2. Education settings and missing episodes' },
  { id: 'nrm-efficacy', link: '4. Establishing efficacy of NRM usage' },
];

/** What the basic checks found on one page, by kind. */
interface PageCheck {
  url: string;
  problems: string[];
  /** Tables without a caption (kept apart: a table's heading may stand in for one). */
  uncaptioned: string[];
}

/**
 * Run in the page (as text: the project's TypeScript has no DOM types): exactly one h1; no script but
 * the GOV.UK template's nonce-carrying one, no event-handler attributes or javascript: links; every
 * table with column headers; every field with a label; every chart with an accessible name.
 */
const CHECK_IN_PAGE = `(() => {
  const problems = [];
  const h1s = document.querySelectorAll('h1').length;
  if (h1s !== 1) problems.push(h1s + ' h1 elements');
  if (!document.documentElement.lang) problems.push('no lang on <html>');
  if (!document.title.trim()) problems.push('no title');

  const inline = [...document.querySelectorAll('script:not([src])')];
  for (const s of inline) {
    if (!s.nonce || !(s.textContent || '').includes('govuk-frontend-supported')) {
      problems.push('inline script: ' + (s.textContent || '').slice(0, 60));
    }
  }
  if (inline.length > 1) problems.push(inline.length + ' inline scripts');
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) problems.push(el.tagName + ' has ' + a.name);
      if (/^\\s*javascript:/i.test(a.value)) problems.push(el.tagName + ' ' + a.name + '=' + a.value);
    }
  }

  const uncaptioned = [];
  document.querySelectorAll('table').forEach((t, i) => {
    const name = t.getAttribute('data-testid') || 'table ' + (i + 1);
    if (!(t.querySelector('caption')?.textContent || '').trim()) uncaptioned.push(name);
    const headers = [...t.querySelectorAll('thead th[scope="col"]')];
    if (!headers.length) problems.push(name + ' has no column headers');
    if (headers.some((h) => !h.textContent.trim())) problems.push(name + ' has an empty column header');
  });

  const fields = document.querySelectorAll(
    'input:not([type="hidden"]):not([type="submit"]):not([type="button"]), select, textarea',
  );
  for (const f of fields) {
    const labels = [...(f.labels || [])];
    const named = labels.some((l) => l.textContent.trim()) || f.hasAttribute('aria-label') || f.hasAttribute('aria-labelledby');
    if (!named) problems.push('field ' + (f.name || f.id) + ' has no label');
  }

  document.querySelectorAll('svg[role="img"]').forEach((svg) => {
    const ids = (svg.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const named = ids.some((id) => (document.getElementById(id)?.textContent || '').trim()) || svg.hasAttribute('aria-label');
    if (!named) problems.push('chart ' + svg.id + ' has no accessible name');
  });
  return { problems, uncaptioned };
})()`;

describe('analysis in Chromium', () => {
  let handle: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let dir: string;
  const consoleErrors: string[] = [];
  const checks: PageCheck[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-analysis-e2e-'));
    handle = await createTestDatabase('pglite');
    const deps = buildDeps(
      loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: path.join(dir, 'data') } as NodeJS.ProcessEnv),
      handle,
      { now: () => TODAY },
    );
    await ensureBuiltIns(deps);
    // The real reference data from ../shared/data (read in place, never copied into the project).
    await deps.geography.importReference(systemActor('test'), SHARED_DATA_DIR);
    // Five quarters of the synthetic demo: enough for the 12-month windows and a five-point trend.
    await seedDemo(deps, systemActor('test-demo'), { quarters: 5 }, () => {});
    app = await createApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => consoleErrors.push(`${page.url()}: ${e.message}`));
    await page.goto(base + '/sign-in');
    await page.getByLabel('Username').fill(ANALYST.username);
    await page.getByLabel('Password').fill(ANALYST.password);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function check(): Promise<void> {
    const found = await page.evaluate<Omit<PageCheck, 'url'>>(CHECK_IN_PAGE);
    checks.push({ url: page.url().slice(base.length), ...found });
  }

  /** Each district's class as the table gives it and as the map draws it. */
  async function riskClasses(): Promise<{ table: Map<string, string>; map: Map<string, string> }> {
    const table = await page
      .getByTestId('risk-table')
      .locator('tbody tr[data-code]')
      .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-code')!, r.getAttribute('data-class')!]));
    const map = await page
      .getByTestId('risk-map')
      .locator('path.clmd-chart-area[data-code]')
      .evaluateAll((paths) =>
        paths.map((p) => [p.getAttribute('data-code')!, p.getAttribute('data-class') ?? 'none']),
      );
    return {
      table: new Map(table as [string, string][]),
      map: new Map(map as [string, string][]),
    };
  }

  it('opens the risk map from the analysis page, changes the weights and sees the classes update', async () => {
    await page.goto(base + '/analysis');
    expect(await page.locator('h1').innerText()).toBe('Analysis');
    await check();
    await Promise.all([
      page.waitForURL(`${base}/analysis/risk-map`),
      page.getByRole('link', { name: '3. Mapping areas at most risk of County Lines' }).click(),
    ]);
    await check();
    expect(await page.getByTestId('synthetic-notice').count()).toBe(1);
    const before = await riskClasses();
    expect(before.table.size).toBeGreaterThanOrEqual(30);
    expect(before.map).toEqual(before.table);
    expect([...before.table.values()]).not.toContain('none');

    // Deprivation alone decides the index.
    for (const [id, value] of [
      ['w-drug-arrests', '0'],
      ['w-missing', '0'],
      ['w-crime', '0'],
      ['w-deprivation', '5'],
    ] as const) {
      await page.locator(`#${id}`).fill(value);
    }
    await Promise.all([page.waitForURL(/w-deprivation=5/), page.getByTestId('update-map').click()]);
    await check();
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);
    expect(await page.locator('#w-deprivation').inputValue()).toBe('5');
    expect(await page.locator('#w-missing').inputValue()).toBe('0');
    const after = await riskClasses();
    expect(after.map).toEqual(after.table);
    expect([...after.table.keys()].sort()).toEqual([...before.table.keys()].sort());
    const changed = [...after.table].filter(([code, c]) => before.table.get(code) !== c);
    expect(changed.length).toBeGreaterThan(0);
    // The table's class column says the same as its data-class.
    const shown = await page
      .getByTestId('risk-table')
      .locator('tbody tr')
      .first()
      .getByTestId('class')
      .innerText();
    expect(shown.length).toBeGreaterThan(0);
    expect(await page.getByTestId('reading').locator('li').count()).toBeGreaterThan(0);
  });

  it('explores an indicator: the map, the trend table for another area, and the download', async () => {
    await page.goto(base + '/analysis');
    await Promise.all([
      page.waitForURL(`${base}/analysis/indicators/${INDICATOR.id}`),
      page.getByRole('link', { name: INDICATOR.name, exact: true }).click(),
    ]);
    await check();
    expect(await page.locator('h1').innerText()).toBe(INDICATOR.name);
    expect(await page.getByTestId('tier').innerText()).toContain('Partnership view');
    // The map: a shape for every district, each with a rate or a symbol for its label.
    const districts = page.locator('svg.clmd-chart--map path.clmd-chart-area[data-code]');
    expect(await districts.count()).toBeGreaterThanOrEqual(30);

    // The trend table: twelve periods for the Pathfinder, then for another area chosen in the form.
    const series = page.getByTestId('series-table');
    expect(await series.locator('tbody tr').count()).toBe(12);
    expect(await series.locator('tbody tr th').last().innerText()).toBe('2026-Q1');
    await page.getByLabel('Trend for').selectOption({ label: 'Norwich' });
    await Promise.all([
      page.waitForURL(/area=E07000148/),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    await check();
    expect(await series.locator('caption').innerText()).toContain('Norwich');
    expect(await series.locator('tbody tr').count()).toBe(12);
    const norwichLast = await series.locator('tbody tr').last().locator('td').first().innerText();

    // The table as shown, by area, against the download.
    const rows = page.getByTestId('analysis-table').locator('tbody tr[data-code]');
    const shown = new Map(
      (await rows.evaluateAll((trs) =>
        trs.map((tr) => [tr.getAttribute('data-code')!, tr.querySelector('td')!.textContent!.trim()]),
      )) as [string, string][],
    );
    expect(shown.get('E07000148')).toBe(norwichLast);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'this table (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`clmd-${INDICATOR.id}-2026-Q1-table.csv`);
    const file = path.join(dir, 'indicator.csv');
    await download.saveAs(file);
    const [table] = csvTables(fs.readFileSync(file, 'utf8'));
    expect(table!.notes.join(' ')).toContain('SYNTHETIC DEMO DATA');
    // The download gives the count as a number and its markers ([p], [r]) in a column of their own.
    const exported = new Map(
      table!.rows.map((r) => [r.area_code!, [r.count!, r.count_markers ?? ''].join(' ').trim()]),
    );
    expect([...exported.keys()].sort()).toEqual([...shown.keys()].sort());
    for (const [code, count] of shown) expect(exported.get(code), code).toBe(count.replace(/,/g, ''));
  });

  it.each(COMBINATIONS)('opens the $id combination and reads what the figures say', async ({ id, link }) => {
    await page.goto(base + '/analysis');
    await Promise.all([
      page.waitForURL(`${base}/analysis/combinations/${id}`),
      page.getByRole('link', { name: link }).click(),
    ]);
    await check();
    const reading = await page.getByTestId('reading').locator('li').allInnerTexts();
    expect(reading.length).toBeGreaterThan(0);
    expect(reading.every((r) => r.trim().length > 10)).toBe(true);
    expect(await page.getByTestId('inputs').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('table[data-testid^="measure-"]').count()).toBeGreaterThan(0);
  });

  it('shows every page with one h1, labelled fields, table headers, named charts and no inline script', () => {
    expect(checks.map((c) => c.url)).toEqual(
      expect.arrayContaining([
        '/analysis',
        '/analysis/risk-map',
        ...COMBINATIONS.map((c) => `/analysis/combinations/${c.id}`),
      ]),
    );
    expect(checks.filter((c) => c.problems.length)).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('gives every table a caption', () => {
    expect(checks.filter((c) => c.uncaptioned.length)).toEqual([]);
  });
});
