// One indicator analysed by area against a hand-computed fixture: SVV-related arrests (higher is worse)
// over five quarters, rates per 10,000 children.
//
// Current quarter (2026-Q3), with 95% limits (Byar's from 10 events, exact Poisson below; computed
// independently with scipy.stats.chi2.ppf and the Byar formula):
//   area          count  children  rate   95% limits       vs Pathfinder (30.0)   vs locality
//   Pathfinder    300    100,000   30.0   26.70 to 33.59
//   Norfolk       120    30,000    40.0   33.16 to 47.83   worse (lower > 30)
//     Norwich     90     15,000    60.0   48.25 to 73.75   worse                  worse (vs 40.0)
//     Breckland   30     15,000    20.0   13.49 to 28.55   better (upper < 30)    better
//   Suffolk       100    35,000    28.6   23.25 to 34.75   similar
//     Ipswich     [c]    20,000    [c]                     not compared           not compared
//     Babergh     5      10,000    5.0    1.62 to 11.67    better                 better (vs 28.6)
//   Cambs         [c]    15,000    [c]                     not compared
//     Peterborough [x]   40,000    [x]                     not compared           not compared
//     Fenland     0      12,000    0.0    0 to 3.07        better                 not compared (Cambs [c])
//   Essex         80     25,000    32.0   25.37 to 39.83   similar
//     Basildon    40     20,000    20.0   14.29 to 27.24   better                 better (vs 32.0)
//     Thurrock    12     (none)    [x]                     not compared           not compared
//
// Trends over the five quarters, oldest first (weighted least squares, SE = (U95 − L95)/3.92,
// worked independently in Python):
//   Pathfinder 100, 150, 200, 250, 300: slope +5.0 a quarter, χ² 132.5; leave-one-out χ² 55.8 to 128.2,
//     all > 9.5495 → increasing
//   Essex 200, 170, 140, 110, 80 (of 25,000): slope −12.0, χ² 65.8; leave-one-out 28.7 to 64.2 → decreasing
//   Breckland 34, 30, 36, 28, 30 (of 15,000): slope −0.67, χ² 0.29 → no significant change
//   Norfolk 120 every quarter: slope 0 → no significant change
//   Norwich [c] in 2025-Q4 → cannot be calculated
//
// Funnel: the five districts with a shown count and a rate (Norwich, Breckland, Babergh, Fenland,
// Basildon). Baseline = Σ events / Σ children × 10,000 = 165/72,000 × 10,000 = 22.916667.
// Significance against the baseline 0.00229167 per child (PHEindicatormethods' rule):
//   Norwich  99.8% lower (Byar's) 63.49/15,000 = 0.004232 > baseline → High (0.001)
//   Breckland 95% 20.24 to 42.83 /15,000 contains it → Not significant
//   Babergh  99.8% upper χ²(0.999; 12)/2 = 16.455 /10,000 = 0.001645 < baseline → Low (0.001)
//   Fenland  99.8% upper −ln(0.001) = 6.908 /12,000 = 0.000576 < baseline → Low (0.001)
//   Basildon 95% 28.57 to 54.47 /20,000 contains it → Not significant
import { describe, expect, it } from 'vitest';
import { analyseIndicator, funnelOf } from './indicator-analysis.ts';
import {
  BABERGH,
  BASILDON,
  BRECKLAND,
  CAMBS,
  ESSEX,
  FENLAND,
  IPSWICH,
  NORFOLK,
  NORWICH,
  PETERBOROUGH,
  PF,
  SUFFOLK,
  THURROCK,
  controlledTable,
  denominators,
  indicatorById,
  type CellSpec,
} from './combinations/test-fixtures.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';

const PERIODS = ['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3'];

