// The Fingertips recent-trend marker, on series whose fits can be worked by hand.
// With every interval ±1.96 (SE = 3.92/3.92 = 1, weight 1) and times centred on the middle point,
// the slope is b = Σ t·y / Σ t² and SE(b) = 1/√Σt², so χ² = (Σ t·y)² / Σ t²:
// five points t = −2…2 have Σt² = 10; four consecutive points t = −1.5…1.5 have Σt² = 5.
import { describe, expect, test } from 'vitest';
import { chiSquaredQuantile } from './distributions.ts';
import {
  CI95_WIDTH_IN_STANDARD_ERRORS,
  TREND_CHI_SQUARED_THRESHOLD,
  TREND_POINTS,
  trendMarker,
  weightedSlope,
  type TrendPoint,
} from './trend.ts';

/** Points at times 2015, 2016, … with 95% intervals ±1.96·se (so SE = se). */
function series(
  values: readonly (number | null)[],
  se: number | readonly number[] = 1,
  start = 2015,
): TrendPoint[] {
  return values.map((value, i) => {
    const s = typeof se === 'number' ? se : (se[i] as number);
    return {
      time: start + i,
      value,
      lower: value === null ? null : value - 1.96 * s,
      upper: value === null ? null : value + 1.96 * s,
    };
  });
}

describe('constants', () => {
  test('9.5495 is the 99.8% point of χ² on 1 degree of freedom, to 4 decimals', () => {
    expect(TREND_CHI_SQUARED_THRESHOLD).toBe(9.5495);
    expect(chiSquaredQuantile(0.998, 1)).toBeCloseTo(TREND_CHI_SQUARED_THRESHOLD, 4);
    expect(CI95_WIDTH_IN_STANDARD_ERRORS).toBe(3.92);
    expect(TREND_POINTS).toBe(5);
  });
});

describe('weightedSlope', () => {
  test('unit weights: slope 2 and SE 1/√10 for a straight line over five points', () => {
    const r = weightedSlope([0, 1, 2, 3, 4], [10, 12, 14, 16, 18], [1, 1, 1, 1, 1]);
    expect(r.slope).toBeCloseTo(2, 14);
    expect(r.standardError).toBeCloseTo(1 / Math.sqrt(10), 14);
  });

  test('unequal weights: y = 0,0,0,0,4 with weights 1,1,1,1,¼ gives b = 4/11 and SE = √(17/110)', () => {
    // Σw = 17/4, Σwt = 7, Σwy = 1; Sxx = 18 − 49/(17/4) = 110/17; Sxy = 4 − 7/(17/4) = 40/17.
    const r = weightedSlope([0, 1, 2, 3, 4], [0, 0, 0, 0, 4], [1, 1, 1, 1, 0.25]);
    expect(r.slope).toBeCloseTo(4 / 11, 14);
    expect(r.standardError).toBeCloseTo(Math.sqrt(17 / 110), 14);
  });

  test('rejects fewer than two points or mismatched lengths', () => {
    expect(() => weightedSlope([1], [1], [1])).toThrow(RangeError);
    expect(() => weightedSlope([1, 2], [1], [1, 1])).toThrow(RangeError);
  });
});

