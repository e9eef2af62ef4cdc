// The columns of each reference file: our snake_case header first, then the official header(s) as
// published by MHCLG (IoD2019) and ONS (lookups). Headers are compared case-insensitively, so the
// ONS upper-case codes (LSOA11CD, WD19CD …) match the lower-case ones in ../shared/data.
import type { ColumnSpec } from './reference-csv.ts';

const col = <K extends string>(key: K, label: string, names: string[], required = true): ColumnSpec<K> => ({
  key,
  label,
  names,
  required,
});

export const LSOA_CODE = col('lsoa', 'LSOA code', ['lsoa11cd', 'LSOA code (2011)']);
export const LSOA_NAME = col('lsoaName', 'LSOA name', ['lsoa11nm', 'LSOA name (2011)'], false);
export const DISTRICT_2019 = col('district', 'local authority district code', [
  'lad19cd',
  'Local Authority District code (2019)',
]);
export const DISTRICT_NAME_2019 = col(
  'districtName',
  'local authority district name',
  ['lad19nm', 'Local Authority District name (2019)'],
  false,
);
const optional = <K extends string>(c: ColumnSpec<K>): ColumnSpec<K> => ({ ...c, required: false });

const rankAndDecile = <R extends string, D extends string>(
  rankKey: R,
  decileKey: D,
  label: string,
  snake: string,
  officials: string[],
  required = true,
) => [
  col(rankKey, `${label} rank`, [`${snake}_rank`, ...officials.map((o) => `${o} Rank`)], required),
  col(decileKey, `${label} decile`, [`${snake}_decile`, ...officials.map((o) => `${o} Decile`)], required),
];

/** IoD2019 File 1 (IMD). The official header has "(where 1 is most deprived)" in Files 2, 3 and 7 only. */
export const IMD_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  DISTRICT_2019,
  DISTRICT_NAME_2019,
  ...rankAndDecile('imdRank', 'imdDecile', 'IMD', 'imd', ['Index of Multiple Deprivation (IMD)']),
] as const;

/** IoD2019 File 2: the seven domains. */
export const DOMAIN_KEYS = [
  'income',
  'employment',
  'education',
  'health',
  'crime',
  'barriers',
  'living_environment',
] as const;
export type DomainKey = (typeof DOMAIN_KEYS)[number];

const DOMAIN_HEADERS: Record<DomainKey, { label: string; snake: string; official: string }> = {
  income: { label: 'income', snake: 'income', official: 'Income' },
  employment: { label: 'employment', snake: 'employment', official: 'Employment' },
  education: {
    label: 'education, skills and training',
    snake: 'education_skills_training',
    official: 'Education, Skills and Training',
  },
  health: {
    label: 'health deprivation and disability',
    snake: 'health_disability',
    official: 'Health Deprivation and Disability',
  },
  crime: { label: 'crime', snake: 'crime', official: 'Crime' },
  barriers: {
    label: 'barriers to housing and services',
    snake: 'barriers_housing_services',
    official: 'Barriers to Housing and Services',
  },
  living_environment: {
    label: 'living environment',
    snake: 'living_environment',
    official: 'Living Environment',
  },
};

export const DOMAIN_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  optional(DISTRICT_2019),
  ...DOMAIN_KEYS.flatMap((d) => {
    const h = DOMAIN_HEADERS[d];
    return rankAndDecile(`${d}_rank`, `${d}_decile`, h.label, h.snake, [h.official]);
  }),
];

/** IoD2019 File 3: IDACI and IDAOPI. The shared England file has only the LSOA code and the indices. */
export const IDACI_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  optional(DISTRICT_2019),
  ...rankAndDecile('idaciRank', 'idaciDecile', 'IDACI', 'idaci', [
    'Income Deprivation Affecting Children Index (IDACI)',
  ]),
  ...rankAndDecile(
    'idaopiRank',
    'idaopiDecile',
    'IDAOPI',
    'idaopi',
    [
      'Income Deprivation Affecting Older People (IDAOPI)',
      'Income Deprivation Affecting Older People Index (IDAOPI)',
    ],
    false,
  ),
];

/** IoD2019 File 6: population denominators, mid-2015, excluding prisoners. */
export const POPULATION_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  optional(DISTRICT_2019),
  col('total', 'total population', [
    'total_pop_mid2015_excl_prisoners',
    'Total population: mid 2015 (excluding prisoners)',
  ]),
  col('children', 'children aged 0 to 15', [
    'children_0_15_mid2015_excl_prisoners',
    'Dependent Children aged 0-15: mid 2015 (excluding prisoners)',
  ]),
  col(
    'aged16to59',
    'population aged 16 to 59',
    ['pop_16_59_mid2015_excl_prisoners', 'Population aged 16-59: mid 2015 (excluding prisoners)'],
    false,
  ),
  col(
    'aged60plus',
    'population aged 60 and over',
    [
      'pop_60plus_mid2015_excl_prisoners',
      'Older population aged 60 and over: mid 2015 (excluding prisoners)',
    ],
    false,
  ),
  col(
    'workingAge',
    'working age population',
    [
      'working_age_pop_18_59_64_excl_prisoners',
      'Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)',
    ],
    false,
  ),
];

/** ONS LSOA (2011) to Ward (2019) best-fit lookup: LSOA11CD, WD19CD, WD19NM, LAD19CD. */
export const LSOA_WARD_2019_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  col('ward', 'ward code', ['wd19cd']),
  col('wardName', 'ward name', ['wd19nm']),
  col('district', 'local authority district code', ['lad19cd']),
];

/** ONS Ward (2019) to LAD to County lookup: WD19CD, WD19NM, LAD19CD, CTY19CD, CTY19NM. */
export const WARD_2019_COLUMNS = [
  col('ward', 'ward code', ['wd19cd']),
  col('wardName', 'ward name', ['wd19nm']),
  col('district', 'local authority district code', ['lad19cd']),
  col('county', 'county code', ['cty19cd'], false),
  col('countyName', 'county name', ['cty19nm'], false),
];

/** Derived best-fit of 2011 LSOAs to May-2025 wards (the wards we have boundaries for). */
export const LSOA_WARD_2025_COLUMNS = [
  LSOA_CODE,
  LSOA_NAME,
  col('ward', 'ward code', ['wd25cd']),
  col('wardName', 'ward name', ['wd25nm']),
  col('district', 'local authority district code', ['lad25cd', 'lad19cd']),
];
