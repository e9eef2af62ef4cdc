/**
 * The OHID Fingertips recent-trend marker: a weighted least-squares test for a trend over the most
 * recent five points.
 *
 * @module
 */

import { isPresent, type MaybeNumber } from './indicators.ts';

/** A point in a time series with its 95% confidence interval. */
export interface TrendPoint {
  /** the period, e.g. the year (must be distinct across points) */
  time: number;
  value: MaybeNumber;
  /** lower 95% confidence limit */
  lower: MaybeNumber;
  /** upper 95% confidence limit */
  upper: MaybeNumber;
}

/** The trend marker. */
export type TrendMarker = 'increasing' | 'decreasing' | 'no significant change' | 'cannot be calculated';

/** Result of {@link trendMarker}. */
export interface TrendResult {
  marker: TrendMarker;
  /** why the marker was assigned */
  reason: string;
  /** weighted least-squares slope over the last five points (per unit of `time`) */
  slope: number | null;
  /** standard error of the slope */
  slopeStandardError: number | null;
  /** (slope / standard error)² */
  chiSquared: number | null;
  /** the points used (the last five, in time order) */
  points: TrendPoint[];
}

/** χ²₁ critical value at 99.8% (two-sided 0.002): Fingertips' threshold for a significant trend. */
export const TREND_CHI_SQUARED_THRESHOLD = 9.5495;
/** Width of a 95% confidence interval in standard errors (2 × 1.96). */
export const CI95_WIDTH_IN_STANDARD_ERRORS = 3.92;
/** Number of most recent points the trend test uses. */
export const TREND_POINTS = 5;

/**
 * Weighted least-squares slope of y on t and its standard error.
 *
 * Method: with weighted means t̄ = Σwt/Σw and ȳ = Σwy/Σw, b = Σw(t − t̄)(y − ȳ) / Σw(t − t̄)² and
 * SE(b) = 1/√(Σw(t − t̄)²), the weights being inverse variances (so the residual variance is taken
 * as known, not estimated). Reference: Draper NR, Smith H. Applied regression analysis (3rd edn).
 * Wiley; 1998. §9.2.
 *
 * @param t - times
 * @param y - values
 * @param w - weights (1/SE²), positive
 */
export function weightedSlope(
  t: readonly number[],
  y: readonly number[],
  w: readonly number[],
): { slope: number; standardError: number } {
  const n = t.length;
  if (n < 2 || y.length !== n || w.length !== n) throw new RangeError('need at least two matching points');
  let sw = 0;
  let swt = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    sw += wi;
    swt += wi * (t[i] as number);
    swy += wi * (y[i] as number);
  }
  const tBar = swt / sw;
  const yBar = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dt = (t[i] as number) - tBar;
    sxx += (w[i] as number) * dt * dt;
    sxy += (w[i] as number) * dt * ((y[i] as number) - yBar);
  }
  return { slope: sxy / sxx, standardError: 1 / Math.sqrt(sxx) };
}

/**
 * The Fingertips recent-trend marker.
 *
 * Method: take the last five points (by time). Each point's standard error is
 * SE = (U95 − L95)/3.92 and its weight 1/SE². Fit the weighted least-squares slope b with SE(b)
 * ({@link weightedSlope}); χ² = (b/SE(b))². The trend is 'increasing' or 'decreasing' (by the sign
 * of b) when χ² > 9.5495 (χ²₁ at 99.8%) AND each of the five leave-one-out fits (the slope of the
 * four points left when one is dropped) has the same sign as the full fit — guarding against one
 * outlying point reversing the result; otherwise
 * 'no significant change'. Fewer than five points, a missing value or limit, or a zero-width
 * interval among the last five give 'cannot be calculated'.
 * Reference: OHID Fingertips technical guidance, "Recent trends: the chi-squared test for trend"
 * (PHEindicatormethods `assign_trend_markers`).
 *
 * @param series - the time series, in any order; only the five most recent points are used
 */
export function trendMarker(series: readonly TrendPoint[]): TrendResult {
  const sorted = [...series].sort((a, b) => a.time - b.time);
  for (let i = 1; i < sorted.length; i++) {
    if ((sorted[i] as TrendPoint).time === (sorted[i - 1] as TrendPoint).time) {
      throw new RangeError('time periods must be distinct');
    }
  }
  const points = sorted.slice(-TREND_POINTS);
  const none = { slope: null, slopeStandardError: null, chiSquared: null, points };
  if (points.length < TREND_POINTS) {
    return { marker: 'cannot be calculated', reason: 'fewer than five data points', ...none };
  }
  const t: number[] = [];
  const y: number[] = [];
  const w: number[] = [];
  for (const p of points) {
    if (!isPresent(p.value) || !isPresent(p.lower) || !isPresent(p.upper)) {
      return { marker: 'cannot be calculated', reason: 'a value or confidence limit is missing', ...none };
    }
    const se = (p.upper - p.lower) / CI95_WIDTH_IN_STANDARD_ERRORS;
    if (!(se > 0) || !Number.isFinite(se)) {
      return { marker: 'cannot be calculated', reason: 'a confidence interval has no width', ...none };
    }
    t.push(p.time);
    y.push(p.value);
    w.push(1 / (se * se));
  }
  const { slope, standardError } = weightedSlope(t, y, w);
  const chiSquared = (slope / standardError) ** 2;
  const fit = { slope, slopeStandardError: standardError, chiSquared, points };
  if (!(chiSquared > TREND_CHI_SQUARED_THRESHOLD)) {
    return { marker: 'no significant change', reason: 'chi-squared is not above 9.5495', ...fit };
  }
  for (let j = 0; j < t.length; j++) {
    const keep = (_: number, i: number): boolean => i !== j;
    const sub = weightedSlope(t.filter(keep), y.filter(keep), w.filter(keep));
    if (Math.sign(sub.slope) !== Math.sign(slope)) {
      return {
        marker: 'no significant change',
        reason: `leaving out the point at time ${t[j]} changes the direction of the slope`,
        ...fit,
      };
    }
  }
  return {
    marker: slope > 0 ? 'increasing' : 'decreasing',
    reason: 'chi-squared is above 9.5495 and every leave-one-out slope has the same sign',
    ...fit,
  };
}
