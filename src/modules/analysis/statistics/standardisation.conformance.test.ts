// PHEindicatormethods conformance: directly standardised rates (Dobson), DSRs with non-independent
// events, indirectly standardised rates and ratios, and the error cases.
// Tables: csv_from_xlsx/testdata_DSR_ISR__*.csv (see ../shared/conformance/pheindicatormethods/NOTES.md).
import { describe, expect, test } from 'vitest';
import {
  cell,
  countCheck,
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
import {
  ESP2013,
  directlyStandardisedRate,
  directlyStandardisedRateNonIndependent,
  indirectlyStandardisedRate,
  indirectlyStandardisedRatio,
  type DsrBand,
  type IsrBand,
  type NonIndependentDsrBand,
} from './standardisation.ts';

reportAfterAll();

const X = 'csv_from_xlsx';
const file = (sheet: string): string => `${X}/testdata_DSR_ISR__${sheet}.csv`;

const multiarea = groupBy(readTable(file('testdata_multiarea')), 'area');
const refdata = readTable(file('refdata'));
const dsrResults = readTable(file('testresults_DSR'));
const isrResults = readTable(file('testresults_ISR'));

function dsrBands(rows: readonly Row[], standard: readonly number[]): DsrBand[] {
  expect(rows).toHaveLength(standard.length);
  return rows.map((r, i) => ({
    count: num(cell(r, 'count')),
    population: req(cell(r, 'pop')),
    standardPopulation: standard[i] as number,
  }));
}

function isrBands(rows: readonly Row[]): IsrBand[] {
  expect(rows).toHaveLength(refdata.length);
  return rows.map((r, i) => {
    const ref = refdata[i] as Row;
    return {
      observed: num(cell(r, 'count')),
      population: num(cell(r, 'pop')),
      referenceCount: num(cell(ref, 'refcount')),
      referencePopulation: req(cell(ref, 'refpop')),
    };
  });
}

describe('calculate_dsr, esp2013 (testresults_DSR rows 1–3 per 10,000 and 5–7 per 100,000)', () => {
  const table = 'DSR_ISR/testresults_DSR (Dobson)';
  const cases = [0, 1, 2, 4, 5, 6].map((i) => {
    const row = dsrResults[i] as Row;
    return { row, name: `row ${i + 1}: ${cell(row, 'area')}, ${cell(row, 'statistic')}` };
  });

  test.each(cases)('$name', ({ row }) => {
    const rows = multiarea.get(cell(row, 'area'));
    expect(rows).toBeDefined();
    const multiplier = cell(row, 'statistic').endsWith('per 10000') ? 10_000 : 100_000;
    const bands = dsrBands(rows ?? [], ESP2013);
    const d95 = directlyStandardisedRate(bands, { multiplier, confidence: 0.95 });
    const d998 = directlyStandardisedRate(bands, { multiplier, confidence: 0.998 });
    expectValue(table, 'total_count', d95.totalCount, cell(row, 'total_count'));
    expectValue(table, 'total_pop', d95.totalPopulation, cell(row, 'total_pop'));
    expectEstimate(table, row, d95, d998);
    expectExact(table, 'method', d95.method, cell(row, 'method'));
    // 'dsr NA for total count < 10' marks the suppressed row (testdata_tiny).
    expectExact(table, 'suppressed', d95.suppressed, cell(row, 'statistic').startsWith('dsr NA'));
  });
});

describe('calculate_dsr with a user standard population, esp1976 (testresults_DSR rows 4 and 8)', () => {
  const table = 'DSR_ISR/testresults_DSR (Dobson)';
  const input = readTable(file('testdata_1976'));
  const esp1976 = input.map((r) => req(cell(r, 'esp1976')));
  // Only columns 2–6 (total_count … upper95_0cl) are asserted by the R tests: the sheet's 99.8%
  // columns on these rows are 10× the true limits (they exceed the value), so they are not used.
  const cases = [3, 7].map((i) => {
    const row = dsrResults[i] as Row;
    return { row, name: `row ${i + 1}: ${cell(row, 'statistic')}` };
  });

  test.each(cases)('$name', ({ row }) => {
    const multiplier = cell(row, 'statistic').endsWith('per 10000') ? 10_000 : 100_000;
    const d = directlyStandardisedRate(dsrBands(input, esp1976), { multiplier });
    expectValue(table, 'total_count', d.totalCount, cell(row, 'total_count'));
    expectValue(table, 'total_pop', d.totalPopulation, cell(row, 'total_pop'));
    expectEstimate(table, row, d);
  });
});

describe('calculate_dsr with non-independent events (testdata_nonindepe → testresults_DSR rows 9–12)', () => {
  // The expected values on these rows were typed into the sheet to 8 decimal places (e.g.
  // 817.68609755): relative rounding below 1e-11, well inside the 1e-8 tolerance.
  const table = 'DSR_ISR/testresults_DSR (non-independent)';
  const input = groupBy(readTable(file('testdata_nonindepe')), 'area');
  const cases = [8, 9, 10, 11].map((i) => {
    const row = dsrResults[i] as Row;
    return { row, name: `row ${i + 1}: ${cell(row, 'area')}` };
  });

  test.each(cases)('$name', ({ row }) => {
    const rows = input.get(cell(row, 'area')) ?? [];
    expect(rows).toHaveLength(19);
    const bands: NonIndependentDsrBand[] = rows.map((r, i) => ({
      population: req(cell(r, 'pop')),
      standardPopulation: ESP2013[i] as number,
      peopleByEventFrequency: [1, 2, 3, 4].map((f) => ({ frequency: f, people: num(cell(r, `f${f}`)) })),
    }));
    // The sheet's count column must equal Σ f × people (the events the frequencies describe).
    for (const r of rows) {
      const events = [1, 2, 3, 4].reduce((s, f) => s + f * (num(cell(r, `f${f}`)) ?? 0), 0);
      expect(events, `${cell(r, 'area')} ${cell(r, 'ageband')}`).toBe(req(cell(r, 'count')));
    }
    const d95 = directlyStandardisedRateNonIndependent(bands, { multiplier: 100_000, confidence: 0.95 });
    const d998 = directlyStandardisedRateNonIndependent(bands, { multiplier: 100_000, confidence: 0.998 });
    expectValue(table, 'total_count', d95.totalCount, cell(row, 'total_count'));
    expectValue(table, 'total_pop', d95.totalPopulation, cell(row, 'total_pop'));
    expectEstimate(table, row, d95, d998);
    expectExact(table, 'method', d95.method, cell(row, 'method'));
  });
});

describe('calculate_ISRate and calculate_ISRatio (testresults_ISR rows 1–12)', () => {
  const table = 'DSR_ISR/testresults_ISR';
  const cases = isrResults.slice(0, 12).map((row, i) => ({
    row,
    name: `row ${i + 1}: ${cell(row, 'area')}, ${cell(row, 'statistic')}`,
  }));
  const lookup = new Map(
    readTable(file('testdata_multiarea_lookup')).map((r) => [cell(r, 'area'), req(cell(r, 'total_count'))]),
  );

  test.each(cases)('$name', ({ row }) => {
    const bands = isrBands(multiarea.get(cell(row, 'area')) ?? []);
    const statistic = cell(row, 'statistic');
    const isRate = statistic.startsWith('indirectly standardised rate');
    const scale = Number(/(\d+)$/.exec(statistic)?.[1]);
    const compute = (confidence: number, observedTotal?: number) =>
      isRate
        ? indirectlyStandardisedRate(bands, { multiplier: scale, confidence, observedTotal })
        : indirectlyStandardisedRatio(bands, { refValue: scale, confidence, observedTotal });
    const r95 = compute(0.95);
    const r998 = compute(0.998);
    expectValue(table, 'observed', r95.observed, cell(row, 'observed'));
    expectValue(table, 'expected', r95.expected, cell(row, 'expected'));
    if (isRate) {
      const { referenceRate } = indirectlyStandardisedRate(bands, { multiplier: scale });
      expectValue(table, 'ref_rate', referenceRate, cell(row, 'ref_rate'));
    }
    expectEstimate(table, row, r95, r998);
    expectExact(table, 'method', r95.method, cell(row, 'method'));

    // The same with the observed totals given separately (testdata_multiarea_lookup), as the R
    // test "test default with observed_totals" does.
    const total = lookup.get(cell(row, 'area'));
    const t95 = compute(0.95, total);
    expectValue(table, 'value (observed_totals)', t95.value, cell(row, 'value'));
    expectValue(table, 'lower95_0cl (observed_totals)', t95.lower, cell(row, 'lower95_0cl'));
    expectValue(table, 'upper95_0cl (observed_totals)', t95.upper, cell(row, 'upper95_0cl'));
  });
});

describe('calculate_ISRate / calculate_ISRatio with a zero population (testdata_err2 → testresults_ISR rows 13–16)', () => {
  const table = 'DSR_ISR/testresults_ISR';
  const err2 = groupBy(readTable(file('testdata_err2')), 'area');
  const cases = isrResults.slice(12).map((row, i) => ({
    row,
    name: `row ${i + 13}: ${cell(row, 'area')}, ${cell(row, 'statistic')}`,
  }));

  test.each(cases)('$name', ({ row }) => {
    const bands = isrBands(err2.get(cell(row, 'area')) ?? []);
    const statistic = cell(row, 'statistic');
    const scale = Number(/(\d+)$/.exec(statistic)?.[1]);
    const r = statistic.startsWith('indirectly standardised rate')
      ? indirectlyStandardisedRate(bands, { multiplier: scale })
      : indirectlyStandardisedRatio(bands, { refValue: scale });
    expectValue(table, 'observed', r.observed, cell(row, 'observed'));
    expectValue(table, 'expected', r.expected, cell(row, 'expected'));
    expectEstimate(table, row, r);
    expectExact(table, 'method', r.method, cell(row, 'method'));
  });
});

describe('error cases (testdata_err1–err4)', () => {
  const table = 'DSR_ISR/error cases';
  const err = (n: number): Row[] => readTable(file(`testdata_err${n}`));
  const withStd = (rows: Row[]): DsrBand[] =>
    rows.map((r) => ({
      count: num(cell(r, 'count')),
      population: req(cell(r, 'pop')),
      standardPopulation: req(cell(r, 'stdpop')),
    }));

  test('err1 (a negative count): DSR, ISRate and ISRatio throw "numerators must all be greater than or equal to zero"', () => {
    const rows = err(1);
    const message = /numerators must all be greater than or equal to zero/;
    expect(() => directlyStandardisedRate(dsrBands(rows, ESP2013))).toThrow(message);
    expect(() => indirectlyStandardisedRate(isrBands(rows))).toThrow(message);
    expect(() => indirectlyStandardisedRatio(isrBands(rows))).toThrow(message);
    for (let i = 0; i < 3; i++) countCheck(table);
  });

  test('err2 (a zero population): DSR throws "denominators must all be greater than zero" (ISR allows it, above)', () => {
    const area1 = groupBy(err(2), 'area').get('Area1') ?? [];
    expect(() => directlyStandardisedRate(dsrBands(area1, ESP2013))).toThrow(
      /denominators must all be greater than zero/,
    );
    countCheck(table);
  });

  test('err3 (a negative population): DSR, ISRate and ISRatio throw', () => {
    const rows = err(3);
    expect(() => directlyStandardisedRate(dsrBands(rows, ESP2013))).toThrow(
      /denominators must all be greater than zero/,
    );
    const isr = /denominators must all be greater than or equal to zero/;
    expect(() => indirectlyStandardisedRate(isrBands(rows))).toThrow(isr);
    expect(() => indirectlyStandardisedRatio(isrBands(rows))).toThrow(isr);
    for (let i = 0; i < 3; i++) countCheck(table);
  });

  test('err4 (a negative standard population): DSR throws (the R suite loads no err4; the check is ours)', () => {
    expect(() => directlyStandardisedRate(withStd(err(4)))).toThrow(
      /stdpop must all be greater than or equal to zero/,
    );
    // err1 with its own stdpop column fails on the count as before
    expect(() => directlyStandardisedRate(withStd(err(1)))).toThrow(/numerators/);
    countCheck(table);
  });
});
