// Fixture builders for the analysis tests (not a test file itself): controlled tables, input figures
// and published counts from plain numbers, so each test can state its figures as a small grid and
// work out the expected outputs by hand.
//
// A cell is given as
// - a number: a shown count (text "1,234");
// - `'c'`: suppressed, `[c]`; `'low'`: `[low]`; `'x'`: not available, `[x]`; `'z'`: not applicable, `[z]`;
// - `{ value, markers }`: a shown count with GSS markers ("12 [p]");
// - `{ band }`: the banded text a restricted-intelligence table shows instead of a count ("Fewer than 10"),
//   with no value and no symbol, as the data service builds it.
import { BUILT_IN_CATALOGUE } from '../../catalogue/catalogue.builtin.ts';
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import type { ControlledTable, ViewTier } from '../../data/data.service.ts';
import type { TableLevel } from '../../data/indicator-table.ts';
import type { GssMarker, OutputCell } from '../../disclosure/disclosure.model.ts';
import type { Denominators } from '../indicator-analysis.ts';
import type { PublishedCount } from '../measures.ts';
import type { LocalityArea } from './combination.model.ts';
import { inputFigures, type InputFigures } from './inputs.ts';

export type CellSpec =
  number | 'c' | 'low' | 'x' | 'z' | { value: number; markers: readonly GssMarker[] } | { band: string };
/** A table's rows by area code: the total cell, or the total then the breakdown's cells. */
export type Rows = Record<string, CellSpec | CellSpec[]>;
/** Each area's cells for the four quarters of a year, oldest first. */
export type Quarterly = Record<string, [CellSpec, CellSpec, CellSpec, CellSpec]>;

export interface FixtureArea {
  code: string;
  name: string;
  level: TableLevel;
  /** The locality of a district, the Pathfinder of a locality. */
  parentCode: string | null;
}

const area = (code: string, name: string, level: TableLevel, parentCode: string | null): FixtureArea => ({
  code,
  name,
  level,
  parentCode,
});

// The Pathfinder's real codes and names (geography.builtin.ts), and a few of its districts.
export const PF = area('PATHFINDER', 'County Lines Pathfinder', 'pathfinder', null);
export const NORFOLK = area('LOC-NORFOLK', 'Norfolk', 'locality', PF.code);
export const SUFFOLK = area('LOC-SUFFOLK', 'Suffolk', 'locality', PF.code);
export const CAMBS = area('LOC-CAMBRIDGESHIRE', 'Cambridgeshire and Peterborough', 'locality', PF.code);
export const ESSEX = area('LOC-ESSEX', 'Essex, Southend-on-Sea and Thurrock', 'locality', PF.code);
export const NORWICH = area('E07000148', 'Norwich', 'district', NORFOLK.code);
export const BRECKLAND = area('E07000143', 'Breckland', 'district', NORFOLK.code);
export const IPSWICH = area('E07000202', 'Ipswich', 'district', SUFFOLK.code);
export const BABERGH = area('E07000200', 'Babergh', 'district', SUFFOLK.code);
export const PETERBOROUGH = area('E06000031', 'Peterborough', 'district', CAMBS.code);
export const FENLAND = area('E07000010', 'Fenland', 'district', CAMBS.code);
export const BASILDON = area('E07000066', 'Basildon', 'district', ESSEX.code);
export const THURROCK = area('E06000034', 'Thurrock', 'district', ESSEX.code);

export const ALL_AREAS: readonly FixtureArea[] = [
  PF,
  NORFOLK,
  NORWICH,
  BRECKLAND,
  SUFFOLK,
  IPSWICH,
  BABERGH,
  CAMBS,
  PETERBOROUGH,
  FENLAND,
  ESSEX,
  BASILDON,
  THURROCK,
];

/** The Pathfinder and its four localities, as combinations 1 and 4 take them. */
export const UPPER_AREAS: readonly LocalityArea[] = [PF, NORFOLK, SUFFOLK, CAMBS, ESSEX].map(
  ({ code, name, level }) => ({ code, name, level }),
);

export function areaOf(code: string): FixtureArea {
  const found = ALL_AREAS.find((a) => a.code === code);
  if (!found) throw new Error(`no fixture area ${code}`);
  return found;
}

export function indicatorById(id: string): Indicator {
  const found = BUILT_IN_CATALOGUE.find((i) => i.id === id);
  if (!found) throw new Error(`no built-in indicator ${id}`);
  return found;
}

/** An output cell as disclosure control (or, for a band, the restricted view) would publish it. */
export function outputCell(key: string, spec: CellSpec): OutputCell {
  if (typeof spec === 'number') {
    return { key, value: spec, symbol: null, markers: [], text: spec.toLocaleString('en-GB') };
  }
  if (typeof spec === 'object' && 'band' in spec) {
    return { key, value: null, symbol: null, markers: [], text: spec.band };
  }
  if (typeof spec === 'object') {
    const text = [spec.value.toLocaleString('en-GB'), ...spec.markers].join(' ');
    return { key, value: spec.value, symbol: null, markers: [...spec.markers], text };
  }
  const symbol = ({ c: '[c]', low: '[low]', x: '[x]', z: '[z]' } as const)[spec];
  return { key, value: null, symbol, markers: [], text: symbol };
}

