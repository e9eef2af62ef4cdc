// Reporting periods. Every organisation sends one return per calendar quarter ("2026-Q1"), due a fixed
// number of days after the quarter ends. Within a return, each indicator's value covers a window set by
// its period kind: the quarter itself, each month of it, the 12 months or 5 years to the quarter's end,
// the position at the quarter's end (snapshot), or the calendar year (only in the Q4 return).
import type { PeriodKind } from '../catalogue/catalogue.model.ts';

export interface Quarter {
  year: number;
  /** 1–4 */
  q: number;
}

/** Inclusive ISO dates (YYYY-MM-DD). */
export interface DateWindow {
  start: string;
  end: string;
}

export const DAYS_TO_SUBMIT = 30;

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function parseQuarter(text: string): Quarter | undefined {
  const m = QUARTER.exec(text.trim().toUpperCase());
  return m ? { year: Number(m[1]), q: Number(m[2]) } : undefined;
}

export function formatQuarter({ year, q }: Quarter): string {
  return `${year}-Q${q}`;
}

export function quarterLabel({ year, q }: Quarter): string {
  const months = ['January to March', 'April to June', 'July to September', 'October to December'];
  return `${months[q - 1]} ${year}`;
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function quarterWindow({ year, q }: Quarter): DateWindow {
  const first = (q - 1) * 3 + 1;
  return { start: iso(year, first, 1), end: iso(year, first + 2, lastDay(year, first + 2)) };
}

export function dueDate(quarter: Quarter): string {
  const end = new Date(quarterWindow(quarter).end + 'T00:00:00Z');
  end.setUTCDate(end.getUTCDate() + DAYS_TO_SUBMIT);
  return end.toISOString().slice(0, 10);
}

export function nextQuarter({ year, q }: Quarter): Quarter {
  return q === 4 ? { year: year + 1, q: 1 } : { year, q: q + 1 };
}

/** The quarter n quarters after (or, for negative n, before) the given one. */
export function shiftQuarter({ year, q }: Quarter, n: number): Quarter {
  const index = year * 4 + (q - 1) + n;
  return { year: Math.floor(index / 4), q: (index % 4) + 1 };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year - b.year || a.q - b.q;
}

/** Quarters from first to last inclusive. */
export function quartersBetween(first: Quarter, last: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let x = first; compareQuarters(x, last) <= 0; x = nextQuarter(x)) out.push(x);
  return out;
}

/** The quarter containing an ISO date. */
export function quarterOf(date: string): Quarter {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { year: y, q: Math.floor((m - 1) / 3) + 1 };
}

/**
 * The windows an indicator of this kind reports in a quarter's return; empty when it is not due
 * in that quarter (annual indicators are reported in the Q4 return only).
 */
export function indicatorWindows(kind: PeriodKind, quarter: Quarter): DateWindow[] {
  const qw = quarterWindow(quarter);
  const endYear = Number(qw.end.slice(0, 4));
  const endMonth = Number(qw.end.slice(5, 7));
  switch (kind) {
    case 'quarter':
      return [qw];
    case 'month': {
      const first = (quarter.q - 1) * 3 + 1;
      return [0, 1, 2].map((i) => ({
        start: iso(quarter.year, first + i, 1),
        end: iso(quarter.year, first + i, lastDay(quarter.year, first + i)),
      }));
    }
    case 'snapshot':
      return [{ start: qw.end, end: qw.end }];
    case 'rolling-12-months':
      return [{ start: iso(endYear - 1, endMonth + 1, 1), end: qw.end }];
    case 'rolling-5-years':
      return [{ start: iso(endYear - 5, endMonth + 1, 1), end: qw.end }];
    case 'year':
      return quarter.q === 4 ? [{ start: iso(quarter.year, 1, 1), end: qw.end }] : [];
  }
}
