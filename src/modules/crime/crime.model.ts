// Police.uk street-level crime as the rest of the platform sees it: the 14 police.uk crime types (as
// codes of the catalogue's crime-type dimension), the four forces, the per-file import report and the
// read models behind crime shares and crime counts.

/** The 14 police.uk categories (since May 2013), as police.uk writes them, with their dimension codes. */
export const CRIME_TYPES = [
  { code: 'anti-social-behaviour', label: 'Anti-social behaviour' },
  { code: 'bicycle-theft', label: 'Bicycle theft' },
  { code: 'burglary', label: 'Burglary' },
  { code: 'criminal-damage-arson', label: 'Criminal damage and arson' },
  { code: 'drugs', label: 'Drugs' },
  { code: 'other-theft', label: 'Other theft' },
  { code: 'possession-of-weapons', label: 'Possession of weapons' },
  { code: 'public-order', label: 'Public order' },
  { code: 'robbery', label: 'Robbery' },
  { code: 'shoplifting', label: 'Shoplifting' },
  { code: 'theft-from-the-person', label: 'Theft from the person' },
  { code: 'vehicle-crime', label: 'Vehicle crime' },
  { code: 'violence-and-sexual-offences', label: 'Violence and sexual offences' },
  { code: 'other-crime', label: 'Other crime' },
] as const;

export type CrimeType = (typeof CRIME_TYPES)[number]['code'];

export const CRIME_TYPE_CODES: readonly CrimeType[] = CRIME_TYPES.map((t) => t.code);

export const ASB: CrimeType = 'anti-social-behaviour';

/**
 * What "crime" means in shares unless the caller says otherwise: every police.uk type except
 * anti-social behaviour, which is an incident rather than a notifiable crime (as in Fingertips and
 * the ONS police recorded crime series). ASB counts are still imported and can be asked for.
 */
export const DEFAULT_EXCLUDED_TYPES: readonly CrimeType[] = [ASB];

/** The police.uk crime types used as proxies for county-lines activity. */
export const PROXY_CRIME_TYPES: readonly CrimeType[] = [
  'drugs',
  'possession-of-weapons',
  'violence-and-sexual-offences',
];

export function isCrimeType(code: string): code is CrimeType {
  return (CRIME_TYPE_CODES as readonly string[]).includes(code);
}

/** The Pathfinder forces as police.uk names them ("Falls within"), with the force part of the file name. */
export const FORCES = [
  { name: 'Norfolk Constabulary', slug: 'norfolk' },
  { name: 'Suffolk Constabulary', slug: 'suffolk' },
  { name: 'Cambridgeshire Constabulary', slug: 'cambridgeshire' },
  { name: 'Essex Police', slug: 'essex' },
] as const;

/** A place rows fell outside their force's area: another Pathfinder district, or somewhere else. */
export interface OutsideArea {
  /** The district code when in the Pathfinder; null outside it (police.uk gives only the LSOA name). */
  code: string | null;
  /** District name (outside the Pathfinder: the LSOA name without its "008A" suffix). */
  name: string;
  inPathfinder: boolean;
  rows: number;
}

/** What one police.uk file held and what became of each row. rowsRead = counted + noLocation.rows + outsideArea.rows. */
export interface PoliceUkFileReport {
  /** The file's name (without its folder). */
  file: string;
  sha256: string;
  /** YYYY-MM. */
  month: string;
  /** "Falls within", e.g. "Norfolk Constabulary". */
  force: string;
  rowsRead: number;
  /** Rows located in one of the force's own districts: these are the counts (ASB included, as its own type). */
  counted: number;
  /** Counted rows other than anti-social behaviour: the "crime" in crime shares. */
  countedCrimes: number;
  /** Anti-social behaviour rows (police.uk gives them no Crime ID): all of them, and those counted. */
  asb: { rows: number; counted: number };
  /** Rows with no LSOA code (police.uk could not place them): not counted. */
  noLocation: { rows: number; asb: number };
  /** Rows placed outside the force's own districts: not counted. */
  outsideArea: {
    rows: number;
    inOtherPathfinderDistrict: number;
    outsidePathfinder: number;
    areas: OutsideArea[];
  };
  /** Rows other than ASB with a blank Crime ID (police.uk normally gives every crime one): counted as usual. */
  crimesWithoutId: number;
  /** Counted rows by crime type code (all 14 codes present). */
  byCrimeType: Record<CrimeType, number>;
}