/** A published count as `publishedCount` gives it, for tests that call the measures directly. */
export const shown = (value: number, text = value.toLocaleString('en-GB')): PublishedCount => ({
  value,
  status: 'shown',
  text,
});
export const SUPPRESSED: PublishedCount = { value: null, status: 'suppressed', text: '[c]' };
export const NOT_AVAILABLE: PublishedCount = { value: null, status: 'not-available', text: '[x]' };
export const banded = (text: string): PublishedCount => ({ value: null, status: 'banded', text });

export interface TableSpec {
  indicator: Indicator | string;
  /** Area code → the total cell, or the total then each value of the indicator's first dimension. */
  rows: Readonly<Record<string, CellSpec | readonly CellSpec[]>>;
  period?: string;
  window?: { start: string; end: string } | null;
  tier?: ViewTier;
  /** The table's leaf level; the deepest level among the rows when not given. */
  level?: TableLevel;
  synthetic?: boolean;
}

const LEVELS: readonly TableLevel[] = ['pathfinder', 'locality', 'district', 'ward'];

/**
 * A controlled table with rows in the order given (give them in tree order: the Pathfinder, then each
 * locality followed by its districts). A row with more than one cell has the indicator's first
 * breakdown beside the total, its values in the dimension's order.
 */
export function controlledTable(spec: TableSpec): ControlledTable {
  const indicator = typeof spec.indicator === 'string' ? indicatorById(spec.indicator) : spec.indicator;
  const entries = Object.entries(spec.rows);
  const withBreakdown = entries.some(([, cells]) => Array.isArray(cells) && cells.length > 1);
  const dimension = withBreakdown ? findDimension(indicator.dimensions[0] ?? '') : undefined;
  if (withBreakdown && !dimension) throw new Error(`${indicator.id} has no breakdown`);
  const columns = ['total', ...(dimension?.values.map((v) => v.code) ?? [])];
  const rows = entries.map(([code, cellSpec]) => {
    const a = areaOf(code);
    const specs: readonly CellSpec[] = Array.isArray(cellSpec) ? cellSpec : [cellSpec as CellSpec];
    if (specs.length > columns.length) throw new Error(`${code}: more cells than columns`);
    return {
      code: a.code,
      name: a.name,
      level: a.level,
      cells: specs.map((s, i) => outputCell(`${a.code}|${columns[i]}`, s)),
    };
  });
  const level =
    spec.level ?? LEVELS[Math.max(0, ...rows.map((r) => LEVELS.indexOf(r.level)))] ?? ('district' as const);
  const tier = spec.tier ?? 'partnership';
  return {
    indicator,
    period: spec.period ?? '2026-Q3',
    window: spec.window === undefined ? { start: '2026-07-01', end: '2026-09-30' } : spec.window,
    tier,
    level,
    breakdown: dimension
      ? {
          dimension: dimension.id,
          label: dimension.label,
          values: dimension.values.map((v) => ({ code: v.code, label: v.label })),
        }
      : null,
    rows,
    synthetic: spec.synthetic ?? false,
    suppressedCount: rows.reduce((n, r) => n + r.cells.filter((c) => c.symbol === '[c]').length, 0),
    auditPassed: tier === 'own-organisation' ? null : true,
    tierReason: `fixture: ${tier}`,
    owners: ['fixture-organisation'],
  };
}

/** An input's figures from one table (its rows given as for `controlledTable`). */
export function figuresOf(
  indicatorId: string,
  rows: TableSpec['rows'],
  options: Omit<TableSpec, 'indicator' | 'rows'> = {},
): InputFigures {
  const indicator = indicatorById(indicatorId);
  return inputFigures(indicator, [controlledTable({ indicator, rows, ...options })], false);
}

/** An input's figures summed over consecutive quarters, each quarter's rows given as for `controlledTable`. */
export function quarterlyFiguresOf(
  indicatorId: string,
  quarters: readonly { period: string; window: { start: string; end: string }; rows: TableSpec['rows'] }[],
): InputFigures {
  const indicator = indicatorById(indicatorId);
  return inputFigures(
    indicator,
    quarters.map((q) => controlledTable({ indicator, ...q })),
    true,
  );
}

/** The four quarters to the end of 2026-Q3, oldest first, with their windows. */
export const YEAR_TO_2026_Q3 = [
  { period: '2025-Q4', window: { start: '2025-10-01', end: '2025-12-31' } },
  { period: '2026-Q1', window: { start: '2026-01-01', end: '2026-03-31' } },
  { period: '2026-Q2', window: { start: '2026-04-01', end: '2026-06-30' } },
  { period: '2026-Q3', window: { start: '2026-07-01', end: '2026-09-30' } },
] as const;

/** Splits per-area quarterly values (area → four cells, oldest first) into four quarters' rows. */
export function byQuarter(
  values: Readonly<Record<string, readonly [CellSpec, CellSpec, CellSpec, CellSpec]>>,
): { period: string; window: { start: string; end: string }; rows: Record<string, CellSpec> }[] {
  return YEAR_TO_2026_Q3.map((q, i) => ({
    ...q,
    rows: Object.fromEntries(Object.entries(values).map(([code, cells]) => [code, cells[i]!])),
  }));
}

export function denominators(
  byArea: Readonly<Record<string, number>>,
  label = 'children aged 0 to 15',
): Denominators {
  return { label, byArea: new Map(Object.entries(byArea)) };
}

/** A table's cells by area and column, for asserting: `cellsOf(table)['Norfolk'].rate`. */
export function cellsByName(
  rows: readonly { name: string; cells: Record<string, string> }[],
): Record<string, Record<string, string>> {
  return Object.fromEntries(rows.map((r) => [r.name, r.cells]));
}
