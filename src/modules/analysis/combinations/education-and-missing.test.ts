// Combination 2 (report 3.1.2), education settings and missing episodes, against a hand-computed fixture.
//
// Rates per 10,000 children = count ÷ children × 10,000 (one decimal place):
//
//   area          children  outside mainstream  repeat missing   CCE marker
//   Pathfinder     250,000    750  30.0           400  16.0        120   4.8
//   Norfolk         60,000    160  26.7           90   15.0        40    6.7
//     Norwich       20,000    50   25.0           30   15.0        12    6.0
//     Breckland     16,000    24   15.0           16   10.0        8     5.0
//   Suffolk         50,000    120  24.0           60   12.0        25    5.0
//     Ipswich       25,000    75   30.0           45   18.0        10    4.0
//     Babergh       12,500    10   8.0            [c]  [c]         5     4.0
//   Cambs           70,000    190  27.1           110  15.7        [x]   [x]  (CCE figures not received)
//     Peterborough  40,000    80   20.0           48   12.0        [x]   [x]
//     Fenland       18,000    27   15.0           18   10.0        [x]   [x]
//   Essex           70,000    230  32.9           140  20.0        45    6.4
//     Basildon      30,000    36   12.0           42   14.0        9     3.0
//     Thurrock      24,000    60   25.0           36   15.0        12    5.0
//
// Outside mainstream vs repeat missing, the 7 districts with both rates (Babergh's [c] left out), in
// table order Norwich, Breckland, Ipswich, Peterborough, Fenland, Basildon, Thurrock:
//   x = 25, 15, 30, 20, 15, 12, 25 → ranks 5.5, 2.5, 7, 4, 2.5, 1, 5.5
//   y = 15, 10, 18, 12, 10, 14, 15 → ranks 5.5, 1.5, 7, 3, 1.5, 4, 5.5
//   mean rank 4; Σdx·dy = 2.25 + 3.75 + 9 + 0 + 3.75 + 0 + 2.25 = 21; Σdx² = 27; Σdy² = 27; ρ = 21/27 = 7/9
//   Bonett–Wright: z = atanh(7/9) = ½ln 8 = 1.039721; SE = √((1 + 49/162)/4) = 0.570629;
//   tanh(1.039721 ∓ 1.118412) = −0.0785 to 0.9737 → "0.78", "-0.08 to 0.97"
// Outside mainstream vs CCE marker, the 6 districts with both (Peterborough and Fenland left out):
//   Norwich, Breckland, Ipswich, Babergh, Basildon, Thurrock
//   x = 25, 15, 30, 8, 12, 25 → ranks 4.5, 3, 6, 1, 2, 4.5
//   y = 6, 5, 4, 4, 3, 5      → ranks 6, 4.5, 2.5, 2.5, 1, 4.5
//   mean 3.5; Σdx·dy = 2.5 − 0.5 − 2.5 + 2.5 + 3.75 + 1 = 6.75; Σdx² = 17; Σdy² = 16.5;
//   ρ = 6.75/√280.5 = 0.40303; SE = √((1 + 0.08122)/3) = 0.60034; limits −0.6348 to 0.9223
// (scipy.stats.spearmanr gives 0.7777778 and 0.4030300.) Two districts at most are left out of a
// correlation: "2 of 8".
//
// Education settings (Wilson 95%, whole percentages; checked with scipy): Pathfinder 11/50 mainstream =
// 22.0% (12.75 to 35.24), so 78.0% are outside mainstream school; 14/50 = 28.0% (17.47 to 41.67);
// 9/50 = 18.0% (9.77 to 30.80); 12/50 = 24.0% (14.30 to 37.41). Norfolk 5/20 = 25.0% (11.19 to 46.87),
// 6/20 = 30.0% (14.55 to 51.90), 0/20 = 0.0% (0 to 16.11). Essex 5/15 = 33.3% (15.18 to 58.29), 0/15 =
// 0.0% (0 to 20.39).
import { describe, expect, it } from 'vitest';
import type { ScatterChart } from './combination.model.ts';
import { EDUCATION_INPUTS, educationAndMissing } from './education-and-missing.ts';
import type { InputFigures } from './inputs.ts';
import {
  ALL_AREAS,
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
  cellsByName,
  denominators,
  figuresOf,
  type CellSpec,
  type Rows,
} from './test-fixtures.ts';