// Each area's count in each of the five quarters, oldest first, in tree order.
const SERIES: [string, CellSpec[]][] = [
  [PF.code, [100, 150, 200, 250, 300]],
  [NORFOLK.code, [120, 120, 120, 120, 120]],
  [NORWICH.code, [90, 'c', 90, 90, 90]],
  [BRECKLAND.code, [34, 30, 36, 28, 30]],
  [SUFFOLK.code, [100, 100, 100, 100, 100]],
  [IPSWICH.code, ['c', 'c', 'c', 'c', 'c']],
  [BABERGH.code, [5, 5, 5, 5, 5]],
  [CAMBS.code, ['c', 'c', 'c', 'c', 'c']],
  [PETERBOROUGH.code, ['x', 'x', 'x', 'x', 'x']],
  [FENLAND.code, [0, 0, 0, 0, 0]],
  [ESSEX.code, [200, 170, 140, 110, 80]],
  [BASILDON.code, [40, 40, 40, 40, 40]],
  [THURROCK.code, [12, 12, 12, 12, 12]],
];

const CHILDREN = denominators({
  [PF.code]: 100_000,
  [NORFOLK.code]: 30_000,
  [NORWICH.code]: 15_000,
  [BRECKLAND.code]: 15_000,
  [SUFFOLK.code]: 35_000,
  [IPSWICH.code]: 20_000,
  [BABERGH.code]: 10_000,
  [CAMBS.code]: 15_000,
  [PETERBOROUGH.code]: 40_000,
  [FENLAND.code]: 12_000,
  [ESSEX.code]: 25_000,
  [BASILDON.code]: 20_000,
  // Thurrock: no denominator.
});

function tables(
  indicator: Indicator = indicatorById('svv-related-arrests'),
  synthetic: readonly boolean[] = [],
) {
  return PERIODS.map((period, i) =>
    controlledTable({
      indicator,
      period,
      synthetic: synthetic[i] ?? false,
      rows: Object.fromEntries(SERIES.map(([code, counts]) => [code, counts[i]!])),
    }),
  );
}

