// Measures derived from published counts. Every figure here is computed from what the viewer's tier
// publishes (the shown, possibly rounded, count), never from a hidden value: a suppressed count gives a
// suppressed rate, interval, comparison and trend, so nothing derived can reveal what was withheld.
import type { OutputCell } from '../disclosure/disclosure.model.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';
import {
  compareWithBenchmark,
  crudeRate,
  trendMarker,
  wilsonInterval,
  type NeutralComparison,
  type NotCompared,
  type PolarisedComparison,
  type Polarity,
  type TrendMarker,
} from './statistics/index.ts';

// Number formats are made once: toLocaleString builds a new formatter on every call, which is most of
// the cost of a page with hundreds of figures.
const FORMATS = new Map<number, Intl.NumberFormat>();

/** A number in British English with exactly `digits` decimal places ("1,234.5"). */
export function formatNumber(n: number, digits = 0): string {
  let f = FORMATS.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
    FORMATS.set(digits, f);
  }
  return f.format(n);
}

/** Rates are per 10,000 children, as the partnership's reports give them. */
export const RATE_MULTIPLIER = 10_000;

export type CountStatus = 'shown' | 'suppressed' | 'not-available' | 'banded';

export interface PublishedCount {
  /** The value shown (rounded in the public tier); null when a symbol or band stands in its place. */
  value: number | null;
  status: CountStatus;
  /** What a reader sees: "12", "12 [p]", "[c]", "Fewer than 10". */
  text: string;
}

/** What a published cell tells a reader: its shown value, or why there is none. */
export function publishedCount(cell: OutputCell | undefined): PublishedCount {
  if (!cell) return { value: null, status: 'not-available', text: '[x]' };
  if (cell.value !== null) {
    const text = [formatNumber(cell.value), ...cell.markers].join(' ');
    return { value: cell.value, status: 'shown', text };
  }
  if (cell.symbol === '[c]' || cell.symbol === '[low]') {
    return { value: null, status: 'suppressed', text: cell.text };
  }
  if (cell.symbol === null) return { value: null, status: 'banded', text: cell.text };
  return { value: null, status: 'not-available', text: cell.text };
}

export interface Estimate {
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  /** Why there is no value: the count is suppressed ([c]), not available ([x]), or has no denominator. */
  status: 'ok' | 'suppressed' | 'not-available' | 'no-denominator';
}

const EMPTY = { value: null, lower95: null, upper95: null, lower998: null, upper998: null };

function missing(count: PublishedCount, denominator: number | null): Estimate | null {
  if (count.status === 'suppressed' || count.status === 'banded') return { ...EMPTY, status: 'suppressed' };
  if (count.value === null) return { ...EMPTY, status: 'not-available' };
  if (denominator === null || !(denominator > 0)) return { ...EMPTY, status: 'no-denominator' };
  return null;
}

/**
 * A crude rate per 10,000 (or per `multiplier`) with 95% and 99.8% intervals (exact Poisson below 10
 * events, Byar's above).
 */
export function rateOf(
  count: PublishedCount,
  denominator: number | null,
  multiplier = RATE_MULTIPLIER,
): Estimate {
  const none = missing(count, denominator);
  if (none) return none;
  const options = { multiplier };
  const r95 = crudeRate(count.value, denominator, { ...options, confidence: 0.95 });
  const r998 = crudeRate(count.value, denominator, { ...options, confidence: 0.998 });
  return {
    value: r95.value,
    lower95: r95.lower,
    upper95: r95.upper,
    lower998: r998.lower,
    upper998: r998.upper,
    status: 'ok',
  };
}

/**
 * Events per 100 of another published count (e.g. investigations per 100 arrests, where the events are
 * not a subset of the base): a Poisson rate, suppressed when either count is.
 */
export function per100(events: PublishedCount, base: PublishedCount): Estimate {
  if (base.status === 'suppressed' || base.status === 'banded') return { ...EMPTY, status: 'suppressed' };
  return rateOf(events, base.value, 100);
}

/** A percentage with Wilson score intervals; not available when the part exceeds the whole. */
export function percentageOf(part: PublishedCount, whole: PublishedCount): Estimate {
  if (whole.status === 'suppressed' || whole.status === 'banded') return { ...EMPTY, status: 'suppressed' };
  const none = missing(part, whole.value);
  if (none) return none;
  const x = part.value!;
  const n = whole.value!;
  if (x > n) return { ...EMPTY, status: 'not-available' };
  const w95 = wilsonInterval(x, n, 0.95);
  const w998 = wilsonInterval(x, n, 0.998);
  return {
    value: (x / n) * 100,
    lower95: w95.lower * 100,
    upper95: w95.upper * 100,
    lower998: w998.lower * 100,
    upper998: w998.upper * 100,
    status: 'ok',
  };
}

/** The catalogue's polarity in the statistics library's terms. */
export function statisticsPolarity(polarity: Indicator['polarity']): Polarity {
  return polarity === 'no-judgement' ? 'none' : polarity;
}

export type Comparison = PolarisedComparison | NeutralComparison | NotCompared;

/** An estimate against a comparator's value, by whether its 95% interval contains it (Fingertips). */
export function compareEstimate(
  estimate: Estimate,
  comparator: Estimate | undefined,
  polarity: Indicator['polarity'],
): Comparison {
  if (estimate.status !== 'ok' || !comparator || comparator.status !== 'ok') return 'not compared';
  return compareWithBenchmark(
    { lower: estimate.lower95, upper: estimate.upper95 },
    comparator.value,
    statisticsPolarity(polarity),
  );
}

export interface TrendSummary {
  marker: TrendMarker;
  reason: string;
}

/** The Fingertips trend marker over a series of estimates, oldest first. */
export function trendOf(series: readonly Estimate[]): TrendSummary {
  const result = trendMarker(
    series.map((e, i) => ({ time: i, value: e.value, lower: e.lower95, upper: e.upper95 })),
  );
  return { marker: result.marker, reason: result.reason };
}

/** Formats a measure for display: one decimal place for rates and percentages, the symbol otherwise. */
export function formatEstimate(e: Estimate, digits = 1): string {
  if (e.status === 'suppressed') return '[c]';
  if (e.value === null) return '[x]';
  return formatNumber(e.value, digits);
}

export function formatInterval(lower: number | null, upper: number | null, digits = 1): string {
  if (lower === null && upper === null) return '';
  const f = (n: number | null) => (n === null ? '–' : formatNumber(n, digits));
  return `${f(lower)} to ${f(upper)}`;
}
