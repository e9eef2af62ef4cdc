/**
 * Crude indicator values with confidence intervals — proportions, rates and means — following
 * OHID Fingertips technical guidance and PHEindicatormethods v2.1.0 (`phe_proportion`,
 * `phe_rate`, `phe_mean`).
 *
 * Missing inputs (`null`, `undefined` or `NaN`) give `null` outputs rather than throwing, the way
 * the R package returns NA.
 *
 * @module
 */

import { studentTQuantile } from './distributions.ts';
import {
  byarsLower,
  byarsUpper,
  checkConfidence,
  exactPoissonInterval,
  wilsonInterval,
  type CountIntervalMethod,
} from './intervals.ts';

/** A number that may be missing. */
export type MaybeNumber = number | null | undefined;

/** True when `v` is a usable number (not null, undefined or NaN). */
export function isPresent(v: MaybeNumber): v is number {
  return typeof v === 'number' && !Number.isNaN(v);
}

/** An indicator value with its confidence interval; `null` where it cannot be calculated. */
export interface IndicatorEstimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** confidence level as a fraction */
  confidence: number;
}

/** Options shared by the crude indicator functions. */
export interface CrudeOptions {
  /** scale of the output, e.g. 100 for a percentage or 100,000 for a rate per 100,000 */
  multiplier?: number;
  /** confidence level as a fraction (default 0.95) */
  confidence?: number;
}

/**
 * Crude value numerator / denominator × multiplier, without an interval.
 *
 * @returns `null` when either input is missing
 * @throws RangeError when the denominator is not positive
 */
export function crudeValue(numerator: MaybeNumber, denominator: MaybeNumber, multiplier = 1): number | null {
  if (!isPresent(numerator) || !isPresent(denominator)) return null;
  if (!(denominator > 0)) throw new RangeError('denominator must be greater than zero');
  return (numerator / denominator) * multiplier;
}

/**
 * A proportion with its Wilson score confidence interval, scaled by `multiplier` (1 = proportion of
 * one, 100 = percentage).
 *
 * Method: value = x/n × multiplier; limits from {@link wilsonInterval} × multiplier.
 * Reference: Wilson (1927); Newcombe & Altman (2000); PHEindicatormethods `phe_proportion`.
 *
 * @param numerator - cases meeting the condition (0 ≤ x ≤ n)
 * @param denominator - cases in the sample (> 0)
 * @param options - `multiplier` (default 1) and `confidence` (default 0.95)
 * @returns value and limits (all `null` when an input is missing) and `method: 'Wilson'`
 * @throws RangeError when x < 0, n ≤ 0 or x > n
 */
export function crudeProportion(
  numerator: MaybeNumber,
  denominator: MaybeNumber,
  options: CrudeOptions = {},
): IndicatorEstimate & { method: 'Wilson'; multiplier: number } {
  const multiplier = options.multiplier ?? 1;
  const confidence = checkConfidence(options.confidence ?? 0.95);
  if (!isPresent(numerator) || !isPresent(denominator)) {
    return { value: null, lower: null, upper: null, confidence, method: 'Wilson', multiplier };
  }
  const ci = wilsonInterval(numerator, denominator, confidence);
  return {
    value: (numerator / denominator) * multiplier,
    lower: ci.lower * multiplier,
    upper: ci.upper * multiplier,
    confidence,
    method: 'Wilson',
    multiplier,
  };
}

/**
 * A crude rate with its confidence interval, as Fingertips and PHEindicatormethods `phe_rate`
 * compute it.
 *
 * Method: value = x/n × multiplier. For x < 10 the exact Poisson limits
 * (χ²_{(1−c)/2}(2x)/2 and χ²_{c+(1−c)/2}(2x+2)/2, Armitage & Berry 2002); for x ≥ 10 Byar's
 * approximation (Breslow & Day 1987); limits divided by n and multiplied by the multiplier.
 * The numerator may exceed the denominator (e.g. repeat events).
 *
 * @param numerator - observed events (≥ 0)
 * @param denominator - population or person-time (> 0)
 * @param options - `multiplier` (default 100,000) and `confidence` (default 0.95)
 * @returns value, limits and the method (`null` method when the numerator is missing; `null`
 *   value and limits when either input is missing; `null` lower limit when Byar's gives a negative)
 */
