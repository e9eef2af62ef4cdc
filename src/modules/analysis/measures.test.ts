// Measures from published counts, against values worked out independently of the code under test.
//
// Reference values: z95 = Φ⁻¹(0.975) = 1.959963984540054, z998 = Φ⁻¹(0.999) = 3.090232306167813.
// Wilson limits were checked with scipy.stats.binomtest(x, n).proportion_ci(method='wilson') and exact
// Poisson limits with scipy.stats.chi2.ppf (scipy 1.17), both independent implementations.
import { describe, expect, it } from 'vitest';
import {
  compareEstimate,
  formatEstimate,
  formatInterval,
  percentageOf,
  publishedCount,
  rateOf,
  statisticsPolarity,
  trendOf,
  type Estimate,
} from './measures.ts';
import { NOT_AVAILABLE, SUPPRESSED, banded, outputCell, shown } from './combinations/test-fixtures.ts';

const estimate = (value: number, lower95: number, upper95: number): Estimate => ({
  value,
  lower95,
  upper95,
  lower998: null,
  upper998: null,
  status: 'ok',
});

describe('publishedCount', () => {
  it('reads a shown count with thousands separators and its markers', () => {
    expect(publishedCount(outputCell('A|total', 1234))).toEqual({
      value: 1234,
      status: 'shown',
      text: '1,234',
    });
    expect(publishedCount(outputCell('A|total', { value: 12, markers: ['[p]', '[r]'] }))).toEqual({
      value: 12,
      status: 'shown',
      text: '12 [p] [r]',
    });
    expect(publishedCount(outputCell('A|total', 0))).toEqual({ value: 0, status: 'shown', text: '0' });
  });

  it('reads [c] and [low] as suppressed, [x] and [z] as not available, and no cell at all as [x]', () => {
    expect(publishedCount(outputCell('A|total', 'c'))).toEqual(SUPPRESSED);
    expect(publishedCount(outputCell('A|total', 'low'))).toEqual({
      value: null,
      status: 'suppressed',
      text: '[low]',
    });
    expect(publishedCount(outputCell('A|total', 'x'))).toEqual(NOT_AVAILABLE);
    expect(publishedCount(outputCell('A|total', 'z'))).toEqual({
      value: null,
      status: 'not-available',
      text: '[z]',
    });
    expect(publishedCount(undefined)).toEqual(NOT_AVAILABLE);
  });

  it('reads the text of a restricted table as a band, never as a value', () => {
    expect(publishedCount(outputCell('A|total', { band: 'Fewer than 10' }))).toEqual(banded('Fewer than 10'));
    expect(publishedCount(outputCell('A|total', { band: '10 or more' }))).toEqual(banded('10 or more'));
  });
});

describe('rateOf (per 10,000)', () => {
  it('uses exact Poisson limits below 10 events: 5 events in 10,000 children', () => {
    // Exact limits: lower = χ²(0.025; 2x)/2, upper = χ²(0.975; 2x + 2)/2.
    //   95%:   χ²(0.025; 10) = 3.24697278 → 1.62348639; χ²(0.975; 12) = 23.33666416 → 11.66833208
    //   99.8%: χ²(0.001; 10) = 1.47874346 → 0.73937173; χ²(0.999; 12) = 32.90949041 → 16.45474520
    // With 10,000 children the rate per 10,000 is the count itself: 5.0.
    const r = rateOf(shown(5), 10_000);
    expect(r.status).toBe('ok');
    expect(r.value).toBe(5);
    expect(r.lower95).toBeCloseTo(1.6234863901184213, 8);
    expect(r.upper95).toBeCloseTo(11.66833207932267, 8);
    expect(r.lower998).toBeCloseTo(0.7393717319178327, 8);
    expect(r.upper998).toBeCloseTo(16.454745203680105, 8);
  });

  it('gives zero events a lower limit of 0 and an upper limit of −ln(0.025)', () => {
    // χ²(0.975; 2)/2 = −ln(0.025) = 3.688879454; χ²(0.999; 2)/2 = −ln(0.001) = 6.907755279.
    const r = rateOf(shown(0), 10_000);
    expect(r.value).toBe(0);
    expect(r.lower95).toBe(0);
    expect(r.upper95).toBeCloseTo(-Math.log(0.025), 8);
    expect(r.upper998).toBeCloseTo(-Math.log(0.001), 8);
  });

  it('switches from exact limits at 9 events to Byar’s at 10', () => {
    // 9 in 20,000: rate 4.5; exact 95% limits 4.11537310 and 17.08480345 events → 2.0577 and 8.5424 per 10,000.
    const nine = rateOf(shown(9), 20_000);
    expect(nine.value).toBeCloseTo(4.5, 12);
    expect(nine.lower95).toBeCloseTo(2.057686548689167, 6);
    expect(nine.upper95).toBeCloseTo(8.542401725709583, 6);
    // 10 in 20,000: rate 5.0. Byar's lower = 10·(1 − 1/90 − 1.959964/(3√10))³ = 10·0.7822905³ = 4.78745 events,
    // upper = 11·(1 − 1/99 + 1.959964/(3√11))³ = 11·1.1868828³ = 18.39146 events → 2.39372 and 9.19573 per 10,000.
    const ten = rateOf(shown(10), 20_000);
    expect(ten.value).toBeCloseTo(5, 12);
    expect(ten.lower95).toBeCloseTo(2.3937249569837813, 8);
    expect(ten.upper95).toBeCloseTo(9.195729302878236, 8);
    expect(ten.lower998).toBeCloseTo(1.458159187347843, 8);
    expect(ten.upper998).toBeCloseTo(12.096862463940276, 8);
  });

  it('gives a suppressed or banded count a suppressed rate, shown as [c]', () => {
    for (const count of [SUPPRESSED, banded('Fewer than 10'), banded('None')]) {
      const r = rateOf(count, 10_000);
      expect(r).toEqual({
        value: null,
        lower95: null,
        upper95: null,
        lower998: null,
        upper998: null,
        status: 'suppressed',
      });
      expect(formatEstimate(r)).toBe('[c]');
    }
  });

  it('gives a missing count or a missing or zero denominator no rate, shown as [x]', () => {
    expect(rateOf(NOT_AVAILABLE, 10_000).status).toBe('not-available');
    expect(rateOf(shown(5), null).status).toBe('no-denominator');
    expect(rateOf(shown(5), 0).status).toBe('no-denominator');
    expect(formatEstimate(rateOf(NOT_AVAILABLE, 10_000))).toBe('[x]');
    expect(formatEstimate(rateOf(shown(5), null))).toBe('[x]');
  });
});

