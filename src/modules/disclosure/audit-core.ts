// The auditor over the integer-indexed table: shared by the public `auditSuppression` and by the engine's
// repair loop, which audits again after every change and so caches components it has already solved.
import {
  solveIntervals,
  variableComponents,
  type IdInterval,
  type IntervalStats,
  type KnowledgeBounds,
} from './feasible-intervals.ts';
import type { IndexedTable } from './table-index.ts';

export interface CoreAudit {
  readonly intervals: ReadonlyMap<number, IdInterval>;
  /** Targets whose interval is no wider than the protection level, or whose component is infeasible. */
  readonly failures: readonly IdInterval[];
  /** Every component of variable cells, and each variable cell's component (−1 for a fixed cell). */
  readonly components: readonly (readonly number[])[];
  readonly componentOf: Int32Array;
}

export interface CoreAuditOptions {
  readonly protectionLevel: number;
  /** Optimise every target rather than stopping once two feasible values are far enough apart. */
  readonly computeAll?: boolean;
  /** Component results by cell set; valid only while every cell's bounds stay as they were. */
  readonly cache?: Map<string, readonly IdInterval[]>;
}

export function fails(interval: IdInterval, protectionLevel: number): boolean {
  return interval.infeasible || interval.width <= protectionLevel;
}

export function auditIndexed(
  table: IndexedTable,
  bounds: KnowledgeBounds,
  isTarget: (cell: number) => boolean,
  options: CoreAuditOptions,
  stats: IntervalStats,
): CoreAudit {
  const componentOf = new Int32Array(table.keys.length).fill(-1);
  const components: number[][] = [];
  const intervals = new Map<number, IdInterval>();
  const failures: IdInterval[] = [];
  const skipAbove = options.computeAll ? Infinity : options.protectionLevel;
  for (const cells of variableComponents(table, bounds)) {
    for (const cell of cells) componentOf[cell] = components.length;
    components.push(cells);
    const targets = cells.filter(isTarget);
    if (targets.length === 0) continue;
    stats.components++;
    stats.largestComponent = Math.max(stats.largestComponent, cells.length);
    const signature = options.cache ? cells.join(',') : '';
    let results = options.cache?.get(signature);
    if (results) stats.cacheHits++;
    else {
      results = solveIntervals(table, bounds, cells, targets, skipAbove, stats);
      options.cache?.set(signature, results);
    }
    for (const interval of results) {
      intervals.set(interval.cell, interval);
      if (fails(interval, options.protectionLevel)) failures.push(interval);
    }
  }
  return { intervals, failures, components, componentOf };
}
