// Confidence intervals for counts and proportions: what the conformance tables do not cover.
import { describe, expect, test } from 'vitest';
import { chiSquaredQuantile } from './distributions.ts';
import { crudeProportion, crudeRate } from './indicators.ts';
import {
  byarsInterval,
  byarsLower,
  byarsUpper,
  checkConfidence,
  exactBinomialInterval,
  exactPoissonInterval,
  poissonCountInterval,
  wilsonInterval,
  zForConfidence,
} from './intervals.ts';

describe('zForConfidence', () => {
  test('95% and 99.8%', () => {
    expect(zForConfidence(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(zForConfidence(0.998)).toBeCloseTo(3.090232306167813, 14);
  });

  test.each([0, 1, 95, -0.5, Number.NaN])('rejects a confidence of %s', (c) => {
    expect(() => checkConfidence(c)).toThrow(RangeError);
    expect(() => zForConfidence(c)).toThrow(RangeError);
  });
});

describe("Byar's or exact Poisson: the switch at 10", () => {
  test.each([0, 1, 5, 9, 9.5])('x = %s uses the exact (chi-squared) limits', (x) => {
    const ci = poissonCountInterval(x);
    expect(ci.method).toBe('Exact');
    expect(ci.lower).toBe(exactPoissonInterval(x).lower);
    expect(ci.upper).toBe(exactPoissonInterval(x).upper);
  });

  test.each([10, 11, 100, 1e6])("x = %s uses Byar's approximation", (x) => {
    const ci = poissonCountInterval(x);
    expect(ci.method).toBe('Byars');
    expect(ci).toEqual({ ...byarsInterval(x), method: 'Byars' });
  });

  test('at x = 10 the two methods are close but not equal, and the switch takes Byar’s', () => {
    const exact = exactPoissonInterval(10);
    const byars = byarsInterval(10);
    // exact: χ²(0.025; 20)/2 and χ²(0.975; 22)/2 = 4.7954…, 18.3904…
    expect(exact.lower).toBeCloseTo(4.795389, 5);
    expect(exact.upper).toBeCloseTo(18.390356, 5);
    expect(byars.lower).toBeCloseTo(4.78745, 5);
    expect(byars.upper).toBeCloseTo(18.391459, 5);
    expect(poissonCountInterval(10).lower).toBe(byars.lower);
    expect(poissonCountInterval(9).method).toBe('Exact');
  });

  test('crudeRate switches at 10 too', () => {
    expect(crudeRate(9, 1000).method).toBe('Exact');
    expect(crudeRate(10, 1000).method).toBe('Byars');
    expect(crudeRate(10, 1000, { multiplier: 1000 }).lower).toBeCloseTo(byarsLower(10) as number, 12);
  });
});

describe('exactPoissonInterval', () => {
  test('x = 0: lower 0, upper −ln(0.025) (the 97.5% point of χ² on 2 df, halved)', () => {
    expect(exactPoissonInterval(0)).toEqual({ lower: 0, upper: expect.closeTo(-Math.log(0.025), 14) });
    expect(exactPoissonInterval(0, 0.998).upper).toBeCloseTo(-Math.log(0.001), 13);
  });

  test('x = 1: lower −ln(0.975), from χ² on 2 df', () => {
    expect(exactPoissonInterval(1).lower).toBeCloseTo(-Math.log(0.975), 15);
    expect(exactPoissonInterval(1).upper).toBeCloseTo(chiSquaredQuantile(0.975, 4) / 2, 15);
  });

  test.each([-1, -1e-9, Number.NaN])('rejects a count of %s', (x) => {
    expect(() => exactPoissonInterval(x)).toThrow(/greater than or equal to zero/);
    expect(() => poissonCountInterval(x)).toThrow(RangeError);
  });
});

describe("Byar's limits", () => {
  test('a negative lower limit (x = 1 at 99.8%) is null, as R gives NA', () => {
    expect(byarsLower(1, 0.998)).toBeNull();
    expect(byarsLower(1, 0.95)).toBeGreaterThan(0);
  });

  test('x = 0: no lower limit (Byar’s formula divides by x); upper from x + 1 = 1', () => {
    expect(byarsLower(0)).toBeNull();
    expect(byarsUpper(0)).toBeCloseTo(Math.pow(1 - 1 / 9 + 1.959963984540054 / 3, 3), 14);
  });

  test.each([-1, Number.NaN])('rejects a count of %s', (x) => {
    expect(() => byarsLower(x)).toThrow(/greater than or equal to zero/);
    expect(() => byarsUpper(x)).toThrow(/greater than or equal to zero/);
  });
});

describe('wilsonInterval', () => {
  test.each([1, 7, 100, 12345, 1e9])('x = 0 of n = %s: lower limit exactly 0', (n) => {
    for (const c of [0.9, 0.95, 0.998]) expect(wilsonInterval(0, n, c).lower).toBe(0);
  });

  test.each([1, 7, 100, 12345, 1e9])('x = n = %s: upper limit exactly 1 (never above)', (n) => {
    // Unclamped, 7 of 7 at 90% gives 1.0000000000000002.
    for (const c of [0.9, 0.95, 0.998]) expect(wilsonInterval(n, n, c).upper).toBe(1);
  });

  test('x = 0 of 100: upper limit z²/(n + z²)', () => {
    const z2 = 1.959963984540054 ** 2;
    expect(wilsonInterval(0, 100).upper).toBeCloseTo(z2 / (100 + z2), 15);
  });

  test('symmetry: the interval for n − x is the mirror of that for x', () => {
    const a = wilsonInterval(13, 40);
    const b = wilsonInterval(27, 40);
    expect(a.lower).toBeCloseTo(1 - b.upper, 15);
    expect(a.upper).toBeCloseTo(1 - b.lower, 15);
  });

  test('validation: negative numerator, non-positive denominator, numerator above denominator', () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(/numerator must be greater than or equal to zero/);
    expect(() => wilsonInterval(1, 0)).toThrow(/denominator must be greater than zero/);
    expect(() => wilsonInterval(1, -5)).toThrow(/denominator must be greater than zero/);
    expect(() => wilsonInterval(11, 10)).toThrow(/less than or equal to denominator/);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 1.5)).toThrow(RangeError);
  });

  test('crudeProportion passes the validation on, and gives nulls for missing inputs', () => {
    expect(() => crudeProportion(-1, 10)).toThrow(RangeError);
    expect(() => crudeProportion(1, 0)).toThrow(RangeError);
    expect(crudeProportion(null, 10)).toMatchObject({ value: null, lower: null, upper: null });
    expect(crudeProportion(0, 10, { multiplier: 100 }).lower).toBe(0);
    expect(crudeProportion(10, 10, { multiplier: 100 }).upper).toBe(100);
  });

  test('crudeRate validation: negative numerator or non-positive denominator', () => {
    expect(() => crudeRate(-1, 100)).toThrow(/numerator must be greater than or equal to zero/);
    expect(() => crudeRate(1, 0)).toThrow(/denominator must be greater than zero/);
    expect(() => crudeRate(1, -100)).toThrow(/denominator must be greater than zero/);
  });
});

describe('exactBinomialInterval (Clopper–Pearson)', () => {
  test('x = 0 and x = n have the closed forms 1 − (α/2)^(1/n) and (α/2)^(1/n)', () => {
    expect(exactBinomialInterval(0, 20)).toEqual({
      lower: 0,
      upper: expect.closeTo(1 - 0.025 ** (1 / 20), 14),
    });
    expect(exactBinomialInterval(20, 20)).toEqual({ lower: expect.closeTo(0.025 ** (1 / 20), 14), upper: 1 });
  });

  test('1 of 1: lower 0.025', () => {
    expect(exactBinomialInterval(1, 1).lower).toBeCloseTo(0.025, 15);
  });

  test('validation', () => {
    expect(() => exactBinomialInterval(-1, 10)).toThrow(RangeError);
    expect(() => exactBinomialInterval(1, 0)).toThrow(RangeError);
    expect(() => exactBinomialInterval(11, 10)).toThrow(RangeError);
  });
});