const AREAS = ALL_AREAS.map(({ code, name, level }) => ({ code, name, level }));
const DISTRICTS = [NORWICH, BRECKLAND, IPSWICH, BABERGH, PETERBOROUGH, FENLAND, BASILDON, THURROCK];

const CHILDREN: Record<string, number> = {
  [PF.code]: 250_000,
  [NORFOLK.code]: 60_000,
  [NORWICH.code]: 20_000,
  [BRECKLAND.code]: 16_000,
  [SUFFOLK.code]: 50_000,
  [IPSWICH.code]: 25_000,
  [BABERGH.code]: 12_500,
  [CAMBS.code]: 70_000,
  [PETERBOROUGH.code]: 40_000,
  [FENLAND.code]: 18_000,
  [ESSEX.code]: 70_000,
  [BASILDON.code]: 30_000,
  [THURROCK.code]: 24_000,
};

const column = (values: readonly CellSpec[]): Rows =>
  Object.fromEntries(ALL_AREAS.map((a, i) => [a.code, values[i]!]));
// In ALL_AREAS order: PF, Norfolk, Norwich, Breckland, Suffolk, Ipswich, Babergh, Cambs, Peterborough,
// Fenland, Essex, Basildon, Thurrock.
const OUTSIDE = column([750, 160, 50, 24, 120, 75, 10, 190, 80, 27, 230, 36, 60]);
const REPEAT = column([400, 90, 30, 16, 60, 45, 'c', 110, 48, 18, 140, 42, 36]);
const CCE = column([120, 40, 12, 8, 25, 10, 5, 'x', 'x', 'x', 45, 9, 12]);
// Settings: total; mainstream; alternative provision; pupil referral unit; home educated; NEET.
const SETTINGS: Rows = {
  [PF.code]: [50, 11, 14, 9, 'c', 12],
  [NORFOLK.code]: [20, 5, 6, 'c', 0, 'c'],
  [NORWICH.code]: [12, 5, 7, 0, 0, 0],
  [SUFFOLK.code]: ['c', 'c', 'c', 0, 0, 'c'],
  [CAMBS.code]: ['x', 'x', 'x', 'x', 'x', 'x'],
  [ESSEX.code]: [15, 'c', 5, 5, 0, 'c'],
};

function run(
  changes: { repeat?: Rows; settings?: Rows; children?: Record<string, number | undefined> } = {},
) {
  const snapshot = { window: { start: '2026-09-30', end: '2026-09-30' } };
  const figures: Record<(typeof EDUCATION_INPUTS)[number], InputFigures> = {
    'yp-outside-mainstream-education': figuresOf('yp-outside-mainstream-education', OUTSIDE, snapshot),
    'yp-repeat-missing': figuresOf(
      'yp-repeat-missing',
      { ...REPEAT, ...changes.repeat },
      {
        window: { start: '2021-10-01', end: '2026-09-30' },
      },
    ),
    'missing-yp-with-cce-marker': figuresOf('missing-yp-with-cce-marker', CCE, snapshot),
    'educational-settings-of-yp-at-risk': figuresOf(
      'educational-settings-of-yp-at-risk',
      { ...SETTINGS, ...changes.settings },
      snapshot,
    ),
  };
  const children = Object.fromEntries(
    Object.entries({ ...CHILDREN, ...changes.children }).filter(
      (e): e is [string, number] => e[1] !== undefined,
    ),
  );
  return educationAndMissing({
    period: '2026-Q3',
    areas: AREAS,
    figures,
    denominators: denominators(children),
  });
}

