// Journey: a Norfolk Constabulary analyst opens the 2026-Q1 return, downloads the Excel template, fills
// it in (with two mistakes), uploads it, reads the problems, fixes them, submits, and an approver
// approves it; the completeness page then shows the return as received late.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ensureBuiltIns } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { launchBrowser } from './support/browser.ts';

const ORG = 'norfolk-constabulary';
const PERIOD = '2026-Q1';
/** 2026-Q1 was due on 30 April 2026, so a return first sent on this day is late. */
const TODAY = new Date('2026-05-10T09:30:00Z');
const DRUG = 'drug-related-violent-crimes';
const OUT_OF_AREA = 'out-of-area-arrests';
const SCREENSHOT = '/tmp/returns-errors.png';
const USERNAME = 'norfolk.approver';
const PASSWORD = 'correct horse battery staple';

describe('sending a quarterly return in Chromium', () => {
  let handle: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let dir: string;
  let template: string;
  let fixed: string;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-returns-e2e-'));
    handle = await createTestDatabase('pglite');
    const config = loadConfig({
      NODE_ENV: 'test',
      CLMD_DATA_DIR: path.join(dir, 'data'),
    } as NodeJS.ProcessEnv);
    const deps = buildDeps(config, handle, { now: () => TODAY });
    await ensureBuiltIns(deps);
    await deps.users.add(systemActor('test'), {
      username: USERNAME,
      displayName: 'Norfolk approver',
      password: PASSWORD,
      memberships: [{ organisationId: ORG, role: 'approver' }],
    });
    app = await createApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // A refused upload is answered 400 on purpose (the report page, with the problems); Chromium logs
      // every 4xx document it loads. Any other failed load is still an error.
      const refusedUpload =
        m.text().includes('status of 400') && m.location().url.startsWith(`${base}${returnPath}/upload`);
      if (!refusedUpload) consoleErrors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const returnPath = `/returns/${ORG}/${PERIOD}`;
  const status = () => page.getByTestId('return-status').innerText();

  // --- the workbook, as a person fills it in LibreOffice -------------------------------------------

  function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** The row for an area: the total, or the row whose breakdown column holds `breakdown`. */
  function rowFor(sheet: ExcelJS.Worksheet, area: string, breakdown?: string): ExcelJS.Row {
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const first = headers.indexOf('period_end') + 1;
    const last = headers.indexOf('value') - 1;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const codes: unknown[] = [];
      for (let c = first; c <= last; c++) if (row.getCell(c).value !== null) codes.push(row.getCell(c).value);
      const match = breakdown === undefined ? codes.length === 0 : codes.includes(breakdown);
      if (row.getCell(2).value === area && match) return row;
    }
    throw new Error(`no row for ${area} ${breakdown ?? 'total'} in ${sheet.name}`);
  }

  const valueCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount - 1);
  const noteCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount);

  /** Fills the downloaded template and saves it under `name`; `mistakes` puts in -2 and "five". */
  async function fillTemplate(name: string, mistakes: boolean): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    const drug = sheetOf(workbook, DRUG);
    valueCell(rowFor(drug, 'LOC-NORFOLK')).value = 12;
    valueCell(rowFor(drug, 'E07000143')).value = mistakes ? -2 : 2; // Breckland
    valueCell(rowFor(drug, 'E07000148')).value = 6; // Norwich
    noteCell(rowFor(drug, 'E07000148')).value = 'Includes one operation across the city centre';
    const out = sheetOf(workbook, OUT_OF_AREA);
    // Typed as text, as a cell formatted as Text would keep it.
    valueCell(rowFor(out, 'LOC-NORFOLK')).value = mistakes ? 'five' : '5';
    valueCell(rowFor(out, 'LOC-NORFOLK', 'outbound')).value = 3;
    valueCell(rowFor(out, 'LOC-NORFOLK', 'inbound')).value = 2;
    const file = path.join(dir, name);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  async function upload(on: Page, file: string, options: { dryRun?: boolean } = {}): Promise<void> {
    await on.locator('#file').setInputFiles(file);
    if (options.dryRun) await on.getByLabel('Only check the file – do not submit it').check();
    await Promise.all([
      on.waitForURL(`**${returnPath}/upload?**`),
      on.getByRole('button', { name: 'Upload and check' }).click(),
    ]);
  }

  /** Signs in through the sign-in page, as a person would. */
  async function signIn(on: Page): Promise<void> {
    await on.goto(base + '/sign-in');
    await on.getByLabel('Username').fill(USERNAME);
    await on.getByLabel('Password').fill(PASSWORD);
    await Promise.all([on.waitForURL(`${base}/`), on.getByRole('button', { name: 'Sign in' }).click()]);
    expect(await on.getByTestId('signed-in-as').innerText()).toBe('Signed in as Norfolk approver');
  }

  // --- the journey ---------------------------------------------------------------------------------

  it('opens the return from the completeness page and downloads both templates', async () => {
    await page.goto(base + '/returns');
    // Returns are not public: the page asks the visitor to sign in first.
    await page.waitForURL(`**/sign-in?next=%2Freturns`);
    await signIn(page);
    await page.goto(base + '/returns');
    expect(await page.locator('h1').innerText()).toBe('Returns and completeness');
    await page.getByLabel('Organisation').selectOption({ label: 'Norfolk Constabulary' });
    await page.getByLabel('Quarter').fill(PERIOD.toLowerCase());
    await page.getByRole('button', { name: 'Open return' }).click();
    await page.waitForURL(`**${returnPath}`);
    expect(await page.locator('h1').innerText()).toBe(`Norfolk Constabulary: ${PERIOD} return`);
    expect(await status()).toBe('Nothing submitted yet');

    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Excel template (XLSX)' }).click(),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`clmd-return-${ORG}-${PERIOD}.xlsx`);
    template = path.join(dir, xlsx.suggestedFilename());
    await xlsx.saveAs(template);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(template);
    expect(workbook.worksheets[0]?.name).toBe('Guidance');
    expect(workbook.getWorksheet(DRUG)).toBeDefined();

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Long-format CSV template' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe(`clmd-return-${ORG}-${PERIOD}.csv`);
    const csvFile = path.join(dir, csv.suggestedFilename());
    await csv.saveAs(csvFile);
    const text = fs.readFileSync(csvFile, 'utf8');
    expect(text.startsWith('indicator_id,area_code,period_start,period_end,')).toBe(true);
    expect(text).toContain(`${DRUG},E07000143,2026-01-01,2026-03-31,`);
    expect(consoleErrors).toEqual([]);
  });

  it('lists exactly the two mistakes, with sheet, row and column, and submits nothing', async () => {
    const withMistakes = await fillTemplate('filled-with-mistakes.xlsx', true);
    await upload(page, withMistakes);

    expect(await page.locator('h1').innerText()).toBe('Your file has problems');
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.locator('.govuk-error-summary__title').innerText()).toBe(
      'There is a problem with filled-with-mistakes.xlsx',
    );
    expect(await summary.locator('.govuk-error-summary__body > p').innerText()).toBe(
      '2 problems found. Nothing was submitted. Fix them in your file and upload it again.',
    );
    expect(await summary.locator('.govuk-error-summary__list li').allInnerTexts()).toEqual([
      `filled-with-mistakes.xlsx, sheet ${DRUG}, row 3, column F (value): "-2" is less than 0. Enter a whole number of 0 or more, like 12`,
      `filled-with-mistakes.xlsx, sheet ${OUT_OF_AREA}, row 2, column G (value): "five" is not a number. Enter a whole number of 0 or more, like 12`,
    ]);
    const rows = page.getByTestId('problems').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    const cells = async (i: number) => rows.nth(i).locator('td').allInnerTexts();
    expect(await cells(0)).toEqual([
      DRUG,
      '3',
      'F (value)',
      '"-2" is less than 0. Enter a whole number of 0 or more, like 12',
    ]);
    expect(await cells(1)).toEqual([
      OUT_OF_AREA,
      '2',
      'G (value)',
      '"five" is not a number. Enter a whole number of 0 or more, like 12',
    ]);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.getByRole('link', { name: 'Back to the return' }).click();
    await page.waitForURL(`**${returnPath}`);
    expect(await status()).toBe('Nothing submitted yet');
    expect(await page.getByTestId('submissions').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('works without JavaScript (a plain form post): no file, an empty file, then a check-only upload', async () => {
    fixed = await fillTemplate('filled.xlsx', false);
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await signIn(plain);
      await plain.goto(base + returnPath);
      // No file chosen, then an empty file: the error summary links to the file input, whose own
      // message says the same.
      await Promise.all([
        plain.waitForURL(`**${returnPath}/upload?**`),
        plain.getByRole('button', { name: 'Upload and check' }).click(),
      ]);
      const summaryLink = plain.locator('.govuk-error-summary__list a');
      expect(await summaryLink.allInnerTexts()).toEqual(['Select a file to upload']);
      expect(await summaryLink.getAttribute('href')).toBe('#file');
      expect(await plain.locator('#file-error').innerText()).toBe('Error:\nSelect a file to upload');
      const empty = path.join(dir, 'empty.csv');
      fs.writeFileSync(empty, '');
      await upload(plain, empty);
      expect(await summaryLink.allInnerTexts()).toEqual(['The selected file is empty: empty.csv']);

      await plain.goto(base + returnPath);
      await upload(plain, fixed, { dryRun: true });
      expect(await plain.locator('.govuk-panel__title').innerText()).toBe('No problems found');
      expect(await plain.locator('.govuk-panel__body').innerText()).toBe(
        '6 figures from filled.xlsx. Nothing was submitted: this was a check only.',
      );
      await plain.goto(base + returnPath);
      expect(await plain.getByTestId('return-status').innerText()).toBe('Nothing submitted yet');
    } finally {
      await noScript.close();
    }
  });

  it('submits the corrected file: one revision, status Submitted', async () => {
    await page.goto(base + returnPath);
    await upload(page, fixed);
    expect(await page.locator('.govuk-panel__title').innerText()).toBe('Return submitted');
    expect(await page.locator('.govuk-panel__body').innerText()).toBe(
      '6 figures from filled.xlsx. Revision 1',
    );
    expect(await page.locator('.govuk-error-summary').count()).toBe(0);

    await page.getByRole('link', { name: 'Back to the return' }).click();
    await page.waitForURL(`**${returnPath}`);
    expect(await status()).toBe('Submitted');
    const submissions = page.getByTestId('submissions').locator('tbody tr');
    expect(await submissions.count()).toBe(1);
    expect(await submissions.first().locator('th').innerText()).toBe('1');
    const [file, rowCount, warnings, , approved] = await submissions.first().locator('td').allInnerTexts();
    expect(file).toContain('filled.xlsx');
    expect(rowCount).toBe('6');
    expect(warnings).toBe('0');
    expect(approved).toBe('Not yet');
    expect(consoleErrors).toEqual([]);
  });

  it('approves the return, which locks it', async () => {
    await page.getByRole('button', { name: 'Approve this return' }).click();
    await page.waitForURL(`**${returnPath}?done=approve`);
    expect(await status()).toBe('Approved');
    expect(await page.locator('#file').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Upload and check' }).count()).toBe(0);
    expect(await page.locator('.govuk-inset-text').innerText()).toContain(
      'This return is approved and locked',
    );
    expect(await page.getByTestId('history').locator('li').allInnerTexts()).toEqual([
      expect.stringContaining('draft → submitted by Norfolk approver'),
      expect.stringContaining('submitted → approved by Norfolk approver'),
    ]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows the return as received late on the completeness page, and counts it', async () => {
    await page.getByRole('link', { name: 'Returns', exact: true }).first().click();
    await page.waitForURL(`**/returns`);
    const norfolk = page.getByTestId('completeness-LOC-NORFOLK');
    const headers = await norfolk.locator('thead th').allInnerTexts();
    const column = headers.indexOf(PERIOD);
    expect(column).toBeGreaterThan(0);
    const cell = norfolk
      .locator('tbody tr', { has: page.locator('th', { hasText: 'Norfolk Constabulary' }) })
      .locator('td')
      .nth(column - 1);
    expect(await cell.locator('.govuk-tag').innerText()).toBe('Received late');
    expect(await cell.innerText()).toContain('approved');
    expect(await cell.locator('a').getAttribute('href')).toBe(returnPath);

    const rate = page.getByTestId('rates').locator('tbody tr', {
      has: page.locator('th', { hasText: PERIOD }),
    });
    const [expected, received, onTime] = (await rate.locator('td').allInnerTexts()).map((t) => t.trim());
    expect(Number(expected)).toBeGreaterThan(1);
    expect(received).toBe('1');
    expect(onTime).toBe('0');
    expect(await page.getByTestId('overdue').innerText()).not.toContain(`Norfolk Constabulary, ${PERIOD}`);
    expect(consoleErrors).toEqual([]);
  });
});
