// The disclosure control engine: every outward path (page, export, API, CLI report) calls this with the
// stored table, its additive structure and the rule for the reader's tier, and publishes only `cells`.
// Stored data is never altered; the same input always gives the same output.
//
// Order: primary suppression (small counts) → secondary suppression on the true values (the fast "never
// alone" fix-point, then audit-and-repair with the LP auditor) → rounding of what is shown (public tier)
// → a final audit of exactly what is published.
import { auditIndexed } from './audit-core.ts';
import { repairWithAudit } from './audit-repair.ts';
import { boundsFromKnowledge, pinDistantIntervals, toReport, type AuditReport } from './audit-suppression.ts';
import {
  GSS_SYMBOLS,
  type AdditiveStructure,
  type CellFlags,
  type CellKey,
  type DisclosureRule,
  type OutputCell,
  type SuppressionReason,
  type Table,
} from './disclosure.model.ts';
import { emptyStats } from './feasible-intervals.ts';
import { formatCell, outputCell } from './output-cells.ts';
import { publishedCells } from './published-knowledge.ts';
import { SuppressionState } from './suppression-state.ts';
import { CellKind, indexTable, type IndexedTable, type StructureWarning } from './table-index.ts';

export interface ControlOptions {
  /**
   * 'audited' (the default, and what publication must use): the fast heuristic, then the LP auditor and
   * repair until every suppressed cell is protected, then an audit of the published output.
   * 'heuristic': the fast heuristic only ("never alone" in any constraint); for previews and benchmarks.
   */
  readonly mode?: 'audited' | 'heuristic';
}

export interface ControlTimings {
  readonly primaryMs: number;
  readonly secondaryMs: number;
  /** Audit-and-repair on the true values. */
  readonly repairMs: number;
  /** The audit of the published output. */
  readonly verifyMs: number;
}

/** For the engine's callers and the information-governance log only: never publish (see SuppressionReason). */
export interface ControlDetail {
  readonly reasons: ReadonlyMap<CellKey, SuppressionReason>;
  readonly addedByHeuristic: number;
  readonly addedByAudit: number;
  readonly repairRounds: number;
  /** Suppressed cells the repair could find no complement for (only with data that cannot add up). */
  readonly unprotected: readonly CellKey[];
  readonly warnings: readonly StructureWarning[];
  readonly timings: ControlTimings;
}

export interface DisclosureResult {
  /** One per table cell, in table order: what may be published. */
  readonly cells: readonly OutputCell[];
  readonly suppressed: ReadonlySet<CellKey>;
  /** The auditor's verdict on `cells` (absent in 'heuristic' mode and when the rule suppresses nothing). */
  readonly audit?: AuditReport;
  readonly detail: ControlDetail;
}

export function applyDisclosureControl(
  table: Table,
  structure: AdditiveStructure,
  rule: DisclosureRule,
  options: ControlOptions = {},
): DisclosureResult {
  const mode = options.mode ?? 'audited';
  const t0 = performance.now();
  const indexed = indexTable(table, structure);
  const state = new SuppressionState(indexed);
  const suppresses = rule.primaryMax >= rule.primaryMin;
  if (suppresses) state.suppressPrimary(rule.primaryMin, rule.primaryMax);
  const t1 = performance.now();
  const addedByHeuristic = suppresses ? state.fixPoint(rule.protectionLevel) : 0;
  const t2 = performance.now();

  const stats = emptyStats();
  let repairRounds = 0;
  let addedByAudit = 0;
  let stuck: readonly number[] = [];
  if (suppresses && mode === 'audited') {
    const outcome = repairWithAudit(state, rule.protectionLevel, stats);
    repairRounds = outcome.rounds;
    addedByAudit = outcome.added;
    stuck = outcome.stuck;
  }
  const t3 = performance.now();

  const cells = table.cells.map((cell, i) => outputCell(cell, state.isSuppressed(i), rule));
  let audit: AuditReport | undefined;
  if (suppresses && mode === 'audited') {
    const bounds = boundsFromKnowledge(indexed, publishedCells(cells, rule), 1);
    // The witness (the true values) keeps rounded tables' components small without flattering them.
    if (rule.roundTo !== null) pinDistantIntervals(indexed, bounds, (cell) => trueValue(indexed, cell));
    const verifyStats = emptyStats();
    const core = auditIndexed(
      indexed,
      bounds,
      (cell) => state.isSuppressed(cell),
      { protectionLevel: rule.protectionLevel },
      verifyStats,
    );
    audit = toReport(indexed, core.intervals, core.failures, rule.protectionLevel, verifyStats, t3);
  }
  const t4 = performance.now();

  const suppressed = new Set<CellKey>();
  const reasons = new Map<CellKey, SuppressionReason>();
  for (let i = 0; i < indexed.tableSize; i++) {
    const reason = state.reasonOf(i);
    if (reason === null) continue;
    suppressed.add(indexed.keys[i]!);
    reasons.set(indexed.keys[i]!, reason);
  }
  return {
    cells,
    suppressed,
    ...(audit ? { audit } : {}),
    detail: {
      reasons,
      addedByHeuristic,
      addedByAudit,
      repairRounds,
      unprotected: stuck.map((cell) => indexed.keys[cell]!),
      warnings: indexed.warnings,
      timings: { primaryMs: t1 - t0, secondaryMs: t2 - t1, repairMs: t3 - t2, verifyMs: t4 - t3 },
    },
  };
}

function trueValue(table: IndexedTable, cell: number): number | undefined {
  return table.kind[cell] === CellKind.known ? table.count[cell] : undefined;
}

/** A rate, interval limit or ratio computed from table cells. */
export interface DerivedCell {
  readonly key: CellKey;
  /** Null when it cannot be computed (`[x]`, or `[z]` with flags.notApplicable, e.g. a zero denominator). */
  readonly value: number | null;
  readonly flags?: CellFlags;
}

/**
 * Derived figures inherit suppression: a rate, confidence limit or ratio that depends on any suppressed
 * count is `[c]`, since with a published denominator it gives the count straight back. In the public tier
 * compute derived values from the published (rounded) counts, not the stored ones, for the same reason.
 */
export function suppressDerived(
  derived: readonly DerivedCell[],
  dependencies: ReadonlyMap<CellKey, readonly CellKey[]>,
  suppressed: ReadonlySet<CellKey>,
): OutputCell[] {
  return derived.map((cell) => {
    const hidden = (dependencies.get(cell.key) ?? []).some((key) => suppressed.has(key));
    if (hidden) return formatCell(cell.key, null, GSS_SYMBOLS.confidential, cell.flags);
    if (cell.value === null) {
      const symbol = cell.flags?.notApplicable ? GSS_SYMBOLS.notApplicable : GSS_SYMBOLS.notAvailable;
      return formatCell(cell.key, null, symbol, cell.flags);
    }
    return formatCell(cell.key, cell.value, null, cell.flags);
  });
}
