// The analysis pages and their exports, end to end through the app: the same disclosure control on the
// page and in every download for each tier, nothing recoverable from a rate, interval or total beside a
// suppressed count, the audit trail, and the error pages.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { findBrokenLink } from '../../platform/audit.ts';
import type { AuditRow } from '../../platform/audit.repository.ts';
import { DISTRICTS } from '../geography/geography.builtin.ts';
import { findOrganisation } from '../organisations/organisations.builtin.ts';
import {
  csvTables,
  elementByTestId,
  listItems,
  tableRows,
  textOf,
  xlsxTables,
  type ExportRow,
  type HtmlRow,
} from '../../../test/support/html-tables.ts';
import { SHARED_DATA_DIR } from '../../../test/support/reference-files.ts';
import { countsByArea, submitApproved } from '../../../test/support/returns.ts';
import { sessionFor, type TestSession } from '../../../test/support/sessions.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { databaseKinds } from '../../../test/support/test-db.ts';

const ctx = systemActor('test');
const INDICATOR = 'svv-related-arrests';
const BY_WARD = 'yp-drug-arrests-by-area';
/** The districts Essex Police reports for, Basildon first, Southend-on-Sea and Thurrock last. */
const ESSEX_DISTRICTS = findOrganisation('essex-police')!.districtCodes;
const SUFFOLK_DISTRICTS = DISTRICTS.filter((d) => d.localityCode === 'LOC-SUFFOLK').map((d) => d.code);
// 2026-Q1: one count of 1 to 4 (Basildon's 2), so the partnership rule must protect it with a secondary
// suppression; 6 is safe for partners but not for the public. 2025-Q4: three small counts.
const FIGURES: Record<string, { submittedAt: string; start: string; end: string; values: number[] }> = {
  '2025-Q4': {
    submittedAt: '2026-01-20T09:00:00Z',
    start: '2025-10-01',
    end: '2025-12-31',
    values: [12, 3, 9, 1, 22, 17, 13, 11, 4, 8, 19, 16, 25, 30],
  },
  '2026-Q1': {
    submittedAt: '2026-04-20T09:00:00Z',
    start: '2026-01-01',
    end: '2026-03-31',
    values: [2, 14, 9, 11, 22, 17, 13, 11, 0, 8, 19, 6, 25, 30],
  },
};
const EXPORTS = ['table.csv', 'table.xlsx', 'fingertips.csv', 'fingertips.xlsx'] as const;
const FINGERTIPS_HEADERS = [
  'indicator_id',
  'indicator_name',
  'area_code',
  'area_name',
  'area_type',
  'parent_code',
  'parent_name',
  'sex',
  'age',
  'category_type',
  'category',
  'time_period',
  'value',
  'lower_ci95',
  'upper_ci95',
  'lower_ci99_8',
  'upper_ci99_8',
  'count',
  'denominator',
  'value_note',
  'recent_trend',
  'compared_with_pathfinder',
  'compared_with_locality',
];
const SERIES_2026_Q1 = [
  '2023-Q2',
  '2023-Q3',
  '2023-Q4',
  '2024-Q1',
  '2024-Q2',
  '2024-Q3',
  '2024-Q4',
  '2025-Q1',
  '2025-Q2',
  '2025-Q3',
  '2025-Q4',
  '2026-Q1',
];

/** One area's count and what is derived from it, as text, from the page or an export. */
interface AreaFigures {
  count: string;
  /** Rate and its intervals (the page's intervals as "a to b" text, an export's as four cells). */
  derived: string[];
}

const plain = (text: string) => text.replace(/,/g, '').trim();
/** A count without its [p] / [r] markers (the long export gives them in its value note instead). */
const bare = (text: string) => plain(text.replace(/\[[pr]\]/g, ''));

function fromPage(rows: HtmlRow[]): Map<string, AreaFigures> {
  // Page columns: count, children, rate, 95% interval, 99.8% interval, comparisons, trend.
  return new Map(
    rows.map((r) => [r.attrs['data-code']!, { count: plain(r.cells[0]!), derived: r.cells.slice(2, 5) }]),
  );
}

