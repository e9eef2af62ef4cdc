// The partner organisations of the four Pathfinder localities, built in because they are facts of the
// partnership, not data: police forces, BTP, ERSOU, the county and unitary councils' children's
// services, education and housing teams, health and substance-misuse services, and the programme team.
import type { SupplierKind } from '../catalogue/catalogue.model.ts';

export type OrganisationKind = Exclude<SupplierKind, 'reference_data'>;

export interface Organisation {
  /** Stable, kebab-case; used in file names, URLs and CLI arguments. */
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The locality it serves, or null for partnership-wide bodies (BTP, ERSOU, programme team). */
  localityCode: string | null;
  /** The districts (LAD codes) it may report for. */
  districtCodes: readonly string[];
}

const NORFOLK = ['E07000143', 'E07000144', 'E07000145', 'E07000146', 'E07000147', 'E07000148', 'E07000149'];
const SUFFOLK = ['E07000200', 'E07000202', 'E07000203', 'E07000244', 'E07000245'];
const CAMBRIDGESHIRE_CC = ['E07000008', 'E07000009', 'E07000010', 'E07000011', 'E07000012'];
const PETERBOROUGH = ['E06000031'];
const ESSEX_CC = [
  'E07000066',
  'E07000067',
  'E07000068',
  'E07000069',
  'E07000070',
  'E07000071',
  'E07000072',
  'E07000073',
  'E07000074',
  'E07000075',
  'E07000076',
  'E07000077',
];
const SOUTHEND = ['E06000033'];
const THURROCK = ['E06000034'];
const CAMBRIDGESHIRE = [...CAMBRIDGESHIRE_CC, ...PETERBOROUGH];
const ESSEX = [...ESSEX_CC, ...SOUTHEND, ...THURROCK];
const ALL = [...NORFOLK, ...SUFFOLK, ...CAMBRIDGESHIRE, ...ESSEX];

interface Council {
  slug: string;
  name: string;
  locality: string;
  districts: string[];
}

const COUNCILS: Council[] = [
  { slug: 'norfolk-cc', name: 'Norfolk County Council', locality: 'LOC-NORFOLK', districts: NORFOLK },
  { slug: 'suffolk-cc', name: 'Suffolk County Council', locality: 'LOC-SUFFOLK', districts: SUFFOLK },
  {
    slug: 'cambridgeshire-cc',
    name: 'Cambridgeshire County Council',
    locality: 'LOC-CAMBRIDGESHIRE',
    districts: CAMBRIDGESHIRE_CC,
  },
  {
    slug: 'peterborough-cc',
    name: 'Peterborough City Council',
    locality: 'LOC-CAMBRIDGESHIRE',
    districts: PETERBOROUGH,
  },
  { slug: 'essex-cc', name: 'Essex County Council', locality: 'LOC-ESSEX', districts: ESSEX_CC },
  { slug: 'southend-cc', name: 'Southend-on-Sea City Council', locality: 'LOC-ESSEX', districts: SOUTHEND },
  { slug: 'thurrock', name: 'Thurrock Council', locality: 'LOC-ESSEX', districts: THURROCK },
];

const COUNCIL_SERVICES: { suffix: string; label: string; kind: OrganisationKind }[] = [
  { suffix: 'childrens-services', label: "children's services", kind: 'local_authority' },
  { suffix: 'education', label: 'education', kind: 'education' },
  { suffix: 'housing', label: 'housing', kind: 'housing' },
];

const LOCALITIES: { code: string; slug: string; name: string; districts: string[] }[] = [
  { code: 'LOC-NORFOLK', slug: 'norfolk', name: 'Norfolk', districts: NORFOLK },
  { code: 'LOC-SUFFOLK', slug: 'suffolk', name: 'Suffolk', districts: SUFFOLK },
  {
    code: 'LOC-CAMBRIDGESHIRE',
    slug: 'cambridgeshire',
    name: 'Cambridgeshire and Peterborough',
    districts: CAMBRIDGESHIRE,
  },
  { code: 'LOC-ESSEX', slug: 'essex', name: 'Essex, Southend-on-Sea and Thurrock', districts: ESSEX },
];

const POLICE: Organisation[] = [
  {
    id: 'norfolk-constabulary',
    name: 'Norfolk Constabulary',
    kind: 'police',
    localityCode: 'LOC-NORFOLK',
    districtCodes: NORFOLK,
  },
  {
    id: 'suffolk-constabulary',
    name: 'Suffolk Constabulary',
    kind: 'police',
    localityCode: 'LOC-SUFFOLK',
    districtCodes: SUFFOLK,
  },
  {
    id: 'cambridgeshire-constabulary',
    name: 'Cambridgeshire Constabulary',
    kind: 'police',
    localityCode: 'LOC-CAMBRIDGESHIRE',
    districtCodes: CAMBRIDGESHIRE,
  },
  {
    id: 'essex-police',
    name: 'Essex Police',
    kind: 'police',
    localityCode: 'LOC-ESSEX',
    districtCodes: ESSEX,
  },
];

export const BUILT_IN_ORGANISATIONS: readonly Organisation[] = [
  ...POLICE,
  { id: 'btp', name: 'British Transport Police', kind: 'btp', localityCode: null, districtCodes: ALL },
  {
    id: 'ersou',
    name: 'Eastern Region Special Operations Unit (ERSOU)',
    kind: 'ersou',
    localityCode: null,
    districtCodes: ALL,
  },
  ...COUNCILS.flatMap((c) =>
    COUNCIL_SERVICES.map((s) => ({
      id: `${c.slug}-${s.suffix}`,
      name: `${c.name} ${s.label}`,
      kind: s.kind,
      localityCode: c.locality,
      districtCodes: c.districts,
    })),
  ),
  ...LOCALITIES.map((l) => ({
    id: `${l.slug}-health`,
    name: `${l.name} health and substance-misuse services`,
    kind: 'health' as const,
    localityCode: l.code,
    districtCodes: l.districts,
  })),
  {
    id: 'pathfinder-programme',
    name: 'County Lines Pathfinder programme team',
    kind: 'programme',
    localityCode: null,
    districtCodes: ALL,
  },
];

export function findOrganisation(id: string): Organisation | undefined {
  return BUILT_IN_ORGANISATIONS.find((o) => o.id === id);
}
