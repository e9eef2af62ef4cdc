/**
 * Funnel plots: control limits and outlier significance for proportions, ratios and rates, as in
 * the OHID Fingertips funnel-plot tools and PHEindicatormethods v2.1.0
 * (`calculate_funnel_limits`, `assign_funnel_significance`, `calculate_funnel_points`).
 *
 * Limits are drawn at two levels: "2s" = 95% (two-sided, 0.025 in each tail) and
 * "3s" = 99.8% (0.001 in each tail).
 *
 * Reference: Spiegelhalter DJ. Funnel plots for comparing institutional performance. Stat Med
 * 2005;24:1185–1202; Fingertips technical guidance, "Funnel plots".
 *
 * @module
 */

import { chiSquaredQuantile, gammaQuantile, normalQuantile } from './distributions.ts';
import { isPresent, type MaybeNumber } from './indicators.ts';

/** Significance levels assigned by the funnel-plot methods. */
export type FunnelSignificance =
  | 'High (0.001)'
  | 'High (0.025)'
  | 'Low (0.001)'
  | 'Low (0.025)'
  | 'Not significant'
  | 'Not applicable for events less than 10 for dsrs';

/** Which side of the baseline a funnel limit is on. */
export type FunnelSide = 'low' | 'high';

/** Rate funnels: directly standardised or crude rates. */
export type RateType = 'dsr' | 'crude';

// ---------------------------------------------------------------------------------------------
// Helpers reproducing the R axis arithmetic
// ---------------------------------------------------------------------------------------------

/** 10^n by repeated multiplication (as R's R_pow_di), exact for |n| ≤ 22. */
function pow10(n: number): number {
  let r = 1;
  for (let i = 0; i < Math.abs(n); i++) r *= 10;
  return n < 0 ? 1 / r : r;
}

/**
 * Number of characters in R's `as.character()` of a non-negative whole number: R writes
 * e.g. 100000 as "1e+05" whenever scientific notation is strictly shorter than fixed notation.
 */
function rCharacterWidth(v: number): number {
  const fixed = String(Math.round(v)).length;
  if (v === 0) return 1;
  const digits = String(Math.round(v)).replace(/0+$/, '').length;
  const exponent = fixed - 1;
  const sci = (digits === 1 ? 1 : digits + 1) + 2 + (exponent >= 100 ? 3 : 2);
  return sci < fixed ? sci : fixed;
}

/** R's `round()` to an integer: halves go to the even neighbour (IEC 60559). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 ? 2 * Math.round(x / 2) : r;
}

function signifFloor(x: number, percentageDown = 0.95): number {
  if (x === 0) return 0;
  const n = rCharacterWidth(Math.floor(x * percentageDown)) - 1;
  return Math.floor((x * percentageDown) / pow10(n)) * pow10(n);
}

function signifCeiling(x: number, percentageUp = 1.05): number {
  if (x === 0) return 0;
  const n = rCharacterWidth(Math.ceil(x * percentageUp)) - 2;
  return Math.ceil((x * percentageUp) / pow10(n)) * pow10(n);
}

/**
 * The 100 x-axis points at which funnel limits are evaluated: starting at max(1, axis minimum),
 * each point is round((max/previous)^(1/(101 − k))·previous), at least previous + 1, with k = j for
 * proportions and rates and k = j − 1 for ratios (as PHEindicatormethods).
 */
function axisPoints(axisMinimum: number, axisMaximum: number, ratio: boolean): number[] {
  const points = [Math.max(1, axisMinimum)];
  for (let j = 2; j <= 100; j++) {
    const offset = ratio ? j - 1 : j;
    const previous = points[j - 2] as number;
    points.push(
      Math.max(roundHalfEven(Math.pow(axisMaximum / previous, 1 / (101 - offset)) * previous), previous + 1),
    );
  }
  return points;
}

/**
 * Axis range from the smallest and largest denominators: the minimum is 0 when the largest is more
 * than twice the smallest, otherwise the smallest × 0.95 rounded down to one significant figure;
 * the maximum is the largest × 1.05 rounded up to two significant figures.
 */
function axisRange(minDenominator: number, maxDenominator: number, years = 1): [number, number] {
  const minimum = maxDenominator > 2 * minDenominator ? 0 : signifFloor(minDenominator / years) * years;
  const maximum = signifCeiling(maxDenominator / years) * years;
  return [minimum, maximum];
}