describe('percentageOf (Wilson)', () => {
  it('gives 39 of 50 as 78.0% with Wilson limits', () => {
    // p = 39/50 = 0.78. Wilson: (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)).
    // 95%: z² = 3.8414588; 4x(1 − x/n) = 156·0.22 = 34.32; √(3.8414588 + 34.32) = 6.1774962;
    //   z·√… = 12.1076700; 2(n + z²) = 107.6829176;
    //   lower = (78 + 3.8414588 − 12.1076700)/107.6829176 = 0.6475845,
    //   upper = (78 + 3.8414588 + 12.1076700)/107.6829176 = 0.8724608.
    const p = percentageOf(shown(39), shown(50));
    expect(p.status).toBe('ok');
    expect(p.value).toBeCloseTo(78, 12);
    expect(p.lower95).toBeCloseTo(64.75845041874632, 8);
    expect(p.upper95).toBeCloseTo(87.24608402978558, 8);
    expect(p.lower998).toBeCloseTo(56.32425595394056, 8);
    expect(p.upper998).toBeCloseTo(90.69542214766332, 8);
    expect(formatEstimate(p)).toBe('78.0');
    expect(formatInterval(p.lower95, p.upper95)).toBe('64.8 to 87.2');
  });

  it('pins 0 of n to a lower limit of exactly 0 and n of n to an upper limit of exactly 100', () => {
    const none = percentageOf(shown(0), shown(20));
    expect(none.lower95).toBe(0);
    expect(none.upper95).toBeCloseTo(16.112515805281934, 8); // z²/(n + z²) = 3.8414588/23.8414588
    const all = percentageOf(shown(20), shown(20));
    expect(all.upper95).toBe(100);
    expect(all.lower95).toBeCloseTo(83.88748419471807, 8); // n/(n + z²) = 20/23.8414588
  });

  it('suppresses the share when the part or the whole is suppressed or banded', () => {
    expect(percentageOf(SUPPRESSED, shown(50)).status).toBe('suppressed');
    expect(percentageOf(shown(5), SUPPRESSED).status).toBe('suppressed');
    expect(percentageOf(shown(5), banded('10 or more')).status).toBe('suppressed');
    expect(percentageOf(NOT_AVAILABLE, SUPPRESSED).status).toBe('suppressed');
  });

  it('has no share for a missing part, a missing or zero whole, or a part above the whole', () => {
    expect(percentageOf(NOT_AVAILABLE, shown(50)).status).toBe('not-available');
    expect(percentageOf(shown(5), NOT_AVAILABLE).status).toBe('no-denominator');
    expect(percentageOf(shown(0), shown(0)).status).toBe('no-denominator');
    expect(percentageOf(shown(51), shown(50)).status).toBe('not-available');
    expect(formatEstimate(percentageOf(shown(51), shown(50)))).toBe('[x]');
  });
});

