// PHEindicatormethods conformance: Byar's and Wilson intervals, proportions, rates and means.
// Tables: csv_from_xlsx/testdata_Byars_Wilson__testdata_B_W.csv, testdata_Proportion__*.csv,
// testdata_Rate__*.csv, testdata_Mean__*.csv (see ../shared/conformance/pheindicatormethods/NOTES.md).
// All expected values in these tables are the full-precision doubles Excel stored.
import { describe, expect, test } from 'vitest';
import {
  cell,
  expectEstimate,
  expectExact,
  expectValue,
  groupBy,
  num,
  readTable,
  reportAfterAll,
  req,
  type Row,
} from './conformance.support.ts';
import { crudeProportion, crudeRate, meanWithInterval } from './indicators.ts';
import { byarsLower, byarsUpper, wilsonInterval } from './intervals.ts';

reportAfterAll();

const X = 'csv_from_xlsx';

function confidenceOf(text: string): number {
  if (text === '95%') return 0.95;
  if (text === '99.8%') return 0.998;
  throw new Error(`unexpected confidence ${text}`);
}

/** Sums a column per area in first-seen order; a group with any missing value sums to null (as R's sum). */
function groupSums(
  rows: readonly Row[],
  key: string,
  columns: readonly string[],
): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  for (const row of rows) {
    const k = cell(row, key);
    const previous = out.get(k) ?? columns.map(() => 0);
    out.set(
      k,
      columns.map((c, i) => {
        const p = previous[i] ?? null;
        const v = num(cell(row, c));
        return p === null || v === null ? null : p + v;
      }),
    );
  }
  return out;
}

describe("Byar's and Wilson intervals (testdata_B_W)", () => {
  const table = 'Byars_Wilson/testdata_B_W';
  const rows = readTable(`${X}/testdata_Byars_Wilson__testdata_B_W.csv`).map((r, i) => ({
    ...r,
    name: `row ${i + 1}: ${r.method} x=${r.x}${r.n ? ` n=${r.n}` : ''} @ ${r.confidence}`,
  }));

  test('has the 13 rows described in NOTES.md', () => {
    expect(rows).toHaveLength(13);
  });

  test.each(rows)('$name', (row) => {
    const x = req(cell(row, 'x'));
    const confidence = confidenceOf(cell(row, 'confidence'));
    if (cell(row, 'method') === 'Byars') {
      // Row 13 (x = 1 at 99.8%): the lower limit is negative, which R reports as NA.
      expectValue(table, 'lowercl', byarsLower(x, confidence), cell(row, 'lowercl'));
      expectValue(table, 'uppercl', byarsUpper(x, confidence), cell(row, 'uppercl'));
    } else {
      const ci = wilsonInterval(x, req(cell(row, 'n')), confidence);
      expectValue(table, 'lowercl', ci.lower, cell(row, 'lowercl'));
      expectValue(table, 'uppercl', ci.upper, cell(row, 'uppercl'));
    }
  });
});

// phe_proportion and phe_rate take the same inputs and give the same columns. A missing numerator
// gives a rate without a method (NA in the sheet: Area09, Area11). Of the grouped tables, only the
// rates' method is compared.
const CRUDE = [
  {
    fn: 'phe_proportion',
    sheet: 'Proportion',
    data: 'Prop',
    estimate: crudeProportion,
    groupedMethod: false,
  },
  { fn: 'phe_rate', sheet: 'Rate', data: 'Rate', estimate: crudeRate, groupedMethod: true },
] as const;

for (const { fn, sheet, data, estimate, groupedMethod } of CRUDE) {
  const file = (name: string) => `${X}/testdata_${sheet}__${name}.csv`;

  describe(`${fn} (testdata_${data})`, () => {
    const table = `${sheet}/testdata_${data}`;
    const rows = readTable(file(`testdata_${data}`)).map((r) => ({
      ...r,
      name: `${r.Area} ×${r.multiplier}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
    }));

    test.each(rows)('$name', (row) => {
      const x = num(cell(row, 'Numerator'));
      const n = num(cell(row, 'Denominator'));
      const multiplier = req(cell(row, 'multiplier'));
      const e95 = estimate(x, n, { multiplier, confidence: 0.95 });
      const e998 = estimate(x, n, { multiplier, confidence: 0.998 });
      expectEstimate(table, row, e95, e998);
      expectExact(table, 'method', e95.method ?? '', cell(row, 'method'));
    });
  });

  describe(`${fn} grouped by area (testdata_${data}_g)`, () => {
    const table = `${sheet}/testdata_${data}_g`;
    const sums = groupSums(readTable(file(`testdata_${data}`)), 'Area', ['Numerator', 'Denominator']);
    const rows = readTable(file(`testdata_${data}_g`)).map((r) => ({
      ...r,
      name: `${r.Area}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
    }));

    test.each(rows)('$name', (row) => {
      const [x, n] = sums.get(cell(row, 'Area')) ?? [];
      expectValue(table, 'Numerator', x, cell(row, 'Numerator'));
      expectValue(table, 'Denominator', n, cell(row, 'Denominator'));
      const e = estimate(x, n, { multiplier: req(cell(row, 'multiplier')), confidence: 0.95 });
      expectValue(table, 'value', e.value, cell(row, 'value'));
      expectValue(table, 'lowercl', e.lower, cell(row, 'lowercl'));
      expectValue(table, 'uppercl', e.upper, cell(row, 'uppercl'));
      if (groupedMethod) expectExact(table, 'method', e.method ?? '', cell(row, 'method'));
    });
  });
}

describe('phe_mean (testdata_Mean → testdata_Mean_results)', () => {
  const table = 'Mean/testdata_Mean_results';
  const input = readTable(`${X}/testdata_Mean__testdata_Mean.csv`);
  const valuesOf = (rows: readonly Row[]) => rows.map((r) => req(cell(r, 'values')));
  const byArea = groupBy(input, 'area');
  const rows = readTable(`${X}/testdata_Mean__testdata_Mean_results.csv`).map((r) => ({
    ...r,
    name: cell(r, 'area'),
  }));

  test.each(rows)('$name', (row) => {
    const area = cell(row, 'area');
    const group = area === 'No grouping' ? input : byArea.get(area);
    expect(group, `no input values for ${area}`).toBeDefined();
    const values = valuesOf(group ?? []);
    const m95 = meanWithInterval(values, 0.95);
    const m998 = meanWithInterval(values, 0.998);
    expectValue(table, 'value_sum', m95.sum, cell(row, 'value_sum'));
    expectValue(table, 'value_count', m95.count, cell(row, 'value_count'));
    expectValue(table, 'stdev', m95.standardDeviation, cell(row, 'stdev'));
    expectEstimate(table, row, m95, m998);
    expectExact(table, 'method', m95.method, cell(row, 'method'));
  });
});
