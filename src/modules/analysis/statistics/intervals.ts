/**
 * Confidence intervals for proportions and counts, as used by OHID Fingertips and the
 * PHEindicatormethods R package (v2.1.0).
 *
 * Confidence levels are fractions: 0.95 for 95%, 0.998 for 99.8%.
 *
 * @module
 */

import { betaQuantile, chiSquaredQuantile, normalQuantile } from './distributions.ts';

/** A two-sided confidence interval. `null` marks a limit that cannot be computed. */
export interface ConfidenceInterval {
  lower: number | null;
  upper: number | null;
}

/** Method used for a count-based interval: Byar's approximation or the exact Poisson limits. */
export type CountIntervalMethod = 'Byars' | 'Exact';

/**
 * Checks a confidence level given as a fraction and returns it.
 *
 * @param confidence - confidence level, strictly between 0 and 1 (e.g. 0.95, 0.998)
 * @throws RangeError when the level is outside (0, 1)
 */
export function checkConfidence(confidence: number): number {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(
      `confidence must be a fraction strictly between 0 and 1 (e.g. 0.95), got ${confidence}`,
    );
  }
  return confidence;
}

/**
 * The two-sided standard normal critical value z = Φ⁻¹(c + (1 − c)/2) for confidence level c
 * (1.959963984540054 for 95%, 3.090232306167813 for 99.8%), formed exactly as PHEindicatormethods
 * forms it.
 *
 * @param confidence - confidence level as a fraction
 */
export function zForConfidence(confidence: number): number {
  checkConfidence(confidence);
  return normalQuantile(confidence + (1 - confidence) / 2);
}

/**
 * Wilson score interval for a proportion x/n.
 *
 * Method: (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)), with z from {@link zForConfidence}.
 * References: Wilson EB. Probable inference, the law of succession, and statistical inference.
 * J Am Stat Assoc 1927;22:209–212. Newcombe RG, Altman DG. Proportions and their differences.
 * In: Altman DG et al. (eds) Statistics with confidence (2nd edn). BMJ Books; 2000. pp 46–48.
 * Matches PHEindicatormethods `wilson_lower`/`wilson_upper`.
 *
 * @param x - numerator (0 ≤ x ≤ n; need not be an integer)
 * @param n - denominator (> 0)
 * @param confidence - confidence level as a fraction (default 0.95)
 * @returns the limits as proportions of 1, within [0, 1]
 * @throws RangeError for x < 0, n ≤ 0 or x > n
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): { lower: number; upper: number } {
  if (!(x >= 0)) throw new RangeError('numerator must be greater than or equal to zero');
  if (!(n > 0)) throw new RangeError('denominator must be greater than zero');
  if (x > n) throw new RangeError('numerator must be less than or equal to denominator for a Wilson score');
  const z = zForConfidence(confidence);
  const z2 = z * z;
  const root = z * Math.sqrt(z2 + 4 * x * (1 - x / n));
  // At x = 0 the lower limit is exactly 0 and at x = n the upper limit exactly 1, but the formula
  // rounds them to a few ulps either side (7 of 7 at 90% gives 1.0000000000000002, at 95%
  // 0.9999999999999999), so those are set exactly and everything is kept within [0, 1].
  return {
    lower: x === 0 ? 0 : Math.max(0, (2 * x + z2 - root) / 2 / (n + z2)),
    upper: x === n ? 1 : Math.min(1, (2 * x + z2 + root) / 2 / (n + z2)),
  };
}

/**
 * Byar's approximation to the lower confidence limit of a Poisson count.
 *
 * Method: x·(1 − 1/(9x) − z/(3√x))³. Returns `null` when the result would be negative (small x at
 * high confidence) — PHEindicatormethods returns NA there. Reference: Breslow NE, Day NE.
 * Statistical methods in cancer research, volume II. IARC; 1987.
 *
 * @param x - observed count, ≥ 0
 * @param confidence - confidence level as a fraction (default 0.95)
 */
