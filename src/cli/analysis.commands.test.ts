// `clmd analysis indicator|combination`, run as a user would against an embedded database in a temporary
// data directory, with a few approved figures seeded through the returns service. Exit codes as the
// README says: 0 done, 1 invalid input (every problem listed), 3 not found.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';
import { countsByArea, submitApproved } from '../../test/support/returns.ts';
import { findOrganisation } from '../modules/organisations/organisations.builtin.ts';
import { indicatorWindows } from '../modules/returns/periods.ts';
import type { AuditRow } from '../platform/audit.repository.ts';

const cli = useCli('analysis');
const { clmd, withDeps } = cli;

// Essex Police's districts (Basildon first) with small counts in some (Basildon 2, Castle Point 1,
// Chelmsford 22, Maldon 0), so both tiers have something to protect.
const ESSEX = findOrganisation('essex-police')!.districtCodes;
const VALUES = [2, 14, 9, 1, 22, 17, 3, 11, 0, 8, 19, 6, 25, 30];
const value = (code: string) => VALUES[ESSEX.indexOf(code)]!;

/** Audit events of analysis views and exports, oldest first. */
const viewEvents = (): Promise<AuditRow[]> =>
  withDeps(async (deps) =>
    (await deps.auditRepository.listAll(deps.db)).filter(
      (e) => e.action === 'data.view' || e.action === 'data.export',
    ),
  );

/** The data rows of a CSV download (the "#" notes left out). */
function csvRows(text: string): Record<string, string>[] {
  return parse(text.replace(/^\uFEFF/, ''), { columns: true, comment: '#', skip_empty_lines: true });
}

beforeAll(async () => {
  await withDeps(async (deps) => {
    const quarter = { year: 2026, q: 1 };
    const rolling = indicatorWindows('rolling-12-months', quarter).at(-1)!;
    const figures = (indicatorId: string, window: { start: string; end: string }, scale: number) =>
      countsByArea(
        indicatorId,
        window,
        ESSEX,
        VALUES.map((v) => v * scale),
      );
    // Three earlier quarters of one indicator, so the combinations' 12-month sums have Essex's figures.
    for (const [period, start, end, submitted] of [
      ['2025-Q2', '2025-04-01', '2025-06-30', '2025-07-20'],
      ['2025-Q3', '2025-07-01', '2025-09-30', '2025-10-20'],
      ['2025-Q4', '2025-10-01', '2025-12-31', '2026-01-20'],
    ] as const) {
      await submitApproved(deps, {
        organisationId: 'essex-police',
        period,
        submittedAt: `${submitted}T09:00:00Z`,
        observations: figures('svv-related-arrests', { start, end }, 1),
      });
    }
    await submitApproved(deps, {
      organisationId: 'essex-police',
      period: '2026-Q1',
      submittedAt: '2026-04-20T09:00:00Z',
      observations: [
        ...figures('svv-related-arrests', { start: '2026-01-01', end: '2026-03-31' }, 1),
        ...figures('yp-drug-arrests-by-area', rolling, 1),
        ...figures('missing-episodes-by-area', rolling, 3),
      ],
    });
  });
}, 120_000);

