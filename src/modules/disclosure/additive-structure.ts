// Builders for the additive structure of a table: which published cells are sums of which others.
//
// The attacker knows this structure, so it must be complete: a total left out here is a total the
// auditor cannot see an attacker subtracting from. Months (or any label without a total) are not
// additive: cells for different months share no constraint, so each month is protected on its own
// unless a year total is added as a dimension with a `total`.
import {
  cellKey,
  type AdditiveStructure,
  type CellKey,
  type Constraint,
  type LinkedGroup,
} from './disclosure.model.ts';

/** One area and its parent (null at the top: the Pathfinder). */
export interface AreaLink {
  readonly code: string;
  readonly parent: string | null;
}

/** A breakdown or other labelled dimension; `total` names its total value when the table shows one. */
export interface Dimension {
  readonly name: string;
  readonly values: readonly string[];
  readonly total?: string;
}

/** Every value a dimension's cells take, its total first when it has one. */
export function dimensionLabels(dimension: Dimension): string[] {
  return dimension.total === undefined ? [...dimension.values] : [dimension.total, ...dimension.values];
}

/** The children of each parent area, in the order the links are given. */
export function childrenOf(areas: readonly AreaLink[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const area of areas) {
    if (area.parent === null) continue;
    const list = children.get(area.parent);
    if (list) list.push(area.code);
    else children.set(area.parent, [area.code]);
  }
  return children;
}

/** Every combination of the given label lists, in order (the cartesian product); one empty tuple for none. */
export function labelCombinations(lists: readonly (readonly string[])[]): string[][] {
  let combos: string[][] = [[]];
  for (const list of lists) combos = combos.flatMap((combo) => list.map((label) => [...combo, label]));
  return combos;
}

/**
 * Area hierarchy: for every parent area and every label tuple (breakdown value, month…), the parent's cell
 * is the sum of its children's cells.
 */
export function hierarchyConstraints(
  areas: readonly AreaLink[],
  labelTuples: readonly (readonly string[])[] = [[]],
): Constraint[] {
  const constraints: Constraint[] = [];
  for (const [parent, children] of childrenOf(areas)) {
    for (const labels of labelTuples) {
      constraints.push({
        total: cellKey(parent, ...labels),
        parts: children.map((child) => cellKey(child, ...labels)),
      });
    }
  }
  return constraints;
}

/**
 * Breakdown margins: for every area and every surrounding label tuple, the dimension's total cell is the
 * sum of the cells over its values. Keys are area, `before` labels, the dimension's value, `after` labels.
 */
export function marginConstraints(
  areaCodes: readonly string[],
  dimension: Dimension,
  before: readonly (readonly string[])[] = [[]],
  after: readonly (readonly string[])[] = [[]],
): Constraint[] {
  const total = dimension.total;
  if (total === undefined) return [];
  const constraints: Constraint[] = [];
  for (const area of areaCodes) {
    for (const pre of before) {
      for (const post of after) {
        constraints.push({
          total: cellKey(area, ...pre, total, ...post),
          parts: dimension.values.map((value) => cellKey(area, ...pre, value, ...post)),
        });
      }
    }
  }
  return constraints;
}

/** The two sides of a ratio: suppressing either suppresses both. */
export function ratioPair(numerator: CellKey, denominator: CellKey): LinkedGroup {
  return [numerator, denominator];
}

/**
 * The full structure of an area × dimension₁ × … table: the hierarchy for every label tuple, and every
 * dimension's margin for every tuple of the other dimensions (their totals included, so a margin of
 * margins is a constraint too).
 */
export function gridStructure(
  areas: readonly AreaLink[],
  dimensions: readonly Dimension[],
  linked: readonly LinkedGroup[] = [],
): AdditiveStructure {
  const labelLists = dimensions.map(dimensionLabels);
  const constraints = hierarchyConstraints(areas, labelCombinations(labelLists));
  const codes = areas.map((area) => area.code);
  dimensions.forEach((dimension, i) => {
    constraints.push(
      ...marginConstraints(
        codes,
        dimension,
        labelCombinations(labelLists.slice(0, i)),
        labelCombinations(labelLists.slice(i + 1)),
      ),
    );
  });
  return { constraints, linked };
}

/** Every cell key of a grid, in the order `gridStructure` reasons about them. */
export function gridKeys(areas: readonly AreaLink[], dimensions: readonly Dimension[]): CellKey[] {
  const tuples = labelCombinations(dimensions.map(dimensionLabels));
  return areas.flatMap((area) => tuples.map((labels) => cellKey(area.code, ...labels)));
}

/** Two structures over one table (e.g. two indicators joined by ratio pairs) as one. */
export function combineStructures(...structures: readonly AdditiveStructure[]): AdditiveStructure {
  return {
    constraints: structures.flatMap((s) => s.constraints),
    linked: structures.flatMap((s) => s.linked),
  };
}