export function byarsLower(x: number, confidence = 0.95): number | null {
  if (!(x >= 0)) throw new RangeError('observed events must be greater than or equal to zero');
  const z = zForConfidence(confidence);
  const lower = x * Math.pow(1 - 1 / (9 * x) - z / (3 * Math.sqrt(x)), 3);
  return lower < 0 || Number.isNaN(lower) ? null : lower;
}

/**
 * Byar's approximation to the upper confidence limit of a Poisson count.
 *
 * Method: (x + 1)·(1 − 1/(9(x + 1)) + z/(3√(x + 1)))³. Reference: Breslow & Day (1987).
 *
 * @param x - observed count, ≥ 0
 * @param confidence - confidence level as a fraction (default 0.95)
 */
export function byarsUpper(x: number, confidence = 0.95): number {
  if (!(x >= 0)) throw new RangeError('observed events must be greater than or equal to zero');
  const z = zForConfidence(confidence);
  const x1 = x + 1;
  return x1 * Math.pow(1 - 1 / (9 * x1) + z / (3 * Math.sqrt(x1)), 3);
}

/**
 * Byar's confidence interval for a Poisson count (see {@link byarsLower}, {@link byarsUpper}).
 * Fingertips uses it for counts of 10 or more.
 */
export function byarsInterval(x: number, confidence = 0.95): { lower: number | null; upper: number } {
  return { lower: byarsLower(x, confidence), upper: byarsUpper(x, confidence) };
}

/**
 * Exact Poisson confidence interval for a count, via the chi-squared quantile.
 *
 * Method: lower = χ²_{(1−c)/2}(2x)/2, upper = χ²_{c+(1−c)/2}(2x + 2)/2 (the lower limit is 0 when
 * x = 0). Reference: Armitage P, Berry G. Statistical methods in medical research (4th edn).
 * Blackwell; 2002. As PHEindicatormethods `phe_rate`, `calculate_ISRate` for counts below 10.
 *
 * @param x - observed count, ≥ 0
 * @param confidence - confidence level as a fraction (default 0.95)
 */
export function exactPoissonInterval(x: number, confidence = 0.95): { lower: number; upper: number } {
  if (!(x >= 0)) throw new RangeError('observed events must be greater than or equal to zero');
  checkConfidence(confidence);
  return {
    lower: chiSquaredQuantile((1 - confidence) / 2, 2 * x) / 2,
    upper: chiSquaredQuantile(confidence + (1 - confidence) / 2, 2 * x + 2) / 2,
  };
}

/**
 * Confidence interval for a Poisson count as Fingertips computes it: exact (chi-squared) limits
 * for x < 10, Byar's approximation for x ≥ 10.
 *
 * @param x - observed count, ≥ 0
 * @param confidence - confidence level as a fraction (default 0.95)
 * @returns the limits and the method used
 */
export function poissonCountInterval(
  x: number,
  confidence = 0.95,
): ConfidenceInterval & { method: CountIntervalMethod } {
  if (x < 10) return { ...exactPoissonInterval(x, confidence), method: 'Exact' };
  return { ...byarsInterval(x, confidence), method: 'Byars' };
}

/**
 * Exact (Clopper–Pearson) binomial confidence interval for x successes in n trials.
 *
 * Method: lower = B⁻¹((1−c)/2; x, n − x + 1), upper = B⁻¹((1+c)/2; x + 1, n − x), with the beta
 * quantile; lower = 0 when x = 0 and upper = 1 when x = n. Reference: Clopper CJ, Pearson ES.
 * The use of confidence or fiducial limits illustrated in the case of the binomial.
 * Biometrika 1934;26:404–413.
 *
 * @param x - successes, 0 ≤ x ≤ n
 * @param n - trials, > 0
 * @param confidence - confidence level as a fraction (default 0.95)
 */
export function exactBinomialInterval(
  x: number,
  n: number,
  confidence = 0.95,
): { lower: number; upper: number } {
  if (!(x >= 0) || !(n > 0) || x > n) throw new RangeError('need 0 ≤ x ≤ n and n > 0');
  checkConfidence(confidence);
  const alpha = 1 - confidence;
  return {
    lower: x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
    upper: x === n ? 1 : betaQuantile(alpha / 2, x + 1, n - x, false),
  };
}
