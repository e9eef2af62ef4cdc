// IoD2019 File 10 (local authority district summaries, lower tier): one CSV per sheet of the
// official workbook. Measures are stored under our snake_case names whichever header the file used.
import type { ColumnSpec } from './reference-csv.ts';

interface SheetSpec {
  sheet: string;
  /** Prefix of our column names, e.g. "education_skills_and_training". */
  prefix: string;
  /** Prefix of the official headers, e.g. "Education, Skills and Training". */
  official: string;
  extras?: [snake: string, official: string][];
}

export const FILE10_SHEETS: readonly SheetSpec[] = [
  {
    sheet: 'imd',
    prefix: 'imd',
    official: 'IMD',
    extras: [
      ['imd_extent', 'IMD 2019 - Extent'],
      ['imd_rank_of_extent', 'IMD 2019 - Rank of extent'],
      ['imd_local_concentration', 'IMD 2019 - Local concentration'],
      ['imd_rank_of_local_concentration', 'IMD 2019 - Rank of local concentration'],
    ],
  },
  {
    sheet: 'income',
    prefix: 'income',
    official: 'Income',
    extras: [
      ['income_scale', 'Income scale'],
      ['rank_of_income_scale', 'Rank of Income Scale'],
    ],
  },
  {
    sheet: 'employment',
    prefix: 'employment',
    official: 'Employment',
    extras: [
      ['employment_scale', 'Employment scale'],
      ['rank_of_employment_scale', 'Rank of Employment Scale'],
    ],
  },
  { sheet: 'education', prefix: 'education_skills_and_training', official: 'Education, Skills and Training' },
  {
    sheet: 'health',
    prefix: 'health_deprivation_and_disability',
    official: 'Health Deprivation and Disability',
  },
  { sheet: 'crime', prefix: 'crime', official: 'Crime' },
  {
    sheet: 'barriers',
    prefix: 'barriers_to_housing_and_services',
    official: 'Barriers to Housing and Services',
  },
  { sheet: 'living', prefix: 'living_environment', official: 'Living Environment' },
  { sheet: 'idaci', prefix: 'idaci', official: 'IDACI' },
  { sheet: 'idaopi', prefix: 'idaopi', official: 'IDAOPI' },
];

const STANDARD_MEASURES: [suffix: string, official: string][] = [
  ['average_rank', 'Average rank'],
  ['rank_of_average_rank', 'Rank of average rank'],
  ['average_score', 'Average score'],
  ['rank_of_average_score', 'Rank of average score'],
  [
    'proportion_of_lsoas_in_most_deprived_10_pct_nationally',
    'Proportion of LSOAs in most deprived 10% nationally',
  ],
  [
    'rank_of_proportion_of_lsoas_in_most_deprived_10_pct_nationally',
    'Rank of proportion of LSOAs in most deprived 10% nationally',
  ],
];

/** Number of lower-tier districts in England in 2019: the range of File 10's "rank of" columns. */
export const ENGLAND_DISTRICTS_2019 = 317;

export function file10Columns(spec: SheetSpec): ColumnSpec[] {
  const measures = [
    ...STANDARD_MEASURES.map(([suffix, official]) => [
      `${spec.prefix}_${suffix}`,
      `${spec.official} - ${official}`,
    ]),
    ...(spec.extras ?? []),
  ];
  return [
    {
      key: 'district',
      label: 'local authority district code',
      names: ['lad19cd', 'Local Authority District code (2019)'],
      required: true,
    },
    ...measures.map(([snake, official], i) => ({
      key: snake!,
      label: `"${official}"`,
      names: [snake!, official!],
      // The average rank and its rank identify the sheet; other measures are kept when present.
      required: i < 2,
    })),
  ];
}

export type MeasureKind = 'district-rank' | 'lsoa-rank' | 'proportion' | 'count' | 'score';

/** How to check a File 10 value, from its measure name. */
export function measureKind(measure: string): MeasureKind {
  if (measure.startsWith('rank_of_') || measure.includes('_rank_of_')) return 'district-rank';
  if (measure.endsWith('_average_rank') || measure.endsWith('_local_concentration')) return 'lsoa-rank';
  if (measure.includes('_proportion_of_') || measure.endsWith('_extent')) return 'proportion';
  if (measure.endsWith('_scale')) return 'count';
  return 'score'; // health and living-environment scores can be negative
}