export interface PoliceUkFileImport extends PoliceUkFileReport {
  /** The earlier import of the same month and force whose counts this file replaced, if any. */
  replaced: {
    importId: number;
    file: string;
    sha256: string;
    counted: number;
    /** The same bytes (SHA-256) as before: the counts are as they were. */
    sameFile: boolean;
  } | null;
}

export interface PoliceUkTotals {
  files: number;
  rowsRead: number;
  counted: number;
  countedCrimes: number;
  asb: number;
  asbCounted: number;
  noLocation: number;
  outsideArea: number;
  inOtherPathfinderDistrict: number;
  outsidePathfinder: number;
  byCrimeType: Record<CrimeType, number>;
}

export interface PoliceUkImportReport {
  importId: number;
  importedAt: Date;
  importedBy: string;
  durationMs: number;
  files: PoliceUkFileImport[];
  totals: PoliceUkTotals;
  /** Always false: ASB is counted as its own type but left out of crime shares by default. */
  asbInCrimeShares: false;
}

/** One month and force whose counts are in the database now. */
export interface CrimeSource {
  month: string;
  force: string;
  file: string;
  sha256: string;
  rowsRead: number;
  counted: number;
  importId: number;
  importedAt: Date;
  importedBy: string;
}

/** Localities share the Pathfinder's crime; districts and wards their locality's. */
export type CrimeShareLevel = 'locality' | 'district' | 'ward';
export type CrimeCountLevel = 'locality' | 'district' | 'ward' | 'lsoa';

/** The months to count. With none of these, the latest month imported. */
export interface PeriodOptions {
  /** One month, YYYY-MM (instead of from/to). */
  month?: string;
  /** First month, YYYY-MM; default (when `to` is given) the earliest month imported. */
  from?: string;
  /** Last month, YYYY-MM; default (when `from` is given) the latest month imported. */
  to?: string;
}

export interface CrimeSharesOptions extends PeriodOptions {
  level?: CrimeShareLevel;
  /** Crime type codes left out of counts and denominators; default ['anti-social-behaviour']. */
  excludeTypes?: readonly string[];
}

/** A locality's police.uk coverage in the period and its denominator. */
export interface CrimeLocality {
  code: string;
  name: string;
  policeForce: string;
  /** Months of the period with this force's file imported; months without one add nothing. */
  months: string[];
  /** Months of the period with some force's file imported but not this one's. */
  monthsMissing: string[];
  /** All located crime (of the included types) in the locality's districts: the share denominator. */
  count: number;
  /** count ÷ the Pathfinder's count (all four localities), 0..1; null when there is none. */
  share: number | null;
}

export interface CrimeShare {
  code: string;
  name: string;
  level: CrimeShareLevel;
  /** Null for localities. */
  districtCode: string | null;
  districtName: string | null;
  localityCode: string;
  localityName: string;
  count: number;
  /**
   * Districts and wards: count ÷ the locality's count; localities: count ÷ the Pathfinder's. 0..1;
   * null when the denominator is zero (no file or no crime).
   */
  share: number | null;
  /** Wards only: count ÷ the district's count, 0..1; null for districts or when the district has none. */
  districtShare: number | null;
}

export interface CrimeSharesResult {
  level: CrimeShareLevel;
  /** The period, YYYY-MM; null when no police.uk data has been imported. */
  from: string | null;
  to: string | null;
  excludedTypes: CrimeType[];
  includedTypes: CrimeType[];
  /** What each share is a share of, in words. */
  denominator: string;
  localities: CrimeLocality[];
  /** The four localities' crime together: the denominator of the locality shares. */
  pathfinderCount: number;
  areas: CrimeShare[];
  /** Counts on LSOAs that the area hierarchy no longer has (after a reference re-import): in no share. */
  unplaced: number;
}

export interface CrimeCountsOptions extends PeriodOptions {
  level: CrimeCountLevel;
  /** Crime type codes; default the three proxies (drugs, possession of weapons, violence and sexual offences). */
  crimeTypes?: readonly string[];
  /** One row per month (months with the locality's file only) instead of totals over the period. */
  byMonth?: boolean;
}

export interface CrimeCountRow {
  areaCode: string;
  areaName: string;
  level: CrimeCountLevel;
  districtCode: string | null;
  localityCode: string;
  /** YYYY-MM when byMonth, else null (the period's total). */
  month: string | null;
  crimeType: CrimeType;
  count: number;
}

export interface CrimeCountsResult {
  level: CrimeCountLevel;
  from: string | null;
  to: string | null;
  crimeTypes: CrimeType[];
  localities: Omit<CrimeLocality, 'count' | 'share'>[];
  rows: CrimeCountRow[];
  unplaced: number;
}