describe('clmd analysis', { timeout: 120_000 }, () => {
  it('explains itself with --help', async () => {
    expect(await clmd('analysis', 'indicator', '--help')).toBe(0);
    for (const flag of [
      '--period <quarter>',
      '--level <level>',
      '--tier <tier>',
      '--long',
      '--output <file>',
      '--xlsx',
    ])
      expect(cli.out).toContain(flag);
    cli.out = '';
    expect(await clmd('analysis', 'combination', '--help')).toBe(0);
    expect(cli.out.replace(/\s+/g, ' ')).toContain(
      '(btp-insights, education-and-missing, nrm-efficacy, areas-at-risk)',
    );
    expect(cli.out).toContain('--weights <weights>');
  });

  it('reports an indicator by area in the partnership tier: counts 1 to 4 suppressed, rates, audited as a view', async () => {
    const before = (await viewEvents()).length;
    expect(await clmd('analysis', 'indicator', 'svv-related-arrests', '--period', '2026-Q1')).toBe(0);
    expect(cli.out).toMatch(
      /^No\. of SVV-related arrests .* \(svv-related-arrests\), 2026-Q1 \(2026-01-01 to 2026-03-31\), by district\n/,
    );
    expect(cli.out).toContain('Tier: partnership.');
    expect(cli.out).toContain(
      'Rates are per 10,000 children aged 0 to 15 (mid-2015, English Indices of Deprivation 2019 File 6)',
    );
    expect(cli.out).toMatch(/\nEssex, Southend-on-Sea and Thurrock +LOC-ESSEX +Locality +167 /);
    expect(cli.out).toMatch(/\nBasildon +E07000066 +District +\[c\] /);
    expect(cli.out).toMatch(/\nChelmsford +E07000070 +District +22 /);

    cli.out = '';
    expect(
      await clmd('analysis', 'indicator', 'svv-related-arrests', '--period', '2026-Q1', '--format', 'json'),
    ).toBe(0);
    const json = JSON.parse(cli.out) as { tier: string; rows: Record<string, unknown>[] };
    expect(json.tier).toBe('partnership');
    const count = (code: string) => json.rows.find((r) => r.area_code === code)?.count;
    expect(count('E07000066')).toBe('[c]'); // 2
    expect(count('E07000069')).toBe('[c]'); // 1
    expect(count('E07000070')).toBe(22);
    expect(count('E07000074')).toBe(0); // zeros are shown

    const events = await viewEvents();
    expect(events).toHaveLength(before + 2);
    expect(events.at(-1)).toMatchObject({
      action: 'data.view',
      subject_type: 'indicator',
      subject_id: 'svv-related-arrests',
      origin: 'cli',
      details: expect.objectContaining({ period: '2026-Q1', tier: 'partnership', owners: ['essex-police'] }),
    });
    expect(events.at(-1)!.actor).toMatch(/^cli:/);
  });

  it('reports the public tier rounded and suppressed (1 to 7 as [c], others multiples of 5), with no audit event', async () => {
    const before = (await viewEvents()).length;
    expect(
      await clmd(
        'analysis',
        'indicator',
        'svv-related-arrests',
        '--period',
        '2026-Q1',
        '--tier',
        'public',
        '--format',
        'csv',
      ),
    ).toBe(0);
    expect(cli.out).toMatch(/^# .* by area\n# .*\n# Tier: public\./);
    const rows = csvRows(cli.out);
    const districts = rows.filter((r) => r.area_level === 'district');
    expect(districts).toHaveLength(14);
    for (const r of districts) {
      const original = value(r.area_code!);
      if (original >= 1 && original <= 7) expect(r.count, r.area_code).toBe('[c]');
      else if (r.count !== '[c]') expect(Number(r.count) % 5, r.area_code).toBe(0);
    }
    expect(rows.find((r) => r.area_code === 'E07000070')!.count).toBe('20'); // 22 rounded
    for (const r of rows) expect(['1', '2', '3', '4', '6', '7']).not.toContain(r.count);
    expect(await viewEvents()).toHaveLength(before);
  });

  it('writes the long export to a file and a workbook, recorded as exports', async () => {
    const before = (await viewEvents()).length;
    const csvFile = path.join(cli.dir, 'long.csv');
    expect(
      await clmd(
        'analysis',
        'indicator',
        'svv-related-arrests',
        '--period',
        '2026-Q1',
        '--long',
        '--format',
        'csv',
        '--output',
        csvFile,
      ),
    ).toBe(0);
    expect(cli.out).toBe(`Wrote ${csvFile}\n`);
    const rows = csvRows(await readFile(csvFile, 'utf8'));
    expect(Object.keys(rows[0]!)).toEqual(
      expect.arrayContaining(['indicator_id', 'time_period', 'lower_ci95', 'value_note']),
    );
    expect(rows.filter((r) => r.time_period === '2026-Q1' && r.area_code === 'E07000066')[0]!.count).toBe(
      '[c]',
    );

    const xlsxFile = path.join(cli.dir, 'by-area.xlsx');
    expect(
      await clmd(
        'analysis',
        'indicator',
        'svv-related-arrests',
        '--period',
        '2026-Q1',
        '--xlsx',
        '--output',
        xlsxFile,
      ),
    ).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxFile);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Notes', 'No. of SVV-related arrests (']);
    expect(wb.worksheets[1]!.getRow(1).getCell(1).value).toBe('area_code');

    const events = (await viewEvents()).slice(before);
    expect(events.map((e) => [e.action, e.subject_id])).toEqual([
      ['data.export', 'svv-related-arrests'],
      ['data.export', 'svv-related-arrests'],
    ]);
  });

  it('refuses a bad period, a workbook without a file and an indicator that is not a count (exit 1); unknown is exit 3', async () => {
    expect(await clmd('analysis', 'indicator', 'svv-related-arrests', '--period', '2026-Q5')).toBe(1);
    expect(cli.err).toContain('--period');
    expect(cli.err).toContain('Enter a quarter like 2026-Q3 (you gave "2026-Q5")');
    expect(cli.err).toContain('Nothing was changed.');
    cli.err = '';
    expect(await clmd('analysis', 'indicator', 'svv-related-arrests', '--xlsx')).toBe(1);
    expect(cli.err).toContain(
      'A workbook cannot be printed. Give a file to write it to, like --output report.xlsx',
    );
    cli.err = '';
    expect(await clmd('analysis', 'indicator', 'imd-rank-by-district')).toBe(1);
    expect(cli.err).toContain('is not a count that partners return');
    cli.err = '';
    expect(await clmd('analysis', 'indicator', 'no-such-indicator')).toBe(3);
    expect(cli.err).toContain('There is no indicator "no-such-indicator" in the current catalogue.');
    expect(await clmd('analysis', 'indicator', 'svv-related-arrests', '--tier', 'secret')).toBe(1);
  });

  it('reports a combination: the reading, the inputs with tier and missing localities, then each table', async () => {
    const before = (await viewEvents()).length;
    expect(await clmd('analysis', 'combination', 'nrm-efficacy', '--period', '2026-Q1')).toBe(0);
    expect(cli.out).toMatch(/^Combination 4 \(report section 3\.1\.4\): /);
    expect(cli.out).toContain('What the figures say:\n  - ');
    expect(cli.out).toMatch(/Inputs:\nIndicator +Period +Tier +No figures from/);
    expect(cli.out).toMatch(
      /\(svv… +1 April 2025 to 31 March 2026 +Partnership view +Cambridgeshire and Peterborough, Norfolk, Suffolk\n/,
    );
    expect(cli.out).toMatch(/\nPATHFINDER +County Lines Pathfinder +pathfinder +668 /);
    expect(cli.out).toContain('area_code');
    const events = (await viewEvents()).slice(before);
    expect(events.map((e) => [e.action, e.subject_type, e.subject_id])).toEqual([
      ['data.view', 'combination', 'nrm-efficacy'],
    ]);

    cli.out = '';
    expect(
      await clmd(
        'analysis',
        'combination',
        'education-and-missing',
        '--period',
        '2026-Q1',
        '--format',
        'json',
      ),
    ).toBe(0);
    const json = JSON.parse(cli.out) as {
      id: string;
      reading: string[];
      inputs: { tier: string; missingFor: string[] }[];
      tables: unknown[];
    };
    expect(json.id).toBe('education-and-missing');
    expect(json.reading.length).toBeGreaterThan(0);
    expect(json.inputs.length).toBe(4);
    expect(json.tables.length).toBeGreaterThan(0);

    cli.out = '';
    expect(
      await clmd(
        'analysis',
        'combination',
        'btp-insights',
        '--period',
        '2026-Q1',
        '--tier',
        'public',
        '--format',
        'csv',
      ),
    ).toBe(0);
    expect(cli.out).toMatch(/^# Inputs\n# Combination 1/);
  });

  it('maps the areas at risk with weights, and lists every problem with the weights (exit 1)', async () => {
    const before = (await viewEvents()).length;
    expect(
      await clmd(
        'analysis',
        'combination',
        'areas-at-risk',
        '--period',
        '2026-Q1',
        '--weights',
        'drug-arrests=2,crime=0',
      ),
    ).toBe(0);
    expect(cli.out).toContain('Mapping areas at most risk of County Lines, 2026-Q1, by district');
    expect(cli.out).toContain('Weights: drug-arrests=2, missing=1, crime=0, deprivation=1');
    expect(cli.out).toContain('What the figures say:');
    expect(cli.out).toMatch(/Risk map\narea_code +area_name/);
    expect(cli.out).toContain('Sensitivity of the classes');
    const events = (await viewEvents()).slice(before);
    expect(events.map((e) => [e.action, e.subject_id])).toEqual([['data.view', 'areas-at-risk']]);

    cli.err = '';
    expect(
      await clmd(
        'analysis',
        'combination',
        'areas-at-risk',
        '--weights',
        'drug-arrests=9,danger=1,missing,crime=0.5',
      ),
    ).toBe(1);
    expect(cli.err).toContain('There is no risk factor called "danger"');
    expect(cli.err).toContain('Write each weight as factor=number, like drug-arrests=2 (you gave "missing")');
    expect(cli.err).toContain('The weight for drug arrests must be a whole number from 0 to 5');
    expect(cli.err).toContain('The weight for crime must be a whole number from 0 to 5');
    expect(cli.err).toContain('4 problem(s). Nothing was changed.');

    cli.err = '';
    expect(
      await clmd(
        'analysis',
        'combination',
        'areas-at-risk',
        '--weights',
        'drug-arrests=0,missing=0,crime=0,deprivation=0',
      ),
    ).toBe(1);
    expect(cli.err).toContain('Give at least one factor a weight above 0');

    cli.err = '';
    expect(await clmd('analysis', 'combination', 'btp-insights', '--level', 'ward')).toBe(1);
    expect(cli.err).toContain('--level is only for areas-at-risk');
    cli.err = '';
    expect(await clmd('analysis', 'combination', 'county-lines')).toBe(3);
    expect(cli.err).toContain('There is no combination called county-lines.');
  });
});