// ---------------------------------------------------------------------------------------------
// Proportions
// ---------------------------------------------------------------------------------------------

/**
 * Funnel limit for a proportion: the observed proportion at which the Wilson score interval of an
 * area with the given population just touches the baseline (average) proportion.
 *
 * Method: with z = Φ⁻¹(p) and N the population, the root of the Wilson quadratic
 * ((av(N/z² + 1)) ∓ √D/8) / (1/z² + 1/N) / N × multiplier (PHEindicatormethods `sigma_adjustment`,
 * the Fingertips funnel-plot tool formula).
 *
 * @param p - one-sided probability: 0.975 for the 95% limits, 0.999 for the 99.8% limits
 * @param population - the area's denominator
 * @param average - baseline proportion (Σ numerators / Σ denominators), as a proportion of one
 * @param side - 'low' or 'high'
 * @param multiplier - output scale (100 = percentage; default 100)
 */
export function proportionFunnelLimit(
  p: number,
  population: number,
  average: number,
  side: FunnelSide,
  multiplier = 100,
): number {
  const z = normalQuantile(p);
  const z2 = z * z;
  const firstPart = average * (population / z2 + 1);
  const adj = Math.sqrt(
    Math.pow(-8 * average * (population / z2 + 1), 2) -
      64 *
        (1 / z2 + 1 / population) *
        average *
        (population * (average * (population / z2 + 2) - 1) + z2 * (average - 1)),
  );
  const lastPart = 1 / z2 + 1 / population;
  const value = side === 'low' ? (firstPart - adj / 8) / lastPart : (firstPart + adj / 8) / lastPart;
  return (value / population) * multiplier;
}

/** One row of proportion funnel limits. */
export interface ProportionFunnelRow {
  population: number;
  lower2s: number;
  upper2s: number;
  lower3s: number;
  upper3s: number;
  baseline: number;
}

/** A numerator/denominator pair for proportion or ratio funnels. */
export interface FunnelInput {
  numerator: number;
  denominator: number;
}

function sum(values: Iterable<number>): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/**
 * Control limits for a proportion funnel plot at 100 populations spanning the data.
 *
 * Method: baseline = Σx/Σn; limits from {@link proportionFunnelLimit} at p = 0.975 (95%) and
 * p = 0.999 (99.8%), clamped to [0, multiplier]; x-axis as PHEindicatormethods
 * `calculate_funnel_limits(statistic = "proportion")`.
 *
 * Note: the R package clamps the upper limits at a literal 100 whatever the multiplier; this clamps
 * at the multiplier (identical for percentages, multiplier = 100, the tested case).
 *
 * @param data - the areas (numerators and denominators)
 * @param multiplier - output scale (default 100 = percentage)
 */
export function proportionFunnelLimits(
  data: readonly FunnelInput[],
  multiplier = 100,
): ProportionFunnelRow[] {
  if (data.length === 0) throw new RangeError('at least one row is needed');
  const average = sum(data.map((d) => d.numerator)) / sum(data.map((d) => d.denominator));
  const denominators = data.map((d) => d.denominator);
  const [min, max] = axisRange(Math.min(...denominators), Math.max(...denominators));
  return axisPoints(min, max, false).map((population) => ({
    population,
    lower2s: Math.max(0, proportionFunnelLimit(0.975, population, average, 'low', multiplier)),
    upper2s: Math.min(multiplier, proportionFunnelLimit(0.975, population, average, 'high', multiplier)),
    lower3s: Math.max(0, proportionFunnelLimit(0.999, population, average, 'low', multiplier)),
    upper3s: Math.min(multiplier, proportionFunnelLimit(0.999, population, average, 'high', multiplier)),
    baseline: average * multiplier,
  }));
}

/**
 * Significance of each area's proportion against the proportion funnel limits.
 *
 * Method: compares x/n with {@link proportionFunnelLimit} at the area's own denominator —
 * below the 99.8% low limit → 'Low (0.001)', else below the 95% → 'Low (0.025)', above the 99.8%
 * high → 'High (0.001)', above the 95% → 'High (0.025)', otherwise 'Not significant'
 * (PHEindicatormethods `assign_funnel_significance(statistic = "proportion")`).
 *
 * @throws RangeError for negative numerators, non-positive denominators or numerator > denominator
 */
