// The auditor: the attacker's test of a published table (DESIGN §7).
//
// For every suppressed cell, the feasible interval [lo, hi] is found by linear programming over
// everything published: minimise and maximise the cell subject to every "total = sum of parts"
// constraint, with shown cells at their shown value (or within their rounding interval), suppressed
// cells ≥ suppressedLowerBound (1: zeros are always shown, so `[c]` is never 0) and unknown `[x]` cells
// ≥ 0. Integrality is relaxed; the test rounds the LP interval inwards, and the table passes when
//
//     ⌊hi⌋ − ⌈lo⌉ > protectionLevel        for every suppressed cell.
//
// The relaxation can only make intervals look wider than the whole-number truth, never narrower, so a
// pass is exact for tables whose constraint matrix is totally unimodular (one breakdown with margins) and
// very nearly so otherwise: the rounding inwards removes the usual fractional slack.
import { auditIndexed } from './audit-core.ts';
import type { AdditiveStructure, CellKey, Table, TableCell } from './disclosure.model.ts';
import {
  emptyStats,
  variableComponents,
  type IdInterval,
  type IntervalStats,
  type KnowledgeBounds,
} from './feasible-intervals.ts';
import type { PublishedCell } from './published-knowledge.ts';
import { indexTable, termsOf, type IndexedTable, type StructureWarning } from './table-index.ts';

export interface AuditOptions {
  /** A cell passes when ⌊hi⌋ − ⌈lo⌉ > protectionLevel. */
  readonly protectionLevel: number;
  /** What the attacker knows a `[c]` cell is at least: 1 because zeros are shown (the default). */
  readonly suppressedLowerBound?: number;
  /** Optimise every suppressed cell, not only those not yet shown to be wide enough. */
  readonly computeAll?: boolean;
  /**
   * True (or any consistent) values. When given, a shown interval cell that shares no constraint with a
   * suppressed or unknown cell is pinned to its witness value. That gives the attacker more than the
   * publication does (a restriction of the feasible set), so intervals can only narrow and a pass stays
   * a pass; it keeps rounded tables, where every shown cell is otherwise a variable, in small components.
   */
  readonly witness?: ReadonlyMap<CellKey, number>;
}

export interface CellInterval {
  readonly key: CellKey;
  /** The LP minimum and maximum; when `exact` is false, two feasible values already far enough apart. */
  readonly lo: number;
  readonly hi: number;
  /** ⌊hi⌋ − ⌈lo⌉: Infinity when nothing bounds the cell above; −1 when the published figures contradict. */
  readonly width: number;
  readonly exact: boolean;
  /** The published figures and the structure admit no values at all (so the test cannot be made). */
  readonly infeasible: boolean;
}

export interface AuditReport {
  readonly passed: boolean;
  readonly protectionLevel: number;
  /** Suppressed cells whose interval is too narrow (or whose component is infeasible), narrowest first. */
  readonly failures: readonly CellInterval[];
  /** Every suppressed cell's interval. */
  readonly intervals: ReadonlyMap<CellKey, CellInterval>;
  readonly warnings: readonly StructureWarning[];
  readonly stats: IntervalStats;
  readonly ms: number;
}

export function auditSuppression(
  published: readonly PublishedCell[],
  structure: AdditiveStructure,
  options: AuditOptions,
): AuditReport {
  const started = performance.now();
  // Exact values give the index its consistency check; everything else is unknown to the index.
  const cells: TableCell[] = published.map(({ key, knowledge }) => ({
    key,
    count: knowledge.kind === 'exact' ? knowledge.value : null,
  }));
  const table = indexTable({ cells } satisfies Table, structure);
  const bounds = boundsFromKnowledge(table, published, options.suppressedLowerBound ?? 1);
  if (options.witness) pinDistantIntervals(table, bounds, options.witness);
  const suppressed = new Uint8Array(table.keys.length);
  published.forEach(({ knowledge }, i) => {
    if (knowledge.kind === 'suppressed') suppressed[i] = 1;
  });
  const stats = emptyStats();
  const core = auditIndexed(
    table,
    bounds,
    (cell) => suppressed[cell] === 1,
    { protectionLevel: options.protectionLevel, computeAll: options.computeAll ?? false },
    stats,
  );
  return toReport(table, core.intervals, core.failures, options.protectionLevel, stats, started);
}

