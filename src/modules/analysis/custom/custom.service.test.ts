// User-defined combinations against a real database: saving (checked, audited, all or nothing) and
// working out from figures submitted here, in the owner's, a partner's and the public's tier.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltIns } from '../../../bootstrap.ts';
import { loadConfig } from '../../../config.ts';
import { buildDeps, type Deps } from '../../../deps.ts';
import { systemActor } from '../../../platform/actor.ts';
import { findBrokenLink } from '../../../platform/audit.ts';
import { NotFoundError, ValidationError, type Problem } from '../../../platform/errors.ts';
import { ANONYMOUS, type Principal } from '../../../platform/policies.ts';
import { describeEachDatabase } from '../../../../test/support/test-db.ts';
import type { CombinationInput, CustomCombinationResult } from './custom.model.ts';
import { addAgreement, OWNER, PARTNER, QUARTER, submitFigures } from './custom.test-data.ts';

const ctx = systemActor('test');
const owner: Principal = { userId: 'u-owner', memberships: [{ organisationId: OWNER, role: 'analyst' }] };
const partner: Principal = {
  userId: 'u-partner',
  memberships: [{ organisationId: PARTNER, role: 'analyst' }],
};

const VALID: CombinationInput = {
  name: 'Children at risk who are in care',
  description: 'What share of the young people at risk of CCE are in care.',
  formula: 'share({yp-at-risk-in-care},{yp-at-risk-of-cce})',
  unit: '%',
  polarity: 'higher-is-worse',
};