export function proportionFunnelSignificance(data: readonly FunnelInput[]): FunnelSignificance[] {
  for (const d of data) {
    if (d.numerator < 0) throw new RangeError('numerators must be greater than or equal to zero');
    if (!(d.denominator > 0)) throw new RangeError('denominators must be greater than zero');
    if (d.numerator > d.denominator) {
      throw new RangeError('numerators must be less than or equal to denominator for a proportion statistic');
    }
  }
  const average = sum(data.map((d) => d.numerator)) / sum(data.map((d) => d.denominator));
  return data.map(({ numerator, denominator }) => {
    const p = numerator / denominator;
    if (p < proportionFunnelLimit(0.999, denominator, average, 'low', 1)) return 'Low (0.001)';
    if (p < proportionFunnelLimit(0.975, denominator, average, 'low', 1)) return 'Low (0.025)';
    if (p > proportionFunnelLimit(0.999, denominator, average, 'high', 1)) return 'High (0.001)';
    if (p > proportionFunnelLimit(0.975, denominator, average, 'high', 1)) return 'High (0.025)';
    return 'Not significant';
  });
}

// ---------------------------------------------------------------------------------------------
// Poisson funnels (ratios and rates)
// ---------------------------------------------------------------------------------------------

/**
 * P(xa ≤ X ≤ xb) for X ~ Poisson(z), summed as the Fingertips funnel-plot Excel macro (and
 * PHEindicatormethods `poisson_cis`) sums it: terms z^k/k! until k > z and the next term is below
 * 1e-10 of the running total, rescaling by 1e30 to avoid overflow.
 */
function poissonRangeProbability(z: number, xa: number, xb: number): number {
  let q = 1;
  let tot = 0;
  let s = 0;
  let k = 0;
  while (k <= z || q > tot * 1e-10) {
    tot += q;
    if (k >= xa && k <= xb) s += q;
    if (tot > 1e30) {
      s /= 1e30;
      tot /= 1e30;
      q /= 1e30;
    }
    k += 1;
    q = (q * z) / k;
  }
  return s / tot;
}

/**
 * The Poisson mean at which an observed count sits exactly on a one-sided tail probability: for
 * side 'low', the mean λ with P(X ≥ obs; λ) = p; for side 'high', the λ with P(X ≤ obs; λ) = p.
 *
 * Method:
 * - `'bisection'` (default) reproduces the Fingertips funnel-plot macro and PHEindicatormethods
 *   `poisson_funnel` exactly: bisection on v ∈ (0, 1), λ = (1 + obs)·v/(1 − v), halving the step
 *   from 0.5 until it is ≤ 1e-7 (so the result differs from the exact root by up to ~1e-7
 *   relative);
 * - `'exact'` solves the same equation to full precision with the gamma quantile
 *   (low: λ = Γ⁻¹(p; obs), high: λ = Γ⁻¹(1 − p; obs + 1)).
 *
 * @param observed - observed count (≥ 0)
 * @param p - tail probability (0.025 for 95% limits, 0.001 for 99.8%)
 * @param side - 'low' or 'high'
 */
export function poissonFunnelMean(
  observed: number,
  p: number,
  side: FunnelSide,
  method: 'bisection' | 'exact' = 'bisection',
): number {
  if (method === 'exact') {
    if (side === 'low') return observed === 0 ? 0 : gammaQuantile(p, observed);
    return gammaQuantile(p, observed + 1, { lowerTail: false });
  }
  let v = 0.5;
  let dv = 0.5;
  while (dv > 1e-7) {
    dv /= 2;
    const lambda = ((1 + observed) * v) / (1 - v);
    if (side === 'low') {
      if (poissonRangeProbability(lambda, observed, 10_000_000_000) > p) v -= dv;
      else v += dv;
    } else if (poissonRangeProbability(lambda, 0, observed) < p) v -= dv;
    else v += dv;
  }
  return ((1 + observed) * v) / (1 - v);
}

/** One row of ratio funnel limits. */
export interface RatioFunnelRow {
  observedEvents: number;
  lower2sExpectedEvents: number;
  lower2s: number;
  upper2sExpectedEvents: number;
  upper2s: number;
  lower3sExpectedEvents: number;
  lower3s: number;
  upper3sExpectedEvents: number;
  upper3s: number;
}

