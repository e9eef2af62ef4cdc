/**
 * Assigning areas to quantiles (deciles, quintiles…) by rank, as OHID Fingertips and
 * PHEindicatormethods v2.1.0 `phe_quantile` do.
 *
 * @module
 */

import { isPresent, type MaybeNumber } from './indicators.ts';

/** Options for {@link assignQuantiles}. */
export interface QuantileOptions {
  /** number of quantiles, e.g. 10 for deciles (default 10) */
  nQuantiles?: number;
  /**
   * true (default): quantile 1 holds the highest values; false: quantile 1 holds the lowest values
   */
  invert?: boolean;
}

/**
 * Assigns each value of ONE grouping set to a quantile.
 *
 * Method (OHID technical guidance, "Assigning deprivation categories"): rank the N non-missing
 * values (ties take the lowest rank; descending when `invert`), then
 * quantile = ⌊(q + 1) − ⌈((N + 1) − rank) / (N/q)⌉⌋, with 0 mapped to 1. Missing values get `null`;
 * every value gets `null` when N < q. Equal values on a natural boundary fall in the same quantile,
 * so quantiles can differ in size — review such cases, as the guidance advises.
 *
 * @param values - the values of one grouping set, in any order
 * @param options - `nQuantiles` (default 10) and `invert` (default true)
 * @returns the quantile of each value, in the input order
 */
export function assignQuantiles(
  values: readonly MaybeNumber[],
  options: QuantileOptions = {},
): (number | null)[] {
  const nq = options.nQuantiles ?? 10;
  const invert = options.invert ?? true;
  if (!Number.isInteger(nq) || nq < 1) throw new RangeError('nQuantiles must be a positive integer');
  const present = values.filter(isPresent);
  const n = present.length;
  const keys = present.map((v) => (invert ? -v : v)).sort((a, b) => a - b);
  const minRank = (key: number): number => {
    // 1 + number of keys strictly below `key` (binary search)
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return values.map((v) => {
    if (!isPresent(v) || n < nq) return null;
    const rank = minRank(invert ? -v : v);
    const q = Math.floor(nq + 1 - Math.ceil((n + 1 - rank) / (n / nq)));
    return q === 0 ? 1 : q;
  });
}
