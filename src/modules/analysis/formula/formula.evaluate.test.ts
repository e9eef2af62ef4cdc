import { describe, expect, it } from 'vitest';
import {
  evaluateFormula,
  formulaInputs,
  formulaVariables,
  roundHalfAwayFromZero,
  type LookupRequest,
  type LookupValue,
} from './formula.evaluate.ts';
import { parsed } from './formula.test-helpers.ts';

/** A lookup over a table keyed "id" or "id|dimension=value", with children and population. */
function table(
  values: Record<string, LookupValue>,
  variables: { children?: number; population?: number } = {},
) {
  const calls: LookupRequest[] = [];
  const lookup = (input: LookupRequest): LookupValue => {
    calls.push(input);
    if ('variable' in input) return variables[input.variable] ?? null;
    const key = input.breakdownKey === '' ? input.indicatorId : `${input.indicatorId}|${input.breakdownKey}`;
    return values[key] ?? null;
  };
  return { lookup, calls };
}

const run = (text: string, values: Record<string, LookupValue>, variables = {}) =>
  evaluateFormula(parsed(text), table(values, variables).lookup);

describe('evaluateFormula: arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['48 / 4 / 2', 6],
    ['-2 * -3', 6],
    ['--5', 5],
    ['1e4 / 4', 2500],
    ['min(3, 1, 2)', 1],
    ['max(3, 1, 2)', 3],
    ['abs(2 - 5)', 3],
    ['round(2.5)', 3],
    ['round(-2.5)', -3],
    ['round(1.005, 2)', 1.01],
    ['round(2 / 3, 3)', 0.667],
    ['per10k(25, 50000)', 5],
    ['share(1, 8)', 12.5],
    ['0 * -1', 0],
  ])('%s = %d', (text, expected) => {
    expect(run(text, {})).toEqual({ value: expected, status: 'ok', dependsOn: [] });
  });

  it('gives 0, not -0', () => {
    const result = run('-{a}', { a: 0 });
    expect(Object.is(result.value, 0)).toBe(true);
  });

  it('works out the issue example: referrals as a share of detentions', () => {
    const result = run('{safeguarding-referrals-after-btp} / {yp-detained-by-btp} * 100', {
      'safeguarding-referrals-after-btp': 12,
      'yp-detained-by-btp': 48,
    });
    expect(result).toEqual({
      value: 25,
      status: 'ok',
      dependsOn: [
        { indicatorId: 'safeguarding-referrals-after-btp', breakdownKey: '' },
        { indicatorId: 'yp-detained-by-btp', breakdownKey: '' },
      ],
    });
  });

  it('reads breakdowns and the named variables', () => {
    const result = run(
      'per10k({nrm-ce-investigations: nrm-referral=with-referral}, children) + {nrm-ce-investigations} * 0 + population * 0',
      { 'nrm-ce-investigations|nrm-referral=with-referral': 3, 'nrm-ce-investigations': 10 },
      { children: 15_000, population: 80_000 },
    );
    expect(result.value).toBe(2);
    expect(result.status).toBe('ok');
  });
});

describe('evaluateFormula: suppressed, missing and undefined', () => {
  const formula = 'share({a}, {b})';

  it('suppresses a result from a suppressed count', () => {
    expect(run(formula, { a: 'suppressed', b: 40 })).toMatchObject({ value: null, status: 'suppressed' });
    expect(run(formula, { a: 4, b: 'suppressed' })).toMatchObject({ value: null, status: 'suppressed' });
  });

  it('suppresses even where the suppressed count could not change the figure', () => {
    expect(run('{a} * 0 + 1', { a: 'suppressed' })).toMatchObject({ value: null, status: 'suppressed' });
    expect(run('max({a}, 1000)', { a: 'suppressed' })).toMatchObject({ value: null, status: 'suppressed' });
  });

  it('suppresses rather than reporting missing when both happen, whatever the order', () => {
    expect(run(formula, { a: 'suppressed' })).toMatchObject({ status: 'suppressed' });
    expect(run(formula, { b: 'suppressed' })).toMatchObject({ status: 'suppressed' });
    expect(run(formula, { b: 'suppressed', a: 1 }, {})).toMatchObject({ status: 'suppressed' });
  });

  it('reports a missing input as not available', () => {
    expect(run(formula, { a: 4 })).toMatchObject({ value: null, status: 'not-available' });
    expect(run(formula, { a: null, b: 4 })).toMatchObject({ value: null, status: 'not-available' });
    expect(run('per10k({a}, children)', { a: 4 })).toMatchObject({ value: null, status: 'not-available' });
  });

  it('reports a missing input as not available before any division by zero', () => {
    expect(run('{a} / 0 + {b}', { a: 1 })).toMatchObject({ status: 'not-available' });
  });

  it('treats values that are not finite numbers as not available', () => {
    for (const bad of [NaN, Infinity, -Infinity, undefined, '12', {}]) {
      const lookup = () => bad as unknown as LookupValue;
      expect(evaluateFormula(parsed('{a} + 1'), lookup)).toMatchObject({
        value: null,
        status: 'not-available',
      });
    }
  });

  it.each([
    ['{a} / {b}', { a: 1, b: 0 }],
    ['{a} / {b}', { a: 0, b: 0 }],
    ['share({a}, {b})', { a: 3, b: 0 }],
    ['per10k({a}, {b})', { a: 3, b: 0 }],
    ['{a} / ({b} - {b})', { a: 3, b: 7 }],
    ['1 / -0', {}],
    ['1e308 * 10', {}],
    ['1e308 * 10 / 1e308', {}],
    ['-1e308 - 1e308', {}],
    ['round(1 / 0, 2)', {}],
    ['min(1, 1 / 0)', {}],
    ['abs(0 / 0)', {}],
  ])('%s with %j is undefined', (text, values) => {
    expect(run(text, values)).toMatchObject({ value: null, status: 'undefined' });
  });

  it('never throws for data problems', () => {
    const cases: Record<string, LookupValue>[] = [
      {},
      { a: 0 },
      { a: 'suppressed' },
      { a: -1e308 },
      { a: 5e-324 },
    ];
    for (const values of cases) {
      expect(() =>
        run('round(share({a}, {a}) * per10k({a}, {a}), 10) / min({a}, -{a})', values),
      ).not.toThrow();
    }
  });

  it('is deterministic', () => {
    const formula = parsed('round(share({a}, {b}) + per10k({a}, children), 2)');
    const lookup = table({ a: 7, b: 9 }, { children: 1234 }).lookup;
    const results = Array.from({ length: 5 }, () => evaluateFormula(formula, lookup));
    for (const r of results) expect(r).toEqual(results[0]);
  });
});

