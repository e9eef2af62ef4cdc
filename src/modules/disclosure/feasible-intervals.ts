// The attacker's feasible intervals, on the integer-indexed table: what the LP says each suppressed cell
// can be, given every published value and the additive structure.
//
// Each cell carries the attacker's bounds [lower, upper]: equal for a value shown exactly, the rounding
// interval for a rounded value, [lowest possible, ∞) for a suppressed or unknown cell. Cells whose bounds
// are not a single point are the LP's variables; constraints link them into connected components, and
// each component is one small LP, solved once for a feasible basis and then re-optimised (warm) for the
// minimum and maximum of each suppressed cell in it. Whole-number answers are relaxed to real ones (the LP
// relaxation); the interval test then rounds inwards (⌈lo⌉, ⌊hi⌋), which is the most that relaxation can
// honestly claim.
import { BoundedSimplex, type LpRow } from './bounded-simplex.ts';
import { termsOf, type IndexedTable } from './table-index.ts';

export interface KnowledgeBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

export interface IdInterval {
  readonly cell: number;
  /** The LP minimum and maximum, or, when `exact` is false, two feasible values already far enough apart. */
  readonly lo: number;
  readonly hi: number;
  /** ⌊hi⌋ − ⌈lo⌉ (Infinity when unbounded above; −1 when the component is infeasible). */
  readonly width: number;
  readonly exact: boolean;
  readonly infeasible: boolean;
}

export interface IntervalStats {
  components: number;
  largestComponent: number;
  lpSolves: number;
  pivots: number;
  cacheHits: number;
}

export function emptyStats(): IntervalStats {
  return { components: 0, largestComponent: 0, lpSolves: 0, pivots: 0, cacheHits: 0 };
}

const ROUNDING_SLACK = 1e-6;

/** ⌊hi⌋ − ⌈lo⌉, allowing for the solver's rounding error. */
export function integerWidth(lo: number, hi: number): number {
  if (hi === Infinity) return Infinity;
  return Math.floor(hi + ROUNDING_SLACK) - Math.ceil(lo - ROUNDING_SLACK);
}

export function isVariable(bounds: KnowledgeBounds, cell: number): boolean {
  return (bounds.lower[cell] as number) < (bounds.upper[cell] as number);
}

/** Connected components of the variable cells, linked by the constraints they share. */
export function variableComponents(table: IndexedTable, bounds: KnowledgeBounds): number[][] {
  const size = table.keys.length;
  const parent = new Int32Array(size);
  for (let i = 0; i < size; i++) parent[i] = i;
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r] as number;
    while (parent[x] !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (const constraint of table.constraints) {
    if (constraint.broken) continue;
    let first = -1;
    for (const term of termsOf(constraint)) {
      if (!isVariable(bounds, term)) continue;
      if (first < 0) first = find(term);
      else {
        const r = find(term);
        if (r !== first) parent[r] = first;
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    if (!isVariable(bounds, i)) continue;
    const root = find(i);
    const list = byRoot.get(root);
    if (list) list.push(i);
    else byRoot.set(root, [i]);
  }
  return [...byRoot.values()];
}

/**
 * The intervals of `targets`, all within `cells` (a set closed under the constraints: every variable term
 * of a constraint touching it is in it). Targets whose observed feasible values are already further apart
 * than `skipAbove` are not optimised (pass Infinity to optimise every target).
 */
export function solveIntervals(
  table: IndexedTable,
  bounds: KnowledgeBounds,
  cells: readonly number[],
  targets: readonly number[],
  skipAbove: number,
  stats: IntervalStats,
): IdInterval[] {
  const column = new Map<number, number>();
  cells.forEach((cell, j) => column.set(cell, j));
  const lower = cells.map((c) => bounds.lower[c] as number);
  const upper = cells.map((c) => bounds.upper[c] as number);
  const rows: LpRow[] = [];
  const touched = new Set<number>();
  for (const cell of cells) for (const ci of table.constraintsOf[cell] ?? []) touched.add(ci);
  for (const ci of touched) {
    const constraint = table.constraints[ci]!;
    if (constraint.broken) continue;
    const terms = new Map<number, number>();
    let rhs = 0;
    termsOf(constraint).forEach((term, position) => {
      const coefficient = position === 0 ? 1 : -1;
      const j = column.get(term);
      if (j === undefined) rhs -= coefficient * (bounds.lower[term] as number);
      else terms.set(j, (terms.get(j) ?? 0) + coefficient);
    });
    if (constraint.remainder) {
      terms.set(lower.length, -1);
      lower.push(0);
      upper.push(Infinity);
    }
    rows.push({ terms: [...terms], rhs });
  }

  const lp = new BoundedSimplex({ variables: lower.length, rows, lower, upper });
  stats.lpSolves++;
  const feasible = lp.findFeasible();
  if (!feasible) {
    stats.pivots += lp.iterations;
    return targets.map((cell) => ({ cell, lo: NaN, hi: NaN, width: -1, exact: false, infeasible: true }));
  }
  const seenLo = new Float64Array(lower.length).fill(Infinity);
  const seenHi = new Float64Array(lower.length).fill(-Infinity);
  const observe = () => {
    const x = lp.values();
    for (let j = 0; j < x.length; j++) {
      const v = x[j] as number;
      if (v < (seenLo[j] as number)) seenLo[j] = v;
      if (v > (seenHi[j] as number)) seenHi[j] = v;
    }
  };
  observe();

  const results = targets.map((cell): IdInterval => {
    const j = column.get(cell);
    if (j === undefined) throw new Error(`target ${table.keys[cell]} is not among the component's cells`);
    const seenWidth = integerWidth(seenLo[j] as number, seenHi[j] as number);
    if (seenWidth > skipAbove) {
      return {
        cell,
        lo: seenLo[j] as number,
        hi: seenHi[j] as number,
        width: seenWidth,
        exact: false,
        infeasible: false,
      };
    }
    const hi = lp.optimise(j, 'max');
    if (hi !== Infinity) observe();
    const lo = lp.optimise(j, 'min');
    observe();
    stats.lpSolves += 2;
    return { cell, lo, hi, width: integerWidth(lo, hi), exact: true, infeasible: false };
  });
  stats.pivots += lp.iterations;
  return results;
}
