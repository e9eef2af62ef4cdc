// Turning a controlled cell into what a reader sees, with GSS symbols and markers.
import {
  GSS_MARKERS,
  GSS_SYMBOLS,
  type CellFlags,
  type CellKey,
  type DisclosureRule,
  type GssMarker,
  type GssSymbol,
  type OutputCell,
  type TableCell,
} from './disclosure.model.ts';
import { roundToBase } from './rounding.ts';

export function markersFor(flags: CellFlags | undefined): GssMarker[] {
  const markers: GssMarker[] = [];
  if (flags?.provisional) markers.push(GSS_MARKERS.provisional);
  if (flags?.revised) markers.push(GSS_MARKERS.revised);
  return markers;
}

/**
 * A value with its markers ("12 [p]"), or a symbol on its own: a marker says something about a value, and
 * when the value is withheld there is nothing for it to qualify.
 */
export function formatCell(
  key: CellKey,
  value: number | null,
  symbol: GssSymbol | null,
  flags: CellFlags | undefined,
): OutputCell {
  if (symbol !== null || value === null) {
    const shownSymbol = symbol ?? GSS_SYMBOLS.notAvailable;
    return { key, value: null, symbol: shownSymbol, markers: [], text: shownSymbol };
  }
  const markers = markersFor(flags);
  return { key, value, symbol: null, markers, text: [String(value), ...markers].join(' ') };
}

/** The published form of one stored cell under a rule, given whether control suppressed it. */
export function outputCell(cell: TableCell, suppressed: boolean, rule: DisclosureRule): OutputCell {
  if (cell.count === null) {
    const symbol = cell.flags?.notApplicable ? GSS_SYMBOLS.notApplicable : GSS_SYMBOLS.notAvailable;
    return formatCell(cell.key, null, symbol, cell.flags);
  }
  if (suppressed) return formatCell(cell.key, null, GSS_SYMBOLS.confidential, cell.flags);
  if (rule.roundTo === null) return formatCell(cell.key, cell.count, null, cell.flags);
  const shown = roundToBase(cell.count, rule.roundTo);
  // A non-zero count that rounds to nothing is "[low]", so a shown 0 always means none.
  if (shown === 0 && cell.count > 0) return formatCell(cell.key, null, GSS_SYMBOLS.low, cell.flags);
  return formatCell(cell.key, shown, null, cell.flags);
}