/**
 * Control limits for a funnel plot of observed/expected ratios (e.g. standardised ratios).
 *
 * Method: for 100 observed counts O spanning the expected counts, the expected count E at which
 * O lies on each exact Poisson limit ({@link poissonFunnelMean}: lower limits at P(X ≤ O) = 0.025
 * / 0.001, upper at P(X ≥ O) = 0.025 / 0.001), and the limit O/E. For `ratioType` 'count' the
 * limits are O/E − 1 (excess relative to expected); for 'isr' they are O/E × multiplier. As
 * PHEindicatormethods `calculate_funnel_limits(statistic = "ratio")`.
 *
 * Note: the R package uses a literal 100 for 'isr'; here it is the multiplier (default 100).
 *
 * @param data - numerators are observed counts, denominators expected counts
 * @param ratioType - 'count' or 'isr'
 * @param options - `multiplier` (default 100) and the Poisson `method` (default 'bisection')
 */
export function ratioFunnelLimits(
  data: readonly FunnelInput[],
  ratioType: 'count' | 'isr',
  options: { multiplier?: number; method?: 'bisection' | 'exact' } = {},
): RatioFunnelRow[] {
  if (data.length === 0) throw new RangeError('at least one row is needed');
  const multiplier = options.multiplier ?? 100;
  const method = options.method ?? 'bisection';
  const expected = data.map((d) => d.denominator);
  const [min, max] = axisRange(Math.min(...expected), Math.max(...expected));
  const scale = (limit: number): number => (ratioType === 'count' ? limit - 1 : limit * multiplier);
  return axisPoints(min, max, true).map((o) => {
    const l2 = poissonFunnelMean(o, 0.025, 'high', method);
    const u2 = poissonFunnelMean(o, 0.025, 'low', method);
    const l3 = poissonFunnelMean(o, 0.001, 'high', method);
    const u3 = poissonFunnelMean(o, 0.001, 'low', method);
    return {
      observedEvents: o,
      lower2sExpectedEvents: l2,
      lower2s: scale(o / l2),
      upper2sExpectedEvents: u2,
      upper2s: scale(o / u2),
      lower3sExpectedEvents: l3,
      lower3s: scale(o / l3),
      upper3sExpectedEvents: u3,
      upper3s: scale(o / u3),
    };
  });
}

/**
 * The significance test statistic behind ratio and rate funnels: the exact (O < 10, chi-squared)
 * or Byar's (O ≥ 10) confidence limit for the observed count O at two-sided level `confidence`,
 * divided by the expected count / denominator (PHEindicatormethods `funnel_ratio_significance`).
 *
 * @param observed - observed count
 * @param expected - expected count or denominator
 * @param confidence - 0.95 or 0.998
 * @param side - 'low' (lower limit) or 'high' (upper limit)
 */
export function funnelRatioLimit(
  observed: number,
  expected: number,
  confidence: number,
  side: FunnelSide,
): number {
  let statistic: number;
  if (observed === 0 && side === 'low') {
    statistic = 0;
  } else if (observed < 10) {
    statistic =
      side === 'low'
        ? chiSquaredQuantile(0.5 + confidence / 2, 2 * observed, false) / 2
        : chiSquaredQuantile(0.5 + confidence / 2, 2 * observed + 2, true) / 2;
  } else {
    const z = normalQuantile(0.5 + confidence / 2);
    if (side === 'low') {
      statistic = observed * Math.pow(1 - 1 / (9 * observed) - z / 3 / Math.sqrt(observed), 3);
    } else {
      const o = observed + 1;
      statistic = o * Math.pow(1 - 1 / (9 * o) + z / 3 / Math.sqrt(o), 3);
    }
  }
  return statistic / expected;
}

/**
 * Significance of each area's observed/expected ratio against ratio funnel limits.
 *
 * Method: 'High (0.001)' when the 99.8% lower limit of O/E ({@link funnelRatioLimit}) exceeds 1,
 * else 'High (0.025)' for the 95% lower limit, 'Low (0.001)' / 'Low (0.025)' when the upper limit is
 * below 1, otherwise 'Not significant' (PHEindicatormethods
 * `assign_funnel_significance(statistic = "ratio")`).
 *
 * @param data - numerators are observed counts, denominators expected counts
 */
