// Combination 1 (report 3.1.1), insights from British Transport Police, against a hand-computed fixture.
//
// Wilson 95% limits, (2x + z² ± z·√(z² + 4x(1 − x/n))) / (2(n + z²)) with z = 1.959964, checked with
// scipy.stats.binomtest(x, n).proportion_ci(method='wilson'):
//   Pathfinder  90/150 = 60.0%  52.0049 to 67.4957
//   Norfolk     39/50  = 78.0%  64.7585 to 87.2461  lower 64.8 > 60.0 → higher → better (lower-is-worse)
//   Suffolk     16/40  = 40.0%  26.3483 to 55.4041  upper 55.4 < 60.0 → lower → worse
//   Essex       31/48  = 64.58% 50.4391 to 76.5664  contains 60.0 → similar
//   Cambs       referrals [c] (a [c] quarter in the year) → rate [c], not compared
import { describe, expect, it } from 'vitest';
import { BTP_INPUTS, btpInsights } from './btp-insights.ts';
import type { FlowChart } from './combination.model.ts';
import type { InputFigures } from './inputs.ts';
import {
  byQuarter,
  cellsByName,
  figuresOf,
  quarterlyFiguresOf,
  type Quarterly,
  type Rows,
  CAMBS,
  ESSEX,
  NORFOLK,
  PF,
  SUFFOLK,
  UPPER_AREAS,
} from './test-fixtures.ts';

// Detentions (total; resident in home area; resident, out of area; not resident, in area), one year.
const DETAINED: Rows = {
  [PF.code]: [150, 95, 30, 25],
  [NORFOLK.code]: [50, 30, 15, 5],
  [SUFFOLK.code]: [40, 28, 5, 7],
  [CAMBS.code]: [12, 'c', 5, 'c'],
  [ESSEX.code]: [48, 29, 10, 9],
};
// Safeguarding referrals after BTP interventions by quarter, summed over the year.
const REFERRALS: Quarterly = {
  [PF.code]: [20, 25, 22, 23], // 90
  [NORFOLK.code]: [9, 10, 10, 10], // 39
  [SUFFOLK.code]: [5, 5, 0, 6], // 16
  [CAMBS.code]: [5, 'c', 0, 5], // [c]: a sum with a suppressed part
  [ESSEX.code]: [7, 8, 8, 8], // 31
};
// Out-of-area arrests (total; outbound: from the Pathfinder, arrested elsewhere; inbound). Cambridgeshire
// sent nothing: it has no row.
const ARRESTS: Rows = {
  [PF.code]: [40, 23, 17],
  [NORFOLK.code]: [12, 8, 4],
  [SUFFOLK.code]: ['c', 6, 'c'],
  [ESSEX.code]: [22, 9, 13],
};
// Missing young people found outside their local authority (annual).
const FOUND: Rows = {
  [PF.code]: 19,
  [NORFOLK.code]: 5,
  [SUFFOLK.code]: 'c',
  [CAMBS.code]: 0,
  [ESSEX.code]: 11,
};

function run(changes: { detained?: Rows; referrals?: Quarterly; arrests?: Rows; found?: Rows } = {}) {
  const figures: Record<(typeof BTP_INPUTS)[number], InputFigures> = {
    'yp-detained-by-btp': figuresOf('yp-detained-by-btp', { ...DETAINED, ...changes.detained }),
    'safeguarding-referrals-after-btp': quarterlyFiguresOf(
      'safeguarding-referrals-after-btp',
      byQuarter({ ...REFERRALS, ...changes.referrals }),
    ),
    'out-of-area-arrests': figuresOf('out-of-area-arrests', { ...ARRESTS, ...changes.arrests }),
    'missing-yp-found-outside-la': figuresOf(
      'missing-yp-found-outside-la',
      { ...FOUND, ...changes.found },
      { period: '2025-Q4', window: { start: '2025-01-01', end: '2025-12-31' } },
    ),
  };
  return btpInsights({ period: '2026-Q3', areas: UPPER_AREAS, figures });
}

