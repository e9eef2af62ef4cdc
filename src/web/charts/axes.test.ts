import { describe, expect, it } from 'vitest';
import { linearScale, niceTicks } from './axes.ts';

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 97)).toMatchObject({ min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
    expect(niceTicks(0, 1).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 12.3).ticks).toEqual([0, 2, 4, 6, 8, 10, 12, 14]);
    expect(niceTicks(0, 4300).ticks).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
  });

  it('handles negative ranges and decimals without floating-point noise', () => {
    const t = niceTicks(-3.2, 7.9);
    expect(t.ticks).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(niceTicks(0.3, 0.71).ticks).toEqual([0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
    expect(niceTicks(0, 0.003).ticks).toEqual([0, 0.0005, 0.001, 0.0015, 0.002, 0.0025, 0.003]);
    for (const tick of niceTicks(0.1, 0.7).ticks) expect(String(tick).length).toBeLessThanOrEqual(4);
  });

  it('reports the decimals the labels need', () => {
    expect(niceTicks(0, 100).decimals).toBe(0);
    expect(niceTicks(0, 1).decimals).toBe(1);
    expect(niceTicks(0, 0.003).decimals).toBe(4);
  });

  it('copes with an empty or reversed range', () => {
    expect(niceTicks(0, 0).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5).min).toBe(0);
    expect(niceTicks(-5, -5).max).toBe(0);
    expect(niceTicks(10, 0).ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(() => niceTicks(0, Infinity)).toThrow(RangeError);
  });

  it('keeps whole steps for counts', () => {
    expect(niceTicks(0, 3, 5, { integer: true }).ticks).toEqual([0, 1, 2, 3]);
  });

  it('always contains the data', () => {
    for (const [lo, hi] of [
      [0, 1.01],
      [3.3, 9.7],
      [-120, 45],
      [0.001, 0.0013],
      [1e6, 3.2e6],
    ] as const) {
      const t = niceTicks(lo, hi);
      expect(t.min).toBeLessThanOrEqual(lo);
      expect(t.max).toBeGreaterThanOrEqual(hi);
      expect(t.ticks.length).toBeGreaterThanOrEqual(3);
      expect(t.ticks.length).toBeLessThanOrEqual(12);
    }
  });
});

describe('linearScale', () => {
  it('maps a domain onto a range, inverted for y', () => {
    const y = linearScale([0, 100], [300, 0]);
    expect(y(0)).toBe(300);
    expect(y(50)).toBe(150);
    expect(linearScale([1, 1], [0, 10])(1)).toBe(0);
  });
});
