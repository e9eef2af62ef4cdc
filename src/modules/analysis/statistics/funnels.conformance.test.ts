// PHEindicatormethods conformance: funnel-plot control limits, significance and chart points
// (original/testdata_funnel_*.csv, as testFunnels.R uses them).
//
// The expected limits in these CSVs were written ROUNDED (proportions to 6 or 8 decimal places;
// ratios and rates to 10 significant figures, at most 9 decimals), so each value is checked to
// within half a unit of its last printed digit (see conformance.support.ts). The R tests compare
// them with expect_equal, whose tolerance applies to the mean relative difference of a whole
// column, which is how rounded values pass there.
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
import {
  proportionFunnelLimits,
  proportionFunnelSignificance,
  rateFunnelLimits,
  rateFunnelPoints,
  rateFunnelSignificance,
  ratioFunnelLimits,
  ratioFunnelSignificance,
  type FunnelInput,
  type RateFunnelInput,
} from './funnels.ts';

reportAfterAll();

const O = 'original';
const ROUNDED = true;

/** Pairs computed rows with expected rows by position, naming each by its first column. */
function paired<T>(computed: readonly T[], expected: readonly Row[], key: string) {
  expect(computed).toHaveLength(expected.length);
  return expected.map((row, i) => ({ row, got: computed[i] as T, name: `${key} ${cell(row, key)}` }));
}

describe('proportion funnels: calculate_funnel_limits(statistic = "proportion", multiplier = 100)', () => {
  const inputs = readTable(`${O}/testdata_funnel_prop_inputs.csv`);
  const data: FunnelInput[] = inputs.map((r) => ({
    numerator: req(cell(r, 'numerator')),
    denominator: req(cell(r, 'denominator')),
  }));

  const check = (table: string, rows: Row[], input: FunnelInput[]) => {
    test.each(paired(proportionFunnelLimits(input, 100), rows, 'Population'))('$name', ({ row, got }) => {
      expectValue(table, 'Population', got.population, cell(row, 'Population'), ROUNDED);
      expectValue(table, 'Lower2s0025limit', got.lower2s, cell(row, 'Lower2s0025limit'), ROUNDED);
      expectValue(table, 'Upper2s0025limit', got.upper2s, cell(row, 'Upper2s0025limit'), ROUNDED);
      expectValue(table, 'Lower3s0001limit', got.lower3s, cell(row, 'Lower3s0001limit'), ROUNDED);
      expectValue(table, 'Upper3s0001limit', got.upper3s, cell(row, 'Upper3s0001limit'), ROUNDED);
      expectValue(table, 'Baseline', got.baseline, cell(row, 'Baseline'), ROUNDED);
    });
  };

  describe('all inputs (testdata_funnel_prop_outputs.csv, 6 decimals)', () => {
    check('funnel/prop_outputs', readTable(`${O}/testdata_funnel_prop_outputs.csv`), data);
  });

  describe('inputs with denominator < 31000 (…_with_axis_variation.csv, 8 decimals)', () => {
    check(
      'funnel/prop_outputs_with_axis_variation',
      readTable(`${O}/testdata_funnel_prop_outputs_with_axis_variation.csv`),
      data.filter((d) => d.denominator < 31000),
    );
  });

  describe('assign_funnel_significance(statistic = "proportion") (testdata_funnel_prop_inputs.csv)', () => {
    const significance = proportionFunnelSignificance(data);
    test.each(inputs.map((row, i) => ({ row, got: significance[i], name: cell(row, 'Area') })))(
      '$name',
      ({ row, got }) => {
        expectExact('funnel/prop_inputs significance', 'significance', got, cell(row, 'significance'));
      },
    );
  });
});