export function ratioFunnelSignificance(data: readonly FunnelInput[]): FunnelSignificance[] {
  for (const d of data) {
    if (d.numerator < 0) throw new RangeError('numerators must be greater than or equal to zero');
    if (!(d.denominator > 0)) throw new RangeError('denominators must be greater than zero');
  }
  return data.map(({ numerator: o, denominator: e }) => {
    if (1 < funnelRatioLimit(o, e, 0.998, 'low')) return 'High (0.001)';
    if (1 < funnelRatioLimit(o, e, 0.95, 'low')) return 'High (0.025)';
    if (1 > funnelRatioLimit(o, e, 0.998, 'high')) return 'Low (0.001)';
    if (1 > funnelRatioLimit(o, e, 0.95, 'high')) return 'Low (0.025)';
    return 'Not significant';
  });
}

/** An area's rate for rate funnels: the events, the rate and (needed when events are 0) the denominator. */
export interface RateFunnelInput {
  numerator: number;
  /** the area's rate per `multiplier` (may be missing when the numerator is 0) */
  rate: MaybeNumber;
  /** the population; required for crude rates with zero events */
  denominator?: MaybeNumber;
}

/** Options for rate funnels. */
export interface RateFunnelOptions {
  rateType: RateType;
  /** the rate's multiplier, e.g. 100,000 */
  multiplier: number;
}

/**
 * The denominator implied by each rate: multiplier × events / rate; for zero events, the supplied
 * denominator for crude rates and missing (`null`) for DSRs.
 */
function derivedDenominators(
  data: readonly RateFunnelInput[],
  options: RateFunnelOptions,
  order: 'multiplier first' | 'multiplier last' = 'multiplier first',
): (number | null)[] {
  return data.map((d) => {
    if (d.numerator === 0) {
      if (options.rateType === 'dsr') return null;
      if (!isPresent(d.denominator)) {
        throw new RangeError(
          'for rates, where there are 0 events for a record, the denominator needs to be provided',
        );
      }
      return d.denominator;
    }
    if (!isPresent(d.rate)) throw new RangeError('rates must be provided where there are events');
    // The R package forms this as multiplier * x / rate for the limits and as x / rate * multiplier
    // for the significance; the same order here gives the same doubles at knife-edge cases.
    return order === 'multiplier first'
      ? (options.multiplier * d.numerator) / d.rate
      : (d.numerator / d.rate) * options.multiplier;
  });
}

/** One row of rate funnel limits. */
export interface RateFunnelRow {
  events: number;
  lower2sPopulation1Year: number;
  lower2s: number;
  upper2sPopulation1Year: number;
  upper2s: number;
  lower3sPopulation1Year: number;
  lower3s: number;
  upper3sPopulation1Year: number;
  upper3s: number;
  baseline: number;
}

/**
 * Control limits for a funnel plot of (crude or directly standardised) rates.
 *
 * Method: each area's denominator is derived as multiplier × events / rate (for zero events the
 * supplied population for crude rates; DSRs with zero events are left out); the baseline
 * av = Σ events / Σ derived denominators. For 100 event counts E spanning the data, the
 * population P at which E lies on each exact Poisson limit is {@link poissonFunnelMean}/av and the
 * limit is E/P × multiplier; P is reported per year (÷ `yearsOfData`). As PHEindicatormethods
 * `calculate_funnel_limits(statistic = "rate")`.
 *
 * @param data - events, rates and (for zero-event crude rates) denominators
 * @param options - `rateType`, `multiplier`, `yearsOfData`, Poisson `method` (default 'bisection')
 */
export function rateFunnelLimits(
  data: readonly RateFunnelInput[],
  options: RateFunnelOptions & { yearsOfData: number; method?: 'bisection' | 'exact' },
): RateFunnelRow[] {
  if (data.length === 0) throw new RangeError('at least one row is needed');
  if (!(options.yearsOfData > 0)) throw new RangeError('yearsOfData must be greater than zero');
  const method = options.method ?? 'bisection';
  const derived = derivedDenominators(data, options).filter((d): d is number => d !== null);
  const average = sum(data.map((d) => d.numerator)) / sum(derived);
  const years = options.yearsOfData;
  const [min, max] = axisRange(Math.min(...derived), Math.max(...derived), years);
  const axisMin = Math.floor(min * average);
  const axisMax = Math.ceil(max * average);
  const m = options.multiplier;
  return axisPoints(axisMin, axisMax, false).map((e) => {
    const l2 = poissonFunnelMean(e, 0.025, 'high', method) / average;
    const u2 = poissonFunnelMean(e, 0.025, 'low', method) / average;
    const l3 = poissonFunnelMean(e, 0.001, 'high', method) / average;
    const u3 = poissonFunnelMean(e, 0.001, 'low', method) / average;
    return {
      events: e,
      lower2sPopulation1Year: l2 / years,
      lower2s: (e / l2) * m,
      upper2sPopulation1Year: u2 / years,
      upper2s: (e / u2) * m,
      lower3sPopulation1Year: l3 / years,
      lower3s: (e / l3) * m,
      upper3sPopulation1Year: u3 / years,
      upper3s: (e / u3) * m,
      baseline: average * m,
    };
  });
}

