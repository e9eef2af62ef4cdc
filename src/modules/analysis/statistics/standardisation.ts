/**
 * Directly and indirectly standardised rates and ratios, following OHID Fingertips technical
 * guidance and PHEindicatormethods v2.1.0 (`calculate_dsr`, `calculate_ISRate`,
 * `calculate_ISRatio`).
 *
 * Each function takes the standardisation categories (usually age bands) of ONE group (area,
 * period, sex…) — group your data first and call once per group.
 *
 * @module
 */

import {
  byarsLower,
  byarsUpper,
  checkConfidence,
  poissonCountInterval,
  type CountIntervalMethod,
} from './intervals.ts';
import { isPresent, type IndicatorEstimate, type MaybeNumber } from './indicators.ts';

/**
 * The 2013 European Standard Population in the 19 five-year age bands 0–4, 5–9, …, 85–89, 90+
 * (Eurostat 2013), as PHEindicatormethods `esp2013`.
 */
export const ESP2013: readonly number[] = Object.freeze([
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500,
  1000,
]);

/** One standardisation category (e.g. age band) for a directly standardised rate. */
export interface DsrBand {
  /** observed events; missing is treated as zero */
  count: MaybeNumber;
  /** population (denominator), > 0 */
  population: number;
  /** standard population, ≥ 0 */
  standardPopulation: number;
}

/** Options for {@link directlyStandardisedRate}. */
export interface DsrOptions {
  /** scale, e.g. 100,000 for a rate per 100,000 (default 100,000) */
  multiplier?: number;
  /** confidence level as a fraction (default 0.95) */
  confidence?: number;
  /**
   * totals below this are suppressed (value and limits `null`), as Fingertips and
   * PHEindicatormethods v2.1.0 do below 10 (default 10; 0 disables suppression, and a total of
   * zero then gives a value of 0 with `null` limits)
   */
  minimumCount?: number;
}

/** Result of a directly standardised rate. */
export interface DsrEstimate extends IndicatorEstimate {
  totalCount: number;
  totalPopulation: number;
  method: 'Dobson' | 'Dobson, with confidence adjusted for non-independent events';
  /** true when the value was suppressed because the total count is below `minimumCount` */
  suppressed: boolean;
}

function validateDsrBands(bands: readonly { population: number; standardPopulation: number }[]): void {
  if (bands.length === 0) throw new RangeError('at least one standardisation category is needed');
  for (const b of bands) {
    if (!(b.population > 0)) throw new RangeError('denominators must all be greater than zero');
    if (!(b.standardPopulation >= 0))
      throw new RangeError('stdpop must all be greater than or equal to zero');
  }
}

function dobson(
  totalCount: number,
  totalPopulation: number,
  baseValue: number,
  variance: number,
  options: DsrOptions,
  method: DsrEstimate['method'],
): DsrEstimate {
  const multiplier = options.multiplier ?? 100_000;
  const confidence = checkConfidence(options.confidence ?? 0.95);
  const minimumCount = options.minimumCount ?? 10;
  if (totalCount < minimumCount) {
    return {
      totalCount,
      totalPopulation,
      value: null,
      lower: null,
      upper: null,
      confidence,
      method,
      suppressed: true,
    };
  }
  const value = baseValue * multiplier;
  if (totalCount === 0) {
    // Only reachable with minimumCount 0: the Dobson limits divide by the total count, so there are none.
    return {
      totalCount,
      totalPopulation,
      value,
      lower: null,
      upper: null,
      confidence,
      method,
      suppressed: false,
    };
  }
  const scale = Math.sqrt(variance / totalCount);
  const bl = byarsLower(totalCount, confidence);
  const bu = byarsUpper(totalCount, confidence);
  return {
    totalCount,
    totalPopulation,
    value,
    lower: bl === null ? null : value + scale * (bl - totalCount) * multiplier,
    upper: value + scale * (bu - totalCount) * multiplier,
    confidence,
    method,
    suppressed: false,
  };
}

