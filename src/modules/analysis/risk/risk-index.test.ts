// Combination 3 (report 3.1.3), the risk index, against a hand-computed fixture of six districts.
//
//   district  drug arrests  missing  crime  IMD rank (1 = most deprived)  known activity
//   Alpha     10            30       8      90                            no
//   Bravo     25            30       12     40                            no
//   Charlie   [c]           70       5      200                           not known
//   Delta     40            55       9      15                            yes
//   Echo      5             20       3      300                           not known
//   Foxtrot   25            60       [x]    120                           yes
//
// Scores: (average rank − 1)/(n − 1) among the districts with a value, highest value = 1, except
// deprivation, where the lowest IMD rank (most deprived) scores 1.
//   drug (n = 5, Charlie [c]): Echo 5 → 1, Alpha 10 → 2, Bravo/Foxtrot 25 → 3.5, Delta 40 → 5
//     → Echo 0, Alpha 0.25, Bravo 0.625, Foxtrot 0.625, Delta 1
//   missing (n = 6): Echo 20 → 1, Alpha/Bravo 30 → 2.5, Delta 55 → 4, Foxtrot 60 → 5, Charlie 70 → 6
//     → Echo 0, Alpha 0.3, Bravo 0.3, Delta 0.6, Foxtrot 0.8, Charlie 1
//   crime (n = 5, Foxtrot [x]): Echo 3, Charlie 5, Alpha 8, Delta 9, Bravo 12
//     → Echo 0, Charlie 0.25, Alpha 0.5, Delta 0.75, Bravo 1
//   deprivation (n = 6): Echo 300 → 1, Charlie 200 → 2, Foxtrot 120 → 3, Alpha 90 → 4, Bravo 40 → 5,
//     Delta 15 → 6 → Echo 0, Charlie 0.2, Foxtrot 0.4, Alpha 0.6, Bravo 0.8, Delta 1
// Index with equal weights (the mean of the scores an area has):
//   Alpha (0.25 + 0.3 + 0.5 + 0.6)/4 = 0.4125      Bravo (0.625 + 0.3 + 1 + 0.8)/4 = 0.68125
//   Charlie (1 + 0.25 + 0.2)/3 = 0.483333         Delta (1 + 0.6 + 0.75 + 1)/4 = 0.8375
//   Echo 0                                          Foxtrot (0.625 + 0.8 + 0.4)/3 = 0.608333
// Top third: ⌈6/3⌉ = 2 → Delta, Bravo. Classes: Delta known-high, Bravo high-not-known, Foxtrot
// known-lower, Alpha, Charlie and Echo lower.
//
// Sensitivity (the eight alternative weightings), top two by index:
//   drug ×2:        Delta 4.35/5 = 0.87, Bravo 3.35/5 = 0.67, Foxtrot 2.45/4 = 0.6125     → same, 0 changed
//   drug out:       Delta 2.35/3 = 0.7833, Bravo 2.1/3 = 0.7, Foxtrot 1.2/2 = 0.6          → same, 0
//   missing ×2:     Delta 3.95/5 = 0.79, Foxtrot 2.625/4 = 0.65625, Charlie 0.6125, Bravo 0.605 → Delta,
//                   Foxtrot: 2 changed (Bravo out, Foxtrot in)
//   missing out:    Delta 0.9167, Bravo 0.8083                                              → same, 0
//   crime ×2:       Delta 4.1/5 = 0.82, Bravo 3.725/5 = 0.745                               → same, 0
//   crime out:      Delta 2.6/3 = 0.8667, Foxtrot 0.6083, Charlie 0.6, Bravo 0.575          → 2 changed
//   deprivation ×2: Delta 4.35/5 = 0.87, Bravo 3.525/5 = 0.705                              → same, 0
//   deprivation out: Delta 2.35/3 = 0.7833, Foxtrot 1.425/2 = 0.7125, Bravo 1.925/3 = 0.6417 → 2 changed
// High in (of 9 weightings, the given one included): Delta 9 (stable), Bravo 1 + 5 = 6 (not stable),
// Foxtrot 3 (not stable), Alpha, Charlie, Echo 0 (stable). An independent Python computation
// (scipy.stats.rankdata) gives the same scores, indices and classes.
import { describe, expect, it } from 'vitest';
import {
  EQUAL_WEIGHTS,
  RISK_FACTORS,
  checkWeights,
  computeRiskMap,
  describeRiskMap,
  sensitivityWeightings,
  type FactorValue,
  type RiskAreaInput,
  type Weights,
} from './risk-index.ts';

