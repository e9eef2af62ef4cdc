import { describe, expect, it } from 'vitest';
import { describeFormula, describeNumber } from './formula.describe.ts';
import { formatFormula, shortestNumber } from './formula.format.ts';
import { MAX_FORMULA_LENGTH, type Formula } from './formula.model.ts';
import { parseFormula } from './formula.parser.ts';
import { parsed } from './formula.test-helpers.ts';

describe('formatFormula', () => {
  it.each([
    ['{a}/{b}*100', '{a} / {b} * 100'],
    ['({a}/{b})*100', '{a} / {b} * 100'],
    ['{a}/({b}*100)', '{a} / ({b} * 100)'],
    ['1-(2-3)', '1 - (2 - 3)'],
    ['(1-2)-3', '1 - 2 - 3'],
    ['1+(2+3)', '1 + (2 + 3)'],
    ['(1+2)*3', '(1 + 2) * 3'],
    ['1+2*3', '1 + 2 * 3'],
    ['-(1+2)', '-(1 + 2)'],
    ['-(1*2)', '-(1 * 2)'],
    ['(-1)*2', '-1 * 2'],
    ['1--2', '1 - -2'],
    ['- - 1', '--1'],
    ['-(-(1))', '--1'],
    ['{ A-b }'.toLowerCase(), '{a-b}'],
    ['{x :sex = male ; age-band=0-9}', '{x: age-band=0-9, sex=male}'],
    ['MIN( 1 ,2,3 )', 'min(1, 2, 3)'],
    ['Per10K({a},CHILDREN)', 'per10k({a}, children)'],
    ['round(share({a},{b}),1)', 'round(share({a}, {b}), 1)'],
    ['1e4', '10000'],
    ['0.50', '0.5'],
    ['1.0', '1'],
    ['007', '7'],
    ['1e21', '1e21'],
    ['1.5e-7', '1.5e-7'],
    ['((({a})))', '{a}'],
  ])('%s → %s', (text, expected) => {
    const formatted = formatFormula(parsed(text));
    expect(formatted).toBe(expected);
    expect(parsed(formatted)).toEqual(parsed(text));
  });

  it('writes the compact form when the spaced form would pass the length limit', () => {
    const text = `1${'+1'.repeat(249)}`;
    expect(text).toHaveLength(499);
    const formatted = formatFormula(parsed(text));
    expect(formatted).toBe(text);
    expect(parsed(formatted)).toEqual(parsed(text));
    // Short enough to space out: spaced.
    expect(formatFormula(parsed('1+1'))).toBe('1 + 1');
  });

  it('never makes a parsed formula longer than the limit', () => {
    const texts = [
      `{a}${'+{a}'.repeat(124)}`,
      `min(${Array.from({ length: 120 }, () => '1e9').join(',')})`,
      `${'10000000000000000000000*'.repeat(20)}1`,
      `${'0.00000000001/'.repeat(35)}1`,
      `{x:age-band=0-9,sex=male}${'-{x:sex=male;age-band=0-9}'.repeat(18)}`,
    ];
    for (const text of texts) {
      const formula = parsed(text);
      const formatted = formatFormula(formula);
      expect(Array.from(formatted).length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
      expect(parsed(formatted)).toEqual(formula);
    }
  });
});

describe('shortestNumber', () => {
  it.each([
    [0, '0'],
    [1, '1'],
    [10, '10'],
    [100, '100'],
    [1000, '1e3'],
    [10_000, '1e4'],
    [12_000, '12e3'],
    [0.5, '0.5'],
    [0.05, '0.05'],
    [0.001, '1e-3'],
    [1.5e-7, '15e-8'],
    [123.456, '123.456'],
    [1e21, '1e21'],
    [Number.MAX_VALUE, '17976931348623157e292'],
    [5e-324, '5e-324'],
  ])('%d → %s', (value, expected) => {
    expect(shortestNumber(value)).toBe(expected);
    expect(Number(shortestNumber(value))).toBe(value);
  });
});

describe('describeFormula', () => {
  const names = new Map([
    ['safeguarding-referrals-after-btp', 'Safeguarding referrals after BTP interventions'],
    ['yp-detained-by-btp', 'Young people detained by BTP'],
    ['nrm-ce-investigations', 'Criminal exploitation investigations'],
    ['nrm-referral', 'NRM referral'],
    ['nrm-referral=with-referral', 'with an NRM referral'],
    ['yp-at-risk-of-cce', 'Young people at risk of criminal exploitation'],
  ]);
  const read = (text: string): string => describeFormula(parsed(text), names);

  it('reads the example of the issue', () => {
    expect(read('{safeguarding-referrals-after-btp} / {yp-detained-by-btp} * 100')).toBe(
      'Safeguarding referrals after BTP interventions divided by Young people detained by BTP, times 100',
    );
  });

  it.each([
    ['{a} + {b} * 2', 'a plus (b times 2)'],
    ['({a} + {b}) * 2', 'a plus b, times 2'],
    ['{a} - ({b} - {c})', 'a minus (b minus c)'],
    ['-{a}', 'minus a'],
    ['-({a} + 1)', 'minus (a plus 1)'],
    ['min({a}, {b})', 'the smaller of a and b'],
    ['min({a}, {b}, {c})', 'the smallest of a, b and c'],
    ['max({a}, {b})', 'the larger of a and b'],
    ['max({a}, {b}, {c})', 'the largest of a, b and c'],
    ['abs({a} - {b})', 'the absolute value of (a minus b)'],
    ['round({a})', 'a rounded to a whole number'],
    ['round({a}, 0)', 'a rounded to a whole number'],
    ['round({a}, 1)', 'a rounded to 1 decimal place'],
    ['round({a} / {b} * 100, 2)', 'a divided by b, times 100, rounded to 2 decimal places'],
    [
      'per10k({yp-at-risk-of-cce}, children)',
      'Young people at risk of criminal exploitation per 10,000 children aged 0 to 15',
    ],
    ['per10k({a}, population)', 'a per 10,000 total population'],
    ['share({a}, {b})', 'a as a percentage of b'],
    ['max(share({a}, {b}), 50)', 'the larger of (a as a percentage of b) and 50'],
    [
      '{nrm-ce-investigations: nrm-referral=with-referral}',
      'Criminal exploitation investigations (with an NRM referral)',
    ],
    [
      '{nrm-ce-investigations: nrm-referral=without-referral}',
      'Criminal exploitation investigations (NRM referral: without-referral)',
    ],
    ['{x: sex=male, age-band=0-9}', 'x (age-band: 0-9, sex: male)'],
    ['{a} * 10000 + 1234567.25', 'a times 10,000, plus 1,234,567.25'],
  ])('%s', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('formats numbers for reading', () => {
    expect(describeNumber(0)).toBe('0');
    expect(describeNumber(-12_345.5)).toBe('-12,345.5');
    expect(describeNumber(1e21)).toBe('1e21');
    expect(describeNumber(999)).toBe('999');
  });

  it('reads a formula built by hand, with no names given', () => {
    const formula: Formula = {
      kind: 'call',
      name: 'share',
      args: [
        { kind: 'number', value: 1 },
        { kind: 'variable', name: 'children' },
      ],
    };
    expect(describeFormula(formula, new Map())).toBe('1 as a percentage of children aged 0 to 15');
    expect(parseFormula(formatFormula(formula))).toEqual({ ok: true, formula });
  });
});
