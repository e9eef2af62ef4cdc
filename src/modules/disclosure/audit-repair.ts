// The slow part of secondary suppression: audit, and while some suppressed cell's feasible interval is
// too narrow, hide one more cell next to it and audit again.
//
// "Every constraint hides at least two cells" is necessary but not sufficient: constraints combine
// (a row total minus a column total minus known cells can isolate a cell that every single constraint
// hides), and the lower bound of 1 on `[c]` cells narrows intervals further. Only the LP sees that.
//
// The audit here gives the attacker the exact values of every shown cell, even where the public tier
// will round them. Rounding can only widen the attacker's intervals, so a pattern that passes here passes
// once rounded, whatever the rounding: the protection does not lean on the noise rounding adds.
import { auditIndexed, type CoreAudit } from './audit-core.ts';
import {
  solveIntervals,
  type IdInterval,
  type IntervalStats,
  type KnowledgeBounds,
} from './feasible-intervals.ts';
import type { SuppressionState } from './suppression-state.ts';
import { CellKind, termsOf } from './table-index.ts';

/** Candidates tried (by re-solving) for each failing cell before one is chosen. */
const TRIALS = 6;

export interface RepairOutcome {
  readonly audit: CoreAudit;
  readonly rounds: number;
  readonly added: number;
  /** Failing cells for which no further cell could be hidden (only when the data cannot add up). */
  readonly stuck: readonly number[];
}

/** The attacker's bounds when every shown cell is known exactly and every `[c]` is at least `floor`. */
export function exactBounds(state: SuppressionState, floor: number): KnowledgeBounds {
  const { kind, count } = state.table;
  const size = kind.length;
  const lower = new Float64Array(size);
  const upper = new Float64Array(size);
  for (let cell = 0; cell < size; cell++) {
    if (state.isSuppressed(cell)) {
      lower[cell] = floor;
      upper[cell] = Infinity;
    } else if (kind[cell] === CellKind.notAvailable || kind[cell] === CellKind.missing) {
      upper[cell] = Infinity;
    } else {
      lower[cell] = count[cell] as number;
      upper[cell] = count[cell] as number;
    }
  }
  return { lower, upper };
}

export function repairWithAudit(
  state: SuppressionState,
  protectionLevel: number,
  stats: IntervalStats,
): RepairOutcome {
  const cache = new Map<string, readonly IdInterval[]>();
  const stuck = new Set<number>();
  let rounds = 0;
  let added = 0;
  for (;;) {
    const bounds = exactBounds(state, 1);
    const audit = auditIndexed(
      state.table,
      bounds,
      (c) => state.isSuppressed(c),
      { protectionLevel, cache },
      stats,
    );
    const failing = audit.failures
      .filter((f) => !stuck.has(f.cell))
      .sort((a, b) => a.width - b.width || a.cell - b.cell);
    if (failing.length === 0) return { audit, rounds, added, stuck: [...stuck] };
    rounds++;
    // Several failures per round, but not two whose constraints overlap a cell already added this round:
    // that addition may have fixed them, and the next audit will say.
    const touched = new Set<number>();
    for (const failure of failing) {
      const constraints = state.table.constraintsOf[failure.cell] ?? [];
      if (constraints.some((ci) => touched.has(ci))) continue;
      const choice = chooseComplement(state, audit, bounds, failure.cell, protectionLevel, stats);
      if (choice < 0) {
        stuck.add(failure.cell);
        continue;
      }
      state.suppress(choice, 'secondary');
      added++;
      for (const ci of constraints) touched.add(ci);
      for (const ci of state.table.constraintsOf[choice] ?? []) touched.add(ci);
    }
    added += state.fixPoint(protectionLevel);
  }
}

/**
 * The cell to hide next for a failing one. Candidates are the shown terms of its own constraints (or, if
 * it has none left, of any constraint of its component); the cheapest few are each tried by re-solving
 * the failing cell's interval with the candidate hidden. The cheapest that makes the cell pass wins;
 * failing that, the one that widens it most.
 */
function chooseComplement(
  state: SuppressionState,
  audit: CoreAudit,
  bounds: KnowledgeBounds,
  failing: number,
  protectionLevel: number,
  stats: IntervalStats,
): number {
  const component = audit.components[audit.componentOf[failing] as number] ?? [failing];
  let candidates = shownTerms(state, [failing]);
  if (candidates.length === 0) candidates = shownTerms(state, component);
  if (candidates.length === 0) return -1;
  const ranked = rank(state, candidates).slice(0, TRIALS);
  if (ranked.length === 1) return ranked[0] as number;

  let best = -1;
  let bestWidth = -Infinity;
  for (const candidate of ranked) {
    const width = trialWidth(state, audit, bounds, failing, candidate, protectionLevel, stats);
    if (width > protectionLevel) return candidate;
    if (width > bestWidth) {
      best = candidate;
      bestWidth = width;
    }
  }
  return best;
}

/** Shown, suppressible terms of the constraints of `cells`. */
function shownTerms(state: SuppressionState, cells: readonly number[]): number[] {
  const found = new Set<number>();
  for (const cell of cells) {
    for (const ci of state.table.constraintsOf[cell] ?? []) {
      for (const term of termsOf(state.table.constraints[ci]!)) if (state.canSuppress(term)) found.add(term);
    }
  }
  return [...found];
}

/** Candidates in the order SuppressionState.cheapest prefers them. */
function rank(state: SuppressionState, candidates: readonly number[]): number[] {
  const left = [...candidates];
  const order: number[] = [];
  while (left.length > 0 && order.length < TRIALS) {
    const next = state.cheapest(left);
    if (next < 0) break;
    order.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return order;
}

/** The failing cell's integer width were `candidate` hidden as well. */
function trialWidth(
  state: SuppressionState,
  audit: CoreAudit,
  bounds: KnowledgeBounds,
  failing: number,
  candidate: number,
  protectionLevel: number,
  stats: IntervalStats,
): number {
  // The candidate joins the failing cell's component and every component it shares a constraint with.
  const cells = new Set<number>(audit.components[audit.componentOf[failing] as number] ?? [failing]);
  cells.add(candidate);
  for (const ci of state.table.constraintsOf[candidate] ?? []) {
    for (const term of termsOf(state.table.constraints[ci]!)) {
      const component = audit.componentOf[term] as number;
      if (component >= 0) for (const cell of audit.components[component] ?? []) cells.add(cell);
    }
  }
  const savedLower = bounds.lower[candidate] as number;
  const savedUpper = bounds.upper[candidate] as number;
  bounds.lower[candidate] = 1;
  bounds.upper[candidate] = Infinity;
  try {
    const [interval] = solveIntervals(state.table, bounds, [...cells], [failing], protectionLevel, stats);
    return interval && !interval.infeasible ? interval.width : -Infinity;
  } finally {
    bounds.lower[candidate] = savedLower;
    bounds.upper[candidate] = savedUpper;
  }
}