describe('compareEstimate', () => {
  const comparator = estimate(30, 26, 34);

  it('says better or worse by the polarity when the 95% interval excludes the comparator', () => {
    const above = estimate(40, 33.2, 47.8);
    const below = estimate(20, 13.5, 28.6);
    expect(compareEstimate(above, comparator, 'higher-is-worse')).toBe('worse');
    expect(compareEstimate(below, comparator, 'higher-is-worse')).toBe('better');
    expect(compareEstimate(above, comparator, 'lower-is-worse')).toBe('better');
    expect(compareEstimate(below, comparator, 'lower-is-worse')).toBe('worse');
    expect(compareEstimate(above, comparator, 'no-judgement')).toBe('higher');
    expect(compareEstimate(below, comparator, 'no-judgement')).toBe('lower');
  });

  it('says similar when the interval contains the comparator, limits included', () => {
    expect(compareEstimate(estimate(28.6, 23.2, 34.8), comparator, 'higher-is-worse')).toBe('similar');
    expect(compareEstimate(estimate(40, 30, 50), comparator, 'higher-is-worse')).toBe('similar');
    expect(compareEstimate(estimate(20, 10, 30), comparator, 'lower-is-worse')).toBe('similar');
  });

  it('does not compare a suppressed or missing estimate, or against a missing comparator', () => {
    const suppressed = rateOf(SUPPRESSED, 1000);
    expect(compareEstimate(suppressed, comparator, 'higher-is-worse')).toBe('not compared');
    expect(compareEstimate(estimate(40, 35, 45), undefined, 'higher-is-worse')).toBe('not compared');
    expect(compareEstimate(estimate(40, 35, 45), suppressed, 'higher-is-worse')).toBe('not compared');
  });

  it('maps the catalogue’s no-judgement to the library’s none', () => {
    expect(statisticsPolarity('no-judgement')).toBe('none');
    expect(statisticsPolarity('higher-is-worse')).toBe('higher-is-worse');
    expect(statisticsPolarity('lower-is-worse')).toBe('lower-is-worse');
  });
});

describe('trendOf', () => {
  // Rates of 100, 150, 200, 250, 300 events per 100,000 children (10 … 30 per 10,000), Byar's limits.
  // Weighted least squares with SE = (U95 − L95)/3.92, weights 1/SE² (independent Python fit):
  // slope 5.0 per period, χ² = 132.5 > 9.5495, and the five leave-one-out fits give χ² 55.8, 128.1,
  // 128.2, 105.8 and 73.5, all above 9.5495 with a positive slope.
  const rising = [100, 150, 200, 250, 300].map((x) => rateOf(shown(x), 100_000));

  it('marks a steadily rising series as increasing and a falling one as decreasing', () => {
    expect(trendOf(rising).marker).toBe('increasing');
    expect(trendOf([...rising].reverse()).marker).toBe('decreasing');
  });

  it('marks a flat series as no significant change (slope 0, χ² 0)', () => {
    const flat = Array.from({ length: 5 }, () => rateOf(shown(200), 100_000));
    expect(trendOf(flat)).toEqual({
      marker: 'no significant change',
      reason: 'chi-squared is not above 9.5495',
    });
  });

  it('cannot mark fewer than five periods, or a suppressed one among the last five', () => {
    expect(trendOf(rising.slice(1))).toEqual({
      marker: 'cannot be calculated',
      reason: 'fewer than five data points',
    });
    const gap = [...rising];
    gap[2] = rateOf(SUPPRESSED, 100_000);
    expect(trendOf(gap)).toEqual({
      marker: 'cannot be calculated',
      reason: 'a value or confidence limit is missing',
    });
  });

  it('uses only the last five periods, so an older suppressed period does not matter', () => {
    expect(trendOf([rateOf(SUPPRESSED, 100_000), ...rising]).marker).toBe('increasing');
  });
});

describe('formatEstimate and formatInterval', () => {
  it('formats to one decimal place with thousands separators, or as the symbol', () => {
    expect(formatEstimate(estimate(1234.56, 0, 0))).toBe('1,234.6');
    expect(formatEstimate(estimate(4, 0, 0))).toBe('4.0');
    expect(formatEstimate(estimate(4.26, 0, 0), 0)).toBe('4');
    expect(formatEstimate(rateOf(SUPPRESSED, 1))).toBe('[c]');
    expect(formatEstimate(rateOf(shown(1), null))).toBe('[x]');
  });

  it('formats an interval, a dash for a missing limit, and nothing when both are missing', () => {
    expect(formatInterval(1.234, 45.678)).toBe('1.2 to 45.7');
    expect(formatInterval(1.234, 45.678, 0)).toBe('1 to 46');
    expect(formatInterval(null, 3)).toBe('– to 3.0');
    expect(formatInterval(null, null)).toBe('');
  });
});
