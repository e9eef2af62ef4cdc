// Journey: a partner analyst signs in and sees suppressed cells where the agency that owns the figures
// sees the numbers; the partner's download carries exactly the same suppression.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { ensureBuiltIns } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps } from '../../src/deps.ts';
import { findOrganisation } from '../../src/modules/organisations/organisations.builtin.ts';
import { systemActor } from '../../src/platform/actor.ts';
import { countsByArea, submitApproved } from '../support/returns.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { launchBrowser } from './support/browser.ts';

const ctx = systemActor('test');
const DISTRICTS = findOrganisation('essex-police')!.districtCodes;
const VALUES = [2, 14, 9, 1, 22, 17, 3, 11, 0, 8, 19, 6, 25, 30];
const PASSWORD = 'correct horse battery staple';
const PAGE = '/data/svv-related-arrests?period=2026-Q1';

describe('sharing safely in Chromium', () => {
  let handle: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-sharing-e2e-'));
    handle = await createTestDatabase('pglite');
    const deps = buildDeps(
      loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dir } as NodeJS.ProcessEnv),
      handle,
      {
        now: () => new Date('2026-05-20T09:00:00Z'),
      },
    );
    await ensureBuiltIns(deps);
    await submitApproved(deps, {
      organisationId: 'essex-police',
      period: '2026-Q1',
      label: 'essex-q1',
      submittedAt: '2026-04-20T09:00:00Z',
      observations: countsByArea(
        'svv-related-arrests',
        { start: '2026-01-01', end: '2026-03-31' },
        DISTRICTS,
        VALUES,
      ),
    });
    await deps.sharing.add(ctx, {
      reference: 'DSA-E2E',
      title: 'Partnership agreement',
      purpose: 'partnership-analysis',
      dataOwnerIds: ['*'],
      recipientIds: ['*'],
      categories: ['*'],
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
    });
    for (const [username, organisationId, role] of [
      ['partner.analyst', 'norfolk-cc-childrens-services', 'analyst'],
      ['essex.approver', 'essex-police', 'approver'],
    ] as const) {
      await deps.users.add(ctx, {
        username,
        displayName: username,
        password: PASSWORD,
        memberships: [{ organisationId, role }],
      });
    }
    app = await createApp(deps);
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function signedIn(username: string): Promise<Page> {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    await page.goto(base + '/sign-in');
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Sign in' }).click()]);
    return page;
  }

  const tableCells = async (page: Page) => {
    const rows = page.getByTestId('data-table').locator('tbody tr');
    const out: Record<string, string> = {};
    for (let i = 0; i < (await rows.count()); i++) {
      out[await rows.nth(i).locator('th').innerText()] = await rows.nth(i).locator('td').first().innerText();
    }
    return out;
  };

  let partnerView: Record<string, string>;

  it('shows the partner analyst suppressed cells, and the download carries the same suppression', async () => {
    const page = await signedIn('partner.analyst');
    await page.goto(base + PAGE);
    expect(await page.getByTestId('tier').innerText()).toContain('Partnership view');
    partnerView = await tableCells(page);
    expect(partnerView['Basildon']).toBe('[c]');
    expect(partnerView['Castle Point']).toBe('[c]');
    expect(partnerView['Maldon']).toBe('0');
    expect(Object.values(partnerView)).not.toContain('1');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download this table (CSV)' }).click(),
    ]);
    const file = path.join(dir, 'partner.csv');
    await download.saveAs(file);
    const records = parse(fs.readFileSync(file, 'utf8'), { comment: '#', columns: true }) as Record<
      string,
      string
    >[];
    const exported = Object.fromEntries(records.map((r) => [r.area_name!, r.total!]));
    for (const [area, shown] of Object.entries(partnerView)) expect(exported[area.trim()]).toBe(shown);
  });

  it('shows the agency that owns the figures the numbers themselves', async () => {
    const page = await signedIn('essex.approver');
    await page.goto(base + PAGE);
    expect(await page.getByTestId('tier').innerText()).toContain('own figures');
    const own = await tableCells(page);
    expect(own['Basildon']).toBe('2');
    expect(own['Castle Point']).toBe('1');
    const suppressedForPartner = Object.keys(partnerView).filter((a) => partnerView[a] === '[c]');
    expect(suppressedForPartner.length).toBeGreaterThan(2);
    for (const area of suppressedForPartner) expect(own[area]).toMatch(/^\d+$/);
  });
});