const v = (value: number): FactorValue => ({ value, text: String(value) });
const C: FactorValue = { value: null, text: '[c]' };
const X: FactorValue = { value: null, text: '[x]' };

function district(
  name: string,
  [drug, missing, crime, imd]: [
    FactorValue | number,
    FactorValue | number,
    FactorValue | number,
    FactorValue | number,
  ],
  knownActivity: boolean | null,
): RiskAreaInput {
  const f = (x: FactorValue | number) => (typeof x === 'number' ? v(x) : x);
  return {
    code: name.toUpperCase(),
    name,
    level: 'district',
    factors: { 'drug-arrests': f(drug), missing: f(missing), crime: f(crime), deprivation: f(imd) },
    knownActivity,
  };
}

const AREAS: RiskAreaInput[] = [
  district('Alpha', [10, 30, 8, 90], false),
  district('Bravo', [25, 30, 12, 40], false),
  district('Charlie', [C, 70, 5, 200], null),
  district('Delta', [40, 55, 9, 15], true),
  district('Echo', [5, 20, 3, 300], null),
  district('Foxtrot', [25, 60, X, 120], true),
];

const byName = (map: ReturnType<typeof computeRiskMap>) =>
  Object.fromEntries(map.areas.map((a) => [a.name, a]));

describe('computeRiskMap', () => {
  const map = computeRiskMap(AREAS, EQUAL_WEIGHTS);
  const areas = byName(map);

  it('scores each factor by rank, ties averaged, deprivation the other way round', () => {
    const scores = Object.fromEntries(map.areas.map((a) => [a.name, a.scores]));
    expect(scores).toEqual({
      Alpha: { 'drug-arrests': 0.25, missing: 0.3, crime: 0.5, deprivation: 0.6 },
      Bravo: { 'drug-arrests': 0.625, missing: 0.3, crime: 1, deprivation: 0.8 },
      Charlie: { 'drug-arrests': null, missing: 1, crime: 0.25, deprivation: 0.2 },
      Delta: { 'drug-arrests': 1, missing: 0.6, crime: 0.75, deprivation: 1 },
      Echo: { 'drug-arrests': 0, missing: 0, crime: 0, deprivation: 0 },
      Foxtrot: { 'drug-arrests': 0.625, missing: 0.8, crime: null, deprivation: 0.4 },
    });
  });

  it('leaves a suppressed or missing factor out of that area’s index', () => {
    expect(areas.Alpha!.index).toBeCloseTo(0.4125, 12);
    expect(areas.Bravo!.index).toBeCloseTo(0.68125, 12);
    expect(areas.Charlie!.index).toBeCloseTo(1.45 / 3, 12);
    expect(areas.Delta!.index).toBeCloseTo(0.8375, 12);
    expect(areas.Echo!.index).toBe(0);
    expect(areas.Foxtrot!.index).toBeCloseTo(1.825 / 3, 12);
    expect(map.areas.map((a) => a.factorsUsed)).toEqual([4, 4, 3, 4, 4, 3]);
  });

  it('calls the top third high risk and classes each area against known activity', () => {
    expect(map.highCount).toBe(2);
    expect(map.areas.map((a) => [a.name, a.highRisk, a.riskClass])).toEqual([
      ['Alpha', false, 'lower'],
      ['Bravo', true, 'high-not-known'],
      ['Charlie', false, 'lower'],
      ['Delta', true, 'known-high'],
      ['Echo', false, 'lower'],
      ['Foxtrot', false, 'known-lower'],
    ]);
  });

  it('re-runs the classes under each weight doubled and each factor left out', () => {
    expect(map.scenarios.map((s) => [s.label, s.changed])).toEqual([
      ['Drug arrests counted twice', 0],
      ['Drug arrests left out', 0],
      ['Missing episodes counted twice', 2],
      ['Missing episodes left out', 0],
      ['Crime counted twice', 0],
      ['Crime left out', 2],
      ['Deprivation counted twice', 0],
      ['Deprivation left out', 2],
    ]);
    expect(map.areas.map((a) => [a.name, a.highIn, a.indexedIn, a.stable])).toEqual([
      ['Alpha', 0, 9, true],
      ['Bravo', 6, 9, false],
      ['Charlie', 0, 9, true],
      ['Delta', 9, 9, true],
      ['Echo', 0, 9, true],
      ['Foxtrot', 3, 9, false],
    ]);
  });

  it('reads the map in plain English', () => {
    expect(describeRiskMap(map, 'district')).toEqual([
      'On these weights, 2 of 6 districts with figures are at high risk (the top third by the index).',
      '1 high-risk district also has known County Lines activity, so the proxies agree with intelligence there: Delta.',
      '1 high-risk district has no known activity and may be vulnerable to infiltration: Bravo.',
      '1 district with known activity is at lower risk on the proxies, which miss it: Foxtrot.',
      '1 of the 2 high-risk districts stay high risk under all 8 alternative weightings; the rest depend on the weights chosen.',
    ]);
  });

  it('gives an area with no figures no index, no class, and leaves it out of the top third', () => {
    const empty = district('Golf', [C, X, X, X], true);
    const withEmpty = computeRiskMap([...AREAS, empty], EQUAL_WEIGHTS);
    const golf = byName(withEmpty).Golf!;
    expect(golf).toMatchObject({
      index: null,
      factorsUsed: 0,
      highRisk: null,
      riskClass: null,
      highIn: 0,
      indexedIn: 0,
    });
    expect(golf.stable).toBe(true);
    expect(golf.scores).toEqual({ 'drug-arrests': null, missing: null, crime: null, deprivation: null });
    // Still ⌈6/3⌉ = 2 of the 6 with an index, and the other areas' scores are unchanged.
    expect(withEmpty.highCount).toBe(2);
    expect(byName(withEmpty).Delta!.index).toBeCloseTo(0.8375, 12);
    expect(describeRiskMap(withEmpty, 'district')[0]).toBe(
      'On these weights, 2 of 6 districts with figures are at high risk (the top third by the index).',
    );
  });

  it('uses the weights given, and a weight of 0 leaves the factor out', () => {
    // Drug arrests ×3, crime 0: Alpha (0.75 + 0.3 + 0.6)/5 = 0.33; Bravo (1.875 + 0.3 + 0.8)/5 = 0.595;
    // Charlie (1 + 0.2)/2 = 0.6; Delta (3 + 0.6 + 1)/5 = 0.92; Echo 0; Foxtrot (1.875 + 0.8 + 0.4)/5 = 0.615.
    const weights: Weights = { 'drug-arrests': 3, missing: 1, crime: 0, deprivation: 1 };
    const m = computeRiskMap(AREAS, weights);
    const a = byName(m);
    expect(a.Alpha!.index).toBeCloseTo(0.33, 12);
    expect(a.Bravo!.index).toBeCloseTo(0.595, 12);
    expect(a.Charlie!.index).toBeCloseTo(0.6, 12);
    expect(a.Delta!.index).toBeCloseTo(0.92, 12);
    expect(a.Foxtrot!.index).toBeCloseTo(0.615, 12);
    expect(m.areas.map((x) => x.factorsUsed)).toEqual([3, 3, 2, 3, 3, 3]);
    expect(m.areas.filter((x) => x.highRisk).map((x) => x.name)).toEqual(['Delta', 'Foxtrot']);
    // Crime has no weight, so it is neither doubled nor left out: 3 factors × 2 = 6 alternatives.
    expect(m.scenarios.map((s) => s.label)).toEqual([
      'Drug arrests counted twice',
      'Drug arrests left out',
      'Missing episodes counted twice',
      'Missing episodes left out',
      'Deprivation counted twice',
      'Deprivation left out',
    ]);
    expect(m.scenarios[0]!.weights).toEqual({ 'drug-arrests': 6, missing: 1, crime: 0, deprivation: 1 });
  });

  it('gives an area with values only for unweighted factors no index', () => {
    const onlyCrime = district('Hotel', [C, X, 7, X], null);
    const m = computeRiskMap([...AREAS, onlyCrime], {
      'drug-arrests': 1,
      missing: 1,
      crime: 0,
      deprivation: 1,
    });
    expect(byName(m).Hotel).toMatchObject({ index: null, highRisk: null, riskClass: null, factorsUsed: 0 });
  });

  it('breaks a tie at the cut by name', () => {
    // Yankee and Zulu have the same figures, so the same index; with 3 areas one is high, and the tie
    // goes to the name first in alphabetical order whichever comes first in the input.
    const twins = [
      district('Zulu', [20, 20, 20, 50], null),
      district('Xray', [10, 10, 10, 100], null),
      district('Yankee', [20, 20, 20, 50], null),
    ];
    const m = computeRiskMap(twins, EQUAL_WEIGHTS);
    const a = byName(m);
    expect(a.Zulu!.index).toBe(a.Yankee!.index);
    expect(m.highCount).toBe(1);
    expect(m.areas.filter((x) => x.highRisk).map((x) => x.name)).toEqual(['Yankee']);
  });

  it('gives a factor with a single value the middle score', () => {
    const m = computeRiskMap(
      [district('Alpha', [C, 10, 10, 10], null), district('Bravo', [5, 20, 20, 20], null)],
      EQUAL_WEIGHTS,
    );
    expect(byName(m).Bravo!.scores['drug-arrests']).toBe(0.5);
    expect(byName(m).Alpha!.scores.deprivation).toBe(1); // IMD rank 10 is more deprived than 20
  });

  it('names at most six areas in a sentence and counts the rest', () => {
    // 21 areas whose only factor is missing episodes 1 … 21: the top third, ⌈21/3⌉ = 7, are the seven
    // highest (Area 15 … Area 21, listed in input order), all with known activity.
    const many = Array.from({ length: 21 }, (_, i) =>
      district(`Area ${String(i + 1).padStart(2, '0')}`, [C, i + 1, X, X], true),
    );
    const m = computeRiskMap(many, EQUAL_WEIGHTS);
    expect(m.highCount).toBe(7);
    expect(describeRiskMap(m, 'district')[1]).toBe(
      '7 high-risk districts also have known County Lines activity, so the proxies agree with intelligence there: Area 15, Area 16, Area 17, Area 18, Area 19, Area 20 and 1 more.',
    );
  });

  it('says when no intelligence is available', () => {
    const m = computeRiskMap(
      AREAS.map((a) => ({ ...a, knownActivity: null })),
      EQUAL_WEIGHTS,
    );
    const reading = describeRiskMap(m, 'ward');
    expect(reading).toContain(
      'No intelligence on County Lines activity was available for this period, so areas cannot be compared with known activity.',
    );
    expect(reading[0]).toBe(
      'On these weights, 2 of 6 wards with figures are at high risk (the top third by the index).',
    );
    expect(reading).toContain(
      '2 high-risk wards have no known activity and may be vulnerable to infiltration: Bravo, Delta.',
    );
  });
});

