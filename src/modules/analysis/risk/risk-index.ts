// Combination 3 (report 3.1.3): mapping areas at most risk of County Lines. A composite index of known
// risk factors by area, compared with where intelligence (CLICM lines, ERSOU data) knows there is
// activity. Each factor becomes a score from 0 (lowest in the Pathfinder) to 1 (highest) by its rank
// among the areas that have a published value; the index is the weighted mean of the scores an area
// has; the top third of areas by index are "high risk". A sensitivity check re-runs the classes with
// each weight doubled and with each factor left out.
import { averageRanks } from '../correlation.ts';

export const RISK_FACTORS = [
  {
    id: 'drug-arrests',
    label: 'Drug arrests of young people per 10,000 children',
    short: 'Drug arrests',
  },
  { id: 'missing', label: 'Missing episodes per 10,000 children', short: 'Missing episodes' },
  {
    id: 'crime',
    label: 'Drug, weapon and violent crime per 1,000 residents (police.uk)',
    short: 'Crime',
  },
  { id: 'deprivation', label: 'Deprivation (IMD 2019; most deprived = highest score)', short: 'Deprivation' },
] as const;

export type RiskFactor = (typeof RISK_FACTORS)[number]['id'];
export type Weights = Record<RiskFactor, number>;

export const EQUAL_WEIGHTS: Weights = { 'drug-arrests': 1, missing: 1, crime: 1, deprivation: 1 };
export const MAX_WEIGHT = 5;

export const RISK_CLASSES = {
  'known-high': 'Known activity and high risk',
  'high-not-known': 'High risk without known activity: vulnerable to infiltration',
  'known-lower': 'Known activity at lower risk: the proxies miss it',
  lower: 'Lower risk, no known activity',
} as const;
export type RiskClass = keyof typeof RISK_CLASSES;

export interface FactorValue {
  /** The published value (a rate, or for deprivation the IMD rank where 1 is most deprived); null when there is none. */
  value: number | null;
  /** What is shown: the value, "[c]" or "[x]". */
  text: string;
}

export interface RiskAreaInput {
  code: string;
  name: string;
  level: 'district' | 'ward';
  factors: Record<RiskFactor, FactorValue>;
  /** Known County Lines activity in the area (its district's, for a ward); null when nothing is known either way. */
  knownActivity: boolean | null;
}

export interface RiskArea extends RiskAreaInput {
  /** 0 (lowest risk among the areas) … 1 (highest); null without a published value. */
  scores: Record<RiskFactor, number | null>;
  index: number | null;
  /** How many factors (with a weight above zero) the index uses. */
  factorsUsed: number;
  highRisk: boolean | null;
  riskClass: RiskClass | null;
  /** In how many of the weightings tried (the weights given included) the area is high risk … */
  highIn: number;
  /** … of how many weightings give it an index at all. */
  indexedIn: number;
  /** The class is the same under every weighting that gives it an index. */
  stable: boolean;
}

export interface Scenario {
  label: string;
  weights: Weights;
  /** Areas whose high/lower classification differs from the weights given. */
  changed: number;
}

export interface RiskMap {
  weights: Weights;
  areas: RiskArea[];
  /** How many areas are high risk: the top third of those with an index. */
  highCount: number;
  scenarios: Scenario[];
}

/** Weights from user input: whole numbers 0 to 5; at least one above zero. */
export function checkWeights(w: Partial<Record<string, unknown>>): { weights: Weights; problems: string[] } {
  const problems: string[] = [];
  const weights = { ...EQUAL_WEIGHTS };
  for (const f of RISK_FACTORS) {
    const raw = w[f.id];
    if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WEIGHT) {
      problems.push(`The weight for ${f.short.toLowerCase()} must be a whole number from 0 to ${MAX_WEIGHT}`);
    } else {
      weights[f.id] = n;
    }
  }
  if (!problems.length && RISK_FACTORS.every((f) => weights[f.id] === 0)) {
    problems.push('Give at least one factor a weight above 0');
  }
  return { weights, problems };
}

/** Each factor's rank score among the areas with a value: 0 lowest risk, 1 highest. */
function factorScores(areas: readonly RiskAreaInput[]): Map<string, Record<RiskFactor, number | null>> {
  const scores = new Map(areas.map((a) => [a.code, {} as Record<RiskFactor, number | null>]));
  for (const f of RISK_FACTORS) {
    const withValue = areas.filter((a) => a.factors[f.id].value !== null);
    // A lower IMD rank is more deprived, so deprivation ranks the other way.
    const sign = f.id === 'deprivation' ? -1 : 1;
    const ranks = averageRanks(withValue.map((a) => sign * a.factors[f.id].value!));
    const n = withValue.length;
    for (const a of areas) scores.get(a.code)![f.id] = null;
    withValue.forEach((a, i) => {
      scores.get(a.code)![f.id] = n > 1 ? (ranks[i]! - 1) / (n - 1) : 0.5;
    });
  }
  return scores;
}

function indexOf(
  scores: Record<RiskFactor, number | null>,
  weights: Weights,
): { index: number | null; used: number } {
  let sum = 0;
  let weight = 0;
  let used = 0;
  for (const f of RISK_FACTORS) {
    const s = scores[f.id];
    if (s === null || weights[f.id] === 0) continue;
    sum += weights[f.id] * s;
    weight += weights[f.id];
    used++;
  }
  return { index: weight > 0 ? sum / weight : null, used };
}