describe('btpInsights', () => {
  const result = run();

  it('identifies itself as combination 1 of section 3.1.1', () => {
    expect(result).toMatchObject({ id: 'btp-insights', number: 1, section: '3.1.1', period: '2026-Q3' });
    expect(result.synthetic).toBe(false);
  });

  it('shows every figure of the referrals table', () => {
    const referrals = result.tables.find((t) => t.id === 'referrals')!;
    expect(referrals.columns.map((c) => c.key)).toEqual([
      'detained',
      'referrals',
      'rate',
      'ci95',
      'vsPathfinder',
    ]);
    expect(referrals.rows.map((r) => r.code)).toEqual(UPPER_AREAS.map((a) => a.code));
    const cells = cellsByName(referrals.rows);
    const pick = (name: string) => {
      const c = cells[name]!;
      return [c.detained, c.referrals, c.rate, c.ci95, c.vsPathfinder];
    };
    expect(pick(PF.name)).toEqual(['150', '90', '60.0', '52.0 to 67.5', '–']);
    expect(pick(NORFOLK.name)).toEqual(['50', '39', '78.0', '64.8 to 87.2', 'better']);
    expect(pick(SUFFOLK.name)).toEqual(['40', '16', '40.0', '26.3 to 55.4', 'worse']);
    expect(pick(CAMBS.name)).toEqual(['12', '[c]', '[c]', '', 'not compared']);
    expect(pick(ESSEX.name)).toEqual(['48', '31', '64.6', '50.4 to 76.6', 'similar']);
  });

  it('shows every figure of the out-of-area table, with the gap worked out from published counts', () => {
    // gap = (arrested elsewhere + found elsewhere) − BTP detentions of residents out of area:
    //   Pathfinder 23 + 19 − 30 = 12; Norfolk 8 + 5 − 15 = −2; Essex 9 + 11 − 10 = 10;
    //   Suffolk found [c] → [c]; Cambridgeshire has no arrest figures → [x].
    const outOfArea = result.tables.find((t) => t.id === 'out-of-area')!;
    expect(outOfArea.columns.map((c) => c.key)).toEqual([
      'arrestedElsewhere',
      'foundElsewhere',
      'residentsOutOfArea',
      'gap',
      'arrestedHere',
    ]);
    const cells = cellsByName(outOfArea.rows);
    const pick = (name: string) => {
      const c = cells[name]!;
      return [c.arrestedElsewhere, c.foundElsewhere, c.residentsOutOfArea, c.gap, c.arrestedHere];
    };
    expect(pick(PF.name)).toEqual(['23', '19', '30', '12', '17']);
    expect(pick(NORFOLK.name)).toEqual(['8', '5', '15', '-2', '4']);
    expect(pick(SUFFOLK.name)).toEqual(['6', '[c]', '5', '[c]', '[c]']);
    expect(pick(CAMBS.name)).toEqual(['[x]', '0', '5', '[x]', '[x]']);
    expect(pick(ESSEX.name)).toEqual(['9', '11', '10', '10', '13']);
  });

  it('charts the arrest flows of each locality, with no value where the count is not shown', () => {
    const chart = result.charts[0] as FlowChart;
    expect(chart.kind).toBe('flows');
    expect(chart.nodes).toEqual([
      { id: NORFOLK.code, label: 'Norfolk' },
      { id: SUFFOLK.code, label: 'Suffolk' },
      { id: CAMBS.code, label: 'Cambridgeshire and Peterborough' },
      { id: ESSEX.code, label: 'Essex, Southend-on-Sea and Thurrock' },
      { id: 'elsewhere', label: 'Outside the Pathfinder' },
    ]);
    expect(chart.flows).toEqual([
      { from: NORFOLK.code, to: 'elsewhere', value: 8, label: '8' },
      { from: 'elsewhere', to: NORFOLK.code, value: 4, label: '4' },
      { from: SUFFOLK.code, to: 'elsewhere', value: 6, label: '6' },
      { from: 'elsewhere', to: SUFFOLK.code, value: null, label: '[c]' },
      { from: CAMBS.code, to: 'elsewhere', value: null, label: '[x]' },
      { from: 'elsewhere', to: CAMBS.code, value: null, label: '[x]' },
      { from: ESSEX.code, to: 'elsewhere', value: 9, label: '9' },
      { from: 'elsewhere', to: ESSEX.code, value: 13, label: '13' },
    ]);
  });

  it('lists each input with the localities it is missing for', () => {
    expect(result.inputs.map((i) => [i.id, i.missingFor])).toEqual([
      ['yp-detained-by-btp', []],
      ['safeguarding-referrals-after-btp', []],
      ['out-of-area-arrests', ['Cambridgeshire and Peterborough']],
      ['missing-yp-found-outside-la', []],
    ]);
    expect(result.inputs[1]!.windowLabel).toBe('1 October 2025 to 30 September 2026');
    expect(result.inputs[3]!.windowLabel).toBe('1 January 2025 to 31 December 2025');
    expect(result.inputs.every((i) => i.tier === 'partnership')).toBe(true);
  });

  it('reads the figures in plain English', () => {
    expect(result.reading).toEqual([
      'Across the Pathfinder, BTP detained 150 young people and made 90 safeguarding referrals after its interventions: 60.0% (95% interval 52.0 to 67.5%).',
      'Norfolk (78.0%) refers more of the young people BTP detains than the Pathfinder as a whole, beyond what chance would explain. ' +
        'Suffolk (40.0%) refers fewer of the young people BTP detains than the Pathfinder as a whole, beyond what chance would explain.',
      'Young people from the Pathfinder were arrested out of area 23 times and 19 missing young people were found outside their local authority, against 30 BTP detentions of residents out of area: 12 more out-of-area events than detentions, which may point to young people moved across county boundaries without being detected.',
      'No figures for “No. of out-of-area arrests on SVV/drug-related charges” were received for Cambridgeshire and Peterborough.',
    ]);
  });

  it('cannot show a Pathfinder rate from a suppressed count, and then compares no locality', () => {
    const r = run({ referrals: { [PF.code]: [20, 'c', 22, 23] } });
    const cells = cellsByName(r.tables[0]!.rows);
    expect(cells[PF.name]!.referrals).toBe('[c]');
    expect(cells[PF.name]!.rate).toBe('[c]');
    expect(cells[PF.name]!.ci95).toBe('');
    expect([NORFOLK, SUFFOLK, CAMBS, ESSEX].map((a) => cells[a.name]!.vsPathfinder)).toEqual([
      'not compared',
      'not compared',
      'not compared',
      'not compared',
    ]);
    expect(r.reading[0]).toBe(
      'A Pathfinder referral rate cannot be shown: a figure it depends on is suppressed to protect children.',
    );
    expect(r.reading[1]).toBe(
      'No locality’s referral rate differs from the Pathfinder’s beyond what chance would explain.',
    );
  });

  it('says so when a figure the Pathfinder rate needs was not received', () => {
    const r = run({ detained: { [PF.code]: ['x', 'x', 'x', 'x'] } });
    expect(cellsByName(r.tables[0]!.rows)[PF.name]!.rate).toBe('[x]');
    expect(r.reading[0]).toBe(
      'A Pathfinder referral rate cannot be shown: a figure it depends on was not received.',
    );
    // The missing Pathfinder row is not a missing locality.
    expect(r.inputs[0]!.missingFor).toEqual([]);
  });

  it('does not show a referral rate above 100%', () => {
    const r = run({ detained: { [NORFOLK.code]: [30, 20, 5, 5] } }); // 39 referrals, 30 detentions
    const norfolk = cellsByName(r.tables[0]!.rows)[NORFOLK.name]!;
    expect([norfolk.rate, norfolk.ci95, norfolk.vsPathfinder]).toEqual(['[x]', '', 'not compared']);
  });

  it('says when BTP detained at least as many residents out of area as there were out-of-area events', () => {
    // 23 + 19 = 42 against 42 detentions: a gap of 0.
    const r = run({ detained: { [PF.code]: [150, 83, 42, 25] } });
    expect(cellsByName(r.tables[1]!.rows)[PF.name]!.gap).toBe('0');
    expect(r.reading[2]).toBe(
      'BTP detained at least as many Pathfinder residents out of area (42) as there were out-of-area arrests and missing young people found elsewhere (42).',
    );
  });

  it('cannot compare out-of-area events with detentions when a Pathfinder figure is suppressed', () => {
    const r = run({ found: { [PF.code]: 'c' } });
    expect(cellsByName(r.tables[1]!.rows)[PF.name]!.gap).toBe('[c]');
    expect(r.reading[2]).toBe(
      'The comparison of out-of-area events with BTP detentions cannot be shown for the Pathfinder: a figure it needs is suppressed or missing.',
    );
  });

  it('lists every input missing for a locality, in one sentence each', () => {
    const r = run({ found: { [SUFFOLK.code]: 'x', [CAMBS.code]: 'x' } });
    expect(r.inputs[3]!.missingFor).toEqual(['Suffolk', 'Cambridgeshire and Peterborough']);
    expect(r.reading.slice(-2)).toEqual([
      'No figures for “No. of out-of-area arrests on SVV/drug-related charges” were received for Cambridgeshire and Peterborough.',
      'No figures for “No. of YP missing from home found outside LA boundaries” were received for Suffolk; Cambridgeshire and Peterborough.',
    ]);
  });
});
