// Which cells are suppressed, and the fast part of secondary suppression: the fix-point that leaves no
// constraint giving a suppressed cell away on its own (see fixPoint).
//
// Zeros are never suppressed. The rule shows them, so the attacker knows every `[c]` is at least 1;
// hiding a zero as a complement would protect nothing (the attacker's model would simply exclude it) and
// would cost a shown figure. The auditor relies on this lower bound of 1.
import type { SuppressionReason } from './disclosure.model.ts';
import { CellKind, termsOf, type IndexedTable } from './table-index.ts';

const REASONS: readonly SuppressionReason[] = ['primary', 'secondary', 'linked'];

export class SuppressionState {
  readonly table: IndexedTable;
  /** 0 = shown, otherwise 1 + the index of the reason in REASONS. */
  readonly mark: Uint8Array;
  /** Per constraint: its terms that are suppressed or not available. */
  private readonly unknowns: Int32Array;
  private readonly queue: number[] = [];

  constructor(table: IndexedTable) {
    this.table = table;
    this.mark = new Uint8Array(table.keys.length);
    this.unknowns = new Int32Array(table.constraints.length);
    table.constraints.forEach((constraint, ci) => {
      let n = 0;
      for (const term of termsOf(constraint)) if (this.isUnknown(term)) n++;
      this.unknowns[ci] = n;
    });
  }

  isSuppressed(cell: number): boolean {
    return this.mark[cell] !== 0;
  }

  reasonOf(cell: number): SuppressionReason | null {
    const m = this.mark[cell] as number;
    return m === 0 ? null : (REASONS[m - 1] ?? null);
  }

  /** Hidden from the attacker: suppressed, or not available to anyone. */
  isUnknown(cell: number): boolean {
    const kind = this.table.kind[cell];
    return this.mark[cell] !== 0 || kind === CellKind.notAvailable || kind === CellKind.missing;
  }

  /** A cell suppression may hide: a stored count above zero, not yet hidden. */
  canSuppress(cell: number): boolean {
    return (
      this.table.kind[cell] === CellKind.known &&
      (this.table.count[cell] as number) > 0 &&
      this.mark[cell] === 0
    );
  }

  /** Suppress a cell and, through ratio pairs, its partners; queue the constraints this may leave exposed. */
  suppress(cell: number, reason: SuppressionReason): void {
    if (!this.canSuppress(cell)) return;
    this.mark[cell] = REASONS.indexOf(reason) + 1;
    for (const ci of this.table.constraintsOf[cell] ?? []) {
      this.unknowns[ci] = (this.unknowns[ci] as number) + 1;
      this.queue.push(ci);
    }
    for (const gi of this.table.groupsOf[cell] ?? []) {
      for (const partner of this.table.groups[gi] ?? []) this.suppress(partner, 'linked');
    }
  }

  /** Primary suppression: stored counts in [min, max]. */
  suppressPrimary(min: number, max: number): void {
    const { kind, count, tableSize } = this.table;
    for (let cell = 0; cell < tableSize; cell++) {
      const v = count[cell] as number;
      if (kind[cell] === CellKind.known && v >= min && v <= max) this.suppress(cell, 'primary');
    }
  }

  /**
   * Until no constraint gives a suppressed cell away on its own. A constraint does when
   *  - a suppressed cell is its only hidden term (total − the other terms = the cell), or
   *  - its total is shown and its k hidden parts (each ≥ 1) hold H between them: each then lies in
   *    [1, H − k + 1], of width H − k, which must exceed the protection level.
   * Each exposed constraint gets one more hidden term, preferring (1) a term that settles it, (2) a term
   * whose other constraints already hide something, so the fix exposes no new constraint, (3) the smallest
   * count, which loses least and is usually a part at the lowest level rather than a total, then (4) a
   * part over a total. Only the LP auditor sees what constraints reveal in combination.
   */
  fixPoint(protectionLevel: number): number {
    let added = 0;
    while (this.queue.length > 0) {
      const ci = this.queue.pop() as number;
      const need = this.exposure(ci, protectionLevel);
      if (need === 0) continue;
      const terms = termsOf(this.table.constraints[ci]!);
      const settling = need === Infinity ? terms : this.settlingTerms(ci, need);
      let choice = this.cheapest(settling, ci);
      // Nothing settles it alone: hide the largest part and look at the constraint again.
      if (choice < 0) choice = this.largestPart(ci);
      // Nothing left to hide happens only with data that cannot add up; the auditor will report it.
      if (choice < 0) continue;
      this.suppress(choice, 'secondary');
      added++;
    }
    return added;
  }