function fromTableExport(rows: ExportRow[]): Map<string, AreaFigures> {
  return new Map(
    rows.map((r) => [
      r.area_code!,
      {
        // The count as a number, its markers in a column of their own.
        count: plain([r.count!, r.count_markers ?? ''].join(' ')),
        derived: [r.rate_per_10000!, r.lower_95!, r.upper_95!, r.lower_99_8!, r.upper_99_8!],
      },
    ]),
  );
}

function fromFingertips(rows: ExportRow[], period: string): Map<string, AreaFigures> {
  return new Map(
    rows
      .filter((r) => r.time_period === period)
      .map((r) => [
        r.area_code!,
        {
          count: plain(r.count!),
          derived: [r.value!, r.lower_ci95!, r.upper_ci95!, r.lower_ci99_8!, r.upper_ci99_8!],
        },
      ]),
  );
}

const suppressed = (figures: Map<string, AreaFigures>) =>
  [...figures]
    .filter(([, f]) => f.count === '[c]')
    .map(([code]) => code)
    .sort();

describe.each(databaseKinds)('analysis pages and exports [%s]', (kind) => {
  let t: TestApp | undefined;
  let deps: Deps;
  let app: FastifyInstance;
  let essex: TestSession;
  let partner: TestSession;

  beforeAll(async () => {
    t = await createTestApp(kind, { now: () => new Date('2026-05-20T09:00:00Z') });
    ({ deps, app } = t);
    // The real reference data: children aged 0-15 for the rates, wards, boundaries for the maps.
    await deps.geography.importReference(ctx, SHARED_DATA_DIR);
    for (const [period, f] of Object.entries(FIGURES)) {
      await submitApproved(deps, {
        organisationId: 'essex-police',
        period,
        label: `analysis-${period}`,
        submittedAt: f.submittedAt,
        observations: countsByArea(INDICATOR, f, ESSEX_DISTRICTS, f.values),
      });
    }
    // Drug arrests of young people by ward in Suffolk over the 12 months to 2026-Q1 (disclosure control
    // runs on the finest level, so these are ward figures): small counts everywhere, for the ward views.
    const suffolkWards = (await deps.geography.listAreas(['ward'])).filter(
      (a) => a.level === 'ward' && SUFFOLK_DISTRICTS.includes(a.parentCode!),
    );
    await submitApproved(deps, {
      organisationId: 'suffolk-constabulary',
      period: '2026-Q1',
      label: 'analysis-drug-arrests',
      submittedAt: '2026-04-21T09:00:00Z',
      observations: countsByArea(
        BY_WARD,
        { start: '2025-04-01', end: '2026-03-31' },
        suffolkWards.map((w) => w.code),
        suffolkWards.map((_, i) => (i * 7) % 13),
      ),
    });
    await deps.sharing.add(ctx, {
      reference: 'DSA-ANALYSIS-1',
      title: 'Analysis test agreement',
      purpose: 'partnership-analysis',
      dataOwnerIds: ['essex-police', 'suffolk-constabulary'],
      recipientIds: ['norfolk-cc-childrens-services'],
      categories: ['Arrests/detentions'],
      startsOn: '2026-04-01',
      endsOn: '2026-06-30',
    });
    essex = await sessionFor(deps, 'approver', 'essex-police');
    partner = await sessionFor(deps, 'analyst', 'norfolk-cc-childrens-services');
  });
  afterAll(() => t?.close());

  const get = (url: string, session?: TestSession) =>
    app.inject({ url, ...(session ? { headers: session.headers } : {}) });

  /** The indicator page and its four exports for one viewer and period, read into comparable shapes. */
  async function pageAndExports(
    session: TestSession | undefined,
    period: string,
    indicator = INDICATOR,
    level: 'district' | 'ward' = 'district',
  ) {
    const base = `/analysis/indicators/${indicator}`;
    const query = `?period=${period}&level=${level}`;
    const responses = await Promise.all([
      get(base + query, session),
      ...EXPORTS.map((e) => get(`${base}/${e}${query}`, session)),
    ]);
    for (const r of responses) expect(r.statusCode).toBe(200);
    const [page, tableCsv, tableXlsx, ftCsv, ftXlsx] = responses as [
      LightMyRequestResponse,
      ...LightMyRequestResponse[],
    ];
    const csvTable = csvTables(tableCsv!.body)[0]!;
    const xlsxTable = (await xlsxTables(tableXlsx!.rawPayload))[0]!;
    const ftCsvTable = csvTables(ftCsv!.body)[0]!;
    const ftXlsxTable = (await xlsxTables(ftXlsx!.rawPayload))[0]!;
    return {
      html: page.body,
      page: fromPage(tableRows(page.body, 'analysis-table')),
      exports: {
        'table.csv': fromTableExport(csvTable.rows),
        'table.xlsx': fromTableExport(xlsxTable.rows),
        'fingertips.csv': fromFingertips(ftCsvTable.rows, period),
        'fingertips.xlsx': fromFingertips(ftXlsxTable.rows, period),
      },
      notes: { csv: csvTable.notes, xlsx: xlsxTable.notes },
      fingertips: { csv: ftCsvTable, xlsx: ftXlsxTable },
    };
  }

  type Read = Awaited<ReturnType<typeof pageAndExports>>;

  /** Every export shows exactly the page's counts, area by area, [c] where the page has [c]. */
  function expectExportsMatchPage(read: Read) {
    for (const [name, exported] of Object.entries(read.exports)) {
      expect([...exported.keys()].sort(), name).toEqual([...read.page.keys()].sort());
      const long = name.startsWith('fingertips');
      for (const [code, shown] of read.page) {
        const count = exported.get(code)!.count;
        if (long) expect(bare(count), `${name} ${code}`).toBe(bare(shown.count));
        else expect(count, `${name} ${code}`).toBe(shown.count);
      }
      expect(suppressed(exported), name).toEqual(suppressed(read.page));
    }
  }

  /** Beside a [c] count, every rate and interval is [c] or empty, on the page and in every export. */
  function expectNothingDerivedFromSuppressed(read: Read) {
    for (const [name, figures] of [['page', read.page], ...Object.entries(read.exports)] as const) {
      for (const [code, f] of figures) {
        if (f.count !== '[c]') continue;
        for (const d of f.derived) expect(['[c]', ''], `${name} ${code}: "${d}"`).toContain(d);
      }
    }
  }

  /**
   * A total shown beside exactly one suppressed part gives that part away by subtraction: under each
   * shown total (the Pathfinder's, a locality's) there must be no suppressed part or at least two.
   */
  function expectNoTotalGivesAwayOnePart(read: Read, period: string) {
    const rows = read.fingertips.csv.rows.filter((r) => r.time_period === period);
    const figures = read.exports['fingertips.csv'];
    for (const parent of rows) {
      if (figures.get(parent.area_code!)!.count === '[c]') continue;
      const children = rows.filter((r) => r.parent_code === parent.area_code);
      const hidden = children.filter((r) => figures.get(r.area_code!)!.count === '[c]');
      expect(hidden.length, `${parent.area_name} has one suppressed part`).not.toBe(1);
    }
  }

  describe('the indicator page and its exports carry the same disclosure control', () => {
    it('shows the agency that owns the figures its own numbers, in full, everywhere', async () => {
      const read = await pageAndExports(essex, '2026-Q1');
      expect(textOf(elementByTestId(read.html, 'tier', 'div') ?? '')).toContain(
        'your organisation’s own figures',
      );
      ESSEX_DISTRICTS.forEach((code, i) => {
        expect(read.page.get(code)!.count).toBe(String(FIGURES['2026-Q1']!.values[i]));
      });
      expect(suppressed(read.page)).toEqual([]);
      expectExportsMatchPage(read);
      expect(read.notes.csv.join(' ')).toContain('Tier: own-organisation');
    });

    it.each(['2026-Q1', '2025-Q4'])(
      'shows a partner the partnership rule in %s: 1 to 4 and a secondary cell suppressed, the same in every export',
      async (period) => {
        const read = await pageAndExports(partner, period);
        expect(textOf(elementByTestId(read.html, 'tier', 'div') ?? '')).toContain('Partnership view');
        const values = FIGURES[period]!.values;
        const small = ESSEX_DISTRICTS.filter((_, i) => values[i]! >= 1 && values[i]! <= 4);
        const hidden = suppressed(read.page);
        for (const code of small) expect(hidden).toContain(code);
        // Every other count the partner sees is the agency's own number, and none is 1 to 4.
        ESSEX_DISTRICTS.forEach((code, i) => {
          const shown = read.page.get(code)!.count;
          if (shown !== '[c]') expect(shown).toBe(String(values[i]));
        });
        for (const f of read.page.values()) expect(['1', '2', '3', '4']).not.toContain(f.count);
        if (small.length === 1) expect(hidden.length).toBeGreaterThan(1); // the secondary suppression
        ESSEX_DISTRICTS.forEach((code, i) => {
          if (values[i] === 0) expect(read.page.get(code)!.count).toBe('0'); // zeros are shown
        });
        expectExportsMatchPage(read);
        expectNothingDerivedFromSuppressed(read);
        expectNoTotalGivesAwayOnePart(read, period);
        expect(read.notes.csv.join(' ')).toContain('Tier: partnership');
      },
    );

    it('shows anyone else the public rule: 1 to 7 suppressed, others multiples of 5, the same in every export', async () => {
      const read = await pageAndExports(undefined, '2026-Q1');
      expect(textOf(elementByTestId(read.html, 'tier', 'div') ?? '')).toContain('Public view');
      const values = FIGURES['2026-Q1']!.values;
      const hidden = suppressed(read.page);
      ESSEX_DISTRICTS.forEach((code, i) => {
        if (values[i]! >= 1 && values[i]! <= 7) expect(hidden).toContain(code);
      });
      for (const [code, f] of read.page) {
        if (f.count === '[c]' || f.count === '[x]') continue;
        expect(Number(f.count) % 5, `${code}: ${f.count}`).toBe(0);
      }
      expectExportsMatchPage(read);
      expectNothingDerivedFromSuppressed(read);
      for (const [name, figures] of Object.entries(read.exports)) {
        for (const f of figures.values()) {
          if (!['[c]', '[x]'].includes(f.count)) expect(Number(f.count) % 5, name).toBe(0);
        }
      }
      // A rate comes from the rounded count, so multiplying it back gives the rounded count, not the real one.
      for (const r of csvTables(
        (await get(`/analysis/indicators/${INDICATOR}/table.csv?period=2026-Q1`)).body,
      )[0]!.rows) {
        if (r.count === '[c]' || r.count === '[x]' || !r.children || r.rate_per_10000 === '') continue;
        const back = (Number(r.rate_per_10000) * Number(r.children)) / 10_000;
        expect(Math.abs(back - Number(plain(r.count!))), `${r.area_name}`).toBeLessThan(0.01);
      }
    });
  });

  describe('the same disclosure control by ward', () => {
    it('gives a partner the partnership rule down to wards, the same in every export, with no total giving a ward away', async () => {
      const read = await pageAndExports(partner, '2026-Q1', BY_WARD, 'ward');
      expect(textOf(elementByTestId(read.html, 'tier', 'div') ?? '')).toContain('Partnership view');
      const wards = [...read.page.keys()].filter((c) => c.startsWith('E05'));
      expect(wards.length).toBeGreaterThan(100);
      expect(suppressed(read.page).length).toBeGreaterThan(10);
      for (const f of read.page.values()) expect(['1', '2', '3', '4']).not.toContain(f.count);
      expectExportsMatchPage(read);
      expectNothingDerivedFromSuppressed(read);
      expectNoTotalGivesAwayOnePart(read, '2026-Q1');
      expect(read.html).toContain('Rate by ward');
      expect(read.html).toMatch(/<path\b[^>]*data-code="E05\d{6}"/);
    });

    it('gives anyone else the public rule down to wards, the same in every export', async () => {
      const read = await pageAndExports(undefined, '2026-Q1', BY_WARD, 'ward');
      expect(textOf(elementByTestId(read.html, 'tier', 'div') ?? '')).toContain('Public view');
      for (const [code, f] of read.page) {
        if (f.count !== '[c]' && f.count !== '[x]') expect(Number(f.count) % 5, code).toBe(0);
      }
      expectExportsMatchPage(read);
      expectNothingDerivedFromSuppressed(read);
    });
  });

  describe('the Fingertips export', () => {
    it.each(['csv', 'xlsx'])(
      'has the documented columns and one row per area and period (%s)',
      async (format) => {
        const url = `/analysis/indicators/${INDICATOR}/fingertips.${format}?period=2026-Q1`;
        const res = await get(url, partner);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-disposition']).toContain(
          `clmd-${INDICATOR}-2026-Q1-fingertips.${format}`,
        );
        const table = format === 'csv' ? csvTables(res.body)[0]! : (await xlsxTables(res.rawPayload))[0]!;
        expect(table.headers).toEqual(FINGERTIPS_HEADERS);
        const areas = tableRows(
          (await get(`/analysis/indicators/${INDICATOR}?period=2026-Q1`, partner)).body,
          'analysis-table',
        );
        expect(table.rows.length).toBe(areas.length * SERIES_2026_Q1.length);
        const keys = new Set(table.rows.map((r) => `${r.area_code}|${r.time_period}`));
        expect(keys.size).toBe(table.rows.length);
        for (const a of areas) {
          for (const p of SERIES_2026_Q1)
            expect(keys.has(`${a.attrs['data-code']}|${p}`), `${a.header} ${p}`).toBe(true);
        }
        for (const r of table.rows) {
          expect(r.indicator_id).toBe(INDICATOR);
          expect(r.sex).toBe('Persons');
          // Only the latest period carries the trend and the comparisons.
          if (r.time_period !== '2026-Q1') expect(r.recent_trend).toBe('');
          else expect(r.recent_trend).not.toBe('');
          if (r.count === '[c]') expect(r.value_note).toContain('[c]');
        }
        const basildon = table.rows.find((r) => r.area_code === 'E07000066' && r.time_period === '2026-Q1')!;
        expect(basildon.parent_name).toBe('Essex, Southend-on-Sea and Thurrock');
        expect(basildon.area_type).toBe('District');
        expect(Number(basildon.denominator)).toBeGreaterThan(10_000);
      },
    );
  });

  describe('the audit trail', () => {
    async function newEvents(act: () => Promise<LightMyRequestResponse>): Promise<AuditRow[]> {
      const before = (await deps.auditRepository.listAll(deps.db)).length;
      const res = await act();
      expect(res.statusCode).toBe(200);
      return (await deps.auditRepository.listAll(deps.db)).slice(before);
    }

    it('records one data.view for a partner opening an indicator page, one data.export per download', async () => {
      const viewed = await newEvents(() => get(`/analysis/indicators/${INDICATOR}?period=2026-Q1`, partner));
      expect(viewed.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
        ['data.view', 'indicator', INDICATOR],
      ]);
      expect(viewed[0]!.details).toMatchObject({
        period: '2026-Q1',
        tier: 'partnership',
        owners: ['essex-police'],
      });
      for (const e of EXPORTS) {
        const exported = await newEvents(() =>
          get(`/analysis/indicators/${INDICATOR}/${e}?period=2026-Q1`, partner),
        );
        expect(
          exported.map((x) => [x.action, x.subject_type, x.subject_id]),
          e,
        ).toEqual([['data.export', 'indicator', INDICATOR]]);
      }
      // No figure is written into the trail.
      expect(JSON.stringify(viewed[0]!.details)).not.toMatch(/"(22|30|25)"/);
      expect(findBrokenLink(await deps.auditRepository.listAll(deps.db))).toBeUndefined();
    });

    it.each(['btp-insights', 'education-and-missing', 'nrm-efficacy'])(
      'records one data.view and one data.export for a partner on the %s combination',
      async (id) => {
        const viewed = await newEvents(() => get(`/analysis/combinations/${id}?period=2026-Q1`, partner));
        expect(viewed.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
          ['data.view', 'combination', id],
        ]);
        for (const format of ['csv', 'xlsx']) {
          const exported = await newEvents(() =>
            get(`/analysis/combinations/${id}/export.${format}?period=2026-Q1`, partner),
          );
          expect(exported.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
            ['data.export', 'combination', id],
          ]);
        }
      },
    );

    it('records one data.view and one data.export for a partner on the risk map', async () => {
      const viewed = await newEvents(() => get('/analysis/risk-map?period=2026-Q1', partner));
      expect(viewed.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
        ['data.view', 'combination', 'areas-at-risk'],
      ]);
      const exported = await newEvents(() => get('/analysis/risk-map/export.csv?period=2026-Q1', partner));
      expect(exported.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
        ['data.export', 'combination', 'areas-at-risk'],
      ]);
    });

    it('records nothing when anyone opens or downloads a public indicator page or combination', async () => {
      const urls = [
        `/analysis/indicators/${INDICATOR}?period=2026-Q1`,
        ...EXPORTS.map((e) => `/analysis/indicators/${INDICATOR}/${e}?period=2026-Q1`),
        '/analysis/combinations/btp-insights?period=2026-Q1',
        '/analysis/combinations/education-and-missing?period=2026-Q1',
        '/analysis/combinations/nrm-efficacy?period=2026-Q1',
        '/analysis/combinations/nrm-efficacy/export.csv?period=2026-Q1',
      ];
      for (const url of urls) expect(await newEvents(() => get(url)), url).toEqual([]);
    });

    // The risk map shows, to anyone, whether each district had known County Lines activity: a coarsened
    // output of restricted intelligence. As on the data pages, a view of restricted intelligence in any
    // form is recorded, even for a visitor who is not signed in (decision 0005).
    it('records an anonymous view of the risk map, which shows coarsened intelligence', async () => {
      for (const [url, action] of [
        ['/analysis/risk-map?period=2026-Q1', 'data.view'],
        ['/analysis/risk-map/export.csv?period=2026-Q1', 'data.export'],
      ] as const) {
        const events = await newEvents(() => get(url));
        expect(
          events.map((e) => e.action),
          url,
        ).toEqual([action]);
        expect(events[0]!.actor).toBe('web:anonymous');
      }
    });

    it('says which signed-in user saw the figures', async () => {
      const viewed = await newEvents(() => get(`/analysis/indicators/${INDICATOR}?period=2026-Q1`, partner));
      expect(viewed[0]!.actor).toBe(partner.userId);
    });
  });

  describe('errors', () => {
    it.each([
      `/analysis/indicators/${INDICATOR}?period=2026-Q9`,
      `/analysis/indicators/${INDICATOR}/table.csv?period=last-year`,
      `/analysis/indicators/${INDICATOR}/fingertips.xlsx?period=2026Q1`,
      '/analysis/combinations/nrm-efficacy?period=Q1-2026',
      '/analysis/combinations/btp-insights/export.csv?period=2026-Q5',
      '/analysis/risk-map?period=spring',
      '/analysis/risk-map/export.xlsx?period=2026-Q0',
    ])('answers a bad period with a GOV.UK error page: %s', async (url) => {
      const res = await get(url, partner);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('govuk-error-summary');
      expect(res.body).toContain('Enter a quarter like 2026-Q1');
      expect(res.body).toContain('<h1 class="govuk-heading-l">There is a problem</h1>');
    });

    it('escapes the bad period it repeats back', async () => {
      const res = await get('/analysis/risk-map?period=%3Cb%3Ex', partner);
      expect(res.statusCode).toBe(400);
      expect(res.body).not.toContain('<b>x');
      expect(res.body).toContain('&lt;b&gt;x');
    });

    it.each([
      '/analysis/indicators/no-such-indicator',
      '/analysis/indicators/no-such-indicator/table.csv',
      '/analysis/indicators/no-such-indicator/fingertips.xlsx',
    ])('answers an unknown indicator with 404: %s', async (url) => {
      const res = await get(url, partner);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Page not found');
      expect(res.body).toContain('There is no indicator');
    });

    it.each([
      '/analysis/combinations/no-such-combination',
      '/analysis/combinations/no-such-combination/export.csv',
    ])('answers an unknown combination with 404: %s', async (url) => {
      const res = await get(url, partner);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('There is no combination called no-such-combination');
    });

    it('sends the old address of combination 3 to the risk map', async () => {
      const res = await get('/analysis/combinations/areas-at-risk', partner);
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/analysis/risk-map');
    });

    it.each([
      `/analysis/indicators/${INDICATOR}/table.pdf`,
      `/analysis/indicators/${INDICATOR}/summary.csv`,
      '/analysis/combinations/nrm-efficacy/export.pdf',
      '/analysis/risk-map/export.pdf',
    ])('answers an unknown export kind or format with 404: %s', async (url) => {
      const res = await get(url, partner);
      expect(res.statusCode).toBe(404);
      expect(res.body).toContain('Downloads are');
    });
  });

  describe('the risk map', () => {
    const classes = (html: string) =>
      new Map(tableRows(html, 'risk-table').map((r) => [r.attrs['data-code']!, r.attrs['data-class']!]));
    const mapClasses = (html: string) => {
      const map = /<div class="clmd-chart" data-testid="risk-map">([\s\S]*?)<\/svg>/.exec(html)?.[1] ?? '';
      return new Map(
        // Areas only: at ward level the districts' outlines are drawn over them, without a class.
        [...map.matchAll(/<path\b[^>]*class="clmd-chart-area[^"]*"[^>]*\bdata-code="([^"]+)"[^>]*>/g)].map(
          (m) => [m[1]!, /data-class="([^"]+)"/.exec(m[0])?.[1] ?? 'none'],
        ),
      );
    };
    const scenarioWeights = (html: string) =>
      tableRows(html, 'scenarios').map((r) => [r.header, ...r.cells.slice(0, 4)]);

    let equal: string;
    beforeAll(async () => {
      equal = (await get('/analysis/risk-map?period=2026-Q1', partner)).body;
    });

    it('shows every district in the table and on the map, in the same class', () => {
      const table = classes(equal);
      expect(table.size).toBeGreaterThanOrEqual(30);
      expect([...table.keys()].every((c) => /^E0[67]\d{6}$/.test(c))).toBe(true);
      expect(mapClasses(equal)).toEqual(table);
      expect(scenarioWeights(equal)[0]).toEqual(['Drug arrests counted twice', '2', '1', '1', '1']);
    });

    it('uses the weights given', async () => {
      const res = await get(
        '/analysis/risk-map?period=2026-Q1&w-drug-arrests=0&w-missing=0&w-crime=0&w-deprivation=5',
        partner,
      );
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toContain('govuk-error-summary');
      expect(res.body).toMatch(/id="w-deprivation" name="w-deprivation"[^>]*value="5"/);
      expect(scenarioWeights(res.body)[0]).toEqual(['Deprivation counted twice', '0', '0', '0', '10']);
      expect(mapClasses(res.body)).toEqual(classes(res.body));
      const exported = csvTables(
        (
          await get(
            '/analysis/risk-map/export.csv?period=2026-Q1&w-deprivation=5&w-crime=0&w-missing=0&w-drug-arrests=0',
            partner,
          )
        ).body,
      );
      expect(exported[0]!.notes.join(' ')).toContain(
        'Weights: Drug arrests 0, Missing episodes 0, Crime 0, Deprivation 5',
      );
    });

    const BAD_WEIGHTS = [
      ['w-crime=9', 'The weight for crime must be a whole number from 0 to 5'],
      ['w-crime=x', 'The weight for crime must be a whole number from 0 to 5'],
      ['w-missing=1.5', 'The weight for missing episodes must be a whole number from 0 to 5'],
      ['w-drug-arrests=0&w-missing=0&w-crime=0&w-deprivation=0', 'Give at least one factor a weight above 0'],
    ] as const;

    it.each(BAD_WEIGHTS)('still shows a map with equal weights for %s', async (query) => {
      const res = await get(`/analysis/risk-map?period=2026-Q1&${query}`, partner);
      expect(res.statusCode).toBe(200);
      expect(scenarioWeights(res.body)).toEqual(scenarioWeights(equal));
      expect(classes(res.body)).toEqual(classes(equal));
      expect(mapClasses(res.body)).toEqual(classes(equal));
      // What the user typed is put back in the form beside the error.
      const [name, value] = query.split('&')[0]!.split('=') as [string, string];
      expect(res.body).toMatch(
        new RegExp(`id="${name}" name="${name}"[^>]*value="${value.replace('.', '\\.')}"`),
      );
      const exported = csvTables(
        (await get(`/analysis/risk-map/export.csv?period=2026-Q1&${query}`, partner)).body,
      );
      expect(exported[0]!.notes.join(' ')).toContain(
        'Weights: Drug arrests 1, Missing episodes 1, Crime 1, Deprivation 1',
      );
    });

    it.each(BAD_WEIGHTS)('shows an error summary for %s', async (query, message) => {
      const res = await get(`/analysis/risk-map?period=2026-Q1&${query}`, partner);
      expect(res.body).toContain('govuk-error-summary');
      expect(textOf(res.body)).toContain(message);
      expect(res.body).toContain('href="#weights"');
    });

    it('works by ward: every ward in the table and on the map, in the same class, and in the export', async () => {
      const res = await get('/analysis/risk-map?period=2026-Q1&level=ward', partner);
      expect(res.statusCode).toBe(200);
      const table = classes(res.body);
      expect(table.size).toBeGreaterThan(300);
      expect([...table.keys()].every((c) => /^E05\d{6}$/.test(c))).toBe(true);
      expect(mapClasses(res.body)).toEqual(table);
      expect(res.body).toContain('Risk factors, index and class by ward');
      expect(listItems(res.body, 'reading')[0]).toMatch(
        /^On these weights, \d+ of \d+ wards with figures are at high risk/,
      );
      const exported = csvTables(
        (await get('/analysis/risk-map/export.csv?period=2026-Q1&level=ward', partner)).body,
      );
      expect(exported[0]!.rows.map((r) => r.area_code).sort()).toEqual([...table.keys()].sort());
      const xlsx = await xlsxTables(
        (await get('/analysis/risk-map/export.xlsx?period=2026-Q1&level=ward', partner)).rawPayload,
      );
      expect(xlsx.map((t) => t.name)).toEqual(['Risk map', 'Sensitivity of the classes']);
      expect(xlsx[0]!.rows.length).toBe(table.size);
    });
  });

  describe('combination pages and exports', () => {
    it.each(['btp-insights', 'education-and-missing', 'nrm-efficacy'])(
      'shows %s with its reading, and its export has the same [c] cells as the page',
      async (id) => {
        const res = await get(`/analysis/combinations/${id}?period=2026-Q1`, partner);
        expect(res.statusCode).toBe(200);
        expect(listItems(res.body, 'reading').length).toBeGreaterThan(0);
        const measureIds = [...res.body.matchAll(/data-testid="(measure-[^"]+)"/g)].map((m) => m[1]!);
        expect(measureIds.length).toBeGreaterThan(0);
        const exported = csvTables(
          (await get(`/analysis/combinations/${id}/export.csv?period=2026-Q1`, partner)).body,
        );
        expect(exported[0]!.headers).toEqual([
          'indicator_id',
          'indicator',
          'period',
          'tier',
          'no_figures_for',
          'caveats',
        ]);
        const measures = exported.slice(1);
        expect(measures.length).toBe(measureIds.length);
        measureIds.forEach((testId, k) => {
          const page = tableRows(res.body, testId);
          const rows = measures[k]!.rows;
          expect(rows.map((r) => r.area_code)).toEqual(page.map((r) => r.attrs['data-code']));
          page.forEach((r, i) => {
            const cells = Object.values(rows[i]!).slice(3);
            r.cells.forEach((text, j) => {
              if (text === '[c]' || cells[j] === '[c]')
                expect(cells[j], `${testId} ${r.header} column ${j}`).toBe(text);
            });
          });
        });
      },
    );
  });
});