/** Each area's index under one weighting, and the codes of the top third by index (ties by name). */
function weighting(
  areas: readonly RiskAreaInput[],
  scores: Map<string, Record<RiskFactor, number | null>>,
  weights: Weights,
): { index: Map<string, number | null>; high: Set<string> } {
  const index = new Map(areas.map((a) => [a.code, indexOf(scores.get(a.code)!, weights).index]));
  // Names compared by code point: the order only has to be deterministic, and Intl collation is slow.
  const ranked = areas
    .filter((a) => index.get(a.code) !== null)
    .sort(
      (x, y) => index.get(y.code)! - index.get(x.code)! || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
    );
  return { index, high: new Set(ranked.slice(0, Math.ceil(ranked.length / 3)).map((a) => a.code)) };
}

function classOf(high: boolean | null, known: boolean | null): RiskClass | null {
  if (high === null) return null;
  if (known) return high ? 'known-high' : 'known-lower';
  return high ? 'high-not-known' : 'lower';
}

/** The alternative weightings of the sensitivity check: each weight doubled, each factor left out. */
export function sensitivityWeightings(weights: Weights): { label: string; weights: Weights }[] {
  const out: { label: string; weights: Weights }[] = [];
  const active = RISK_FACTORS.filter((f) => weights[f.id] > 0);
  for (const f of active) {
    out.push({ label: `${f.short} counted twice`, weights: { ...weights, [f.id]: weights[f.id] * 2 } });
    if (active.length > 1) out.push({ label: `${f.short} left out`, weights: { ...weights, [f.id]: 0 } });
  }
  return out;
}

export function computeRiskMap(areas: readonly RiskAreaInput[], weights: Weights): RiskMap {
  const scores = factorScores(areas);
  const base = weighting(areas, scores, weights).high;
  const alternatives = sensitivityWeightings(weights).map((s) => {
    const w = weighting(areas, scores, s.weights);
    return { ...s, high: w.high, indexed: (code: string) => w.index.get(code) !== null };
  });
  const result: RiskArea[] = areas.map((a) => {
    const { index, used } = indexOf(scores.get(a.code)!, weights);
    const high = index === null ? null : base.has(a.code);
    const highIn = (high ? 1 : 0) + alternatives.filter((s) => s.high.has(a.code)).length;
    const indexedIn = (high === null ? 0 : 1) + alternatives.filter((s) => s.indexed(a.code)).length;
    return {
      ...a,
      scores: scores.get(a.code)!,
      index,
      factorsUsed: used,
      highRisk: high,
      riskClass: classOf(high, a.knownActivity),
      highIn,
      indexedIn,
      stable: high === null || highIn === 0 || highIn === indexedIn,
    };
  });
  return {
    weights,
    areas: result,
    highCount: base.size,
    scenarios: alternatives.map((s) => ({
      label: s.label,
      weights: s.weights,
      changed: result.filter(
        (a) => a.highRisk !== null && s.indexed(a.code) && s.high.has(a.code) !== a.highRisk,
      ).length,
    })),
  };
}

/** A short plain-English reading of the map. */
export function describeRiskMap(map: RiskMap, areaWord: 'district' | 'ward'): string[] {
  const plural = `${areaWord}s`;
  const count = (c: RiskClass) => map.areas.filter((a) => a.riskClass === c);
  const names = (list: RiskArea[]) =>
    list.length > 6
      ? `${list
          .slice(0, 6)
          .map((a) => a.name)
          .join(', ')} and ${list.length - 6} more`
      : list.map((a) => a.name).join(', ');
  const out: string[] = [];
  const withIndex = map.areas.filter((a) => a.index !== null).length;
  out.push(
    `On these weights, ${map.highCount} of ${withIndex} ${plural} with figures are at high risk (the top third by the index).`,
  );
  const knownHigh = count('known-high');
  const highNotKnown = count('high-not-known');
  const knownLower = count('known-lower');
  if (knownHigh.length)
    out.push(
      `${knownHigh.length} high-risk ${knownHigh.length === 1 ? areaWord : plural} also ${knownHigh.length === 1 ? 'has' : 'have'} known County Lines activity, so the proxies agree with intelligence there: ${names(knownHigh)}.`,
    );
  if (highNotKnown.length)
    out.push(
      `${highNotKnown.length} high-risk ${highNotKnown.length === 1 ? areaWord : plural} ${highNotKnown.length === 1 ? 'has' : 'have'} no known activity and may be vulnerable to infiltration: ${names(highNotKnown)}.`,
    );
  if (knownLower.length)
    out.push(
      `${knownLower.length} ${knownLower.length === 1 ? areaWord : plural} with known activity ${knownLower.length === 1 ? 'is' : 'are'} at lower risk on the proxies, which miss ${knownLower.length === 1 ? 'it' : 'them'}: ${names(knownLower)}.`,
    );
  if (map.areas.every((a) => a.knownActivity === null))
    out.push(
      'No intelligence on County Lines activity was available for this period, so areas cannot be compared with known activity.',
    );
  const highs = map.areas.filter((a) => a.highRisk);
  const robust = highs.filter((a) => a.stable).length;
  if (highs.length && map.scenarios.length) {
    out.push(
      `${robust} of the ${highs.length} high-risk ${plural} stay high risk under all ${map.scenarios.length} alternative weightings; the rest depend on the weights chosen.`,
    );
  }
  return out;
}