  /**
   * 0 when the constraint on its own gives nothing away; Infinity when a suppressed cell is its only
   * hidden term; otherwise how much wider the hidden parts' common interval must become.
   */
  exposure(ci: number, protectionLevel: number): number {
    const unknowns = this.unknowns[ci] as number;
    if (unknowns === 0) return 0;
    const constraint = this.table.constraints[ci]!;
    const terms = termsOf(constraint);
    if (unknowns === 1) {
      const lone = terms.find((t) => this.isUnknown(t));
      return lone !== undefined && this.isSuppressed(lone) ? Infinity : 0;
    }
    if (constraint.remainder || constraint.broken || this.isUnknown(constraint.total)) return 0;
    let hiddenSum = 0;
    for (const part of constraint.parts) {
      if (!this.isUnknown(part)) continue;
      if (!this.isSuppressed(part)) return 0; // a part nobody knows: the LP will judge
      hiddenSum += this.table.count[part] as number;
    }
    const width = hiddenSum - unknowns;
    return width > protectionLevel ? 0 : protectionLevel + 1 - width;
  }

  /** Terms whose hiding gives the hidden parts `need` more width on its own (or frees them: the total). */
  private settlingTerms(ci: number, need: number): number[] {
    const constraint = this.table.constraints[ci]!;
    const settling = constraint.parts.filter((p) => (this.table.count[p] as number) - 1 >= need);
    settling.push(constraint.total);
    return settling;
  }

  private largestPart(ci: number): number {
    let best = -1;
    for (const part of this.table.constraints[ci]!.parts) {
      if (
        this.canSuppress(part) &&
        (best < 0 || (this.table.count[part] as number) > (this.table.count[best] as number))
      ) {
        best = part;
      }
    }
    return best;
  }

  /** Constraints touched since the last fixPoint, to be looked at again. */
  requeueAll(): void {
    for (let ci = 0; ci < this.table.constraints.length; ci++) this.queue.push(ci);
  }

  /** The best term to hide next among `candidates` (−1 if none can be), by (2)–(4) of fixPoint's order. */
  cheapest(candidates: readonly number[], exceptConstraint = -1): number {
    let best = -1;
    let bestExposed = Infinity;
    let bestCount = Infinity;
    let bestTotals = Infinity;
    for (const t of candidates) {
      if (!this.canSuppress(t)) continue;
      const exposed = this.newlyExposed(t, exceptConstraint);
      const count = this.table.count[t] as number;
      const totals = this.totalsOf(t);
      if (
        exposed < bestExposed ||
        (exposed === bestExposed && (count < bestCount || (count === bestCount && totals < bestTotals)))
      ) {
        best = t;
        bestExposed = exposed;
        bestCount = count;
        bestTotals = totals;
      }
    }
    return best;
  }

  /** How many of the cell's constraints now hide nothing, and so would hide only it. */
  newlyExposed(cell: number, exceptConstraint = -1): number {
    let n = 0;
    for (const ci of this.table.constraintsOf[cell] ?? [])
      if (ci !== exceptConstraint && this.unknowns[ci] === 0) n++;
    return n;
  }

  private totalsOf(cell: number): number {
    let n = 0;
    for (const ci of this.table.constraintsOf[cell] ?? [])
      if (this.table.constraints[ci]!.total === cell) n++;
    return n;
  }
}