describe('educationAndMissing', () => {
  const result = run();
  const table = (id: string) => result.tables.find((t) => t.id === id)!;

  it('identifies itself as combination 2 of section 3.1.2', () => {
    expect(result).toMatchObject({ id: 'education-and-missing', number: 2, section: '3.1.2' });
  });

  it('shows every count and rate per 10,000 children', () => {
    const rates = table('rates');
    expect(rates.columns.map((c) => c.key)).toEqual([
      'yp-outside-mainstream-education:count',
      'yp-outside-mainstream-education:rate',
      'yp-repeat-missing:count',
      'yp-repeat-missing:rate',
      'missing-yp-with-cce-marker:count',
      'missing-yp-with-cce-marker:rate',
    ]);
    expect(rates.note).toBe('Rates per 10,000 children aged 0 to 15.');
    expect(rates.rows.map((r) => r.code)).toEqual(ALL_AREAS.map((a) => a.code));
    const expected: Record<string, string[]> = {
      [PF.name]: ['750', '30.0', '400', '16.0', '120', '4.8'],
      [NORFOLK.name]: ['160', '26.7', '90', '15.0', '40', '6.7'],
      [NORWICH.name]: ['50', '25.0', '30', '15.0', '12', '6.0'],
      [BRECKLAND.name]: ['24', '15.0', '16', '10.0', '8', '5.0'],
      [SUFFOLK.name]: ['120', '24.0', '60', '12.0', '25', '5.0'],
      [IPSWICH.name]: ['75', '30.0', '45', '18.0', '10', '4.0'],
      [BABERGH.name]: ['10', '8.0', '[c]', '[c]', '5', '4.0'],
      [CAMBS.name]: ['190', '27.1', '110', '15.7', '[x]', '[x]'],
      [PETERBOROUGH.name]: ['80', '20.0', '48', '12.0', '[x]', '[x]'],
      [FENLAND.name]: ['27', '15.0', '18', '10.0', '[x]', '[x]'],
      [ESSEX.name]: ['230', '32.9', '140', '20.0', '45', '6.4'],
      [BASILDON.name]: ['36', '12.0', '42', '14.0', '9', '3.0'],
      [THURROCK.name]: ['60', '25.0', '36', '15.0', '12', '5.0'],
    };
    const keys = rates.columns.map((c) => c.key);
    expect(Object.fromEntries(rates.rows.map((r) => [r.name, keys.map((k) => r.cells[k])]))).toEqual(
      expected,
    );
  });

  it('shows the rank correlations with their intervals', () => {
    const correlations = table('correlations');
    expect(correlations.rows.map((r) => [r.code, r.cells.n, r.cells.rho, r.cells.ci])).toEqual([
      ['outside-vs-repeat', '7', '0.78', '-0.08 to 0.97'],
      ['outside-vs-cce', '6', '0.40', '-0.63 to 0.92'],
    ]);
    expect(correlations.rows[0]!.cells.pair).toBe('Outside mainstream and repeat missing');
  });

  it('plots only districts with both rates shown', () => {
    const [repeat, cce] = result.charts as ScatterChart[];
    expect(repeat!.kind).toBe('scatter');
    expect(repeat!.xLabel).toBe('No. of households with YP outside mainstream education per 10,000 children');
    expect(repeat!.yLabel).toBe('No. of YP with histories of repeated missing episodes per 10,000 children');
    const points = (c: ScatterChart) =>
      c.points.map((p) => [p.name, Number(p.x.toFixed(6)), Number(p.y.toFixed(6))]);
    expect(points(repeat!)).toEqual([
      ['Norwich', 25, 15],
      ['Breckland', 15, 10],
      ['Ipswich', 30, 18],
      ['Peterborough', 20, 12],
      ['Fenland', 15, 10],
      ['Basildon', 12, 14],
      ['Thurrock', 25, 15],
    ]);
    expect(points(cce!)).toEqual([
      ['Norwich', 25, 6],
      ['Breckland', 15, 5],
      ['Ipswich', 30, 4],
      ['Babergh', 8, 4],
      ['Basildon', 12, 3],
      ['Thurrock', 25, 5],
    ]);
    expect(cce!.points.every((p) => DISTRICTS.some((d) => d.code === p.code))).toBe(true);
  });

  it('shows education settings for the Pathfinder and localities only, as shares with whole-number intervals', () => {
    const settings = table('settings');
    expect(settings.columns.map((c) => c.key)).toEqual([
      'total',
      'mainstream',
      'alternative-provision',
      'pupil-referral-unit',
      'home-educated',
      'neet',
    ]);
    const keys = settings.columns.map((c) => c.key);
    expect(Object.fromEntries(settings.rows.map((r) => [r.name, keys.map((k) => r.cells[k])]))).toEqual({
      [PF.name]: [
        '50',
        '22.0% (13 to 35)',
        '28.0% (17 to 42)',
        '18.0% (10 to 31)',
        '[c]',
        '24.0% (14 to 37)',
      ],
      [NORFOLK.name]: ['20', '25.0% (11 to 47)', '30.0% (15 to 52)', '[c]', '0.0% (0 to 16)', '[c]'],
      [SUFFOLK.name]: ['[c]', '[c]', '[c]', '[c]', '[c]', '[c]'],
      [CAMBS.name]: ['[x]', '[x]', '[x]', '[x]', '[x]', '[x]'],
      [ESSEX.name]: ['15', '[c]', '33.3% (15 to 58)', '33.3% (15 to 58)', '0.0% (0 to 20)', '[c]'],
    });
  });

  it('lists each input with the localities it is missing for', () => {
    expect(result.inputs.map((i) => [i.id, i.missingFor])).toEqual([
      ['yp-outside-mainstream-education', []],
      ['yp-repeat-missing', []],
      ['missing-yp-with-cce-marker', ['Cambridgeshire and Peterborough']],
      ['educational-settings-of-yp-at-risk', ['Cambridgeshire and Peterborough']],
    ]);
    expect(result.inputs[0]!.windowLabel).toBe('at 30 September 2026');
    expect(result.inputs[1]!.windowLabel).toBe('1 October 2021 to 30 September 2026');
  });

  it('reads the figures in plain English', () => {
    expect(result.reading).toEqual([
      "Across 7 areas, the rate of young people outside mainstream education and the rate of young people with repeated missing episodes show a strong positive rank correlation (Spearman's rho 0.78, 95% interval -0.08 to 0.97). The interval includes zero, so these figures cannot show a relationship either way.",
      "Across 6 areas, the rate of young people outside mainstream education and the rate of missing young people with a CCE or gang marker show a moderate positive rank correlation (Spearman's rho 0.40, 95% interval -0.63 to 0.92). The interval includes zero, so these figures cannot show a relationship either way.",
      '2 of 8 districts are left out of a correlation because a figure is suppressed to protect children or was not received; small districts are the most likely to be left out, so the correlation describes the larger ones.',
      'Of the 50 young people at risk of CCE whose setting is known across the Pathfinder, 78.0% are outside mainstream school (alternative provision, pupil referral unit, elective home education, not in education, employment or training).',
      'No figures for “No. of missing YP w. CCE/gang-related marker on file” were received for Cambridgeshire and Peterborough.',
      'No figures for “Educational settings of YP at risk of CCE” were received for Cambridgeshire and Peterborough.',
    ]);
  });

  it('computes no correlation from fewer than five districts', () => {
    // Norwich, Breckland and Ipswich suppressed too: 4 districts have both rates, 4 are left out.
    const r = run({ repeat: { [NORWICH.code]: 'c', [BRECKLAND.code]: 'c', [IPSWICH.code]: 'c' } });
    const row = r.tables.find((t) => t.id === 'correlations')!.rows[0]!;
    expect([row.cells.n, row.cells.rho, row.cells.ci]).toEqual(['4', '[x]', '']);
    expect((r.charts[0] as ScatterChart).points.map((p) => p.name)).toEqual([
      'Peterborough',
      'Fenland',
      'Basildon',
      'Thurrock',
    ]);
    expect(r.reading[0]).toBe(
      'The rank correlation between the rate of young people outside mainstream education and the rate of young people with repeated missing episodes cannot be calculated: fewer than 5 areas have both figures.',
    );
    expect(r.reading[2]).toMatch(/^4 of 8 districts are left out of a correlation/);
  });

  it('shows the count but no rate for a district without a denominator, and leaves it out of both correlations', () => {
    const r = run({ children: { [THURROCK.code]: undefined } });
    const thurrock = cellsByName(r.tables[0]!.rows)[THURROCK.name]!;
    expect([
      thurrock['yp-outside-mainstream-education:count'],
      thurrock['yp-outside-mainstream-education:rate'],
    ]).toEqual(['60', '[x]']);
    expect((r.charts as ScatterChart[]).map((c) => c.points.length)).toEqual([6, 5]);
    expect(r.reading[2]).toMatch(/^3 of 8 districts/);
  });

  it('says nothing of settings when the Pathfinder’s mainstream count is suppressed', () => {
    const r = run({ settings: { [PF.code]: [50, 'c', 14, 9, 'c', 12] } });
    expect(r.reading.some((s) => s.includes('outside mainstream school'))).toBe(false);
  });
});
