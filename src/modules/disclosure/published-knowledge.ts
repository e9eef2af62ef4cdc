// What an attacker knows about each cell from a published table and the (public) rule that made it.
//
// The rule is assumed known (Kerckhoffs): so a shown value in a rounded table is only its rounding
// interval, further cut to "above primaryMax" because smaller counts would have been suppressed; and a
// suppressed cell is at least 1, because zeros are always shown.
import { GSS_SYMBOLS, type CellKey, type DisclosureRule, type OutputCell } from './disclosure.model.ts';
import { roundingInterval } from './rounding.ts';

export type Knowledge =
  | { readonly kind: 'exact'; readonly value: number }
  | { readonly kind: 'interval'; readonly lo: number; readonly hi: number }
  /** `[c]`: at least the auditor's `suppressedLowerBound`, no upper bound. */
  | { readonly kind: 'suppressed' }
  /** `[x]` or unpublished: at least 0, no upper bound. */
  | { readonly kind: 'unknown' };

export interface PublishedCell {
  readonly key: CellKey;
  readonly knowledge: Knowledge;
}

export function knowledgeOf(cell: OutputCell, rule: DisclosureRule): Knowledge {
  switch (cell.symbol) {
    case GSS_SYMBOLS.confidential:
      return { kind: 'suppressed' };
    case GSS_SYMBOLS.notApplicable:
      return { kind: 'exact', value: 0 };
    case GSS_SYMBOLS.low:
      return rule.roundTo === null
        ? { kind: 'interval', lo: 1, hi: Infinity }
        : { kind: 'interval', lo: 1, hi: roundingInterval(0, rule.roundTo).hi };
    case GSS_SYMBOLS.notAvailable:
      return { kind: 'unknown' };
    case null:
      break;
  }
  const value = cell.value;
  if (value === null) return { kind: 'unknown' };
  if (rule.roundTo === null || value === 0) return { kind: 'exact', value };
  const { lo, hi } = roundingInterval(value, rule.roundTo);
  const suppressesSmall = rule.primaryMax >= rule.primaryMin;
  const floor = suppressesSmall ? Math.max(lo, rule.primaryMax + 1) : lo;
  // An interval the threshold empties cannot come from this rule; keep the rounding interval rather than
  // claim knowledge the attacker would not trust.
  return floor <= hi ? { kind: 'interval', lo: floor, hi } : { kind: 'interval', lo, hi };
}

export function publishedCells(cells: readonly OutputCell[], rule: DisclosureRule): PublishedCell[] {
  return cells.map((cell) => ({ key: cell.key, knowledge: knowledgeOf(cell, rule) }));
}
