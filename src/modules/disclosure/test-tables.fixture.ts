// Tables for the disclosure tests: small hand-made ones, seeded random hierarchies, and independent
// checks (brute-force enumeration, "never alone") that do not share code with the engine.
import { createRandom } from '../demo/random.ts';
import { gridKeys, gridStructure, type AreaLink, type Dimension } from './additive-structure.ts';
import {
  cellKey,
  type AdditiveStructure,
  type CellKey,
  type Table,
  type TableCell,
} from './disclosure.model.ts';

/** A seeded generator (the demo's mulberry32), so every "random" table is the same on every run. */
export const seededRandom = (seed: number): (() => number) => createRandom(seed).next;

/**
 * A two-way table with margins, as an area hierarchy: rows are areas under `T`, columns a breakdown with
 * a `total`. `inner[r][c]` are the interior counts; every total is computed.
 */
export function twoWayTable(inner: readonly (readonly number[])[]): {
  table: Table;
  structure: AdditiveStructure;
  key: (row: number | 'T', col: number | 'total') => CellKey;
} {
  const rows = inner.map((_, r) => `R${r + 1}`);
  const cols = (inner[0] ?? []).map((_, c) => `C${c + 1}`);
  const areas: AreaLink[] = [{ code: 'T', parent: null }, ...rows.map((code) => ({ code, parent: 'T' }))];
  const dims: Dimension[] = [{ name: 'col', values: cols, total: 'total' }];
  const value = (r: number, c: number) => inner[r]?.[c] ?? 0;
  const key = (row: number | 'T', col: number | 'total') =>
    cellKey(row === 'T' ? 'T' : `R${row + 1}`, col === 'total' ? 'total' : `C${col + 1}`);
  const cells: TableCell[] = [];
  const rowIndex = (r: number | 'T') => (r === 'T' ? rows.map((_, i) => i) : [r]);
  const colIndex = (c: number | 'total') => (c === 'total' ? cols.map((_, i) => i) : [c]);
  for (const r of ['T' as const, ...rows.map((_, i) => i)]) {
    for (const c of ['total' as const, ...cols.map((_, i) => i)]) {
      let sum = 0;
      for (const ri of rowIndex(r)) for (const ci of colIndex(c)) sum += value(ri, ci);
      cells.push({ key: key(r, c), count: sum });
    }
  }
  return { table: { cells }, structure: gridStructure(areas, dims), key };
}

export interface HierarchyShape {
  readonly localities: number;
  readonly districtsPerLocality: number;
  readonly wardsPerDistrict: number;
  readonly breakdown: readonly string[];
}

/** Pathfinder → localities → districts → wards, as area links (codes P, L1, L1D1, L1D1W1…). */
export function hierarchyAreas(shape: HierarchyShape): AreaLink[] {
  const areas: AreaLink[] = [{ code: 'P', parent: null }];
  for (let l = 1; l <= shape.localities; l++) {
    const loc = `L${l}`;
    areas.push({ code: loc, parent: 'P' });
    for (let d = 1; d <= shape.districtsPerLocality; d++) {
      const dist = `${loc}D${d}`;
      areas.push({ code: dist, parent: loc });
      for (let w = 1; w <= shape.wardsPerDistrict; w++) areas.push({ code: `${dist}W${w}`, parent: dist });
    }
  }
  return areas;
}

