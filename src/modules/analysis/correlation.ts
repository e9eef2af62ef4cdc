// Spearman's rank correlation with a confidence interval, for comparing indicators across a few dozen
// districts. The interval uses Fisher's z with Bonett and Wright's standard error for Spearman's rho,
// sqrt((1 + rho²/2) / (n − 3)) (Psychometrika 2000;65:23–28); below 5 pairs nothing is computed.
import { normalQuantile } from './statistics/index.ts';

/** Ranks from 1, ties given their average rank. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export interface RankCorrelation {
  n: number;
  rho: number | null;
  lower95: number | null;
  upper95: number | null;
  /** Why rho is missing: too few pairs, or one variable does not vary. */
  reason: string | null;
}

export const MIN_PAIRS = 5;

export function spearman(x: readonly number[], y: readonly number[]): RankCorrelation {
  if (x.length !== y.length) throw new RangeError('x and y must have the same length');
  const n = x.length;
  const none = { n, rho: null, lower95: null, upper95: null };
  if (n < MIN_PAIRS) return { ...none, reason: `fewer than ${MIN_PAIRS} areas have both figures` };
  const rho = pearson(averageRanks(x), averageRanks(y));
  if (rho === null) return { ...none, reason: 'one of the figures is the same in every area' };
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, rho)));
  const se = Math.sqrt((1 + (rho * rho) / 2) / (n - 3));
  const q = normalQuantile(0.975);
  return { n, rho, lower95: Math.tanh(z - q * se), upper95: Math.tanh(z + q * se), reason: null };
}

/** A reading of a rank correlation in words, honest about its interval. */
export function describeCorrelation(c: RankCorrelation, x: string, y: string): string {
  if (c.rho === null) return `The rank correlation between ${x} and ${y} cannot be calculated: ${c.reason}.`;
  const strength = Math.abs(c.rho) >= 0.7 ? 'strong' : Math.abs(c.rho) >= 0.4 ? 'moderate' : 'weak';
  const direction = c.rho > 0 ? ' positive' : c.rho < 0 ? ' negative' : '';
  const f = (v: number | null) => (v === null ? '–' : v.toFixed(2));
  const clear = c.lower95! > 0 || c.upper95! < 0;
  return (
    `Across ${c.n} areas, ${x} and ${y} show ${c.rho === 0 ? 'no' : `a ${strength}${direction}`} rank correlation (Spearman's rho ${f(c.rho)}, 95% interval ${f(c.lower95)} to ${f(c.upper95)}). ` +
    (clear
      ? `The interval excludes zero, so areas with more of one tend to have ${c.rho > 0 ? 'more' : 'less'} of the other; this does not show that one causes the other.`
      : 'The interval includes zero, so these figures cannot show a relationship either way.')
  );
}