async function problemsOf(action: Promise<unknown>): Promise<Problem[]> {
  const error = await action.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

const textOf = (r: CustomCombinationResult, code: string) => r.rows.find((row) => row.code === code)?.text;

describeEachDatabase('custom combinations', (database) => {
  let deps: Deps;
  let dir: string;
  const clock = new Date('2026-11-20T09:00:00Z');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-custom-'));
    deps = buildDeps(loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dir } as NodeJS.ProcessEnv), database(), {
      now: () => clock,
    });
    await ensureBuiltIns(deps);
    await submitFigures(deps);
    await addAgreement(deps);
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const events = (id?: number) =>
    deps.auditRepository.listForSubject(
      database().db,
      'user-combination',
      id === undefined ? undefined : String(id),
    );

  describe('saving', () => {
    it('saves a valid combination, keeps the formula as typed and audits it in the same transaction', async () => {
      const saved = await deps.customCombinations.create(ctx, VALID);
      expect(saved).toMatchObject({
        name: 'Children at risk who are in care',
        formula: 'share({yp-at-risk-in-care},{yp-at-risk-of-cce})',
        canonical: 'share({yp-at-risk-in-care}, {yp-at-risk-of-cce})',
        unit: '%',
        polarity: 'higher-is-worse',
        createdBy: 'system:test',
        archivedAt: null,
      });
      expect(await deps.customCombinations.get(saved.id)).toEqual(saved);
      expect((await deps.customCombinations.list()).map((c) => c.id)).toContain(saved.id);
      const audit = await events(saved.id);
      expect(audit.map((e) => e.action)).toEqual(['combination.create']);
      expect(audit[0]!.actor).toBe('system:test');
      expect(audit[0]!.details).toMatchObject({
        formula: 'share({yp-at-risk-in-care}, {yp-at-risk-of-cce})',
      });
    });

    // Each case changes one thing of a combination that would otherwise be saved.
    const base: CombinationInput = { ...VALID, name: 'Never saved' };
    const invalid: [string, CombinationInput, { field: string; message: string | RegExp }][] = [
      ['no name', { ...base, name: '  ' }, { field: 'name', message: 'Enter a name for the combination' }],
      [
        'a long name',
        { ...base, name: 'x'.repeat(121) },
        { field: 'name', message: 'Name must be 120 characters or fewer' },
      ],
      ['no formula', { ...base, formula: '' }, { field: 'formula', message: 'Enter a formula' }],
      [
        'a formula that cannot be read',
        { ...base, name: 'Unreadable', formula: '{yp-at-risk-in-care} /' },
        { field: 'formula', message: 'Column 22: Division needs something on both sides.' },
      ],
      [
        'an unknown indicator',
        { ...base, name: 'Misspelt', formula: 'share({yp-at-risk-in-care}, {yp-at-risk-of-cc})' },
        {
          field: 'formula',
          message: 'Column 29: There is no indicator "yp-at-risk-of-cc". Did you mean "yp-at-risk-of-cce"?',
        },
      ],
      [
        'a rank',
        { ...base, name: 'Rank', formula: '{imd-rank-by-district} * 2' },
        { field: 'formula', message: /"imd-rank-by-district" is a rank, not a count or proportion/ },
      ],
      [
        'a breakdown other than the first',
        { ...base, name: 'Second dimension', formula: '{yp-at-risk-demographics: age-band=14-15}' },
        {
          field: 'formula',
          message:
            'Column 27: In a combination, "yp-at-risk-demographics" can be broken down only by sex, not by ' +
            'age-band. Use sex=male (or another of male, female, unknown), or leave out the breakdown to use the total.',
        },
      ],
      [
        'a value the breakdown does not have',
        { ...base, name: 'Bad value', formula: '{yp-at-risk-by-risk-level: risk-level=severe}' },
        { field: 'formula', message: /"severe" is not a value of "risk-level"/ },
      ],
      [
        'no unit',
        { ...base, unit: '' },
        { field: 'unit', message: 'Enter the unit, for example per 10,000 children' },
      ],
      [
        'no polarity',
        { ...base, polarity: undefined },
        {
          field: 'polarity',
          message: 'Select whether higher values are worse, lower values are worse, or neither',
        },
      ],
      [
        'an unknown polarity',
        { ...base, polarity: 'up' },
        {
          field: 'polarity',
          message: 'Select whether higher values are worse, lower values are worse, or neither',
        },
      ],
      [
        'the name of another combination',
        { ...base, name: 'CHILDREN AT RISK WHO ARE IN CARE' },
        {
          field: 'name',
          message:
            'There is already a combination called "Children at risk who are in care". Choose a different name.',
        },
      ],
    ];
    it.each(invalid)(
      'refuses %s with a plain-English message and saves nothing',
      async (_, input, expected) => {
        const before = await deps.customCombinations.list({ includeArchived: true });
        const auditBefore = (await events()).length;
        const problems = await problemsOf(deps.customCombinations.create(ctx, input));
        expect(problems).toHaveLength(1);
        expect(problems[0]!.field).toBe(expected.field);
        if (typeof expected.message === 'string') expect(problems[0]!.message).toBe(expected.message);
        else expect(problems[0]!.message).toMatch(expected.message);
        expect(await deps.customCombinations.list({ includeArchived: true })).toEqual(before);
        expect(await events()).toHaveLength(auditBefore);
      },
    );

    it('lists every problem at once, in the order of the form', async () => {
      const problems = await problemsOf(
        deps.customCombinations.create(ctx, {
          name: '',
          formula: '{yp-at-risk-of-cc} + {imd-rank-by-district}',
          unit: '',
          polarity: 'sideways',
        }),
      );
      expect(problems.map((p) => p.field)).toEqual(['name', 'formula', 'formula', 'unit', 'polarity']);
      expect(problems[1]!.message).toContain('Did you mean "yp-at-risk-of-cce"?');
      expect(problems[2]!.message).toContain('is a rank');
    });

    it('changes and archives a combination, each audited; an archived one cannot be changed', async () => {
      const saved = await deps.customCombinations.create(ctx, { ...VALID, name: 'To change' });
      const changed = await deps.customCombinations.update(ctx, saved.id, {
        ...VALID,
        name: 'Changed',
        formula: '{yp-at-risk-in-care} / {yp-at-risk-of-cce} * 100',
      });
      expect(changed).toMatchObject({
        name: 'Changed',
        canonical: '{yp-at-risk-in-care} / {yp-at-risk-of-cce} * 100',
      });
      const archived = await deps.customCombinations.archive(ctx, saved.id);
      expect(archived.archivedAt).toBeInstanceOf(Date);
      expect((await deps.customCombinations.list()).map((c) => c.id)).not.toContain(saved.id);
      expect((await deps.customCombinations.list({ includeArchived: true })).map((c) => c.id)).toContain(
        saved.id,
      );
      expect((await problemsOf(deps.customCombinations.archive(ctx, saved.id)))[0]!.message).toMatch(
        /was archived/,
      );
      await problemsOf(deps.customCombinations.update(ctx, saved.id, VALID));
      const audit = await events(saved.id);
      expect(audit.map((e) => e.action)).toEqual([
        'combination.create',
        'combination.update',
        'combination.archive',
      ]);
      expect(audit[1]!.details).toMatchObject({ changed: ['name', 'formula'] });
      expect(findBrokenLink(await deps.auditRepository.listAll(database().db))).toBeUndefined();
      // An archived name is free again.
      const again = await deps.customCombinations.create(ctx, { ...VALID, name: 'Changed' });
      expect(again.id).not.toBe(saved.id);
    });

    it('says when a combination does not exist', async () => {
      await expect(deps.customCombinations.get(99_999)).rejects.toBeInstanceOf(NotFoundError);
      await expect(deps.customCombinations.archive(ctx, 99_999)).rejects.toThrow(
        'There is no combination 99999.',
      );
    });
  });

  describe('working out', () => {
    const create = (name: string, formula: string, unit = '%') =>
      deps.customCombinations.create(ctx, { name, formula, unit, polarity: 'higher-is-worse' });

    it('works out a share for every area from the owner’s figures, in tree order', async () => {
      const c = await create('Share in care', 'share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
      const r = await deps.customCombinations.evaluate({ principal: owner }, c.id, QUARTER);
      expect(r.period).toBe('2026-Q3');
      // In care ÷ at risk × 100, by hand.
      expect(textOf(r, 'E07000066')).toBe('50.0'); // 10 / 20
      expect(textOf(r, 'E07000067')).toBe('0.0'); // 0 / 30
      expect(textOf(r, 'E07000068')).toBe('33.3'); // 1 / 3
      expect(textOf(r, 'E07000071')).toBe('24.0'); // 12 / 50
      expect(textOf(r, 'E07000074')).toBe('55.0'); // 33 / 60
      expect(textOf(r, 'LOC-ESSEX')).toBe('30.7'); // 106 / 345
      expect(textOf(r, 'PATHFINDER')).toBe('30.7'); // only Essex reported
      expect(textOf(r, 'LOC-NORFOLK')).toBe('[x]');
      expect(textOf(r, 'E06000033')).toBe('[x]'); // Southend: not in this return
      expect(r.rows.find((row) => row.code === 'E07000068')?.inputs).toEqual(['1', '3']);

      const order = r.rows.map((row) => row.level);
      expect(order[0]).toBe('pathfinder');
      expect(order.filter((l) => l === 'locality')).toHaveLength(4);
      expect(order.filter((l) => l === 'district')).toHaveLength(32);
      const essex = r.rows.findIndex((row) => row.code === 'LOC-ESSEX');
      const essexDistricts = r.rows.slice(essex + 1, essex + 15);
      expect(essexDistricts.every((row) => row.level === 'district')).toBe(true);
      expect(essexDistricts.map((row) => row.code)).toContain('E06000034');

      expect(r.inputs.map((i) => [i.reference, i.tier, i.windowLabel])).toEqual([
        ['{yp-at-risk-in-care}', 'own-organisation', 'at 30 September 2026'],
        ['{yp-at-risk-of-cce}', 'own-organisation', 'at 30 September 2026'],
      ]);
      expect(r.inputs[0]!.missingFor).toEqual(['Cambridgeshire and Peterborough', 'Norfolk', 'Suffolk']);
      expect(r.description).toMatch(/ as a percentage of /);
      expect(r.reading[0]).toBe('For the Pathfinder as a whole the figure is 30.7%.');
    });

    it('suppresses a figure derived from a suppressed count in the partnership view, and records the view', async () => {
      const c = await create('Share in care, partner', 'share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
      const own = await deps.customCombinations.evaluate({ principal: owner }, c.id, QUARTER);
      const shared = await deps.customCombinations.evaluate({ principal: partner }, c.id, QUARTER);
      expect(shared.inputs.map((i) => i.tier)).toEqual(['partnership', 'partnership']);
      expect(textOf(own, 'E07000068')).toBe('33.3');
      expect(textOf(shared, 'E07000068')).toBe('[c]'); // 1 of 3: both counts are small
      expect(textOf(shared, 'E07000077')).toBe('[c]'); // 3 in care
      // Everything else the partner sees is either suppressed too (secondary suppression) or the same.
      for (const row of shared.rows) {
        expect([textOf(own, row.code), '[c]']).toContain(row.text);
      }

      await deps.customCombinations.recordView(ctx, shared);
      const views = (await events(c.id)).filter((e) => e.action === 'data.view');
      expect(views).toHaveLength(1);
      expect(JSON.stringify(views[0]!.details)).toContain('2026-Q3');

      // The public view records nothing: every table in it is public.
      const open = await deps.customCombinations.evaluate({ principal: ANONYMOUS }, c.id, QUARTER);
      expect(open.inputs.map((i) => i.tier)).toEqual(['public', 'public']);
      expect(textOf(open, 'E07000068')).toBe('[c]');
      await deps.customCombinations.recordView(ctx, open, { export: true });
      expect((await events(c.id)).filter((e) => e.action.startsWith('data.'))).toHaveLength(1);
    });

    it('gives [z] where the formula divides by zero', async () => {
      const c = await create(
        'At risk per child in care',
        '{yp-at-risk-of-cce} / {yp-at-risk-in-care}',
        'ratio',
      );
      const r = await deps.customCombinations.evaluate({ principal: owner }, c.id, QUARTER);
      expect(textOf(r, 'E07000066')).toBe('2.0'); // 20 / 10
      expect(textOf(r, 'E07000067')).toBe('[z]'); // 30 / 0
      expect(textOf(r, 'E07000072')).toBe('[z]'); // 10 / 0
      expect(r.rows.find((row) => row.code === 'E07000067')?.status).toBe('undefined');
      expect(textOf(r, 'PATHFINDER')).toBe('3.3'); // 345 / 106 = 3.25…
    });

    it('reads a breakdown value from the first dimension', async () => {
      const c = await create(
        'Significant risk share',
        'share({yp-at-risk-by-risk-level: risk-level=significant}, {yp-at-risk-by-risk-level})',
      );
      const r = await deps.customCombinations.evaluate({ principal: owner }, c.id, QUARTER);
      expect(textOf(r, 'E07000066')).toBe('25.0'); // 10 / 40
      expect(textOf(r, 'E07000077')).toBe('50.0'); // 11 / 22
      expect(textOf(r, 'PATHFINDER')).toBe('22.1'); // 116 / 525
      expect(r.inputs[0]).toMatchObject({
        reference: '{yp-at-risk-by-risk-level: risk-level=significant}',
        breakdown: 'Assessed risk level: Significant',
      });
    });

    it('shows whole numbers for a count, and [x] where a variable has no figures', async () => {
      const sum = await create('At risk and in care', '{yp-at-risk-of-cce} + {yp-at-risk-in-care}', 'count');
      const r = await deps.customCombinations.evaluate({ principal: owner }, sum.id, QUARTER);
      expect(r.countUnit).toBe(true);
      expect(textOf(r, 'E07000066')).toBe('30');
      expect(textOf(r, 'PATHFINDER')).toBe('451'); // 345 + 106

      // No reference data in this database, so no children to divide by.
      const rate = await create(
        'At risk per 10,000',
        'per10k({yp-at-risk-of-cce}, children)',
        'per 10,000 children',
      );
      const perChild = await deps.customCombinations.evaluate({ principal: owner }, rate.id, QUARTER);
      expect(textOf(perChild, 'E07000066')).toBe('[x]');
      expect(perChild.variables[0]).toMatchObject({ name: 'children' });
      expect(perChild.variables[0]!.missingFor).toHaveLength(4);
    });

    it('works out an archived combination, so earlier packs can be traced', async () => {
      const c = await create('Archived share', 'share({yp-at-risk-in-care}, {yp-at-risk-of-cce})');
      await deps.customCombinations.archive(ctx, c.id);
      const r = await deps.customCombinations.evaluate({ operatorTier: 'partnership' }, c.id, QUARTER);
      expect(r.combination.archivedAt).not.toBeNull();
      expect(textOf(r, 'E07000066')).toBe('50.0');
    });
  });
});
