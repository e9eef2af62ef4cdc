// One indicator's figures for one quarter as a table for disclosure control: rows are the Pathfinder and
// the areas below it down to the chosen level (locality, district or ward); columns are the total and the
// values of one breakdown. Parents are the sums of their children, so the additive structure is exact.
import {
  cellKey,
  type AdditiveStructure,
  type Constraint,
  type Table,
  type TableCell,
} from '../disclosure/disclosure.model.ts';
import type { AreaInfo } from '../returns/return-file.model.ts';

export const TOTAL = 'total';

export type TableLevel = 'pathfinder' | 'locality' | 'district' | 'ward';
const LEVELS: readonly TableLevel[] = ['pathfinder', 'locality', 'district', 'ward'];

export interface FigureInput {
  areaCode: string;
  breakdownKey: string;
  value: number | null;
  revised: boolean;
  provisional: boolean;
}

export interface TableRow {
  code: string;
  name: string;
  level: TableLevel;
}

export interface IndicatorTable {
  rows: TableRow[];
  /** 'total' then the breakdown values. */
  columns: string[];
  table: Table;
  structure: AdditiveStructure;
}

function parentOf(a: AreaInfo, root: string | undefined): string | undefined {
  if (a.level === 'ward') return a.districtCode;
  if (a.level === 'district') return a.localityCode;
  if (a.level === 'locality') return root;
  return undefined;
}

export function buildIndicatorTable(input: {
  figures: readonly FigureInput[];
  areas: readonly AreaInfo[];
  /** The lowest level shown; figures reported at it are the leaves. */
  level: TableLevel;
  /** The breakdown shown beside the total, as a dimension id and its value codes. */
  breakdown?: { dimension: string; values: readonly string[] };
}): IndicatorTable {
  const columns = [TOTAL, ...(input.breakdown?.values ?? [])];
  const keyOf = new Map(columns.map((c) => [c === TOTAL ? '' : `${input.breakdown!.dimension}=${c}`, c]));
  const byCode = new Map(input.areas.map((a) => [a.code, a]));
  const root = input.areas.find((a) => a.level === 'pathfinder');

  // Leaf values as reported, summed over organisations reporting the same area.
  const cells = new Map<string, TableCell>();
  for (const f of input.figures) {
    const column = keyOf.get(f.breakdownKey);
    const area = byCode.get(f.areaCode);
    if (f.value === null || column === undefined || area?.level !== input.level) continue;
    const key = cellKey(f.areaCode, column);
    const prev = cells.get(key);
    const revised = (prev?.flags?.revised ?? false) || f.revised;
    const provisional = (prev?.flags?.provisional ?? false) || f.provisional;
    cells.set(key, {
      key,
      count: (prev?.count ?? 0) + f.value,
      ...(revised || provisional ? { flags: { revised, provisional } } : {}),
    });
  }

  // The tree: every leaf with a total, and its ancestors.
  const children = new Map<string, string[]>();
  const leaves = input.areas.filter((a) => a.level === input.level && cells.has(cellKey(a.code, TOTAL)));
  for (const leaf of leaves) {
    let child: AreaInfo | undefined = leaf;
    while (child) {
      const parent = parentOf(child, root?.code);
      if (!parent) break;
      const list = children.get(parent) ?? [];
      if (!list.includes(child.code)) list.push(child.code);
      children.set(parent, list);
      child = byCode.get(parent);
    }
  }

  const constraints: Constraint[] = [];
  const rows: TableRow[] = [];
  const byName = (a: string, b: string) => (byCode.get(a)?.name ?? a).localeCompare(byCode.get(b)?.name ?? b);
  const visit = (code: string) => {
    const area = byCode.get(code)!;
    rows.push({ code, name: area.name, level: area.level });
    const kids = (children.get(code) ?? []).sort(byName);
    kids.forEach(visit);
    if (!kids.length) {
      for (const column of columns) {
        const key = cellKey(code, column);
        if (!cells.has(key)) cells.set(key, { key, count: null });
      }
      return;
    }
    // A parent's column is the sum of its children's, and unknown unless every child has it.
    for (const column of columns) {
      const parts = kids.map((k) => cells.get(cellKey(k, column))!);
      const complete = parts.every((p) => p.count !== null);
      const key = cellKey(code, column);
      cells.set(key, { key, count: complete ? parts.reduce((acc, p) => acc + p.count!, 0) : null });
      if (complete) constraints.push({ total: key, parts: parts.map((p) => p.key) });
    }
  };
  const top =
    root && children.has(root.code)
      ? [root.code]
      : leaves.filter((l) => l.level === 'pathfinder').map((l) => l.code);
  top.forEach(visit);

  // Breakdown margins: an area's total and its breakdown values, where all are known. Breakdowns may
  // leave records unclassified, so the total can exceed their sum (an unpublished remainder).
  if (columns.length > 1) {
    for (const row of rows) {
      const total = cells.get(cellKey(row.code, TOTAL))!;
      const parts = columns.slice(1).map((c) => cells.get(cellKey(row.code, c))!);
      if (total.count === null || parts.some((p) => p.count === null)) continue;
      const sum = parts.reduce((acc, p) => acc + p.count!, 0);
      constraints.push({
        total: total.key,
        parts: parts.map((p) => p.key),
        ...(sum !== total.count ? { remainder: true } : {}),
      });
    }
  }

  return {
    rows,
    columns,
    table: { cells: rows.flatMap((r) => columns.map((c) => cells.get(cellKey(r.code, c))!)) },
    structure: { constraints, linked: [] },
  };
}

/** The lowest level an indicator is collected at, limited to `finest`. */
export function leafLevel(areaLevels: readonly string[], finest: TableLevel): TableLevel {
  const allowed = LEVELS.filter((l) => areaLevels.includes(l) && LEVELS.indexOf(l) <= LEVELS.indexOf(finest));
  return allowed.at(-1) ?? 'pathfinder';
}
