// The figures a combination reads: each input indicator's published counts by area and breakdown value
// over the combination's window, in the viewer's tier. Counts over 12 months are sums of the published
// quarterly counts, so they too come only from what the viewer may see (a sum with a suppressed quarter
// is suppressed).
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import type { ControlledTable, ViewTier } from '../../data/data.service.ts';
import { shiftQuarter, type Quarter } from '../../returns/periods.ts';
import { formatNumber, publishedCount, type PublishedCount } from '../measures.ts';

export const TOTAL = 'total';

export interface InputFigures {
  indicator: Indicator;
  /** What the figures cover, in words ("12 months to 30 September 2026"). */
  windowLabel: string;
  tier: ViewTier;
  tierReason: string;
  /** The published count for an area and a column (`total` or a breakdown value code). */
  count(area: string, column?: string): PublishedCount;
  /** The areas the figures have rows for. */
  areas: { code: string; name: string; level: string }[];
  synthetic: boolean;
  /** Every table read, for the audit trail. */
  tables: ControlledTable[];
}

/** How many quarters' tables an indicator's combination window needs, and how to describe it. */
export function windowPlan(indicator: Indicator, quarter: Quarter): { quarters: Quarter[]; sum: boolean } {
  // Annual indicators come in the fourth quarter's return.
  const latest =
    indicator.periodKind === 'year' && quarter.q !== 4 ? { year: quarter.year - 1, q: 4 } : quarter;
  // A year of quarters, summed: quarterly counts of children are too small to compare. Only counts
  // add up; anything else is read for its latest period.
  // (A monthly indicator's table is its quarter's last month, so months are not summed this way.)
  if (indicator.periodKind === 'quarter' && indicator.valueType === 'count') {
    return { quarters: [0, 1, 2, 3].map((i) => shiftQuarter(quarter, -3 + i)), sum: true };
  }
  return { quarters: [latest], sum: false };
}

const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const day = (iso: string) => DATE.format(new Date(`${iso}T00:00:00Z`));

function describeWindow(tables: readonly ControlledTable[]): string {
  const windows = tables.map((t) => t.window).filter((w) => w !== null);
  const first = windows[0];
  const last = windows.at(-1);
  if (!first || !last) return 'no period reported';
  if (first.start === last.end) return `at ${day(last.end)}`;
  return `${day(first.start)} to ${day(last.end)}`;
}

/** Sums published counts: suppressed if any part is, not available if any part is missing. */
export function sumCounts(parts: readonly PublishedCount[]): PublishedCount {
  if (parts.some((p) => p.status === 'suppressed' || p.status === 'banded')) {
    return { value: null, status: 'suppressed', text: '[c]' };
  }
  if (!parts.length || parts.some((p) => p.value === null)) {
    return { value: null, status: 'not-available', text: '[x]' };
  }
  const value = parts.reduce((s, p) => s + p.value!, 0);
  // A sum with a provisional or revised part is itself provisional or revised.
  const markers = ['[p]', '[r]'].filter((m) => parts.some((p) => p.text.includes(m)));
  return { value, status: 'shown', text: [formatNumber(value), ...markers].join(' ') };
}

/** An input's figures from its tables (oldest first); several tables are summed cell by cell. */
export function inputFigures(
  indicator: Indicator,
  tables: readonly ControlledTable[],
  sum: boolean,
): InputFigures {
  const used = sum ? tables : tables.slice(-1);
  const last = used.at(-1);
  const columns = [TOTAL, ...(last?.breakdown?.values.map((v) => v.code) ?? [])];
  const lookups = used.map((t) => {
    const m = new Map<string, PublishedCount>();
    for (const row of t.rows) {
      row.cells.forEach((cell, i) => m.set(`${row.code}|${columns[i]}`, publishedCount(cell)));
    }
    return m;
  });
  return {
    indicator,
    windowLabel: describeWindow(used),
    tier: last?.tier ?? 'public',
    tierReason: last?.tierReason ?? '',
    count(area: string, column = TOTAL): PublishedCount {
      const parts = lookups.map((m) => m.get(`${area}|${column}`) ?? publishedCount(undefined));
      return parts.length === 1 ? parts[0]! : sumCounts(parts);
    },
    areas: (last?.rows ?? []).map((r) => ({ code: r.code, name: r.name, level: r.level })),
    synthetic: used.some((t) => t.synthetic),
    tables: [...used],
  };
}
