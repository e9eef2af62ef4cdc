// The area hierarchy and the reference figures attached to it, as the rest of the platform sees them.

export const AREA_LEVELS = ['pathfinder', 'locality', 'district', 'ward', 'lsoa'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** ONS terms for the two kinds of district in the Pathfinder (no metropolitan or London boroughs here). */
export type DistrictType = 'non-metropolitan district' | 'unitary authority';

export interface CodeAndName {
  code: string;
  name: string;
}

export interface Locality extends CodeAndName {
  /** The ceremonial county, which groups Peterborough with Cambridgeshire and Southend/Thurrock with Essex. */
  ceremonialCounty: string;
  /** Force name as police.uk writes it ("Falls within"). */
  policeForce: string;
  policeForceArea: CodeAndName;
}

/** Facts about one of the 32 districts (LAD 2019 codes, unchanged to 2025 for this area). */
export interface District extends CodeAndName {
  type: DistrictType;
  localityCode: string;
  /** ONS county (E10), null for unitary authorities. */
  county: CodeAndName | null;
  upperTier: CodeAndName;
  combinedAuthority: CodeAndName | null;
  region: CodeAndName;
  communitySafetyPartnerships: CodeAndName[];
  policeForce: string;
  policeForceArea: CodeAndName;
  ceremonialCounty: string;
  /** LSOAs (2011) in the district according to IoD2019 File 1: what a complete import must contain. */
  lsoaCount: number;
}

export interface Area extends CodeAndName {
  level: AreaLevel;
  parentCode: string | null;
  vintage: string | null;
}

/** Figures derived from the LSOAs in an area (mid-2015 populations, IMD 2019 ranks). */
export interface LsoaDerivedFigures {
  lsoaCount: number;
  population: number | null;
  children0To15: number | null;
  /** Mean LSOA IMD rank weighted by total population; 1 = most deprived, as in File 1. */
  populationWeightedImdRank: number | null;
  /** Share (0..1) of the area's LSOAs in the most deprived 10% nationally (IMD decile 1). */
  shareInMostDeprivedDecile: number | null;
}

/** IoD2019 File 10 figures for a district, keyed by the snake_case measure name (e.g. imd_rank_of_average_rank). */
export type DistrictSummary = Record<string, number>;

export interface DistrictOverview extends District {
  summary: DistrictSummary;
  derived: LsoaDerivedFigures;
}

export interface LocalityOverview extends Locality {
  districts: DistrictOverview[];
}

export interface WardFigures extends CodeAndName {
  derived: LsoaDerivedFigures;
}

export interface DistrictProfile {
  district: DistrictOverview;
  locality: Locality;
  wards: WardFigures[];
  wardVintage: string;
}