describe('trendMarker', () => {
  test('a clear increase: 10, 12, 14, 16, 18 (SE 1) → increasing, b = 2, χ² = 40', () => {
    const r = trendMarker(series([10, 12, 14, 16, 18]));
    expect(r.marker).toBe('increasing');
    expect(r.slope).toBeCloseTo(2, 12);
    expect(r.slopeStandardError).toBeCloseTo(1 / Math.sqrt(10), 12);
    expect(r.chiSquared).toBeCloseTo(40, 10);
  });

  test('a clear decrease: 18, 16, 14, 12, 10 → decreasing, b = −2, χ² = 40', () => {
    const r = trendMarker(series([18, 16, 14, 12, 10]));
    expect(r.marker).toBe('decreasing');
    expect(r.slope).toBeCloseTo(-2, 12);
    expect(r.chiSquared).toBeCloseTo(40, 10);
  });

  test('the SE comes from the interval width: the same line with SE 3 is not significant (χ² = 40/9)', () => {
    const r = trendMarker(series([10, 12, 14, 16, 18], 3));
    expect(r.marker).toBe('no significant change');
    expect(r.slopeStandardError).toBeCloseTo(3 / Math.sqrt(10), 12);
    expect(r.chiSquared).toBeCloseTo(40 / 9, 10);
  });

  test('a flat noisy series 10, 11, 9, 10.5, 9.5 → no significant change (b = −0.15, χ² = 0.225)', () => {
    const r = trendMarker(series([10, 11, 9, 10.5, 9.5]));
    expect(r.marker).toBe('no significant change');
    expect(r.slope).toBeCloseTo(-0.15, 12);
    expect(r.chiSquared).toBeCloseTo(0.225, 12);
  });

  test('full fit significant but one leave-one-out slope changes sign → no significant change', () => {
    // 3, 2, 1, 0, 20: full Σty = 32 → b = 3.2, χ² = 102.4; without the last point the four
    // points 3, 2, 1, 0 have Σty = −5 → b = −1.
    const r = trendMarker(series([3, 2, 1, 0, 20]));
    expect(r.chiSquared).toBeCloseTo(102.4, 9);
    expect(r.slope).toBeCloseTo(3.2, 12);
    expect(r.marker).toBe('no significant change');
    expect(r.reason).toMatch(/2019.*direction/);
  });

  test("the rule is the issue's: leave-one-out fits must keep the sign, not be significant themselves", () => {
    // 0, 0, 0, 1, 10: full Σty = 21 → b = 2.1, χ² = 44.1; without the last point 0, 0, 0, 1
    // have Σty = 1.5 → b = 0.3 (same sign, though χ² = 0.45 on its own), and every other
    // leave-one-out slope is positive too: increasing.
    const r = trendMarker(series([0, 0, 0, 1, 10]));
    expect(r.chiSquared).toBeCloseTo(44.1, 9);
    expect(r.marker).toBe('increasing');
  });

  test('every leave-one-out fit with the same sign → increasing', () => {
    // Dropping an end point leaves Σt² = 5 and b = 2, so χ² = 20 > 9.5495; dropping an inner point more.
    expect(trendMarker(series([10, 12, 14, 16, 18])).reason).toMatch(/every leave-one-out/);
  });

  test('fewer than five points → cannot be calculated', () => {
    for (const n of [0, 1, 4]) {
      const r = trendMarker(series([10, 12, 14, 16, 18].slice(0, n)));
      expect(r.marker).toBe('cannot be calculated');
      expect(r.slope).toBeNull();
      expect(r.chiSquared).toBeNull();
    }
  });

  test('a missing value or interval among the last five → cannot be calculated', () => {
    expect(trendMarker(series([10, 12, null, 16, 18])).marker).toBe('cannot be calculated');
    const noLower = series([10, 12, 14, 16, 18]);
    noLower[4] = { ...(noLower[4] as TrendPoint), lower: null };
    expect(trendMarker(noLower).marker).toBe('cannot be calculated');
    const nanUpper = series([10, 12, 14, 16, 18]);
    nanUpper[0] = { ...(nanUpper[0] as TrendPoint), upper: Number.NaN };
    expect(trendMarker(nanUpper).marker).toBe('cannot be calculated');
  });

  test('a zero-width interval → cannot be calculated', () => {
    const points = series([10, 12, 14, 16, 18]);
    points[2] = { time: 2017, value: 14, lower: 14, upper: 14 };
    expect(trendMarker(points).marker).toBe('cannot be calculated');
  });

  test('only the last five points are used (a missing or wild earlier point does not matter)', () => {
    const points = [
      { time: 2012, value: null, lower: null, upper: null },
      { time: 2013, value: 1000, lower: 999, upper: 1001 },
      { time: 2014, value: 900, lower: 899, upper: 901 },
      ...series([10, 12, 14, 16, 18]),
    ];
    const r = trendMarker(points);
    expect(r.marker).toBe('increasing');
    expect(r.points.map((p) => p.time)).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(r.chiSquared).toBeCloseTo(40, 10);
  });

  test('points may come in any order; they are sorted by time', () => {
    const points = series([10, 12, 14, 16, 18]).reverse();
    const r = trendMarker(points);
    expect(r.marker).toBe('increasing');
    expect(r.points.map((p) => p.time)).toEqual([2015, 2016, 2017, 2018, 2019]);
  });

  test('repeated time periods are rejected', () => {
    const points = series([10, 12, 14, 16, 18]);
    points[1] = { ...(points[1] as TrendPoint), time: 2015 };
    expect(() => trendMarker(points)).toThrow(/distinct/);
  });
});
