// Working out a combination from published figures, without a database: variables, restricted
// intelligence, banded and missing figures, formatting, and the breakdown rule of combinations.
import { describe, expect, it } from 'vitest';
import { BUILT_IN_CATALOGUE } from '../../catalogue/catalogue.builtin.ts';
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import type { ViewTier } from '../../data/data.service.ts';
import type { InputFigures } from '../combinations/inputs.ts';
import type { PublishedCount } from '../measures.ts';
import { parsed } from '../formula/formula.test-helpers.ts';
import { breakdownProblems, checkCombination } from './custom.check.ts';
import { columnOf, evaluateCombination, formatValue, inTreeOrder } from './custom.evaluate.ts';
import { isCountUnit, parseCombinationId } from './custom.model.ts';

const AREAS = [
  { code: 'D2', name: 'Beta', level: 'district', parentCode: 'L1' },
  { code: 'D1', name: 'Alpha', level: 'district', parentCode: 'L1' },
  { code: 'D3', name: 'Gamma', level: 'district', parentCode: 'L2' },
  { code: 'L2', name: 'Second', level: 'locality', parentCode: 'P' },
  { code: 'L1', name: 'First', level: 'locality', parentCode: 'P' },
  { code: 'P', name: 'Pathfinder', level: 'pathfinder', parentCode: null },
  { code: 'W1', name: 'A ward', level: 'ward', parentCode: 'D1' },
];

const indicator = (id: string) => BUILT_IN_CATALOGUE.find((i) => i.id === id) as Indicator;

const shown = (value: number): PublishedCount => ({ value, status: 'shown', text: String(value) });
const MISSING: PublishedCount = { value: null, status: 'not-available', text: '[x]' };
const SUPPRESSED: PublishedCount = { value: null, status: 'suppressed', text: '[c]' };

function figures(
  id: string,
  cells: Record<string, PublishedCount>,
  tier: ViewTier = 'partnership',
): [string, InputFigures] {
  return [
    id,
    {
      indicator: indicator(id),
      windowLabel: 'at 30 September 2026',
      tier,
      tierReason: '',
      count: (area: string, column = 'total') => cells[`${area}|${column}`] ?? MISSING,
      areas: [],
      synthetic: false,
      tables: [],
    },
  ];
}

