import { describe, expect, it } from 'vitest';
import { logGamma, poissonCdf, poissonTest, poissonUpperTail, unusualValueWarning } from './poisson.ts';

/** Poisson probabilities by repeated multiplication: independent of the gamma-function code. */
function naivePmf(mean: number, upTo: number): number[] {
  const pmf = [Math.exp(-mean)];
  for (let k = 1; k <= upTo; k++) pmf.push(((pmf[k - 1] as number) * mean) / k);
  return pmf;
}

/** R's poisson.test two-sided p-value, by summing every outcome no more likely than the observed. */
function naiveTwoSided(observed: number, mean: number): number {
  const pmf = naivePmf(mean, Math.ceil(mean * 4 + observed + 50));
  const d = (pmf[observed] as number) * (1 + 1e-7);
  return pmf.reduce((sum, p) => (p <= d ? sum + p : sum), 0);
}

/** The same in log space for large means, with log-factorials from a running sum of logs. */
function naiveTwoSidedLarge(observed: number, mean: number): number {
  const top = Math.ceil(mean + 20 * Math.sqrt(mean));
  const logFactorial = [0];
  for (let k = 1; k <= top; k++) logFactorial.push((logFactorial[k - 1] as number) + Math.log(k));
  const logPmf = (k: number) => k * Math.log(mean) - mean - (logFactorial[k] as number);
  const threshold = logPmf(observed) + Math.log1p(1e-7);
  let sum = 0;
  for (let k = 0; k <= top; k++) if (logPmf(k) <= threshold) sum += Math.exp(logPmf(k));
  return sum;
}

describe('logGamma and the tails', () => {
  it('matches log-factorials', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });

  it('give P(X ≥ 10) = 0.001102… for a mean of 3', () => {
    expect(poissonUpperTail(10, 3)).toBeCloseTo(0.0011024881, 9);
    expect(poissonCdf(9, 3) + poissonUpperTail(10, 3)).toBeCloseTo(1, 12);
  });

  it('match naive sums for small means', () => {
    for (const mean of [0.2, 1, 3.7, 12, 40]) {
      const pmf = naivePmf(mean, 150);
      for (const k of [0, 1, 2, 5, 10, 30, 60]) {
        const cdf = pmf.slice(0, k + 1).reduce((a, b) => a + b, 0);
        expect(poissonCdf(k, mean)).toBeCloseTo(cdf, 12);
      }
    }
  });
});

describe('poissonTest', () => {
  it('gives R’s poisson.test value for 10 events against a mean of 3', () => {
    expect(poissonTest(10, 3)).toBeCloseTo(0.0011024881, 9);
  });

  it('matches a naive two-sided sum above and below the mean', () => {
    for (const [observed, mean] of [
      [0, 3],
      [1, 3],
      [7, 3],
      [0, 0.4],
      [3, 0.4],
      [2, 12.5],
      [25, 12.5],
      [12, 12.5],
      [30, 41],
      [60, 41],
    ] as const) {
      const expected = naiveTwoSided(observed, mean);
      expect(Math.abs(poissonTest(observed, mean) - expected)).toBeLessThan(1e-12 + 1e-9 * expected);
    }
  });

  it('works for means up to 10^5', () => {
    for (const observed of [99_000, 99_700, 100_000, 100_400, 101_200]) {
      const expected = naiveTwoSidedLarge(observed, 100_000);
      const p = poissonTest(observed, 100_000);
      expect(Math.abs(p - expected)).toBeLessThan(1e-9 + 1e-6 * expected);
    }
    expect(poissonTest(100_000, 100_000)).toBe(1);
    expect(poissonTest(110_000, 100_000)).toBeLessThan(1e-100);
  });

  it('stays between 0 and 1 and handles a mean of 0', () => {
    for (let observed = 0; observed < 40; observed++) {
      for (const mean of [0.01, 0.5, 2, 9.99, 20]) {
        const p = poissonTest(observed, mean);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
    }
    expect(poissonTest(0, 0)).toBe(1);
    expect(poissonTest(1, 0)).toBe(0);
  });

  it('refuses impossible inputs', () => {
    expect(() => poissonTest(-1, 3)).toThrow(RangeError);
    expect(() => poissonTest(2.5, 3)).toThrow(RangeError);
    expect(() => poissonTest(2, -1)).toThrow(RangeError);
  });
});

describe('unusualValueWarning', () => {
  it('warns about a figure far above the earlier ones', () => {
    expect(unusualValueWarning(12, [3, 3, 3, 3])).toBe(
      '12 is unusually high compared with the previous 4 periods (mean 3.0; exact Poisson test p < 0.001). Check the figure is right.',
    );
    expect(unusualValueWarning(12_000, [10_000, 10_000])).toBe(
      '12,000 is unusually high compared with the previous 2 periods (mean 10,000.0; exact Poisson test p < 0.001). Check the figure is right.',
    );
  });

  it('warns about a figure far below the earlier ones', () => {
    expect(unusualValueWarning(0, [40, 42])).toBe(
      '0 is unusually low compared with the previous 2 periods (mean 41.0; exact Poisson test p < 0.001). Check the figure is right.',
    );
  });

  it('stays quiet for ordinary variation, too little history and non-counts', () => {
    expect(unusualValueWarning(5, [4, 6])).toBeUndefined();
    expect(unusualValueWarning(9, [3, 3])).toBeUndefined(); // p = 0.0038: unusual, not alarming
    expect(unusualValueWarning(100, [3])).toBeUndefined();
    expect(unusualValueWarning(2.5, [3, 3, 3])).toBeUndefined();
  });

  it('does not call the first case after a run of zeros unusual, but does call a large jump', () => {
    expect(unusualValueWarning(1, [0, 0, 0, 0])).toBeUndefined();
    expect(unusualValueWarning(40, [0, 0, 0, 0])).toMatch(/^40 is unusually high .*\(mean 0\.0;/);
  });
});