/**
 * Directly standardised rate with confidence limits by the Dobson method.
 *
 * Method: DSR = Σ(xᵢ·wᵢ/nᵢ)/Σwᵢ × multiplier, var = Σ(xᵢ·(wᵢ/nᵢ)²)/(Σwᵢ)², and limits
 * DSR + √(var/X)·(B − X)·multiplier where X = Σxᵢ and B is Byar's lower/upper limit for X.
 * References: Dobson AJ, Kuulasmaa K, Eberle E, Scherer J. Confidence intervals for weighted sums
 * of Poisson parameters. Stat Med 1991;10:457–462; Breslow & Day (1987);
 * PHEindicatormethods `calculate_dsr` (v2.1.0, which suppresses totals below 10).
 *
 * @param bands - the categories of one group (counts, populations, standard populations)
 * @param options - multiplier (default 100,000), confidence (default 0.95), minimumCount (default 10)
 * @throws RangeError for a negative count, a non-positive population or a negative standard population
 */
export function directlyStandardisedRate(bands: readonly DsrBand[], options: DsrOptions = {}): DsrEstimate {
  validateDsrBands(bands);
  let totalCount = 0;
  let totalPopulation = 0;
  let weighted = 0;
  let squared = 0;
  let totalStandard = 0;
  for (const b of bands) {
    const x = isPresent(b.count) ? b.count : 0;
    if (x < 0) throw new RangeError('numerators must all be greater than or equal to zero');
    totalCount += x;
    totalPopulation += b.population;
    const w = b.standardPopulation / b.population;
    weighted += (x * b.standardPopulation) / b.population;
    squared += x * w * w;
    totalStandard += b.standardPopulation;
  }
  const variance = (1 / (totalStandard * totalStandard)) * squared;
  return dobson(totalCount, totalPopulation, weighted / totalStandard, variance, options, 'Dobson');
}

/** One category for a DSR with non-independent events: people counted by how many events each had. */
export interface NonIndependentDsrBand {
  population: number;
  standardPopulation: number;
  /**
   * for each event frequency f (1, 2, 3…), the number of people with exactly f events in this
   * category; missing counts are treated as zero
   */
  peopleByEventFrequency: readonly { frequency: number; people: MaybeNumber }[];
}

/**
 * Directly standardised rate where one person can have several events (non-independent events),
 * with the Dobson confidence limits using the adjusted variance.
 *
 * Method: events per category xᵢ = Σ_f f·p_{i,f}; DSR as {@link directlyStandardisedRate};
 * variance = Σ_f f²·Σᵢ p_{i,f}(wᵢ/nᵢ)²/(Σwᵢ)², where p_{i,f} is the number of people with f events.
 * Reference: Fingertips technical guidance (DSR with non-independent events); PHEindicatormethods
 * `calculate_dsr(independent_events = FALSE)`.
 *
 * @param bands - the categories of one group
 * @param options - as {@link directlyStandardisedRate}
 */
export function directlyStandardisedRateNonIndependent(
  bands: readonly NonIndependentDsrBand[],
  options: DsrOptions = {},
): DsrEstimate {
  validateDsrBands(bands);
  let totalStandard = 0;
  for (const b of bands) totalStandard += b.standardPopulation;
  let totalCount = 0;
  let totalPopulation = 0;
  let weighted = 0;
  const squaredByFrequency = new Map<number, number>();
  for (const b of bands) {
    totalPopulation += b.population;
    let events = 0;
    for (const { frequency, people } of b.peopleByEventFrequency) {
      const p = isPresent(people) ? people : 0;
      if (p < 0 || !(frequency > 0)) throw new RangeError('people and event frequencies must be positive');
      events += frequency * p;
      const w = b.standardPopulation / b.population;
      squaredByFrequency.set(frequency, (squaredByFrequency.get(frequency) ?? 0) + p * w * w);
    }
    totalCount += events;
    weighted += (events * b.standardPopulation) / b.population;
  }
  let variance = 0;
  for (const [frequency, squared] of squaredByFrequency) {
    variance += (1 / (totalStandard * totalStandard)) * squared * frequency * frequency;
  }
  return dobson(
    totalCount,
    totalPopulation,
    weighted / totalStandard,
    variance,
    options,
    'Dobson, with confidence adjusted for non-independent events',
  );
}

/** One category for indirect standardisation. */
export interface IsrBand {
  /** observed events in the group; missing is treated as zero (ignored when `observedTotal` is given) */
  observed?: MaybeNumber;
  /** population of the group; missing is treated as zero */
  population: MaybeNumber;
  /** events in the reference population; missing is treated as zero */
  referenceCount: MaybeNumber;
  /** reference population, > 0 */
  referencePopulation: number;
}