describe('ratio funnels: calculate_funnel_limits(statistic = "ratio", multiplier = 100)', () => {
  const table = 'funnel/ratio_outputs';
  const inputs = readTable(`${O}/testdata_funnel_ratio_inputs.csv`);
  const data: FunnelInput[] = inputs.map((r) => ({
    numerator: req(cell(r, 'obs')),
    denominator: req(cell(r, 'expected')),
  }));
  const expected = readTable(`${O}/testdata_funnel_ratio_outputs.csv`);

  describe('ratio_type = "count" and "isr" (testdata_funnel_ratio_outputs.csv)', () => {
    const count = ratioFunnelLimits(data, 'count', { multiplier: 100 });
    const isr = ratioFunnelLimits(data, 'isr', { multiplier: 100 });
    const cases = paired(count, expected, 'Observed_events').map((c, i) => ({ ...c, isr: isr[i] }));
    test.each(cases)('$name', ({ row, got, isr: i }) => {
      const v = (label: string, actual: number | undefined) =>
        expectValue(table, label, actual, cell(row, label), ROUNDED);
      v('Observed_events', got.observedEvents);
      v('lower_2s_exp_events', got.lower2sExpectedEvents);
      v('lower_2s_count', got.lower2s);
      v('lower_2s_isr', i?.lower2s);
      v('upper_2s_exp_events', got.upper2sExpectedEvents);
      v('upper_2s_count', got.upper2s);
      v('upper_2s_isr', i?.upper2s);
      v('lower_3s_exp_events', got.lower3sExpectedEvents);
      v('lower_3s_count', got.lower3s);
      v('lower_3s_isr', i?.lower3s);
      v('upper_3s_exp_events', got.upper3sExpectedEvents);
      v('upper_3s_count', got.upper3s);
      v('upper_3s_isr', i?.upper3s);
    });
  });

  describe('assign_funnel_significance(statistic = "ratio") (testdata_funnel_ratio_inputs.csv)', () => {
    const significance = ratioFunnelSignificance(data);
    test.each(
      inputs.map((row, i) => ({
        row,
        got: significance[i],
        name: `row ${i + 1}: ${cell(row, 'obs')} / ${cell(row, 'expected')}`,
      })),
    )('$name', ({ row, got }) => {
      expectExact('funnel/ratio_inputs significance', 'significance', got, cell(row, 'significance'));
    });
  });
});

describe('rate funnels: calculate_funnel_limits(statistic = "rate", multiplier = 1e5, years_of_data = 3)', () => {
  const input = readTable(`${O}/testdata_funnel_rate_input_funnels.csv`);
  const ev = input.map((r) => req(cell(r, 'ev')));
  const rate = input.map((r) => req(cell(r, 'rate')));
  const maxEv = Math.max(...ev);

  const check = (table: string, file: string, data: RateFunnelInput[], rateType: 'dsr' | 'crude') => {
    const computed = rateFunnelLimits(data, { rateType, multiplier: 1e5, yearsOfData: 3 });
    test.each(paired(computed, readTable(`${O}/${file}`), 'Events'))('$name', ({ row, got }) => {
      const v = (label: string, actual: number) =>
        expectValue(table, label, actual, cell(row, label), ROUNDED);
      v('Events', got.events);
      v('lower_2s_population_1_year', got.lower2sPopulation1Year);
      v('lower_2s_limit', got.lower2s);
      v('upper_2s_population_1_year', got.upper2sPopulation1Year);
      v('upper_2s_limit', got.upper2s);
      v('lower_3s_population_1_year', got.lower3sPopulation1Year);
      v('lower_3s_limit', got.lower3s);
      v('upper_3s_population_1_year', got.upper3sPopulation1Year);
      v('upper_3s_limit', got.upper3s);
      v('baseline', got.baseline);
    });
  };

  describe('rate_type = "dsr" (testdata_funnel_rate_outputs.csv)', () => {
    check(
      'funnel/rate_outputs (dsr)',
      'testdata_funnel_rate_outputs.csv',
      ev.map((e, i) => ({ numerator: e, rate: rate[i] })),
      'dsr',
    );
  });

  describe('rate_type = "crude", largest ev replaced by 5 (testdata_funnel_rate_outputs_2.csv)', () => {
    check(
      'funnel/rate_outputs_2 (crude, <10 events)',
      'testdata_funnel_rate_outputs_2.csv',
      ev.map((e, i) => ({ numerator: e === maxEv ? 5 : e, rate: rate[i] })),
      'crude',
    );
  });

  describe('rate_type = "crude", 0 events with denominator (testdata_funnel_rate_outputs_3.csv)', () => {
    // As the R test: pop = 1e5 * ev / rate; the largest ev (and its rate) set to 0; keep pop > max(pop)/2.
    const rows = ev.map((e, i) => {
      const r = rate[i] as number;
      const pop = (1e5 * e) / r;
      return e === maxEv
        ? { numerator: 0, rate: 0, denominator: pop }
        : { numerator: e, rate: r, denominator: pop };
    });
    const maxPop = Math.max(...rows.map((r) => r.denominator));
    check(
      'funnel/rate_outputs_3 (crude, 0 events)',
      'testdata_funnel_rate_outputs_3.csv',
      rows.filter((r) => r.denominator > maxPop / 2),
      'crude',
    );
  });
});