export function toReport(
  table: IndexedTable,
  intervals: ReadonlyMap<number, IdInterval>,
  failures: readonly IdInterval[],
  protectionLevel: number,
  stats: IntervalStats,
  started: number,
): AuditReport {
  const keyed = (interval: IdInterval): CellInterval => ({
    key: table.keys[interval.cell]!,
    lo: interval.lo,
    hi: interval.hi,
    width: interval.width,
    exact: interval.exact,
    infeasible: interval.infeasible,
  });
  return {
    passed: failures.length === 0,
    protectionLevel,
    failures: failures.map(keyed).sort((a, b) => a.width - b.width || a.key.localeCompare(b.key)),
    intervals: new Map(
      [...intervals.values()].map((interval) => [table.keys[interval.cell]!, keyed(interval)]),
    ),
    warnings: table.warnings,
    stats,
    ms: performance.now() - started,
  };
}

/** The attacker's bounds for each indexed cell (cells named only by the structure: unknown, ≥ 0). */
export function boundsFromKnowledge(
  table: IndexedTable,
  published: readonly PublishedCell[],
  suppressedLowerBound: number,
): KnowledgeBounds {
  const size = table.keys.length;
  // Cells named only by the structure were never published: unknown, ≥ 0.
  const lower = new Float64Array(size);
  const upper = new Float64Array(size).fill(Infinity);
  published.forEach(({ knowledge }, i) => {
    switch (knowledge.kind) {
      case 'exact':
        lower[i] = knowledge.value;
        upper[i] = knowledge.value;
        break;
      case 'interval':
        lower[i] = knowledge.lo;
        upper[i] = knowledge.hi;
        break;
      case 'suppressed':
        lower[i] = suppressedLowerBound;
        break;
      case 'unknown':
        break;
    }
  });
  return { lower, upper };
}

/**
 * See `AuditOptions.witness`. A shown interval cell stays a variable only when every constraint it is in
 * also holds a hidden cell, and all those hidden cells are already linked to one another: then it can
 * widen or narrow only that group's intervals, and never joins two groups into one large LP. Every other
 * interval cell is pinned to its witness value (a restriction, so a pass remains a pass).
 */
export function pinDistantIntervals(
  table: IndexedTable,
  bounds: KnowledgeBounds,
  witness: ReadonlyMap<CellKey, number> | ((cell: number) => number | undefined),
): void {
  const { lower, upper } = bounds;
  const size = table.keys.length;
  const open = (cell: number) => upper[cell] === Infinity;
  // Groups of hidden cells alone: interval cells are held fixed while finding them.
  const hiddenOnly: KnowledgeBounds = {
    lower,
    upper: upper.map((u, cell) => (open(cell) ? u : (lower[cell] as number))),
  };
  const groupOf = new Int32Array(size).fill(-1);
  variableComponents(table, hiddenOnly).forEach((cells, g) => {
    for (const cell of cells) groupOf[cell] = g;
  });
  for (let cell = 0; cell < size; cell++) {
    if (open(cell) || lower[cell] === upper[cell]) continue;
    let group = -1;
    let keep = true;
    for (const ci of table.constraintsOf[cell] ?? []) {
      const constraint = table.constraints[ci]!;
      if (constraint.broken) continue;
      const hidden = termsOf(constraint).filter(open);
      if (hidden.length === 0 || constraint.remainder) keep = false;
      for (const h of hidden) {
        const g = groupOf[h] as number;
        if (group < 0) group = g;
        else if (g !== group) keep = false;
      }
      if (!keep) break;
    }
    if (keep && group >= 0) continue;
    const value = typeof witness === 'function' ? witness(cell) : witness.get(table.keys[cell]!);
    if (value === undefined || value < (lower[cell] as number) || value > (upper[cell] as number)) continue;
    lower[cell] = value;
    upper[cell] = value;
  }
}