/** Options for indirect standardisation. */
export interface IsrOptions {
  /** confidence level as a fraction (default 0.95) */
  confidence?: number;
  /** total observed events when no breakdown by category is available */
  observedTotal?: number;
}

/** Result of indirect standardisation. */
export interface IsrEstimate extends IndicatorEstimate {
  observed: number;
  expected: number;
  method: CountIntervalMethod;
}

function indirect(
  bands: readonly IsrBand[],
  options: IsrOptions,
): { observed: number; expected: number; confidence: number; refCount: number; refPop: number } {
  const confidence = checkConfidence(options.confidence ?? 0.95);
  if (bands.length === 0) throw new RangeError('at least one standardisation category is needed');
  let observed = 0;
  let expected = 0;
  let refCount = 0;
  let refPop = 0;
  for (const b of bands) {
    const x = isPresent(b.observed) ? b.observed : 0;
    if (x < 0) throw new RangeError('numerators must all be greater than or equal to zero');
    const n = isPresent(b.population) ? b.population : 0;
    if (n < 0) throw new RangeError('denominators must all be greater than or equal to zero');
    if (!(b.referencePopulation > 0)) throw new RangeError('reference populations must be greater than zero');
    const rc = isPresent(b.referenceCount) ? b.referenceCount : 0;
    observed += x;
    expected += (rc / b.referencePopulation) * n;
    refCount += rc;
    refPop += b.referencePopulation;
  }
  if (options.observedTotal !== undefined) {
    if (!(options.observedTotal >= 0))
      throw new RangeError('numerators must all be greater than or equal to zero');
    observed = options.observedTotal;
  }
  return { observed, expected, confidence, refCount, refPop };
}

/**
 * Indirectly standardised rate (the reference rate scaled by observed/expected) with confidence
 * limits.
 *
 * Method: expected E = Σ(refCountᵢ/refPopᵢ)·nᵢ; reference rate R = Σ refCount/Σ refPop × multiplier;
 * ISR = O/E × R; limits = (count limits for O)/E × R, exact Poisson (chi-squared) for O < 10 and
 * Byar's for O ≥ 10. References: Breslow & Day (1987); Armitage & Berry (2002);
 * PHEindicatormethods `calculate_ISRate`.
 *
 * @param bands - categories of one group, with the reference counts and populations
 * @param options - `multiplier` (default 100,000), `confidence`, `observedTotal`
 */
export function indirectlyStandardisedRate(
  bands: readonly IsrBand[],
  options: IsrOptions & { multiplier?: number } = {},
): IsrEstimate & { referenceRate: number } {
  const multiplier = options.multiplier ?? 100_000;
  const { observed, expected, confidence, refCount, refPop } = indirect(bands, options);
  const referenceRate = (refCount / refPop) * multiplier;
  const ci = poissonCountInterval(observed, confidence);
  return {
    observed,
    expected,
    referenceRate,
    value: (observed / expected) * referenceRate,
    lower: ci.lower === null ? null : (ci.lower / expected) * referenceRate,
    upper: ci.upper === null ? null : (ci.upper / expected) * referenceRate,
    confidence,
    method: ci.method,
  };
}

/**
 * Indirectly standardised ratio (standardised mortality/morbidity ratio, O/E) with confidence
 * limits.
 *
 * Method: ratio = O/E × refValue, limits = (count limits for O)/E × refValue, exact Poisson for
 * O < 10 and Byar's for O ≥ 10. References: Breslow & Day (1987); Armitage & Berry (2002);
 * PHEindicatormethods `calculate_ISRatio`.
 *
 * @param bands - categories of one group, with the reference counts and populations
 * @param options - `refValue` (1 for a ratio, 100 for the ×100 form; default 1), `confidence`,
 *   `observedTotal`
 */
export function indirectlyStandardisedRatio(
  bands: readonly IsrBand[],
  options: IsrOptions & { refValue?: number } = {},
): IsrEstimate {
  const refValue = options.refValue ?? 1;
  const { observed, expected, confidence } = indirect(bands, options);
  const ci = poissonCountInterval(observed, confidence);
  return {
    observed,
    expected,
    value: (observed / expected) * refValue,
    lower: ci.lower === null ? null : (ci.lower / expected) * refValue,
    upper: ci.upper === null ? null : (ci.upper / expected) * refValue,
    confidence,
    method: ci.method,
  };
}
