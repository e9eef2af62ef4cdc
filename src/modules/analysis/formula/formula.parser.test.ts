import { describe, expect, it } from 'vitest';
import { parseFormula, positionOf, valuePositionOf } from './formula.parser.ts';
import { parsed, show } from './formula.test-helpers.ts';

describe('precedence and associativity', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 * 2 + 3', '((1 * 2) + 3)'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['1 / 2 / 3', '((1 / 2) / 3)'],
    ['1 - 2 + 3', '((1 - 2) + 3)'],
    ['1 + 2 - 3', '((1 + 2) - 3)'],
    ['1 / 2 * 3', '((1 / 2) * 3)'],
    ['1 * 2 / 3', '((1 * 2) / 3)'],
    ['1 + 2 * 3 - 4 / 5', '((1 + (2 * 3)) - (4 / 5))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['1 - (2 - 3)', '(1 - (2 - 3))'],
    ['1 / (2 / 3)', '(1 / (2 / 3))'],
    ['-1 * 2', '((-1) * 2)'],
    ['-(1 * 2)', '(-(1 * 2))'],
    ['-1 + 2', '((-1) + 2)'],
    ['1 - -2', '(1 - (-2))'],
    ['1 * -2', '(1 * (-2))'],
    ['--1', '(-(-1))'],
    ['2 * -{a} / 3', '((2 * (-{a})) / 3)'],
    ['{a} / {b} * 100', '(({a} / {b}) * 100)'],
    ['((((1))))', '1'],
    ['min(1 + 2, 3 * 4)', 'min((1 + 2), (3 * 4))'],
    ['-min(1, 2) * 3', '((-min(1, 2)) * 3)'],
    ['round(1 / 3, 2) + 1', '(round((1 / 3), 2) + 1)'],
  ])('%s', (text, expected) => {
    expect(show(parsed(text))).toBe(expected);
  });
});

describe('syntax', () => {
  it('reads numbers in plain and exponent form', () => {
    expect(parsed('12')).toEqual({ kind: 'number', value: 12 });
    expect(parsed('0.5')).toEqual({ kind: 'number', value: 0.5 });
    expect(parsed('1e4')).toEqual({ kind: 'number', value: 10_000 });
    expect(parsed('2.5E-3')).toEqual({ kind: 'number', value: 0.0025 });
    expect(parsed('1e+2')).toEqual({ kind: 'number', value: 100 });
    expect(parsed('007')).toEqual({ kind: 'number', value: 7 });
  });

  it('reads an indicator total and a breakdown, with or without spaces', () => {
    expect(parsed('{yp-detained-by-btp}')).toEqual({
      kind: 'indicator',
      indicatorId: 'yp-detained-by-btp',
      breakdown: [],
    });
    const expected = {
      kind: 'indicator',
      indicatorId: 'nrm-ce-investigations',
      breakdown: [{ dimension: 'nrm-referral', value: 'with-referral' }],
    };
    expect(parsed('{nrm-ce-investigations: nrm-referral=with-referral}')).toEqual(expected);
    expect(parsed('{nrm-ce-investigations:nrm-referral=with-referral}')).toEqual(expected);
    expect(parsed('{ nrm-ce-investigations  :  nrm-referral  =  with-referral }')).toEqual(expected);
  });

  it('reads several breakdowns, separated by commas or semicolons, in dimension order', () => {
    const expected = {
      kind: 'indicator',
      indicatorId: 'yp-at-risk-demographics',
      breakdown: [
        { dimension: 'age-band', value: '14-15' },
        { dimension: 'sex', value: 'female' },
      ],
    };
    expect(parsed('{yp-at-risk-demographics: sex=female, age-band=14-15}')).toEqual(expected);
    expect(parsed('{yp-at-risk-demographics: age-band=14-15;sex=female}')).toEqual(expected);
  });

  it('reads the named variables and functions, in any case', () => {
    expect(parsed('children')).toEqual({ kind: 'variable', name: 'children' });
    expect(parsed('Population')).toEqual({ kind: 'variable', name: 'population' });
    expect(show(parsed('PER10K({a}, CHILDREN)'))).toBe('per10k({a}, children)');
  });

  it('reads every function', () => {
    expect(show(parsed('min(1, 2, 3)'))).toBe('min(1, 2, 3)');
    expect(show(parsed('max(1, 2)'))).toBe('max(1, 2)');
    expect(show(parsed('abs(-1)'))).toBe('abs((-1))');
    expect(show(parsed('round(1.25)'))).toBe('round(1.25)');
    expect(show(parsed('round(1.25, 1)'))).toBe('round(1.25, 1)');
    expect(show(parsed('per10k({a}, children)'))).toBe('per10k({a}, children)');
    expect(show(parsed('share({a}, {b})'))).toBe('share({a}, {b})');
  });

  it('allows whitespace anywhere between tokens, including tabs, new lines and no-break spaces', () => {
    expect(show(parsed('\t{a}\n/\u00a0{b}\r\n*100  '))).toBe('(({a} / {b}) * 100)');
    expect(show(parsed('min ( 1 , 2 )'))).toBe('min(1, 2)');
  });

  it('freezes the tree', () => {
    const formula = parsed('{a} + 1');
    expect(Object.isFrozen(formula)).toBe(true);
    if (formula.kind === 'binary') expect(Object.isFrozen(formula.left)).toBe(true);
  });

  it('keeps source positions beside the tree, not in it', () => {
    const formula = parsed('  2 * {x: sex = male}');
    expect(JSON.stringify(formula)).not.toContain('position');
    expect(positionOf(formula)).toBe(2);
    if (formula.kind !== 'binary' || formula.right.kind !== 'indicator') throw new Error('unexpected tree');
    expect(positionOf(formula.right)).toBe(6);
    const part = formula.right.breakdown[0];
    if (!part) throw new Error('no breakdown');
    expect(positionOf(part)).toBe(10);
    expect(valuePositionOf(part)).toBe(16);
  });

  it('gives equal trees for differently spaced text', () => {
    const a = parseFormula('{a}/{b}*100');
    const b = parseFormula(' ( {a} / {b} ) * 100 ');
    expect(a).toEqual(b);
  });
});
