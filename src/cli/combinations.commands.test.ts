// `clmd combinations list|add|show|change|archive`, run as a user would against an embedded database in a
// temporary data directory. Exit codes as the README says: 0 done, 1 invalid input (every problem listed,
// nothing changed), 3 not found.
import { beforeAll, describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';
import { addAgreement, submitFigures } from '../modules/analysis/custom/custom.test-data.ts';

const cli = useCli('combinations');
const { clmd, withDeps } = cli;

/** Counts of 10 or more (6 in Uttlesford), so the partnership tier shows every figure as submitted. */
const AT_RISK = [20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130];
const IN_CARE = [10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 6];

beforeAll(() =>
  withDeps(async (deps) => {
    await submitFigures(deps, [
      { indicatorId: 'yp-at-risk-of-cce', values: AT_RISK },
      { indicatorId: 'yp-at-risk-in-care', values: IN_CARE },
    ]);
    await addAgreement(deps);
  }),
);

interface ShownRow {
  code: string;
  text: string;
  status: string;
}

describe('clmd combinations', { timeout: 120_000 }, () => {
  it('lists none to begin with', async () => {
    expect(await clmd('combinations', 'list', '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual([]);
  });

  it('refuses invalid input with exit 1, listing every problem and saving nothing', async () => {
    expect(
      await clmd(
        'combinations',
        'add',
        '--formula',
        '{yp-at-risk-of-cc} + {imd-rank-by-district}',
        '--unit',
        '',
      ),
    ).toBe(1);
    expect(cli.err).toContain('Enter a name for the combination');
    expect(cli.err).toContain('There is no indicator "yp-at-risk-of-cc". Did you mean "yp-at-risk-of-cce"?');
    expect(cli.err).toContain('"imd-rank-by-district" is a rank');
    expect(cli.err).toContain('Enter the unit, for example per 10,000 children');
    expect(cli.err).toContain('4 problem(s). Nothing was changed.');

    cli.out = '';
    expect(
      await clmd(
        'combinations',
        'add',
        '--name',
        'Bad',
        '--formula',
        '{a} ×',
        '--unit',
        '%',
        '--format',
        'json',
      ),
    ).toBe(1);
    const problems = JSON.parse(cli.out) as { problems: { field: string; message: string }[] };
    expect(problems.problems).toEqual([
      { field: 'formula', message: 'Column 5: "×" cannot be used in a formula. Use "*" to multiply.' },
    ]);
    cli.out = '';
    expect(await clmd('combinations', 'list', '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual([]);
  });

  it('adds combinations', async () => {
    expect(
      await clmd(
        'combinations',
        'add',
        '--name',
        'Share in care',
        '--formula',
        'share({yp-at-risk-in-care},{yp-at-risk-of-cce})',
        '--unit',
        '%',
        '--polarity',
        'higher-is-worse',
      ),
    ).toBe(0);
    expect(cli.out).toContain('Saved combination 1: Share in care');
    expect(cli.out).toContain('Formula: share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
    cli.out = '';
    expect(
      await clmd(
        'combinations',
        'add',
        '--name',
        'Sum',
        '--formula',
        '{yp-at-risk-of-cce}+{yp-at-risk-in-care}',
        '--unit',
        'count',
        '--format',
        'json',
      ),
    ).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({
      id: 2,
      name: 'Sum',
      polarity: 'no-judgement',
      createdBy: expect.stringMatching(/^cli:/),
    });
    cli.out = '';
    expect(await clmd('combinations', 'list')).toBe(0);
    expect(cli.out).toMatch(/^Id\s+Name\s+Formula/);
    expect(cli.out).toContain('share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
  });

  it('shows a combination in the partnership tier as JSON, CSV or a table', async () => {
    expect(await clmd('combinations', 'show', '1', '--period', '2026-Q3', '--format', 'json')).toBe(0);
    const shown = JSON.parse(cli.out) as {
      period: string;
      rows: ShownRow[];
      inputs: { tier: string }[];
      description: string;
    };
    const text = (code: string) => shown.rows.find((r) => r.code === code)?.text;
    expect(shown.period).toBe('2026-Q3');
    expect(shown.inputs.map((i) => i.tier)).toEqual(['partnership', 'partnership']);
    expect(text('E07000066')).toBe('50.0'); // 10 / 20
    expect(text('E07000077')).toBe('4.6'); // 6 / 130
    expect(text('PATHFINDER')).toBe('43.4'); // 391 / 900
    expect(text('LOC-NORFOLK')).toBe('[x]');
    expect(shown).not.toHaveProperty('sourceTables');

    cli.out = '';
    expect(
      await clmd('combinations', 'show', '1', '--period', '2026-Q3', '--tier', 'public', '--format', 'json'),
    ).toBe(0);
    const open = JSON.parse(cli.out) as { rows: ShownRow[]; inputs: { tier: string }[] };
    expect(open.inputs.map((i) => i.tier)).toEqual(['public', 'public']);
    expect(open.rows.find((r) => r.code === 'E07000077')?.text).toBe('[c]'); // 6 is suppressed in public

    cli.out = '';
    expect(await clmd('combinations', 'show', '2', '--period', '2026-Q3', '--format', 'csv')).toBe(0);
    const lines = cli.out.trim().split('\n');
    expect(lines[0]).toBe('area_code,area_name,area_level,value,{yp-at-risk-of-cce},{yp-at-risk-in-care}');
    expect(lines.find((l) => l.startsWith('PATHFINDER'))).toBe(
      'PATHFINDER,County Lines Pathfinder,pathfinder,1291,900,391',
    );

    cli.out = '';
    expect(await clmd('combinations', 'show', '1', '--period', '2026-Q3')).toBe(0);
    expect(cli.out).toContain('Combination 1: Share in care (2026-Q3)');
    expect(cli.out).toContain('In words: ');
    expect(cli.out).toMatch(/County Lines Pathfinder\s+PATHFINDER\s+43\.4/);
    expect(cli.out).toContain('[z] not applicable');
  });

  it('exits 3 for a combination that does not exist, and 1 for a bad number, period or tier', async () => {
    expect(await clmd('combinations', 'show', '99')).toBe(3);
    expect(cli.err).toContain('There is no combination 99.');
    expect(await clmd('combinations', 'show', 'abc')).toBe(1);
    expect(cli.err).toContain('Give the combination\'s number, like 3 (you gave "abc")');
    expect(await clmd('combinations', 'show', '1', '--period', '2026-Q9')).toBe(1);
    expect(cli.err).toContain('Enter a quarter like 2026-Q3 (you gave "2026-Q9")');
    expect(await clmd('combinations', 'show', '1', '--tier', 'secret')).toBe(1);
    expect(await clmd('combinations', 'archive', '99')).toBe(3);
  });

  it('changes and archives a combination', async () => {
    expect(await clmd('combinations', 'change', '2', '--name', 'Known to services')).toBe(0);
    expect(cli.out).toContain('Changed combination 2: Known to services');
    expect(await clmd('combinations', 'archive', '2')).toBe(0);
    expect(cli.out).toContain('Archived combination 2: Known to services');
    expect(await clmd('combinations', 'archive', '2')).toBe(1);
    expect(cli.err).toContain('was archived');
    cli.out = '';
    expect(await clmd('combinations', 'list', '--format', 'json')).toBe(0);
    expect((JSON.parse(cli.out) as { id: number }[]).map((c) => c.id)).toEqual([1]);
    cli.out = '';
    expect(await clmd('combinations', 'list', '--all', '--format', 'csv')).toBe(0);
    expect(cli.out.trim().split('\n')).toHaveLength(3);
  });

  it('wrote every change and every partnership view to the audit trail', async () => {
    await withDeps(async (deps) => {
      const first = await deps.auditRepository.listForSubject(deps.db, 'user-combination', '1');
      expect(first.map((e) => e.action)).toEqual(['combination.create', 'data.export', 'data.view']);
      expect(first.every((e) => e.actor.startsWith('cli:'))).toBe(true);
      const second = await deps.auditRepository.listForSubject(deps.db, 'user-combination', '2');
      expect(second.map((e) => e.action)).toEqual([
        'combination.create',
        'data.export',
        'combination.update',
        'combination.archive',
      ]);
    });
  });
});