/**
 * Significance of each area's rate against rate funnel limits.
 *
 * Method: derived denominators as {@link rateFunnelLimits}; weighted average
 * av = Σ events / Σ derived denominators; 'High (0.001)' when av is below the 99.8% lower limit
 * {@link funnelRatioLimit}(events, derived denominator), and so on as for ratios. DSRs with fewer
 * than 10 events are 'Not applicable for events less than 10 for dsrs' (PHEindicatormethods
 * `assign_funnel_significance(statistic = "rate")`).
 *
 * @param data - events, rates and denominators
 * @param options - `rateType` and `multiplier`
 */
export function rateFunnelSignificance(
  data: readonly RateFunnelInput[],
  options: RateFunnelOptions,
): FunnelSignificance[] {
  for (const d of data) {
    if (d.numerator < 0) throw new RangeError('numerators must be greater than or equal to zero');
    if (isPresent(d.denominator) && !(d.denominator > 0)) {
      throw new RangeError('denominators must be greater than zero');
    }
  }
  const derived = derivedDenominators(data, options, 'multiplier last');
  const average = sum(data.map((d) => d.numerator)) / sum(derived.filter((d): d is number => d !== null));
  return data.map((d, i) => {
    if (options.rateType === 'dsr' && d.numerator < 10)
      return 'Not applicable for events less than 10 for dsrs';
    const den = derived[i];
    if (den === null || den === undefined) return 'Not significant';
    if (average < funnelRatioLimit(d.numerator, den, 0.998, 'low')) return 'High (0.001)';
    if (average < funnelRatioLimit(d.numerator, den, 0.95, 'low')) return 'High (0.025)';
    if (average > funnelRatioLimit(d.numerator, den, 0.998, 'high')) return 'Low (0.001)';
    if (average > funnelRatioLimit(d.numerator, den, 0.95, 'high')) return 'Low (0.025)';
    return 'Not significant';
  });
}

/** A point to plot on a rate funnel. */
export interface RateFunnelPoint {
  /** the rate to chart (`null` for DSRs with fewer than 10 events) */
  rateChart: number | null;
  /** the annual denominator implied by the rate (`null` for DSRs with fewer than 10 events) */
  denominatorDerived: number | null;
}

/**
 * The points to plot on a rate funnel: each area's rate and its annual derived denominator
 * (multiplier × events / rate / yearsOfData; for crude rates with zero events, the supplied
 * denominator / yearsOfData). DSRs with fewer than 10 events are not plotted. As
 * PHEindicatormethods `calculate_funnel_points`.
 *
 * @param data - events, rates and (for zero-event crude rates) denominators
 * @param options - `rateType`, `multiplier`, `yearsOfData`
 */
export function rateFunnelPoints(
  data: readonly RateFunnelInput[],
  options: RateFunnelOptions & { yearsOfData: number },
): RateFunnelPoint[] {
  const { multiplier: m, yearsOfData: years } = options;
  return data.map((d) => {
    const rate = isPresent(d.rate) ? d.rate : null;
    if (options.rateType === 'dsr') {
      if (d.numerator < 10 || rate === null) return { rateChart: null, denominatorDerived: null };
      return { rateChart: rate, denominatorDerived: (m * d.numerator) / rate / years };
    }
    if (d.numerator === 0 && isPresent(d.denominator)) {
      return { rateChart: rate, denominatorDerived: d.denominator / years };
    }
    if (rate === null) throw new RangeError('rates must be provided where there are events');
    return { rateChart: rate, denominatorDerived: (m * d.numerator) / rate / years };
  });
}