/** A hierarchical table whose ward × breakdown counts come from `draw`; every total is their sum. */
export function hierarchyTable(
  areas: readonly AreaLink[],
  dims: readonly Dimension[],
  draw: (ward: string, labels: readonly string[]) => number,
): { table: Table; structure: AdditiveStructure; truth: Map<CellKey, number> } {
  const structure = gridStructure(areas, dims);
  const truth = new Map<CellKey, number>();
  const children = new Map<string, string[]>();
  for (const a of areas)
    if (a.parent !== null) children.set(a.parent, [...(children.get(a.parent) ?? []), a.code]);
  const leavesOf = (code: string): string[] => {
    const kids = children.get(code);
    return kids ? kids.flatMap(leavesOf) : [code];
  };
  const leafValues = new Map<CellKey, number>();
  const dim = dims[0];
  if (!dim || dims.length !== 1) throw new Error('hierarchyTable takes one breakdown dimension');
  for (const a of areas) {
    if (children.has(a.code)) continue;
    for (const v of dim.values) leafValues.set(cellKey(a.code, v), draw(a.code, [v]));
  }
  for (const key of gridKeys(areas, dims)) {
    const [area, label] = key.split('|') as [string, string];
    const labels = label === dim.total ? dim.values : [label];
    let sum = 0;
    for (const leaf of leavesOf(area)) for (const l of labels) sum += leafValues.get(cellKey(leaf, l)) ?? 0;
    truth.set(key, sum);
  }
  const table: Table = { cells: [...truth].map(([key, count]) => ({ key, count })) };
  return { table, structure, truth };
}

/** Small counts as in ward-level data: mostly 0–4, some larger. */
export function smallCount(random: () => number): number {
  const u = random();
  if (u < 0.3) return 0;
  if (u < 0.7) return 1 + Math.floor(random() * 4);
  if (u < 0.9) return 5 + Math.floor(random() * 10);
  return 15 + Math.floor(random() * 40);
}

/** Constraints where exactly one term is hidden (suppressed or not available) and it is suppressed. */
export function loneSuppressed(
  structure: AdditiveStructure,
  hidden: (key: CellKey) => boolean,
  suppressed: ReadonlySet<CellKey>,
): CellKey[] {
  const lone: CellKey[] = [];
  for (const c of structure.constraints) {
    const terms = [c.total, ...c.parts].filter(hidden);
    if (terms.length === 1 && suppressed.has(terms[0]!)) lone.push(terms[0]!);
  }
  return lone;
}

/**
 * Every whole-number completion of the suppressed interior cells of a two-way table whose margins are all
 * shown, by depth-first search: the exact integer feasible interval of each suppressed cell.
 */
export function bruteForceTwoWay(
  inner: readonly (readonly number[])[],
  hidden: readonly (readonly [number, number])[],
  floor = 1,
): Map<string, { lo: number; hi: number }> {
  const rowsLeft = inner.map((row, r) => row.reduce((s, v, c) => (isHidden(r, c) ? s + v : s), 0));
  const colsLeft = (inner[0] ?? []).map((_, c) =>
    inner.reduce((s, row, r) => (isHidden(r, c) ? s + (row[c] ?? 0) : s), 0),
  );
  function isHidden(r: number, c: number): boolean {
    return hidden.some(([hr, hc]) => hr === r && hc === c);
  }
  const result = new Map<string, { lo: number; hi: number }>();
  const values: number[] = [];
  const search = (i: number): void => {
    if (i === hidden.length) {
      if (rowsLeft.every((v) => v === 0) && colsLeft.every((v) => v === 0)) {
        hidden.forEach(([r, c], k) => {
          const id = `${r},${c}`;
          const v = values[k] as number;
          const seen = result.get(id);
          result.set(id, seen ? { lo: Math.min(seen.lo, v), hi: Math.max(seen.hi, v) } : { lo: v, hi: v });
        });
      }
      return;
    }
    const [r, c] = hidden[i]!;
    const max = Math.min(rowsLeft[r] as number, colsLeft[c] as number);
    for (let v = floor; v <= max; v++) {
      rowsLeft[r] = (rowsLeft[r] as number) - v;
      colsLeft[c] = (colsLeft[c] as number) - v;
      values.push(v);
      search(i + 1);
      values.pop();
      rowsLeft[r] = (rowsLeft[r] as number) + v;
      colsLeft[c] = (colsLeft[c] as number) + v;
    }
  };
  search(0);
  return result;
}
