// The shape of an indicator in the Recommended Minimum Dataset catalogue.
// Columns A–H are the Dataset spreadsheet's, named exactly as section 2.2 of the report names them;
// everything else is a machine field the platform needs to collect, check and analyse the indicator.

export const CATEGORIES = [
  'Arrests/detentions',
  'Education',
  'Familial context',
  'Housing/accommodation',
  'Missing episodes',
  'Young people known to services',
  'Police operations',
  'Referrals',
  'Substance misuse',
  'Healthcare',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** agreed: in the report's indicator table; described: in sections 2.3.x / 3.1 only; proposed: section 3.2. */
export const STATUSES = ['agreed', 'described', 'proposed'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<IndicatorStatus, string> = {
  agreed: 'Agreed (indicator table)',
  described: 'Described in report',
  proposed: 'Proposed extension',
};

export const VALUE_TYPES = ['count', 'rank', 'category', 'duration', 'proportion'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export const PERIOD_KINDS = [
  'month',
  'quarter',
  'year',
  'rolling-12-months',
  'rolling-5-years',
  'snapshot',
] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  month: 'Month',
  quarter: 'Quarter',
  year: 'Year',
  'rolling-12-months': 'Rolling 12 months',
  'rolling-5-years': 'Rolling 5 years',
  snapshot: 'Snapshot',
};

export const AREA_LEVELS = ['pathfinder', 'locality', 'district', 'ward'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** Which direction of change is better; no-judgement for context measures such as deprivation. */
export const POLARITIES = ['higher-is-worse', 'lower-is-worse', 'no-judgement'] as const;
export type Polarity = (typeof POLARITIES)[number];

export const ACHIEVABILITY = ['short-term', 'long-term', 'not-assessed'] as const;
export type Achievability = (typeof ACHIEVABILITY)[number];

/** Restricted intelligence (ERSOU, CLICM) is visible only to the intelligence tier. */
export const TIERS = ['partnership', 'restricted-intelligence', 'public-reference'] as const;
export type Tier = (typeof TIERS)[number];

/** Kinds of organisation that supply indicators (DESIGN.md §5 organisation.kind) plus open reference data. */
export const SUPPLIER_KINDS = [
  'police',
  'btp',
  'ersou',
  'local_authority',
  'education',
  'housing',
  'health',
  'programme',
  'reference_data',
] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];

export interface Provenance {
  /** table: a row of the report's indicator table; section: described in the report's text. */
  kind: 'table' | 'section';
  /** Table row number (1–19) when kind is table. */
  row?: number;
  /** Report section, e.g. "2.3.1" or "3.1.3". */
  section?: string;
  /** What was taken from where, e.g. "Columns A–G from table row 5; column H from section 3.1". */
  note: string;
}

export interface Indicator {
  /** Stable machine id, kebab-case; never reused or renamed. */
  id: string;
  // Spreadsheet columns A–H.
  category: Category;
  name: string;
  granularity: string;
  source: string;
  dataType: string;
  purpose: string;
  caveats: string;
  combinationsText: string;
  // Machine fields.
  status: IndicatorStatus;
  provenance: Provenance;
  valueType: ValueType;
  unit: string;
  periodKind: PeriodKind;
  areaLevels: AreaLevel[];
  /** Dimension ids from DIMENSIONS; every value of the dimension is allowed. */
  dimensions: string[];
  polarity: Polarity;
  /** Ids from COMBINATIONS. */
  combinations: string[];
  achievability: Achievability;
  suppliers: SupplierKind[];
  tier: Tier;
}

/** The spreadsheet's columns A–H, in order, with the header text of the report's section 2.2. */
export const SPREADSHEET_COLUMNS = [
  { letter: 'A', header: 'Category', key: 'category' },
  { letter: 'B', header: 'Indicator', key: 'name' },
  { letter: 'C', header: 'Granularity', key: 'granularity' },
  { letter: 'D', header: 'Source', key: 'source' },
  { letter: 'E', header: 'Data type', key: 'dataType' },
  { letter: 'F', header: 'Purpose', key: 'purpose' },
  { letter: 'G', header: 'Caveats', key: 'caveats' },
  { letter: 'H', header: 'Combinations', key: 'combinationsText' },
] as const satisfies readonly { letter: string; header: string; key: keyof Indicator }[];
