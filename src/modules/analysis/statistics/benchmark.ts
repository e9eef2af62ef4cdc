/**
 * Benchmarking an indicator value against a comparator (e.g. England or the region) by whether the
 * confidence interval contains the comparator, as OHID Fingertips does ("compared with benchmark").
 *
 * @module
 */

import { isPresent, type MaybeNumber } from './indicators.ts';

/**
 * Every polarity the library accepts. 'higher-is-worse' ≡ 'lower-is-better' and 'lower-is-worse' ≡
 * 'higher-is-better'; 'no-judgement' ≡ 'none' (no direction is good). The clmd catalogue's three
 * polarities ('higher-is-worse', 'lower-is-worse', 'no-judgement') are all members, so a catalogue
 * indicator's polarity can be passed straight to {@link compareWithBenchmark}.
 */
export const POLARITIES = [
  'higher-is-better',
  'lower-is-better',
  'higher-is-worse',
  'lower-is-worse',
  'none',
  'no-judgement',
] as const;

/** Polarity of an indicator: which direction is good, or none. */
export type Polarity = (typeof POLARITIES)[number];

/** The polarities without a direction (benchmarking gives 'lower' / 'similar' / 'higher'). */
export type NeutralPolarity = 'none' | 'no-judgement';

/** The canonical direction of a polarity: which way is better, or `null` when there is none. */
export type PolarityDirection = 'higher-is-better' | 'lower-is-better' | null;

/**
 * Checks a polarity (e.g. from a catalogue or a file) and returns which direction is better.
 *
 * @param polarity - one of {@link POLARITIES}
 * @returns 'higher-is-better' (also for 'lower-is-worse'), 'lower-is-better' (also for
 *   'higher-is-worse') or `null` for 'none' / 'no-judgement'
 * @throws RangeError for any other value
 */
export function polarityDirection(polarity: string): PolarityDirection {
  switch (polarity) {
    case 'higher-is-better':
    case 'lower-is-worse':
      return 'higher-is-better';
    case 'lower-is-better':
    case 'higher-is-worse':
      return 'lower-is-better';
    case 'none':
    case 'no-judgement':
      return null;
    default:
      throw new RangeError(`unknown polarity "${polarity}"; expected one of ${POLARITIES.join(', ')}`);
  }
}

/** True when `value` is one of the library's {@link POLARITIES}. */
export function isPolarity(value: unknown): value is Polarity {
  return typeof value === 'string' && (POLARITIES as readonly string[]).includes(value);
}

/** Result of benchmarking when the indicator has a polarity. */
export type PolarisedComparison = 'better' | 'similar' | 'worse';
/** Result of benchmarking when the indicator has no polarity. */
export type NeutralComparison = 'lower' | 'similar' | 'higher';
/** Result when the interval or the comparator is missing. */
export type NotCompared = 'not compared';

/** The confidence interval of the value being compared. */
export interface IntervalToCompare {
  lower: MaybeNumber;
  upper: MaybeNumber;
}

/**
 * Compares an interval with a comparator value.
 *
 * Method: 'higher' when the lower limit is above the comparator, 'lower' when the upper limit is
 * below it, otherwise 'similar' (the interval contains the comparator, limits inclusive). With a
 * polarity the direction becomes 'better' or 'worse': 'higher-is-better' (≡ 'lower-is-worse') maps
 * higher → better; 'lower-is-better' (≡ 'higher-is-worse') maps higher → worse; 'none' and
 * 'no-judgement' keep 'lower' / 'similar' / 'higher'. Returns 'not compared' when a limit or the
 * comparator is missing. Reference: Fingertips technical guidance, "Benchmarking against a
 * comparator using confidence intervals".
 *
 * @param interval - the value's lower and upper confidence limits
 * @param comparator - the benchmark value
 * @param polarity - the indicator's polarity (default 'none')
 * @throws RangeError for a polarity outside {@link POLARITIES}, or a lower limit above the upper
 */
export function compareWithBenchmark(
  interval: IntervalToCompare,
  comparator: MaybeNumber,
  polarity: NeutralPolarity,
): NeutralComparison | NotCompared;
export function compareWithBenchmark(
  interval: IntervalToCompare,
  comparator: MaybeNumber,
  polarity: Exclude<Polarity, NeutralPolarity>,
): PolarisedComparison | NotCompared;
export function compareWithBenchmark(
  interval: IntervalToCompare,
  comparator: MaybeNumber,
  polarity?: Polarity,
): PolarisedComparison | NeutralComparison | NotCompared;
export function compareWithBenchmark(
  interval: IntervalToCompare,
  comparator: MaybeNumber,
  polarity: Polarity = 'none',
): PolarisedComparison | NeutralComparison | NotCompared {
  const better = polarityDirection(polarity);
  const { lower, upper } = interval;
  if (!isPresent(lower) || !isPresent(upper) || !isPresent(comparator)) return 'not compared';
  if (lower > upper) throw new RangeError('lower limit is above the upper limit');
  const direction: NeutralComparison =
    lower > comparator ? 'higher' : upper < comparator ? 'lower' : 'similar';
  if (better === null || direction === 'similar') return direction;
  return (direction === 'higher') === (better === 'higher-is-better') ? 'better' : 'worse';
}
