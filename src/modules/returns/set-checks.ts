// Checks that need more than one row, over the observations of a whole submission held in memory: for
// small and medium files and for tests. The service repeats them in SQL for very large files, so the
// rules are kept simple enough to state in a sentence each:
//
// - Duplicates: two observations with the same indicator, area, period start, period end and
//   breakdown key, anywhere in the file (on any sheet). The later one is the problem, naming the first.
// - Breakdowns above the total: for one indicator, area and window, the values of the rows broken down
//   by one dimension must not add up to more than the total row's value. Less is allowed (a partner may
//   not record every category, and "not known" rows are optional); blank values count as nothing; rows
//   without a total are not checked. Only counts are additive, so given the catalogue the check is
//   limited to count indicators.
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { Problem } from '../../platform/errors.ts';
import type { RowLocation, ValidObservation } from './return-file.model.ts';

function at(location: RowLocation): Pick<Problem, 'file' | 'sheet' | 'row'> {
  return location.sheet === undefined
    ? { file: location.file, row: location.row }
    : { file: location.file, sheet: location.sheet, row: location.row };
}

/** "row 12", or "row 12 on sheet X" when it is on another sheet than `from`. */
function rowRef(location: RowLocation, from: RowLocation): string {
  return location.sheet !== undefined && location.sheet !== from.sheet
    ? `row ${location.row} on sheet ${location.sheet}`
    : `row ${location.row}`;
}

function rowList(locations: readonly RowLocation[], from: RowLocation): string {
  const shown = locations.slice(0, 10).map((l) => rowRef(l, from).replace(/^row /, ''));
  const more = locations.length - shown.length;
  const words = more > 0 ? [...shown, `${more} more`] : shown;
  const list = words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
  return `${locations.length === 1 ? 'row' : 'rows'} ${list}`;
}

const keyOf = (o: ValidObservation, breakdownKey = o.breakdownKey): string =>
  `${o.indicatorId}\u0000${o.areaCode}\u0000${o.periodStart}\u0000${o.periodEnd}\u0000${breakdownKey}`;

/** A problem on each observation that repeats an earlier one's key. */
export function findDuplicates(observations: Iterable<ValidObservation>): Problem[] {
  const first = new Map<string, RowLocation>();
  const problems: Problem[] = [];
  for (const o of observations) {
    const key = keyOf(o);
    const earlier = first.get(key);
    if (earlier) {
      problems.push({
        ...at(o.location),
        message: `This row repeats ${rowRef(earlier, o.location)} (same indicator, area, period and breakdown). Delete one of them`,
      });
    } else {
      first.set(key, o.location);
    }
  }
  return problems;
}

interface BreakdownGroup {
  dimension: string;
  sum: number;
  rows: RowLocation[];
}

/**
 * A problem on the total row of each indicator, area and window where one dimension's breakdown rows
 * add up to more than the total. Pass the catalogue to check count indicators only.
 */
export function findBreakdownsAboveTotal(
  observations: Iterable<ValidObservation>,
  catalogue?: ReadonlyMap<string, Indicator>,
): Problem[] {
  const totals = new Map<string, ValidObservation>();
  const groups = new Map<string, Map<string, BreakdownGroup>>();
  for (const o of observations) {
    if (catalogue && catalogue.get(o.indicatorId)?.valueType !== 'count') continue;
    if (o.breakdownKey === '') {
      if (!totals.has(keyOf(o))) totals.set(keyOf(o), o);
      continue;
    }
    // Cross-tabulated keys ("a=x;b=y") are not single-dimension breakdowns; the validator refuses them.
    if (o.value === null || o.breakdownKey.includes(';')) continue;
    const dimension = o.breakdownKey.slice(0, o.breakdownKey.indexOf('='));
    const totalKey = keyOf(o, '');
    let byDimension = groups.get(totalKey);
    if (!byDimension) groups.set(totalKey, (byDimension = new Map()));
    const group = byDimension.get(dimension);
    if (group) {
      group.sum += o.value;
      group.rows.push(o.location);
    } else {
      byDimension.set(dimension, { dimension, sum: o.value, rows: [o.location] });
    }
  }
  const problems: Problem[] = [];
  for (const [totalKey, byDimension] of groups) {
    const total = totals.get(totalKey);
    if (!total || total.value === null) continue;
    for (const group of byDimension.values()) {
      if (group.sum <= total.value) continue;
      problems.push({
        ...at(total.location),
        message: `The breakdown by ${group.dimension} (${rowList(group.rows, total.location)}) adds up to ${group.sum.toLocaleString('en-GB')}, which is more than the total of ${total.value.toLocaleString('en-GB')} on this row. Check the total and the breakdown values`,
      });
    }
  }
  return problems;
}
