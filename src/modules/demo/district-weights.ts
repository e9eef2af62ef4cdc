// Demo weights from the real reference data when it is loaded: children aged 0–15 (mid-2015) and
// deprivation as the district's position among the 32 by population-weighted IMD rank.
import type { DistrictWeight } from './demo.generator.ts';

export interface DistrictFigures {
  code: string;
  children0To15: number | null;
  populationWeightedImdRank: number | null;
}

export function districtWeights(districts: readonly DistrictFigures[]): Map<string, DistrictWeight> {
  const ranked = districts
    .filter((d) => d.populationWeightedImdRank !== null)
    .sort((a, b) => b.populationWeightedImdRank! - a.populationWeightedImdRank!);
  const position = new Map(ranked.map((d, i) => [d.code, ranked.length > 1 ? i / (ranked.length - 1) : 0.5]));
  return new Map(
    districts.map((d) => [
      d.code,
      { children: d.children0To15 ?? 20_000, deprivation: position.get(d.code) ?? 0.5 },
    ]),
  );
}
