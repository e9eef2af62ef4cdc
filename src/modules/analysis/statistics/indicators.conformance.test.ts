// PHEindicatormethods conformance: Byar's and Wilson intervals, proportions, rates and means.
// Tables: csv_from_xlsx/testdata_Byars_Wilson__testdata_B_W.csv, testdata_Proportion__*.csv,
// testdata_Rate__*.csv, testdata_Mean__*.csv (see ../shared/conformance/pheindicatormethods/NOTES.md).
// All expected values in these tables are the full-precision doubles Excel stored.
import { describe, expect, test } from 'vitest';
import {
  cell,
  expectExact,
  expectValue,
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

describe('phe_proportion (testdata_Prop)', () => {
  const table = 'Proportion/testdata_Prop';
  const rows = readTable(`${X}/testdata_Proportion__testdata_Prop.csv`).map((r) => ({
    ...r,
    name: `${r.Area} ×${r.multiplier}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
  }));

  test.each(rows)('$name', (row) => {
    const x = num(cell(row, 'Numerator'));
    const n = num(cell(row, 'Denominator'));
    const multiplier = req(cell(row, 'multiplier'));
    const p95 = crudeProportion(x, n, { multiplier, confidence: 0.95 });
    const p998 = crudeProportion(x, n, { multiplier, confidence: 0.998 });
    expectValue(table, 'value', p95.value, cell(row, 'value'));
    expectValue(table, 'lower95_0cl', p95.lower, cell(row, 'lower95_0cl'));
    expectValue(table, 'upper95_0cl', p95.upper, cell(row, 'upper95_0cl'));
    expectValue(table, 'lower99_8cl', p998.lower, cell(row, 'lower99_8cl'));
    expectValue(table, 'upper99_8cl', p998.upper, cell(row, 'upper99_8cl'));
    expectExact(table, 'method', p95.method, cell(row, 'method'));
  });
});

describe('phe_proportion grouped by area (testdata_Prop_g)', () => {
  const table = 'Proportion/testdata_Prop_g';
  const input = readTable(`${X}/testdata_Proportion__testdata_Prop.csv`);
  const sums = groupSums(input, 'Area', ['Numerator', 'Denominator']);
  const rows = readTable(`${X}/testdata_Proportion__testdata_Prop_g.csv`).map((r) => ({
    ...r,
    name: `${r.Area}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
  }));

  test.each(rows)('$name', (row) => {
    const [x, n] = sums.get(cell(row, 'Area')) ?? [];
    expectValue(table, 'Numerator', x, cell(row, 'Numerator'));
    expectValue(table, 'Denominator', n, cell(row, 'Denominator'));
    const p = crudeProportion(x, n, { multiplier: req(cell(row, 'multiplier')), confidence: 0.95 });
    expectValue(table, 'value', p.value, cell(row, 'value'));
    expectValue(table, 'lowercl', p.lower, cell(row, 'lowercl'));
    expectValue(table, 'uppercl', p.upper, cell(row, 'uppercl'));
  });
});

describe('phe_rate (testdata_Rate)', () => {
  const table = 'Rate/testdata_Rate';
  const rows = readTable(`${X}/testdata_Rate__testdata_Rate.csv`).map((r) => ({
    ...r,
    name: `${r.Area} ×${r.multiplier}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
  }));

  test.each(rows)('$name', (row) => {
    const x = num(cell(row, 'Numerator'));
    const n = num(cell(row, 'Denominator'));
    const multiplier = req(cell(row, 'multiplier'));
    const r95 = crudeRate(x, n, { multiplier, confidence: 0.95 });
    const r998 = crudeRate(x, n, { multiplier, confidence: 0.998 });
    expectValue(table, 'value', r95.value, cell(row, 'value'));
    expectValue(table, 'lower95_0cl', r95.lower, cell(row, 'lower95_0cl'));
    expectValue(table, 'upper95_0cl', r95.upper, cell(row, 'upper95_0cl'));
    expectValue(table, 'lower99_8cl', r998.lower, cell(row, 'lower99_8cl'));
    expectValue(table, 'upper99_8cl', r998.upper, cell(row, 'upper99_8cl'));
    // The method is NA when the numerator is missing (Area09, Area11).
    expectExact(table, 'method', r95.method ?? '', cell(row, 'method'));
  });
});

describe('phe_rate grouped by area (testdata_Rate_g)', () => {
  const table = 'Rate/testdata_Rate_g';
  const input = readTable(`${X}/testdata_Rate__testdata_Rate.csv`);
  const sums = groupSums(input, 'Area', ['Numerator', 'Denominator']);
  const rows = readTable(`${X}/testdata_Rate__testdata_Rate_g.csv`).map((r) => ({
    ...r,
    name: `${r.Area}: ${r.Numerator || 'NA'}/${r.Denominator || 'NA'}`,
  }));

  test.each(rows)('$name', (row) => {
    const [x, n] = sums.get(cell(row, 'Area')) ?? [];
    expectValue(table, 'Numerator', x, cell(row, 'Numerator'));
    expectValue(table, 'Denominator', n, cell(row, 'Denominator'));
    const r = crudeRate(x, n, { multiplier: req(cell(row, 'multiplier')), confidence: 0.95 });
    expectValue(table, 'value', r.value, cell(row, 'value'));
    expectValue(table, 'lowercl', r.lower, cell(row, 'lowercl'));
    expectValue(table, 'uppercl', r.upper, cell(row, 'uppercl'));
    expectExact(table, 'method', r.method ?? '', cell(row, 'method'));
  });
});

describe('phe_mean (testdata_Mean → testdata_Mean_results)', () => {
  const table = 'Mean/testdata_Mean_results';
  const input = readTable(`${X}/testdata_Mean__testdata_Mean.csv`);
  const byArea = new Map<string, number[]>();
  for (const r of input) {
    const list = byArea.get(cell(r, 'area')) ?? [];
    list.push(req(cell(r, 'values')));
    byArea.set(cell(r, 'area'), list);
  }
  const all = input.map((r) => req(cell(r, 'values')));
  const rows = readTable(`${X}/testdata_Mean__testdata_Mean_results.csv`).map((r) => ({
    ...r,
    name: cell(r, 'area'),
  }));

  test.each(rows)('$name', (row) => {
    const area = cell(row, 'area');
    const values = area === 'No grouping' ? all : byArea.get(area);
    expect(values, `no input values for ${area}`).toBeDefined();
    const m95 = meanWithInterval(values ?? [], 0.95);
    const m998 = meanWithInterval(values ?? [], 0.998);
    expectValue(table, 'value_sum', m95.sum, cell(row, 'value_sum'));
    expectValue(table, 'value_count', m95.count, cell(row, 'value_count'));
    expectValue(table, 'stdev', m95.standardDeviation, cell(row, 'stdev'));
    expectValue(table, 'value', m95.value, cell(row, 'value'));
    expectValue(table, 'lower95_0cl', m95.lower, cell(row, 'lower95_0cl'));
    expectValue(table, 'upper95_0cl', m95.upper, cell(row, 'upper95_0cl'));
    expectValue(table, 'lower99_8cl', m998.lower, cell(row, 'lower99_8cl'));
    expectValue(table, 'upper99_8cl', m998.upper, cell(row, 'upper99_8cl'));
    expectExact(table, 'method', m95.method, cell(row, 'method'));
  });
});
