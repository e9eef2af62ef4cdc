// Display values for the area pages and the CLI: numbers as people read them, "[x]" (the GSS
// symbol for "not available") where there is no figure yet.
import type { District, DistrictOverview, LsoaDerivedFigures } from './geography.model.ts';
import { FILE10_SHEETS } from './reference-file10.ts';

export const NOT_AVAILABLE = '[x]';

export function formatWhole(n: number | null | undefined): string {
  return n === null || n === undefined ? NOT_AVAILABLE : Math.round(n).toLocaleString('en-GB');
}

export function formatDecimal(n: number | null | undefined, digits = 1): string {
  return n === null || n === undefined
    ? NOT_AVAILABLE
    : n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 0.2048 → "20.5%". */
export function formatShare(n: number | null | undefined): string {
  return n === null || n === undefined ? NOT_AVAILABLE : `${formatDecimal(n * 100)}%`;
}

export function districtTypeLabel(d: District): string {
  return d.type === 'unitary authority' ? 'Unitary authority' : 'County district';
}

export const localityAnchor = (code: string) => code.toLowerCase();

/** The columns of the districts table on /areas. */
export function districtRow(d: DistrictOverview) {
  return {
    code: d.code,
    name: d.name,
    type: districtTypeLabel(d),
    policeForce: d.policeForce,
    imdRankOfAverageRank: formatWhole(d.summary['imd_rank_of_average_rank']),
    imdMostDeprived10: formatShare(d.summary['imd_proportion_of_lsoas_in_most_deprived_10_pct_nationally']),
    children: formatWhole(d.derived.children0To15),
  };
}

export function derivedRows(f: LsoaDerivedFigures): { label: string; value: string }[] {
  return [
    { label: 'LSOAs (2011)', value: formatWhole(f.lsoaCount) },
    { label: 'Population (mid-2015)', value: formatWhole(f.population) },
    { label: 'Children aged 0 to 15 (mid-2015)', value: formatWhole(f.children0To15) },
    {
      label: 'Population-weighted average IMD rank (1 = most deprived)',
      value: formatWhole(f.populationWeightedImdRank),
    },
    { label: 'LSOAs in the most deprived 10% nationally', value: formatShare(f.shareInMostDeprivedDecile) },
  ];
}

/** One row per File 10 sheet: the district's average rank, its rank among 317 districts, score and share. */
export function file10Rows(summary: Record<string, number>) {
  return FILE10_SHEETS.map((s) => ({
    domain: s.official,
    averageRank: formatDecimal(summary[`${s.prefix}_average_rank`], 0),
    rankOfAverageRank: formatWhole(summary[`${s.prefix}_rank_of_average_rank`]),
    averageScore: formatDecimal(summary[`${s.prefix}_average_score`], 3),
    mostDeprived10: formatShare(
      summary[`${s.prefix}_proportion_of_lsoas_in_most_deprived_10_pct_nationally`],
    ),
  })).filter((r) => r.averageRank !== NOT_AVAILABLE || r.rankOfAverageRank !== NOT_AVAILABLE);
}
