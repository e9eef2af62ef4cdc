import { describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../../catalogue/catalogue.builtin.ts';
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import { checkFormula, closestId, editDistance, type CatalogueEntryForFormula } from './formula.check.ts';
import type { Formula } from './formula.model.ts';
import { parsed } from './formula.test-helpers.ts';

const CATALOGUE: CatalogueEntryForFormula[] = [
  { id: 'yp-detained-by-btp', valueType: 'count', dimensions: [] },
  { id: 'safeguarding-referrals-after-btp', valueType: 'count', dimensions: [] },
  {
    id: 'nrm-ce-investigations',
    valueType: 'count',
    dimensions: [{ id: 'nrm-referral', values: ['with-referral', 'without-referral'] }],
  },
  { id: 'nrm-ce-referral-success-rate', valueType: 'proportion', dimensions: [] },
  { id: 'imd-rank-by-district', valueType: 'rank', dimensions: [] },
  { id: 'ersou-threat-level-by-district', valueType: 'category', dimensions: [] },
  { id: 'ersou-line-longevity-by-district', valueType: 'duration', dimensions: [] },
  {
    id: 'yp-at-risk-demographics',
    valueType: 'count',
    dimensions: [
      { id: 'sex', values: ['male', 'female', 'unknown'] },
      { id: 'age-band', values: ['0-9', '10-13', '14-15', '16-17'] },
    ],
  },
];

const check = (text: string) => checkFormula(parsed(text), CATALOGUE);

describe('checkFormula', () => {
  it('accepts counts and proportions with their own breakdowns', () => {
    expect(
      check(
        'share({nrm-ce-investigations: nrm-referral=with-referral}, {nrm-ce-investigations}) + ' +
          '{nrm-ce-referral-success-rate} + {yp-at-risk-demographics: sex=female, age-band=14-15}',
      ),
    ).toEqual([]);
  });

  it('suggests the closest id for an unknown indicator', () => {
    expect(check('{safeguarding-referrals-after-btp} / {yp-detaned-by-btp}')).toEqual([
      {
        position: 37,
        message: 'Column 38: There is no indicator "yp-detaned-by-btp". Did you mean "yp-detained-by-btp"?',
        indicatorId: 'yp-detaned-by-btp',
        breakdownKey: '',
      },
    ]);
  });

  it('does not suggest an id that is nothing like the one given', () => {
    expect(check('{x}')[0]?.message).toBe(
      'Column 1: There is no indicator "x". Check the id in the catalogue.',
    );
    expect(check('{hospital-admissions-for-knife-wounds}')[0]?.message).toBe(
      'Column 1: There is no indicator "hospital-admissions-for-knife-wounds". Check the id in the catalogue.',
    );
  });

  it('refuses indicators that are not counts or proportions', () => {
    expect(
      check('{imd-rank-by-district} + {ersou-threat-level-by-district} + {ersou-line-longevity-by-district}'),
    ).toEqual([
      {
        position: 0,
        message:
          'Column 1: "imd-rank-by-district" is a rank, not a count or proportion. Formulas can only use counts and proportions.',
        indicatorId: 'imd-rank-by-district',
        breakdownKey: '',
      },
      {
        position: 25,
        message:
          'Column 26: "ersou-threat-level-by-district" is a category, not a count or proportion. Formulas can only use counts and proportions.',
        indicatorId: 'ersou-threat-level-by-district',
        breakdownKey: '',
      },
      {
        position: 60,
        message:
          'Column 61: "ersou-line-longevity-by-district" is a duration, not a count or proportion. Formulas can only use counts and proportions.',
        indicatorId: 'ersou-line-longevity-by-district',
        breakdownKey: '',
      },
    ]);
  });

  it('refuses a breakdown the indicator does not have, pointing at the breakdown', () => {
    expect(check('{yp-detained-by-btp: sex=male}')).toEqual([
      {
        position: 21,
        message: 'Column 22: "yp-detained-by-btp" has no breakdowns. Remove the breakdown to use the total.',
        indicatorId: 'yp-detained-by-btp',
        breakdownKey: 'sex=male',
      },
    ]);
    expect(check('{nrm-ce-investigations: sex=male}')[0]?.message).toBe(
      'Column 25: "nrm-ce-investigations" cannot be broken down by "sex". Use nrm-referral.',
    );
    expect(check('{yp-at-risk-demographics: ethnicity=white}')[0]?.message).toBe(
      'Column 27: "yp-at-risk-demographics" cannot be broken down by "ethnicity". Use one of sex, age-band.',
    );
  });

  it('refuses a value the dimension does not have, pointing at the value', () => {
    expect(check('{nrm-ce-investigations: nrm-referral=with-referal}')).toEqual([
      {
        position: 37,
        message:
          'Column 38: "with-referal" is not a value of "nrm-referral". Use one of with-referral, without-referral.',
        indicatorId: 'nrm-ce-investigations',
        breakdownKey: 'nrm-referral=with-referal',
      },
    ]);
  });

  it('reports each problem once, at its first appearance, in order', () => {
    const problems = check(
      '{x} + {x} + {x: sex=male} + {imd-rank-by-district} * {imd-rank-by-district} + {y}',
    );
    expect(problems.map((p) => [p.position, p.indicatorId])).toEqual([
      [0, 'x'],
      [28, 'imd-rank-by-district'],
      [78, 'y'],
    ]);
  });

  it('checks every breakdown of a reference', () => {
    const problems = check('{yp-at-risk-demographics: sex=other, age-band=18-24, region=east}');
    expect(problems.map((p) => p.message)).toEqual([
      'Column 31: "other" is not a value of "sex". Use one of male, female, unknown.',
      'Column 47: "18-24" is not a value of "age-band". Use one of 0-9, 10-13, 14-15, 16-17.',
      'Column 54: "yp-at-risk-demographics" cannot be broken down by "region". Use one of sex, age-band.',
    ]);
  });

  it('has no trouble with ids that mean something to JavaScript', () => {
    expect(check('{constructor: prototype=x} + {to-string}').map((p) => p.indicatorId)).toEqual([
      'constructor',
      'to-string',
    ]);
  });

  it('gives no position for a formula that was not parsed from text', () => {
    const built: Formula = { kind: 'indicator', indicatorId: 'nope', breakdown: [] };
    expect(checkFormula(built, CATALOGUE)).toEqual([
      {
        position: null,
        message: 'There is no indicator "nope". Check the id in the catalogue.',
        indicatorId: 'nope',
        breakdownKey: '',
      },
    ]);
  });
});

describe('editDistance and closestId', () => {
  it.each([
    ['', '', 0],
    ['a', '', 1],
    ['', 'abc', 3],
    ['kitten', 'sitting', 3],
    ['yp-detaned-by-btp', 'yp-detained-by-btp', 1],
    ['abc', 'abc', 0],
  ])('%s → %s is %d', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });

  it('prefers the first of equally close ids', () => {
    expect(closestId('ab', [{ id: 'ax' }, { id: 'ay' }])).toBe('ax');
    expect(closestId('ab', [])).toBeUndefined();
  });
});

describe('against the built-in catalogue', () => {
  const catalogue: CatalogueEntryForFormula[] = BUILT_IN_CATALOGUE.map((i) => ({
    id: i.id,
    valueType: i.valueType,
    dimensions: i.dimensions.map((d) => ({
      id: d,
      values: (findDimension(d)?.values ?? []).map((v) => v.code),
    })),
  }));

  it('every example used in messages and the README is a valid formula there', () => {
    for (const example of [
      '{yp-detained-by-btp}',
      '{nrm-ce-investigations: nrm-referral=with-referral}',
      'min({yp-drug-arrests}, {svv-related-arrests})',
      'abs({yp-drug-arrests} - {svv-related-arrests})',
      'round(share({safeguarding-referrals-after-btp}, {yp-detained-by-btp}), 1)',
      'per10k({yp-at-risk-of-cce}, children)',
      'share({safeguarding-referrals-after-btp}, {yp-detained-by-btp})',
      '{safeguarding-referrals-after-btp} / {yp-detained-by-btp} * 100',
    ]) {
      expect(checkFormula(parsed(example), catalogue), example).toEqual([]);
    }
  });
});