export function crudeRate(
  numerator: MaybeNumber,
  denominator: MaybeNumber,
  options: CrudeOptions = {},
): IndicatorEstimate & { method: CountIntervalMethod | null; multiplier: number } {
  const multiplier = options.multiplier ?? 100_000;
  const confidence = checkConfidence(options.confidence ?? 0.95);
  if (!isPresent(numerator)) {
    return { value: null, lower: null, upper: null, confidence, method: null, multiplier };
  }
  if (!(numerator >= 0)) throw new RangeError('numerator must be greater than or equal to zero');
  const method: CountIntervalMethod = numerator < 10 ? 'Exact' : 'Byars';
  if (!isPresent(denominator)) {
    return { value: null, lower: null, upper: null, confidence, method, multiplier };
  }
  if (!(denominator > 0)) throw new RangeError('denominator must be greater than zero');
  let lower: number | null;
  let upper: number;
  if (method === 'Exact') {
    const ci = exactPoissonInterval(numerator, confidence);
    lower = ci.lower;
    upper = ci.upper;
  } else {
    lower = byarsLower(numerator, confidence);
    upper = byarsUpper(numerator, confidence);
  }
  return {
    value: (numerator / denominator) * multiplier,
    lower: lower === null ? null : (lower / denominator) * multiplier,
    upper: (upper / denominator) * multiplier,
    confidence,
    method,
    multiplier,
  };
}

/** Result of {@link meanWithInterval}. */
export interface MeanEstimate extends IndicatorEstimate {
  sum: number;
  count: number;
  /** sample standard deviation (n − 1 denominator); `null` for fewer than two values */
  standardDeviation: number | null;
  method: "Student's t-distribution";
}

/**
 * The arithmetic mean with a confidence interval from Student's t-distribution.
 *
 * Method: mean ± |t_{(1−c)/2, n−1}| × s/√n, where s is the sample standard deviation.
 * Reference: Student. The probable error of a mean. Biometrika 1908;6:1–25; PHEindicatormethods
 * `phe_mean`.
 *
 * @param values - the observations (missing values are not allowed — filter them first)
 * @param confidence - confidence level as a fraction (default 0.95)
 * @returns sum, count, standard deviation, mean and limits (`null` limits for fewer than two values)
 * @throws RangeError when `values` is empty or contains a non-finite number
 */
export function meanWithInterval(values: readonly number[], confidence = 0.95): MeanEstimate {
  checkConfidence(confidence);
  const n = values.length;
  if (n === 0) throw new RangeError('at least one value is needed for a mean');
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError('values must be finite numbers');
    sum += v;
  }
  const mean = sum / n;
  if (n < 2) {
    return {
      sum,
      count: n,
      standardDeviation: null,
      value: mean,
      lower: null,
      upper: null,
      confidence,
      method: "Student's t-distribution",
    };
  }
  // Two-pass variance with a correction term (as R's var) for accuracy.
  let ss = 0;
  let correction = 0;
  for (const v of values) {
    const d = v - mean;
    ss += d * d;
    correction += d;
  }
  const variance = (ss - (correction * correction) / n) / (n - 1);
  const sd = Math.sqrt(variance);
  const t = Math.abs(studentTQuantile((1 - confidence) / 2, n - 1));
  const halfWidth = (t * sd) / Math.sqrt(n);
  return {
    sum,
    count: n,
    standardDeviation: sd,
    value: mean,
    lower: mean - halfWidth,
    upper: mean + halfWidth,
    confidence,
    method: "Student's t-distribution",
  };
}
