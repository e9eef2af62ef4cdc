// Who owes what: an indicator is expected from every organisation whose kind is the indicator's first
// (primary) supplier; organisations of the other listed kinds may also supply it. Proposed extensions
// and open reference data (IMD, police.uk) are never asked of anyone.
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { Organisation } from '../organisations/organisations.builtin.ts';
import { indicatorWindows, type Quarter } from './periods.ts';

function collectable(i: Indicator): boolean {
  return i.status !== 'proposed' && !i.suppliers.includes('reference_data');
}

/** Indicators the organisation is expected to send (primary supplier). */
export function expectedIndicators(org: Organisation, catalogue: readonly Indicator[]): Indicator[] {
  return catalogue.filter((i) => collectable(i) && i.suppliers[0] === org.kind);
}

/** Indicators the organisation may send: expected ones plus those it co-supplies. */
export function suppliedIndicators(org: Organisation, catalogue: readonly Indicator[]): Indicator[] {
  return catalogue.filter((i) => collectable(i) && (i.suppliers as readonly string[]).includes(org.kind));
}

/** Expected indicators that are due in this quarter's return (annual ones only in Q4). */
export function dueIndicators(
  org: Organisation,
  catalogue: readonly Indicator[],
  quarter: Quarter,
): Indicator[] {
  return expectedIndicators(org, catalogue).filter((i) => indicatorWindows(i.periodKind, quarter).length > 0);
}

/** Whether the organisation owes a return for the quarter at all. */
export function owesReturn(org: Organisation, catalogue: readonly Indicator[], quarter: Quarter): boolean {
  return dueIndicators(org, catalogue, quarter).length > 0;
}
