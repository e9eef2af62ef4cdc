// A table and its structure turned into integer-indexed arrays, so that suppression and the auditor
// walk arrays rather than hash strings in their inner loops (one indicator is tens of thousands of cells).
import type { AdditiveStructure, CellKey, Table } from './disclosure.model.ts';

/** What is known about a cell's true value. */
export const CellKind = {
  /** A stored count. */
  known: 0,
  /** Null in the table (`[x]`): nobody, attacker included, knows it. */
  notAvailable: 1,
  /** `[z]`: cannot exist, so counts as zero in every sum. */
  notApplicable: 2,
  /** Named by the structure but not in the table: unpublished, so unknown to the attacker too. */
  missing: 3,
} as const;
export type CellKindValue = (typeof CellKind)[keyof typeof CellKind];

export interface IndexedConstraint {
  readonly total: number;
  readonly parts: readonly number[];
  /** total = Σ parts + r with r ≥ 0 unknown (declared, or because the stored total exceeds its parts). */
  readonly remainder: boolean;
  /** The stored data break this constraint outright (total below its parts): left out of the LP. */
  readonly broken: boolean;
}

export interface StructureWarning {
  readonly total: CellKey;
  readonly message: string;
}

export interface IndexedTable {
  readonly keys: readonly CellKey[];
  readonly index: ReadonlyMap<CellKey, number>;
  /** Cells 0 … tableSize−1 are the table's; later ones are `missing` cells named only by the structure. */
  readonly tableSize: number;
  readonly kind: Uint8Array;
  /** The stored count for `known` cells, 0 otherwise. */
  readonly count: Float64Array;
  readonly constraints: readonly IndexedConstraint[];
  /** The constraints each cell is a term of. */
  readonly constraintsOf: readonly (readonly number[])[];
  readonly groups: readonly (readonly number[])[];
  readonly groupsOf: readonly (readonly number[])[];
  readonly warnings: readonly StructureWarning[];
}

/** Every term of a constraint, the total first. */
export function termsOf(constraint: IndexedConstraint): number[] {
  return [constraint.total, ...constraint.parts];
}

export function indexTable(table: Table, structure: AdditiveStructure): IndexedTable {
  const keys: CellKey[] = [];
  const index = new Map<CellKey, number>();
  const kinds: number[] = [];
  const counts: number[] = [];
  for (const cell of table.cells) {
    if (index.has(cell.key)) throw new Error(`cell ${cell.key} appears twice in the table`);
    if (cell.count !== null && (!Number.isInteger(cell.count) || cell.count < 0)) {
      throw new RangeError(`cell ${cell.key}: a count must be a whole number ≥ 0, not ${cell.count}`);
    }
    index.set(cell.key, keys.length);
    keys.push(cell.key);
    if (cell.count !== null) {
      kinds.push(CellKind.known);
      counts.push(cell.count);
    } else {
      kinds.push(cell.flags?.notApplicable ? CellKind.notApplicable : CellKind.notAvailable);
      counts.push(0);
    }
  }
  const tableSize = keys.length;
  const idOf = (key: CellKey): number => {
    const found = index.get(key);
    if (found !== undefined) return found;
    index.set(key, keys.length);
    keys.push(key);
    kinds.push(CellKind.missing);
    counts.push(0);
    return keys.length - 1;
  };

  const warnings: StructureWarning[] = [];
  const constraints: IndexedConstraint[] = structure.constraints.map((c) => {
    const total = idOf(c.total);
    const parts = [...new Set(c.parts.map(idOf))].filter((p) => p !== total);
    return checkConsistency(c.total, total, parts, c.remainder ?? false, kinds, counts, warnings);
  });
  const groups = structure.linked.map((group) => [...new Set(group.map(idOf))]);

  const size = keys.length;
  const constraintsOf: number[][] = Array.from({ length: size }, () => []);
  constraints.forEach((c, ci) => {
    for (const term of termsOf(c)) constraintsOf[term]!.push(ci);
  });
  const groupsOf: number[][] = Array.from({ length: size }, () => []);
  groups.forEach((group, gi) => {
    for (const member of group) groupsOf[member]!.push(gi);
  });

  return {
    keys,
    index,
    tableSize,
    kind: Uint8Array.from(kinds),
    count: Float64Array.from(counts),
    constraints,
    constraintsOf,
    groups,
    groupsOf,
    warnings,
  };
}

/**
 * Stored data need not add up: a police district count includes crimes with no ward. A total above its
 * parts is treated as having an unpublished remainder (the attacker knows only that the remainder is ≥ 0);
 * a total below its parts cannot be modelled as a sum and is left out of the LP, with a warning, though
 * the "never alone" rule still applies to it.
 */
function checkConsistency(
  totalKey: CellKey,
  total: number,
  parts: number[],
  declaredRemainder: boolean,
  kinds: readonly number[],
  counts: readonly number[],
  warnings: StructureWarning[],
): IndexedConstraint {
  const isUnknown = (id: number) => kinds[id] === CellKind.notAvailable || kinds[id] === CellKind.missing;
  if (isUnknown(total)) return { total, parts, remainder: declaredRemainder, broken: false };
  const partsKnown = parts.reduce((sum, p) => sum + (counts[p] ?? 0), 0);
  const anyPartUnknown = parts.some(isUnknown);
  const totalValue = counts[total] ?? 0;
  if (totalValue < partsKnown) {
    warnings.push({ total: totalKey, message: `total ${totalValue} is less than its parts' ${partsKnown}` });
    return { total, parts, remainder: declaredRemainder, broken: true };
  }
  if (totalValue > partsKnown && !anyPartUnknown && !declaredRemainder) {
    warnings.push({
      total: totalKey,
      message: `total ${totalValue} exceeds its parts' ${partsKnown}: treated as having an unpublished remainder`,
    });
    return { total, parts, remainder: true, broken: false };
  }
  return { total, parts, remainder: declaredRemainder, broken: false };
}