describe('analyseIndicator', () => {
  const analysis = analyseIndicator({ tables: tables(), denominators: CHILDREN });
  const area = (code: string) => analysis.areas.find((a) => a.code === code)!;

  it('lists the current table’s areas with their parents', () => {
    expect(analysis.periods).toEqual(PERIODS);
    expect(analysis.current.period).toBe('2026-Q3');
    expect(analysis.denominatorLabel).toBe('children aged 0 to 15');
    expect(analysis.synthetic).toBe(false);
    expect(analysis.areas.map((a) => [a.code, a.parentCode])).toEqual([
      [PF.code, null],
      [NORFOLK.code, PF.code],
      [NORWICH.code, NORFOLK.code],
      [BRECKLAND.code, NORFOLK.code],
      [SUFFOLK.code, PF.code],
      [IPSWICH.code, SUFFOLK.code],
      [BABERGH.code, SUFFOLK.code],
      [CAMBS.code, PF.code],
      [PETERBOROUGH.code, CAMBS.code],
      [FENLAND.code, CAMBS.code],
      [ESSEX.code, PF.code],
      [BASILDON.code, ESSEX.code],
      [THURROCK.code, ESSEX.code],
    ]);
  });

  it('gives each area its current count, rate and 95% interval', () => {
    const rows = analysis.areas.map((a) => [
      a.name,
      a.count.text,
      a.rate.status,
      a.rate.value === null ? null : Number(a.rate.value.toFixed(4)),
      a.rate.lower95 === null ? null : Number(a.rate.lower95.toFixed(2)),
      a.rate.upper95 === null ? null : Number(a.rate.upper95.toFixed(2)),
    ]);
    expect(rows).toEqual([
      ['County Lines Pathfinder', '300', 'ok', 30, 26.7, 33.59],
      ['Norfolk', '120', 'ok', 40, 33.16, 47.83],
      ['Norwich', '90', 'ok', 60, 48.25, 73.75],
      ['Breckland', '30', 'ok', 20, 13.49, 28.55],
      ['Suffolk', '100', 'ok', 28.5714, 23.25, 34.75],
      ['Ipswich', '[c]', 'suppressed', null, null, null],
      ['Babergh', '5', 'ok', 5, 1.62, 11.67],
      ['Cambridgeshire and Peterborough', '[c]', 'suppressed', null, null, null],
      ['Peterborough', '[x]', 'not-available', null, null, null],
      ['Fenland', '0', 'ok', 0, 0, 3.07],
      ['Essex, Southend-on-Sea and Thurrock', '80', 'ok', 32, 25.37, 39.83],
      ['Basildon', '40', 'ok', 20, 14.29, 27.24],
      ['Thurrock', '12', 'no-denominator', null, null, null],
    ]);
    expect(area(THURROCK.code).denominator).toBeNull();
    expect(area(NORWICH.code).denominator).toBe(15_000);
    // The 99.8% limits ride along: Norwich 42.32 to 82.25 (Byar's at z = 3.090232).
    expect(area(NORWICH.code).rate.lower998).toBeCloseTo(42.32462749318787, 6);
    expect(area(NORWICH.code).rate.upper998).toBeCloseTo(82.2452892345217, 6);
  });

  it('compares each area with the Pathfinder and each district with its locality, by polarity', () => {
    expect(analysis.areas.map((a) => [a.name, a.vsPathfinder, a.vsLocality])).toEqual([
      ['County Lines Pathfinder', 'not compared', 'not compared'],
      ['Norfolk', 'worse', 'not compared'],
      ['Norwich', 'worse', 'worse'],
      ['Breckland', 'better', 'better'],
      ['Suffolk', 'similar', 'not compared'],
      ['Ipswich', 'not compared', 'not compared'],
      ['Babergh', 'better', 'better'],
      ['Cambridgeshire and Peterborough', 'not compared', 'not compared'],
      ['Peterborough', 'not compared', 'not compared'],
      ['Fenland', 'better', 'not compared'],
      ['Essex, Southend-on-Sea and Thurrock', 'similar', 'not compared'],
      ['Basildon', 'better', 'better'],
      ['Thurrock', 'not compared', 'not compared'],
    ]);
  });

  it('says higher or lower for an indicator without a polarity, and flips for lower-is-worse', () => {
    const svv = indicatorById('svv-related-arrests');
    const neutral = analyseIndicator({
      tables: tables({ ...svv, polarity: 'no-judgement' }),
      denominators: CHILDREN,
    });
    const flipped = analyseIndicator({
      tables: tables({ ...svv, polarity: 'lower-is-worse' }),
      denominators: CHILDREN,
    });
    const verdicts = (a: typeof neutral) =>
      [NORFOLK, NORWICH, BRECKLAND, SUFFOLK].map((x) => {
        const found = a.areas.find((y) => y.code === x.code)!;
        return [found.vsPathfinder, found.vsLocality];
      });
    expect(verdicts(neutral)).toEqual([
      ['higher', 'not compared'],
      ['higher', 'higher'],
      ['lower', 'lower'],
      ['similar', 'not compared'],
    ]);
    expect(verdicts(flipped)).toEqual([
      ['better', 'not compared'],
      ['better', 'better'],
      ['worse', 'worse'],
      ['similar', 'not compared'],
    ]);
  });

  it('marks the trend over the last five quarters', () => {
    expect(analysis.areas.map((a) => [a.name, a.trend.marker])).toEqual([
      ['County Lines Pathfinder', 'increasing'],
      ['Norfolk', 'no significant change'],
      ['Norwich', 'cannot be calculated'],
      ['Breckland', 'no significant change'],
      ['Suffolk', 'no significant change'],
      ['Ipswich', 'cannot be calculated'],
      ['Babergh', 'no significant change'],
      ['Cambridgeshire and Peterborough', 'cannot be calculated'],
      ['Peterborough', 'cannot be calculated'],
      ['Fenland', 'no significant change'],
      ['Essex, Southend-on-Sea and Thurrock', 'decreasing'],
      ['Basildon', 'no significant change'],
      ['Thurrock', 'cannot be calculated'],
    ]);
    expect(area(BRECKLAND.code).trend.reason).toBe('chi-squared is not above 9.5495');
    expect(area(NORFOLK.code).trend.reason).toBe('chi-squared is not above 9.5495');
    expect(area(NORWICH.code).trend.reason).toBe('a value or confidence limit is missing');
  });

  it('keeps each area’s series, oldest first', () => {
    const series = area(PF.code).series;
    expect(series.map((p) => [p.period, p.count.text, p.rate.value])).toEqual([
      ['2025-Q3', '100', 10],
      ['2025-Q4', '150', 15],
      ['2026-Q1', '200', 20],
      ['2026-Q2', '250', 25],
      ['2026-Q3', '300', 30],
    ]);
    expect(area(NORWICH.code).series[1]!.rate.status).toBe('suppressed');
  });

  it('cannot mark a trend from fewer than five quarters', () => {
    const short = analyseIndicator({ tables: tables().slice(1), denominators: CHILDREN });
    expect(short.areas.find((a) => a.code === PF.code)!.trend).toEqual({
      marker: 'cannot be calculated',
      reason: 'fewer than five data points',
    });
  });

  it('puts only districts with a shown count and rate on the funnel, around the districts’ own rate', () => {
    const funnel = analysis.funnel!;
    expect(funnel.baseline).toBeCloseTo((165 / 72_000) * 10_000, 9);
    expect(
      funnel.points.map((p) => [p.name, p.denominator, Number(p.rate.toFixed(6)), p.significance]),
    ).toEqual([
      ['Norwich', 15_000, 60, 'High (0.001)'],
      ['Breckland', 15_000, 20, 'Not significant'],
      ['Babergh', 10_000, 5, 'Low (0.001)'],
      ['Fenland', 12_000, 0, 'Low (0.001)'],
      ['Basildon', 20_000, 20, 'Not significant'],
    ]);
  });

  it('draws the funnel limits across the districts’ range, nested around the baseline', () => {
    const { limits, baseline } = analysis.funnel!;
    expect(limits.length).toBeGreaterThan(20);
    expect(limits[0]!.x).toBeGreaterThanOrEqual(10_000 * 0.8 - 1e-6);
    expect(limits.at(-1)!.x).toBeLessThanOrEqual(20_000 * 1.2 + 1e-6);
    for (let i = 0; i < limits.length; i++) {
      const l = limits[i]!;
      if (i > 0) expect(l.x).toBeGreaterThan(limits[i - 1]!.x);
      expect(l.lower998).toBeLessThan(l.lower95);
      expect(l.lower95).toBeLessThan(baseline);
      expect(l.upper95).toBeGreaterThan(baseline);
      expect(l.upper998).toBeGreaterThan(l.upper95);
    }
    // The funnel narrows as the population grows.
    expect(limits.at(-1)!.upper95 - limits.at(-1)!.lower95).toBeLessThan(
      limits[0]!.upper95 - limits[0]!.lower95,
    );
    // Consistent with the points: Norwich (60.0 at 15,000) is above the 99.8% limit near 15,000.
    const near = limits.reduce((best, l) => (Math.abs(l.x - 15_000) < Math.abs(best.x - 15_000) ? l : best));
    expect(60).toBeGreaterThan(near.upper998);
    expect(20).toBeGreaterThan(near.lower95);
    expect(20).toBeLessThan(near.upper95);
  });

  it('has no funnel with fewer than three shown districts, or when every shown count is 0', () => {
    const few = analysis.areas.filter((a) => a.code === NORWICH.code || a.code === BRECKLAND.code);
    expect(funnelOf(few)).toBeNull();
    const zeros = analysis.areas
      .filter((a) => a.level === 'district' && a.rate.status === 'ok')
      .map((a) => ({ ...a, count: { ...a.count, value: 0 } }));
    expect(funnelOf(zeros)).toBeNull();
  });

  it('is synthetic when any quarter is', () => {
    const a = analyseIndicator({ tables: tables(undefined, [false, true]), denominators: CHILDREN });
    expect(a.synthetic).toBe(true);
  });

  it('refuses no tables at all', () => {
    expect(() => analyseIndicator({ tables: [], denominators: CHILDREN })).toThrow(RangeError);
  });
});
