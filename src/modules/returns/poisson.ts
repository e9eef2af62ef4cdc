// The exact Poisson test behind the "unusually high/low" warning on submitted counts.
//
// The two-sided p-value is R's poisson.test: the probability of every outcome no more likely than the
// one observed (not twice the smaller tail, which can exceed 1 and is less powerful for skewed
// distributions). Tails are regularised incomplete gamma functions and the likelihood comparison is in
// log space, so means up to 10^5 and beyond neither overflow nor need 10^5 terms.

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): about 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-15;
const TINY = 1e-300;
const MAX_ITERATIONS = 1_000_000;

/** Lower regularised gamma P(a, x) by its series; converges quickly for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < MAX_ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

/** Upper regularised gamma Q(a, x) by its continued fraction (modified Lentz); for x ≥ a + 1. */
function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(a, x) and Q(a, x) = 1 − P(a, x), each computed directly where it is the small one. */
function regularisedGamma(a: number, x: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x < a + 1) {
    const lower = gammaSeries(a, x);
    return { lower, upper: 1 - lower };
  }
  const upper = gammaContinuedFraction(a, x);
  return { lower: 1 - upper, upper };
}

/** P(X ≤ k) for X ~ Poisson(mean). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean === 0) return 1;
  return regularisedGamma(k + 1, mean).upper;
}

/** P(X ≥ k) for X ~ Poisson(mean). */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean === 0) return 0;
  return regularisedGamma(k, mean).lower;
}

function logPmf(k: number, mean: number): number {
  return k * Math.log(mean) - mean - logGamma(k + 1);
}

const clamp = (p: number): number => Math.min(1, Math.max(0, p));

/**
 * Exact two-sided Poisson test of an observed count against an expected mean: the probability, under
 * Poisson(expectedMean), of a count no more likely than `observed` (R's poisson.test, relative
 * tolerance 1e-7 for ties).
 */
export function poissonTest(observed: number, expectedMean: number): number {
  if (!Number.isInteger(observed) || observed < 0) {
    throw new RangeError(`The observed count must be a whole number of 0 or more, not ${observed}`);
  }
  if (!Number.isFinite(expectedMean) || expectedMean < 0) {
    throw new RangeError(`The expected mean must be 0 or more, not ${expectedMean}`);
  }
  const m = expectedMean;
  if (m === 0) return observed === 0 ? 1 : 0;
  if (observed === m) return 1;
  const threshold = logPmf(observed, m) + Math.log1p(1e-7);
  if (observed < m) {
    // The pmf falls from ceil(m) upwards: find the first count there no more likely than the observed.
    let lo = Math.ceil(m);
    let step = Math.max(1, Math.ceil(Math.sqrt(m)));
    let hi = lo + step;
    while (logPmf(hi, m) > threshold) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (logPmf(lo, m) <= threshold) hi = lo;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (logPmf(mid, m) <= threshold) hi = mid;
      else lo = mid;
    }
    return clamp(poissonCdf(observed, m) + poissonUpperTail(hi, m));
  }
  // The pmf rises from 0 to floor(m): count the counts there no more likely than the observed.
  let lo = 0;
  let hi = Math.floor(m) + 1; // first index with a higher probability, or floor(m) + 1 if none
  if (logPmf(0, m) > threshold) hi = 0;
  else {
    // invariant: logPmf(lo) ≤ threshold, and hi is past the last such index
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (logPmf(mid, m) <= threshold) lo = mid;
      else hi = mid;
    }
  }
  return clamp(poissonCdf(hi - 1, m) + poissonUpperTail(observed, m));
}

/** The p-value below which a count is called unusual: about one false alarm per thousand figures. */
export const UNUSUAL_P = 0.001;

const formatNumber = (n: number, digits = 0): string =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/**
 * A warning when a count is far from the mean of the same figure in earlier periods, or undefined.
 * Needs at least two earlier values. When every earlier value is 0 the test uses a mean of 3/n (the
 * "rule of three" upper bound for a rate never yet seen), so that 1 after a run of zeros is not called
 * unusual while 40 still is.
 */
export function unusualValueWarning(observed: number, previous: readonly number[]): string | undefined {
  const earlier = previous.filter((v) => Number.isFinite(v) && v >= 0);
  if (earlier.length < 2 || !Number.isInteger(observed) || observed < 0) return undefined;
  const mean = earlier.reduce((a, b) => a + b, 0) / earlier.length;
  const tested = mean === 0 ? 3 / earlier.length : mean;
  const p = poissonTest(observed, tested);
  if (p >= UNUSUAL_P) return undefined;
  return `${formatNumber(observed)} is unusually ${observed > mean ? 'high' : 'low'} compared with the previous ${earlier.length} periods (mean ${formatNumber(mean, 1)}; exact Poisson test p < 0.001). Check the figure is right.`;
}
