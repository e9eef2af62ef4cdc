// A combination's input figures: which quarters an indicator's window needs, and counts read and summed
// from published tables only (a sum with a suppressed quarter is suppressed, a missing quarter missing).
import { describe, expect, it } from 'vitest';
import { inputFigures, sumCounts, windowPlan, TOTAL } from './inputs.ts';
import {
  NOT_AVAILABLE,
  SUPPRESSED,
  banded,
  byQuarter,
  controlledTable,
  indicatorById,
  quarterlyFiguresOf,
  shown,
  PF,
  NORFOLK,
  SUFFOLK,
  CAMBS,
  ESSEX,
} from './test-fixtures.ts';

const Q3_2026 = { year: 2026, q: 3 };

describe('windowPlan', () => {
  it('sums the four quarters to the quarter for quarterly indicators', () => {
    expect(windowPlan(indicatorById('yp-detained-by-btp'), Q3_2026)).toEqual({
      quarters: [
        { year: 2025, q: 4 },
        { year: 2026, q: 1 },
        { year: 2026, q: 2 },
        { year: 2026, q: 3 },
      ],
      sum: true,
    });
    expect(windowPlan(indicatorById('svv-related-arrests'), { year: 2027, q: 1 }).quarters).toEqual([
      { year: 2026, q: 2 },
      { year: 2026, q: 3 },
      { year: 2026, q: 4 },
      { year: 2027, q: 1 },
    ]);
  });

  it('takes the last complete calendar year for annual indicators', () => {
    const annual = indicatorById('missing-yp-found-outside-la');
    expect(windowPlan(annual, Q3_2026)).toEqual({ quarters: [{ year: 2025, q: 4 }], sum: false });
    expect(windowPlan(annual, { year: 2026, q: 4 })).toEqual({
      quarters: [{ year: 2026, q: 4 }],
      sum: false,
    });
  });

  it('takes the quarter itself for snapshots and rolling windows', () => {
    for (const id of ['yp-outside-mainstream-education', 'yp-repeat-missing', 'yp-drug-arrests']) {
      expect(windowPlan(indicatorById(id), Q3_2026)).toEqual({ quarters: [Q3_2026], sum: false });
    }
  });
});

describe('sumCounts', () => {
  it('adds shown counts and writes the total with thousands separators', () => {
    expect(sumCounts([shown(995), shown(20), shown(0)])).toEqual(shown(1015, '1,015'));
  });

  it('is [c] when any part is suppressed or banded, even beside a missing part', () => {
    expect(sumCounts([shown(10), SUPPRESSED])).toEqual(SUPPRESSED);
    expect(sumCounts([shown(10), banded('Fewer than 10')])).toEqual(SUPPRESSED);
    expect(sumCounts([NOT_AVAILABLE, SUPPRESSED])).toEqual(SUPPRESSED);
  });

  it('is [x] when a part is missing, and for nothing at all', () => {
    expect(sumCounts([shown(10), NOT_AVAILABLE])).toEqual(NOT_AVAILABLE);
    expect(sumCounts([])).toEqual(NOT_AVAILABLE);
  });
});

