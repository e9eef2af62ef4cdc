// Shapes completeness for pages and exports.
import { stringify } from 'csv-stringify/sync';
import { ValidationError } from '../../platform/errors.ts';
import { STATE_LABELS, type CompletenessRow } from './completeness.ts';
import {
  compareQuarters,
  parseQuarter,
  quarterOf,
  quartersBetween,
  shiftQuarter,
  type Quarter,
} from './periods.ts';

export const MAX_QUARTERS_SHOWN = 16;

/** The quarters to show: by default the last four that have ended and the current one. */
export function periodRange(today: Date, from?: string, to?: string): Quarter[] {
  const current = quarterOf(today.toISOString().slice(0, 10));
  const parse = (text: string | undefined, fallback: Quarter, field: string): Quarter => {
    if (!text) return fallback;
    const q = parseQuarter(text);
    if (!q)
      throw new ValidationError('The period is not valid.', [
        { field, message: `Enter a quarter like 2026-Q1 (you gave "${text}")` },
      ]);
    return q;
  };
  const last = parse(to, current, 'to');
  const first = parse(from, shiftQuarter(last, -4), 'from');
  if (compareQuarters(first, last) > 0) {
    throw new ValidationError('The period is not valid.', [
      { field: 'from', message: 'The first quarter must be before the last quarter' },
    ]);
  }
  const quarters = quartersBetween(first, last);
  if (quarters.length > MAX_QUARTERS_SHOWN) {
    throw new ValidationError('Too many quarters.', [
      { field: 'from', message: `Choose ${MAX_QUARTERS_SHOWN} quarters or fewer` },
    ]);
  }
  return quarters;
}

export interface LocalityGroup {
  code: string;
  name: string;
  organisations: { id: string; name: string; cells: CompletenessRow[] }[];
}

/** Rows grouped by locality (partnership-wide bodies under "Pathfinder-wide"), one row per organisation. */
export function groupByLocality(
  rows: readonly CompletenessRow[],
  localities: readonly { code: string; name: string }[],
): LocalityGroup[] {
  const groups: LocalityGroup[] = [
    ...localities.map((l) => ({
      code: l.code,
      name: l.name,
      organisations: [] as LocalityGroup['organisations'],
    })),
    { code: '', name: 'Pathfinder-wide', organisations: [] },
  ];
  const byOrg = new Map<string, CompletenessRow[]>();
  for (const r of rows) byOrg.set(r.organisationId, [...(byOrg.get(r.organisationId) ?? []), r]);
  for (const [id, cells] of byOrg) {
    if (cells.every((c) => c.state === 'not-expected')) continue;
    const group = groups.find((g) => g.code === (cells[0]!.localityCode ?? ''));
    group?.organisations.push({ id, name: cells[0]!.organisationName, cells });
  }
  return groups.filter((g) => g.organisations.length > 0);
}

export function completenessCsv(rows: readonly CompletenessRow[]): string {
  return stringify(
    rows.map((r) => ({
      organisation_id: r.organisationId,
      organisation: r.organisationName,
      locality_code: r.localityCode ?? '',
      period: r.period,
      due_date: r.dueDate,
      expected: r.expected ? 'yes' : 'no',
      state: STATE_LABELS[r.state],
      return_status: r.returnStatus ?? '',
      first_submitted_at: r.firstSubmittedAt?.toISOString() ?? '',
      synthetic: r.synthetic ? 'synthetic' : '',
    })),
    { header: true },
  );
}
