// Completeness and timeliness, as DHIS2 reports them: for each organisation and quarter, whether a
// return was expected, received on time, late, or is missing; and reporting rates per quarter.
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { Organisation } from '../organisations/organisations.builtin.ts';
import { owesReturn } from './obligations.ts';
import { dueDate, formatQuarter, type Quarter } from './periods.ts';

export type ReturnState = 'on-time' | 'late' | 'overdue' | 'not-yet-due' | 'not-expected';

export const STATE_LABELS: Record<ReturnState, string> = {
  'on-time': 'Received on time',
  late: 'Received late',
  overdue: 'Missing (overdue)',
  'not-yet-due': 'Not yet due',
  'not-expected': 'Not expected',
};

export interface ReceivedReturn {
  organisationId: string;
  period: string;
  status: string;
  firstSubmittedAt: Date | null;
  synthetic: boolean;
}

export interface CompletenessRow {
  organisationId: string;
  organisationName: string;
  localityCode: string | null;
  period: string;
  dueDate: string;
  /** The organisation owes a return for this quarter (it supplies an indicator due in it). */
  expected: boolean;
  state: ReturnState;
  returnStatus: string | null;
  firstSubmittedAt: Date | null;
  synthetic: boolean;
}

export interface ReportingRate {
  period: string;
  expected: number;
  received: number;
  onTime: number;
  /** received ÷ expected, or null when nothing was due. */
  receivedRate: number | null;
  onTimeRate: number | null;
}

/** End of the due date (23:59:59.999 UK time is close enough to UTC end of day for a 30-day window). */
function endOfDay(isoDate: string): Date {
  return new Date(`${isoDate}T23:59:59.999Z`);
}

export function completeness(input: {
  organisations: readonly Organisation[];
  catalogue: readonly Indicator[];
  quarters: readonly Quarter[];
  received: readonly ReceivedReturn[];
  today: Date;
}): CompletenessRow[] {
  const byKey = new Map(input.received.map((r) => [`${r.organisationId}|${r.period}`, r]));
  const rows: CompletenessRow[] = [];
  for (const quarter of input.quarters) {
    const period = formatQuarter(quarter);
    const due = dueDate(quarter);
    for (const org of input.organisations) {
      const got = byKey.get(`${org.id}|${period}`);
      const submitted = got?.firstSubmittedAt ?? null;
      const expected = owesReturn(org, input.catalogue, quarter);
      let state: ReturnState;
      if (submitted) state = submitted <= endOfDay(due) ? 'on-time' : 'late';
      else if (!expected) state = 'not-expected';
      else state = endOfDay(due) < input.today ? 'overdue' : 'not-yet-due';
      rows.push({
        organisationId: org.id,
        organisationName: org.name,
        localityCode: org.localityCode,
        period,
        dueDate: due,
        expected,
        state,
        returnStatus: got?.status ?? null,
        firstSubmittedAt: submitted,
        synthetic: got?.synthetic ?? false,
      });
    }
  }
  return rows;
}

/**
 * Reporting rates per quarter: of the returns owed whose due date has passed (or that arrived early),
 * how many were received, and how many on time. Voluntary returns do not count.
 */
export function reportingRates(rows: readonly CompletenessRow[]): ReportingRate[] {
  const periods = [...new Set(rows.map((r) => r.period))];
  return periods.map((period) => {
    const inPeriod = rows.filter((r) => r.period === period && r.expected && r.state !== 'not-yet-due');
    const received = inPeriod.filter((r) => r.state !== 'overdue').length;
    const onTime = inPeriod.filter((r) => r.state === 'on-time').length;
    const expected = inPeriod.length;
    return {
      period,
      expected,
      received,
      onTime,
      receivedRate: expected ? received / expected : null,
      onTimeRate: expected ? onTime / expected : null,
    };
  });
}