describe('evaluateCombination', () => {
  it('orders areas as a tree and leaves out other levels', () => {
    expect(inTreeOrder(AREAS).map((a) => a.code)).toEqual(['P', 'L1', 'D1', 'D2', 'L2', 'D3']);
  });

  it('reads children and population by area, and marks areas without them [x]', () => {
    const result = evaluateCombination({
      formula: parsed('per10k({yp-at-risk-of-cce}, children) + {yp-at-risk-of-cce} / population * 0'),
      unit: 'per 10,000 children',
      polarity: 'higher-is-worse',
      areas: AREAS,
      figures: new Map([
        figures('yp-at-risk-of-cce', { 'P|total': shown(30), 'L1|total': shown(12), 'D1|total': shown(5) }),
      ]),
      denominators: {
        children: {
          label: 'children',
          byArea: new Map([
            ['P', 60_000],
            ['L1', 40_000],
            ['D1', 3_000],
          ]),
        },
        population: {
          label: 'residents',
          byArea: new Map([
            ['P', 300_000],
            ['L1', 200_000],
            ['D1', 15_000],
          ]),
        },
      },
    });
    const text = Object.fromEntries(result.rows.map((r) => [r.code, r.text]));
    expect(text).toEqual({ P: '5.0', L1: '3.0', D1: '16.7', D2: '[x]', L2: '[x]', D3: '[x]' });
    expect(result.variables.map((v) => [v.name, v.missingFor])).toEqual([
      ['children', ['Second']],
      ['population', ['Second']],
    ]);
    expect(result.rows[0]!.variables).toEqual(['60,000', '300,000']);
    expect(result.inputs[0]!.missingFor).toEqual(['Second']);
  });

  it('suppresses what depends on a suppressed figure, even where another is missing', () => {
    const result = evaluateCombination({
      formula: parsed('{yp-at-risk-of-cce} - {yp-at-risk-in-care}'),
      unit: 'count',
      polarity: 'no-judgement',
      areas: AREAS,
      figures: new Map([
        figures('yp-at-risk-of-cce', { 'D1|total': SUPPRESSED, 'D2|total': shown(9), 'D3|total': shown(4) }),
        figures('yp-at-risk-in-care', {
          'D1|total': MISSING,
          'D2|total': shown(2),
          'D3|total': { value: null, status: 'banded', text: 'Fewer than 10' },
        }),
      ]),
      denominators: {},
    });
    const byCode = new Map(result.rows.map((r) => [r.code, r]));
    expect(byCode.get('D1')).toMatchObject({ status: 'suppressed', text: '[c]', inputs: ['[c]', '[x]'] });
    expect(byCode.get('D2')).toMatchObject({ status: 'ok', value: 7, text: '7' });
    expect(byCode.get('D3')).toMatchObject({ status: 'suppressed', text: '[c]' });
  });

  it('withholds restricted intelligence that the viewer sees only as bands', () => {
    const result = evaluateCombination({
      formula: parsed('{clicm-lines-by-area} * 2'),
      unit: 'lines',
      polarity: 'higher-is-worse',
      areas: AREAS,
      figures: new Map([
        figures(
          'clicm-lines-by-area',
          { 'L1|total': { value: null, status: 'banded', text: '10 or more' } },
          'restricted-coarsened',
        ),
      ]),
      denominators: {},
    });
    expect(result.rows.map((r) => r.text)).toEqual(['[c]', '[c]', '[c]', '[c]', '[c]', '[c]']);
    expect(result.rows.find((r) => r.code === 'L1')!.inputs).toEqual(['10 or more']);
    expect(result.inputs[0]!.missingFor).toEqual([]);
  });

  it('reads a breakdown from its column and says which is used', () => {
    expect(columnOf('')).toBe('total');
    expect(columnOf('risk-level=significant')).toBe('significant');
    expect(columnOf('age-band=0-9;sex=male')).toBeUndefined();
    const result = evaluateCombination({
      formula: parsed('{yp-at-risk-by-risk-level: risk-level=significant} / 0'),
      unit: 'ratio',
      polarity: 'lower-is-worse',
      areas: AREAS,
      figures: new Map([figures('yp-at-risk-by-risk-level', { 'D1|significant': shown(6) })]),
      denominators: {},
    });
    expect(result.rows.find((r) => r.code === 'D1')).toMatchObject({
      status: 'undefined',
      text: '[z]',
      inputs: ['6'],
    });
    expect(result.inputs[0]!.breakdown).toBe('Assessed risk level: Significant');
  });
});

describe('formatting and names', () => {
  it('shows 1 decimal place, or a whole number for a count, rounding halves away from zero', () => {
    expect(formatValue(2.25, false)).toBe('2.3');
    expect(formatValue(-0.04, false)).toBe('0.0');
    expect(formatValue(12_345.678, false)).toBe('12,345.7');
    expect(formatValue(2.5, true)).toBe('3');
  });

  it('knows units that name a count', () => {
    for (const unit of ['count', 'Number', 'number of young people', 'young people', 'arrests']) {
      expect(isCountUnit(unit)).toBe(true);
    }
    for (const unit of ['%', 'per 10,000 children', 'ratio', 'rate per 1,000'])
      expect(isCountUnit(unit)).toBe(false);
  });

  it('reads a combination number', () => {
    expect(parseCombinationId('12')).toBe(12);
    for (const bad of ['0', '-1', '1.5', 'abc', '', '99999999999', '3000000000']) {
      expect(parseCombinationId(bad)).toBeUndefined();
    }
  });
});

describe('checking a combination', () => {
  it('allows only the first dimension, and says which to use', () => {
    const problems = breakdownProblems(
      parsed(
        '{yp-at-risk-demographics: sex=female, age-band=14-15} + {yp-at-risk-demographics: ethnicity=white}',
      ),
      BUILT_IN_CATALOGUE,
    );
    expect(problems.map((p) => p.message)).toEqual([
      'Column 39: In a combination, "yp-at-risk-demographics" can be broken down only by sex, not by age-band. ' +
        'Use sex=male (or another of male, female, unknown), or leave out the breakdown to use the total.',
      'Column 83: In a combination, "yp-at-risk-demographics" can be broken down only by sex, not by ethnicity. ' +
        'Use sex=male (or another of male, female, unknown), or leave out the breakdown to use the total.',
    ]);
  });

  it('accepts a valid combination and gives back the parsed formula', () => {
    const result = checkCombination(
      {
        name: ' Referrals ',
        formula: 'share({safeguarding-referrals-after-btp}, {yp-detained-by-btp})',
        unit: '%',
        polarity: 'no-judgement',
      },
      BUILT_IN_CATALOGUE,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ name: 'Referrals', description: '' });
  });
});