describe('sensitivityWeightings', () => {
  it('doubles each weighted factor and, when more than one is weighted, leaves each out', () => {
    expect(sensitivityWeightings(EQUAL_WEIGHTS)).toHaveLength(8);
    expect(sensitivityWeightings({ 'drug-arrests': 2, missing: 0, crime: 0, deprivation: 0 })).toEqual([
      {
        label: 'Drug arrests counted twice',
        weights: { 'drug-arrests': 4, missing: 0, crime: 0, deprivation: 0 },
      },
    ]);
  });
});

describe('checkWeights', () => {
  it('accepts whole numbers from 0 to 5, as numbers or text, and keeps 1 for a factor not given', () => {
    expect(checkWeights({ 'drug-arrests': '3', missing: 0, crime: '', deprivation: 5 })).toEqual({
      weights: { 'drug-arrests': 3, missing: 0, crime: 1, deprivation: 5 },
      problems: [],
    });
    expect(checkWeights({})).toEqual({ weights: EQUAL_WEIGHTS, problems: [] });
  });

  it('refuses a weight that is not a whole number from 0 to 5, naming the factor', () => {
    const { weights, problems } = checkWeights({
      'drug-arrests': '6',
      missing: '1.5',
      crime: '-1',
      deprivation: 'lots',
    });
    expect(problems).toEqual([
      'The weight for drug arrests must be a whole number from 0 to 5',
      'The weight for missing episodes must be a whole number from 0 to 5',
      'The weight for crime must be a whole number from 0 to 5',
      'The weight for deprivation must be a whole number from 0 to 5',
    ]);
    expect(weights).toEqual(EQUAL_WEIGHTS);
  });

  // BUG: checkWeights skips only undefined and '' as "not given"; anything else goes through Number(), and
  // Number(' ') is 0, so a weight field holding a space (?w-crime=%20 on the risk-map page) silently sets
  // that factor's weight to 0 and drops it from the index. A blank field must mean "not given" (weight 1,
  // as for ''), or be reported as a problem; it must never become 0 without a word.
  it('does not read a blank weight as 0', () => {
    expect(checkWeights({ crime: ' ' })).toEqual({ weights: EQUAL_WEIGHTS, problems: [] });
  });

  it('refuses all weights 0', () => {
    expect(checkWeights({ 'drug-arrests': 0, missing: 0, crime: 0, deprivation: 0 }).problems).toEqual([
      'Give at least one factor a weight above 0',
    ]);
  });

  it('knows the four factors of the report', () => {
    expect(RISK_FACTORS.map((f) => f.id)).toEqual(['drug-arrests', 'missing', 'crime', 'deprivation']);
  });
});
