// Combination 4 (report 3.1.4), establishing the efficacy of NRM usage, against a hand-computed fixture.
//
// Arrests = SVV-related arrests (summed over four quarters) + drug arrests of young people (12 months):
//   Pathfinder (30 + 25 + 35 + 30) + 280 = 400; Norfolk (8 + 7 + 8 + 7) + 70 = 100;
//   Suffolk (10 × 4) + 90 = 130; Cambs has a [c] quarter → [c]; Essex sent no SVV figures → [x].
// Success rate = positive conclusive grounds ÷ (positive conclusive grounds + negative decisions).
//
// Investigations per 100 arrests: a Poisson rate on the investigations (they are not a subset of the
// arrests), Byar's limits from 10 events: lower x(1 − 1/(9x) − z/(3√x))³, upper with x + 1 and + z,
// z = 1.959964, divided by the arrests and × 100:
//   invocation  Pathfinder 60/400 = 15.0 (11.4459 to 19.3083); Norfolk 25/100 = 25.0 (16.1743 to 36.9065);
//               Suffolk 13/130 = 10.0 (5.3194 to 17.1013)
// Wilson 95% limits (z = 1.959964; checked with scipy.stats.binomtest(...).proportion_ci(method='wilson')):
//   share       Pathfinder 45/60 = 75.0%; Norfolk 20/25 = 80.0%; Cambs 5/8 = 62.5%; Essex 10/14 = 71.4%
//   success     Pathfinder 24/40 = 60.0% (44.5959 to 73.6517): the interval spans 50%
//               Norfolk 12/12 = 100.0% (75.7506 to 100): lower above 60.0 → higher → better (lower-is-worse)
//               Suffolk 5/20 = 25.0% (11.1862 to 46.8701): upper below 60.0 → worse
//               Essex 6/11 = 54.5% (28.0092 to 78.7287): similar
//               Cambs positive conclusive grounds [c] → decided [c] → success [c], not compared
import { describe, expect, it } from 'vitest';
import type { InputFigures } from './inputs.ts';
import { NRM_INPUTS, nrmEfficacy } from './nrm-efficacy.ts';
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

const SVV: Quarterly = {
  [PF.code]: [30, 25, 35, 30],
  [NORFOLK.code]: [8, 7, 8, 7],
  [SUFFOLK.code]: [10, 10, 10, 10],
  [CAMBS.code]: [5, 'c', 6, 5],
  [ESSEX.code]: ['x', 'x', 'x', 'x'],
};
const DRUGS: Rows = {
  [PF.code]: 280,
  [NORFOLK.code]: 70,
  [SUFFOLK.code]: 90,
  [CAMBS.code]: 60,
  [ESSEX.code]: 60,
};
// Investigations: total; with an NRM referral; without.
const INVESTIGATIONS: Rows = {
  [PF.code]: [60, 45, 15],
  [NORFOLK.code]: [25, 20, 5],
  [SUFFOLK.code]: [13, 'c', 9],
  [CAMBS.code]: [8, 5, 'c'],
  [ESSEX.code]: [14, 10, 'c'],
};
// Referrals by outcome: total; positive reasonable grounds; positive conclusive grounds; negative;
// pending; withdrawn.
const OUTCOMES: Rows = {
  [PF.code]: [70, 10, 24, 16, 14, 6],
  [NORFOLK.code]: [20, 5, 12, 0, 'c', 'c'],
  [SUFFOLK.code]: [25, 'c', 5, 15, 'c', 0],
  [CAMBS.code]: [12, 5, 'c', 0, 5, 'c'],
  [ESSEX.code]: [13, 0, 6, 5, 'c', 'c'],
};