describe('inputFigures', () => {
  // BTP detentions over the year to 2026-Q3, by quarter (total; home area; out of area; non-resident):
  //   Pathfinder  40+35+38+37 = 150, of which out of area 8+7+8+7 = 30
  //   Norfolk     a [c] out of area in 2026-Q1, so its year out of area is [c]; its total 12+13+12+13 = 50
  //   Suffolk     no row in 2025-Q4 (not received), so every figure for the year is [x]
  //   Cambs       [c] in 2026-Q2, so the year's total is [c]
  const quarters = byQuarter({
    [PF.code]: [40, 35, 38, 37],
    [NORFOLK.code]: [12, 13, 12, 13],
    [SUFFOLK.code]: [10, 10, 10, 10],
    [CAMBS.code]: [5, 5, 'c', 5],
  });
  // Breakdowns beside the totals (detention-location: resident-home-area, resident-out-of-area, non-resident-in-area).
  const breakdowns: Record<string, [number | 'c', number | 'c', number | 'c']>[] = [
    { [PF.code]: [25, 8, 7], [NORFOLK.code]: [6, 6, 0], [SUFFOLK.code]: [5, 5, 0], [CAMBS.code]: [5, 0, 0] },
    {
      [PF.code]: [20, 7, 8],
      [NORFOLK.code]: [8, 'c', 'c'],
      [SUFFOLK.code]: [5, 5, 0],
      [CAMBS.code]: [5, 0, 0],
    },
    {
      [PF.code]: [22, 8, 8],
      [NORFOLK.code]: [6, 6, 0],
      [SUFFOLK.code]: [5, 5, 0],
      [CAMBS.code]: ['c', 'c', 0],
    },
    { [PF.code]: [23, 7, 7], [NORFOLK.code]: [7, 6, 0], [SUFFOLK.code]: [5, 5, 0], [CAMBS.code]: [5, 0, 0] },
  ];
  const tables = quarters.map((q, i) =>
    controlledTable({
      indicator: 'yp-detained-by-btp',
      period: q.period,
      window: q.window,
      synthetic: i === 1,
      rows: Object.fromEntries(
        Object.entries(q.rows)
          // Suffolk sent nothing for 2025-Q4.
          .filter(([code]) => !(i === 0 && code === SUFFOLK.code))
          .map(([code, total]) => [code, [total, ...breakdowns[i]![code]!]]),
      ),
    }),
  );
  const figures = inputFigures(indicatorById('yp-detained-by-btp'), tables, true);

  it('sums each area’s published quarters', () => {
    expect(figures.count(PF.code)).toEqual(shown(150));
    expect(figures.count(PF.code, TOTAL)).toEqual(shown(150));
    expect(figures.count(PF.code, 'resident-out-of-area')).toEqual(shown(30));
    expect(figures.count(PF.code, 'resident-home-area')).toEqual(shown(90));
    expect(figures.count(NORFOLK.code)).toEqual(shown(50));
  });

  it('suppresses a year with a suppressed quarter, and leaves a year with a missing quarter not available', () => {
    expect(figures.count(NORFOLK.code, 'resident-out-of-area')).toEqual(SUPPRESSED);
    expect(figures.count(CAMBS.code)).toEqual(SUPPRESSED);
    expect(figures.count(CAMBS.code, 'non-resident-in-area')).toEqual(shown(0));
    expect(figures.count(SUFFOLK.code)).toEqual(NOT_AVAILABLE);
    expect(figures.count(ESSEX.code)).toEqual(NOT_AVAILABLE);
    expect(figures.count(PF.code, 'no-such-column')).toEqual(NOT_AVAILABLE);
  });

  it('describes the window from the first quarter’s start to the last quarter’s end', () => {
    expect(figures.windowLabel).toBe('1 October 2025 to 30 September 2026');
    expect(figures.tier).toBe('partnership');
    expect(figures.tierReason).toBe('fixture: partnership');
    expect(figures.synthetic).toBe(true);
    expect(figures.tables).toHaveLength(4);
    expect(figures.areas.map((a) => a.code)).toEqual([PF.code, NORFOLK.code, SUFFOLK.code, CAMBS.code]);
  });

  it('reads only the last table when not summing, keeping its markers', () => {
    const last = controlledTable({
      indicator: 'yp-outside-mainstream-education',
      window: { start: '2026-09-30', end: '2026-09-30' },
      rows: { [PF.code]: { value: 1234, markers: ['[p]'] }, [NORFOLK.code]: 'c' },
    });
    const earlier = controlledTable({ indicator: 'yp-outside-mainstream-education', rows: { [PF.code]: 1 } });
    const f = inputFigures(indicatorById('yp-outside-mainstream-education'), [earlier, last], false);
    expect(f.count(PF.code)).toEqual({ value: 1234, status: 'shown', text: '1,234 [p]' });
    expect(f.count(NORFOLK.code)).toEqual(SUPPRESSED);
    expect(f.windowLabel).toBe('at 30 September 2026');
    expect(f.tables).toEqual([last]);
  });

  it('says when there is no period, and reads nothing from no tables', () => {
    const none = inputFigures(indicatorById('yp-repeat-missing'), [], false);
    expect(none.windowLabel).toBe('no period reported');
    expect(none.count(PF.code)).toEqual(NOT_AVAILABLE);
    expect(none.areas).toEqual([]);
    expect(none.tier).toBe('public');
    const noWindow = inputFigures(
      indicatorById('yp-repeat-missing'),
      [controlledTable({ indicator: 'yp-repeat-missing', window: null, rows: { [PF.code]: 3 } })],
      false,
    );
    expect(noWindow.windowLabel).toBe('no period reported');
  });

  it('passes a restricted table’s bands through on their own and suppresses any sum of them', () => {
    const restricted = (band: string) =>
      controlledTable({
        indicator: 'clicm-lines-by-area',
        tier: 'restricted-coarsened',
        rows: { [PF.code]: { band }, [NORFOLK.code]: { band: 'None' } },
      });
    const one = inputFigures(indicatorById('clicm-lines-by-area'), [restricted('10 or more')], false);
    expect(one.count(PF.code)).toEqual(banded('10 or more'));
    expect(one.count(NORFOLK.code)).toEqual(banded('None'));
    expect(one.tier).toBe('restricted-coarsened');
    const summed = quarterlyFiguresOf(
      'clicm-lines-by-area',
      byQuarter({
        [PF.code]: [{ band: 'Fewer than 10' }, { band: 'Fewer than 10' }, { band: '10 or more' }, 4],
      }),
    );
    expect(summed.count(PF.code)).toEqual(SUPPRESSED);
  });
});