describe('assign_funnel_significance(statistic = "rate") (testdata_funnel_rate_dsr_inputs.csv)', () => {
  const table = 'funnel/rate_dsr_inputs significance';
  const inputs = readTable(`${O}/testdata_funnel_rate_dsr_inputs.csv`);
  const variants = [
    { column: 'dsr_per_100000_with_0', rate: 'rate_dsr', rateType: 'dsr', multiplier: 1e5, zeros: true },
    { column: 'dsr_per_100_with_0', rate: 'rate_dsr', rateType: 'dsr', multiplier: 100, zeros: true },
    { column: 'dsr_per_100000_without_0', rate: 'rate_dsr', rateType: 'dsr', multiplier: 1e5, zeros: false },
    { column: 'dsr_per_100_without_0', rate: 'rate_dsr', rateType: 'dsr', multiplier: 100, zeros: false },
    {
      column: 'crude_per_100000_with_0',
      rate: 'rate_crude_per_100000',
      rateType: 'crude',
      multiplier: 1e5,
      zeros: true,
    },
    {
      column: 'crude_per_100_with_0',
      rate: 'rate_crude_per_100',
      rateType: 'crude',
      multiplier: 100,
      zeros: true,
    },
    {
      column: 'crude_per_100000_without_0',
      rate: 'rate_crude_per_100000',
      rateType: 'crude',
      multiplier: 1e5,
      zeros: false,
    },
    {
      column: 'crude_per_100_without_0',
      rate: 'rate_crude_per_100',
      rateType: 'crude',
      multiplier: 100,
      zeros: false,
    },
  ] as const;

  for (const variant of variants) {
    describe(variant.column, () => {
      const rows = inputs.filter((r) => variant.zeros || req(cell(r, 'count')) !== 0);
      const significance = rateFunnelSignificance(
        rows.map((r) => ({
          numerator: req(cell(r, 'count')),
          rate: num(cell(r, variant.rate)),
          denominator: num(cell(r, 'pop')),
        })),
        { rateType: variant.rateType, multiplier: variant.multiplier },
      );
      test.each(
        rows.map((row, i) => ({
          row,
          got: significance[i],
          name: `row ${i + 1}: count ${cell(row, 'count')}, ${variant.rate} ${cell(row, variant.rate)}`,
        })),
      )('$name', ({ row, got }) => {
        expectExact(table, variant.column, got, cell(row, variant.column));
      });
    });
  }
});

describe('calculate_funnel_points (testdata_funnel_rate_input_funnels.csv, multiplier 1e5)', () => {
  const table = 'funnel/rate_input_funnels points';
  const input = readTable(`${O}/testdata_funnel_rate_input_funnels.csv`);
  const maxEv = Math.max(...input.map((r) => req(cell(r, 'ev'))));
  const variants = [
    {
      title: 'dsr, largest ev replaced by 5, years_of_data 3 (rate_chart, denominator_derived)',
      rateType: 'dsr',
      years: 3,
      replaceMaxWith: 5,
      withDenominator: false,
      rateColumn: 'rate_chart',
      denominatorColumn: 'denominator_derived',
    },
    {
      title: 'crude, years_of_data 3 (rate_chart_crude, denominator_derived_crude)',
      rateType: 'crude',
      years: 3,
      replaceMaxWith: null,
      withDenominator: false,
      rateColumn: 'rate_chart_crude',
      denominatorColumn: 'denominator_derived_crude',
    },
    {
      title: 'crude, largest ev replaced by 0, pop supplied, years_of_data 5 (…_crude_with_denom)',
      rateType: 'crude',
      years: 5,
      replaceMaxWith: 0,
      withDenominator: true,
      rateColumn: 'rate_chart_crude_with_denom',
      denominatorColumn: 'denominator_derived_crude_with_denom',
    },
  ] as const;

  for (const variant of variants) {
    describe(variant.title, () => {
      const data: RateFunnelInput[] = input.map((r) => {
        const e = req(cell(r, 'ev'));
        return {
          numerator: e === maxEv && variant.replaceMaxWith !== null ? variant.replaceMaxWith : e,
          rate: req(cell(r, 'rate')),
          denominator: variant.withDenominator ? req(cell(r, 'pop')) : undefined,
        };
      });
      const points = rateFunnelPoints(data, {
        rateType: variant.rateType,
        multiplier: 1e5,
        yearsOfData: variant.years,
      });
      test.each(
        input.map((row, i) => ({ row, got: points[i], name: `row ${i + 1}: ev ${cell(row, 'ev')}` })),
      )('$name', ({ row, got }) => {
        expectValue(table, variant.rateColumn, got?.rateChart, cell(row, variant.rateColumn), ROUNDED);
        expectValue(
          table,
          variant.denominatorColumn,
          got?.denominatorDerived,
          cell(row, variant.denominatorColumn),
          ROUNDED,
        );
      });
    });
  }
});