function run(changes: { svv?: typeof SVV; outcomes?: Rows } = {}) {
  const figures: Record<(typeof NRM_INPUTS)[number], InputFigures> = {
    'svv-related-arrests': quarterlyFiguresOf('svv-related-arrests', byQuarter({ ...SVV, ...changes.svv })),
    'yp-drug-arrests': figuresOf('yp-drug-arrests', DRUGS, {
      window: { start: '2025-10-01', end: '2026-09-30' },
    }),
    'nrm-ce-investigations': figuresOf('nrm-ce-investigations', INVESTIGATIONS),
    'nrm-ce-referrals-by-outcome': figuresOf('nrm-ce-referrals-by-outcome', {
      ...OUTCOMES,
      ...changes.outcomes,
    }),
  };
  return nrmEfficacy({ period: '2026-Q3', areas: UPPER_AREAS, figures });
}

describe('nrmEfficacy', () => {
  const result = run();
  const invocation = cellsByName(result.tables.find((t) => t.id === 'invocation')!.rows);
  const outcomes = cellsByName(result.tables.find((t) => t.id === 'outcomes')!.rows);

  it('identifies itself as combination 4 of section 3.1.4', () => {
    expect(result).toMatchObject({ id: 'nrm-efficacy', number: 4, section: '3.1.4', charts: [] });
  });

  it('shows every figure of the arrests and investigations table', () => {
    const keys = [
      'svv',
      'drugs',
      'investigations',
      'withReferral',
      'withoutReferral',
      'invocation',
      'invocationCi',
      'referralShare',
    ];
    expect(result.tables[0]!.columns.map((c) => c.key)).toEqual(keys);
    const pick = (name: string) => keys.map((k) => invocation[name]![k]);
    expect(pick(PF.name)).toEqual(['120', '280', '60', '45', '15', '15.0', '11.4 to 19.3', '75.0%']);
    expect(pick(NORFOLK.name)).toEqual(['30', '70', '25', '20', '5', '25.0', '16.2 to 36.9', '80.0%']);
    expect(pick(SUFFOLK.name)).toEqual(['40', '90', '13', '[c]', '9', '10.0', '5.3 to 17.1', '[c]']);
    expect(pick(CAMBS.name)).toEqual(['[c]', '60', '8', '5', '[c]', '[c]', '', '62.5%']);
    expect(pick(ESSEX.name)).toEqual(['[x]', '60', '14', '10', '[c]', '[x]', '', '71.4%']);
  });

  it('shows every figure of the outcomes table, with the success rate compared with the Pathfinder', () => {
    const keys = [
      'positive-reasonable-grounds',
      'positive-conclusive-grounds',
      'negative',
      'pending',
      'withdrawn',
      'decided',
      'success',
      'successCi',
      'vsPathfinder',
    ];
    expect(result.tables[1]!.columns.map((c) => c.key)).toEqual(keys);
    const pick = (name: string) => keys.map((k) => outcomes[name]![k]);
    expect(pick(PF.name)).toEqual(['10', '24', '16', '14', '6', '40', '60.0%', '44.6 to 73.7', '–']);
    expect(pick(NORFOLK.name)).toEqual([
      '5',
      '12',
      '0',
      '[c]',
      '[c]',
      '12',
      '100.0%',
      '75.8 to 100.0',
      'better',
    ]);
    expect(pick(SUFFOLK.name)).toEqual([
      '[c]',
      '5',
      '15',
      '[c]',
      '0',
      '20',
      '25.0%',
      '11.2 to 46.9',
      'worse',
    ]);
    expect(pick(CAMBS.name)).toEqual(['5', '[c]', '0', '5', '[c]', '[c]', '[c]', '', 'not compared']);
    expect(pick(ESSEX.name)).toEqual(['0', '6', '5', '[c]', '[c]', '11', '54.5%', '28.0 to 78.7', 'similar']);
  });

  it('lists each input with the localities it is missing for', () => {
    expect(result.inputs.map((i) => [i.id, i.missingFor])).toEqual([
      ['svv-related-arrests', ['Essex, Southend-on-Sea and Thurrock']],
      ['yp-drug-arrests', []],
      ['nrm-ce-investigations', []],
      ['nrm-ce-referrals-by-outcome', []],
    ]);
    expect(result.inputs[0]!.windowLabel).toBe('1 October 2025 to 30 September 2026');
  });

  it('reads the figures in plain English', () => {
    expect(result.reading).toEqual([
      'Across the Pathfinder there were 60 NRM criminal-exploitation investigations against 400 arrests of young people for serious youth violence and drugs: 15.0 investigations per 100 arrests (95% interval 11.4 to 19.3). The lower this is, the more young people who may be exploited are dealt with by arrest alone.',
      'Of 40 referrals with a conclusive decision, 60.0% (95% interval 44.6 to 73.7%) had positive conclusive grounds. The interval is too wide to say whether most referrals succeed.',
      "Norfolk's success rate (100.0%) is higher than the Pathfinder's beyond what chance would explain.",
      "Suffolk's success rate (25.0%) is lower than the Pathfinder's beyond what chance would explain.",
      'No figures for “No. of SVV-related arrests (inc. possession of weapon)” were received for Essex, Southend-on-Sea and Thurrock.',
    ]);
  });

  it('says most decided referrals succeed when the whole interval is at or above 50%', () => {
    // 36/40 = 90.0%, Wilson 76.9482 to 96.0420.
    const r = run({ outcomes: { [PF.code]: [70, 10, 36, 4, 14, 6] } });
    expect(r.reading[1]).toBe(
      'Of 40 referrals with a conclusive decision, 90.0% (95% interval 76.9 to 96.0%) had positive conclusive grounds. Most decided referrals succeed, which suggests the mechanism is being used as intended.',
    );
  });

  it('says fewer than half succeed when the whole interval is below 50%', () => {
    // 8/40 = 20.0%, Wilson 10.5000 to 34.7573. Norfolk (75.8 to 100) and Essex (28.0 to 78.7) are now
    // above 20.0 → better; Suffolk (11.2 to 46.9) contains it → similar.
    const r = run({ outcomes: { [PF.code]: [70, 10, 8, 32, 14, 6] } });
    expect(r.reading.slice(1, 4)).toEqual([
      'Of 40 referrals with a conclusive decision, 20.0% (95% interval 10.5 to 34.8%) had positive conclusive grounds. Fewer than half of decided referrals succeed, which may mean referrals are made where exploitation is not evidenced, or that evidence is not reaching decision makers.',
      "Norfolk's success rate (100.0%) is higher than the Pathfinder's beyond what chance would explain.",
      "Essex, Southend-on-Sea and Thurrock's success rate (54.5%) is higher than the Pathfinder's beyond what chance would explain.",
    ]);
    expect(cellsByName(r.tables[1]!.rows)[SUFFOLK.name]!.vsPathfinder).toBe('similar');
  });

  it('cannot show Pathfinder measures built on a suppressed count', () => {
    const r = run({
      svv: { [PF.code]: [30, 'c', 35, 30] },
      outcomes: { [PF.code]: [70, 10, 24, 'c', 14, 6] },
    });
    const pf = cellsByName(r.tables[1]!.rows)[PF.name]!;
    expect([pf.decided, pf.success, pf.successCi]).toEqual(['[c]', '[c]', '']);
    expect(cellsByName(r.tables[0]!.rows)[PF.name]!.invocation).toBe('[c]');
    expect(r.reading.slice(0, 2)).toEqual([
      'How often the NRM is invoked against arrests cannot be shown for the Pathfinder: a figure it needs is suppressed to protect children or was not received.',
      'A success rate cannot be shown for the Pathfinder: a figure it needs is suppressed to protect children or was not received.',
    ]);
    // With no Pathfinder rate there is nothing to compare with.
    expect(r.reading.some((s) => s.includes('beyond what chance'))).toBe(false);
  });
});