describe('dependsOn and formulaInputs', () => {
  const text =
    '{b} + {a: sex=male} + {a} * {b} + {a: sex=male} - {a: age-band=0-9, sex=male} + {a: sex=male; age-band=0-9} + children';
  const expected = [
    { indicatorId: 'b', breakdownKey: '' },
    { indicatorId: 'a', breakdownKey: 'sex=male' },
    { indicatorId: 'a', breakdownKey: '' },
    { indicatorId: 'a', breakdownKey: 'age-band=0-9;sex=male' },
  ];

  it('lists each distinct cell once, in order of first appearance, with keys like the observation store', () => {
    expect(formulaInputs(parsed(text))).toEqual(expected);
  });

  it('reports every input cell whatever the outcome, and only indicator cells', () => {
    const cases: Record<string, LookupValue>[] = [
      {},
      { b: 'suppressed' },
      { b: 1, 'a|sex=male': 2, a: 0, 'a|age-band=0-9;sex=male': 4 },
    ];
    for (const values of cases) {
      expect(run(text, values, { children: 5 }).dependsOn).toEqual(expected);
    }
  });

  it('looks each input up exactly once, before any arithmetic', () => {
    const { lookup, calls } = table({ b: 1, a: 2 });
    evaluateFormula(parsed(text), lookup);
    expect(calls).toEqual([...expected, { variable: 'children' }]);
  });

  it('is empty for a formula of numbers and variables', () => {
    expect(formulaInputs(parsed('per10k(5, children)'))).toEqual([]);
    expect(run('per10k(5, children)', {}, { children: 10_000 })).toEqual({
      value: 5,
      status: 'ok',
      dependsOn: [],
    });
  });

  it('gives the caller copies it may change freely', () => {
    const formula = parsed('{a}');
    const first = evaluateFormula(formula, () => 1);
    first.dependsOn[0]!.indicatorId = 'changed';
    expect(evaluateFormula(formula, () => 1).dependsOn).toEqual([{ indicatorId: 'a', breakdownKey: '' }]);
  });
});

describe('formulaVariables', () => {
  it('lists each variable once, in order of first appearance', () => {
    expect(formulaVariables(parsed('population / children + children'))).toEqual(['population', 'children']);
    expect(formulaVariables(parsed('{a}'))).toEqual([]);
  });
});

describe('roundHalfAwayFromZero', () => {
  it.each([
    [0.5, 0, 1],
    [1.5, 0, 2],
    [-0.5, 0, -1],
    [1.005, 2, 1.01],
    [1.0049999, 2, 1],
    [2.675, 2, 2.68],
    [-2.675, 2, -2.68],
    [1e-7, 2, 0],
    [1.23456789e-7, 10, 1.235e-7],
    [123456789.123, 1, 123456789.1],
    [1e25, 2, 1e25],
    [9007199254740991, 0, 9007199254740991],
  ])('round(%d, %d) = %d', (x, digits, expected) => {
    expect(roundHalfAwayFromZero(x, digits)).toBe(expected);
  });

  it('gives NaN for digits outside 0 to 10 or a value that is not finite', () => {
    expect(roundHalfAwayFromZero(1, 11)).toBeNaN();
    expect(roundHalfAwayFromZero(1, -1)).toBeNaN();
    expect(roundHalfAwayFromZero(1, 1.5)).toBeNaN();
    expect(roundHalfAwayFromZero(Infinity, 1)).toBeNaN();
  });
});
