import { describe, expect, it } from 'vitest';
import { gridStructure } from './additive-structure.ts';
import { auditSuppression } from './audit-suppression.ts';
import { cellKey, ruleFor, type Table } from './disclosure.model.ts';
import { outputCell } from './output-cells.ts';
import { publishedCells } from './published-knowledge.ts';
import { applyDisclosureControl } from './suppress.ts';

const partnership = ruleFor('partnership');

/** One area, breakdown b1…bn with a total: a one-dimensional table with its margin. */
function oneRow(counts: readonly number[]) {
  const values = counts.map((_, i) => `b${i + 1}`);
  const structure = gridStructure([{ code: 'A', parent: null }], [{ name: 'b', values, total: 'total' }]);
  const total = counts.reduce((s, v) => s + v, 0);
  const table: Table = {
    cells: [
      { key: cellKey('A', 'total'), count: total },
      ...counts.map((count, i) => ({ key: cellKey('A', `b${i + 1}`), count })),
    ],
  };
  return { table, structure };
}

const texts = (cells: readonly { key: string; text: string }[]) =>
  Object.fromEntries(cells.map((c) => [c.key, c.text]));

describe('primary suppression in a one-dimensional table', () => {
  it('lets two small cells in one row protect each other, and shows zeros', () => {
    const { table, structure } = oneRow([4, 3, 0, 12]);
    const result = applyDisclosureControl(table, structure, partnership);
    expect(texts(result.cells)).toEqual({
      'A|total': '19',
      'A|b1': '[c]',
      'A|b2': '[c]',
      'A|b3': '0',
      'A|b4': '12',
    });
    expect([...result.suppressed].sort()).toEqual(['A|b1', 'A|b2']);
    expect(result.detail.addedByHeuristic + result.detail.addedByAudit).toBe(0);
    // b1 + b2 = 7 with each ≥ 1: each lies in [1, 6], width 5 > 4.
    expect(result.audit?.passed).toBe(true);
    const audit = auditSuppression(publishedCells(result.cells, partnership), structure, {
      protectionLevel: 4,
      computeAll: true,
    });
    expect(audit.intervals.get('A|b1')).toMatchObject({ lo: 1, hi: 6, width: 5 });
  });

  it('hides a third cell when the two small ones add up to too little to hide either', () => {
    const { table, structure } = oneRow([2, 1, 0, 12]);
    // Hiding just the two small cells leaves b1 + b2 = 15 − 0 − 12 = 3: each is 1 or 2.
    const twoHidden = publishedCells(
      table.cells.map((cell) => outputCell(cell, cell.key === 'A|b1' || cell.key === 'A|b2', partnership)),
      partnership,
    );
    const loose = auditSuppression(twoHidden, structure, { protectionLevel: 4 });
    expect(loose.passed).toBe(false);
    expect(loose.failures.map((f) => [f.key, f.lo, f.hi])).toEqual([
      ['A|b1', 1, 2],
      ['A|b2', 1, 2],
    ]);

    const result = applyDisclosureControl(table, structure, partnership);
    expect([...result.suppressed].sort()).toEqual(['A|b1', 'A|b2', 'A|b4']);
    expect(texts(result.cells)['A|b3']).toBe('0');
    expect(result.audit?.passed).toBe(true);
    expect(result.detail.reasons.get('A|b4')).toBe('secondary');
  });

  it('hides the partner of a single small cell, preferring the smallest non-zero one', () => {
    const { table, structure } = oneRow([3, 0, 9, 30]);
    const result = applyDisclosureControl(table, structure, partnership);
    expect([...result.suppressed].sort()).toEqual(['A|b1', 'A|b3']);
    expect(result.audit?.passed).toBe(true);
  });

  it('suppresses nothing for the own-organisation tier', () => {
    const { table, structure } = oneRow([1, 2, 0, 3]);
    const result = applyDisclosureControl(table, structure, ruleFor('own-organisation'));
    expect(result.suppressed.size).toBe(0);
    expect(result.cells.map((c) => c.text)).toEqual(['6', '1', '2', '0', '3']);
    expect(result.audit).toBeUndefined();
  });

  it('never alters the stored table', () => {
    const { table, structure } = oneRow([2, 1, 0, 12]);
    const before = JSON.stringify(table);
    applyDisclosureControl(table, structure, ruleFor('public'));
    expect(JSON.stringify(table)).toBe(before);
  });
});

describe('data that does not add up', () => {
  it('treats a total above its parts as holding an unpublished remainder, and still protects', () => {
    // A district count including crimes with no ward: 20 > 3 + 9.
    const structure = gridStructure(
      [
        { code: 'D', parent: null },
        { code: 'W1', parent: 'D' },
        { code: 'W2', parent: 'D' },
      ],
      [],
    );
    const table: Table = {
      cells: [
        { key: 'D', count: 20 },
        { key: 'W1', count: 3 },
        { key: 'W2', count: 9 },
      ],
    };
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.detail.warnings.map((w) => w.total)).toEqual(['D']);
    // The remainder is not counted as hiding W1 (the attacker may learn it elsewhere), so W2 goes too.
    expect([...result.suppressed].sort()).toEqual(['W1', 'W2']);
    expect(result.audit?.passed).toBe(true);
  });

  it('warns about a total below its parts and leaves that constraint out of the LP', () => {
    const structure = gridStructure(
      [
        { code: 'D', parent: null },
        { code: 'W1', parent: 'D' },
        { code: 'W2', parent: 'D' },
      ],
      [],
    );
    const table: Table = {
      cells: [
        { key: 'D', count: 5 },
        { key: 'W1', count: 3 },
        { key: 'W2', count: 9 },
      ],
    };
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.detail.warnings).toEqual([{ total: 'D', message: "total 5 is less than its parts' 12" }]);
    expect(result.suppressed.has('W1')).toBe(true);
    expect(result.audit?.passed).toBe(true);
  });
});
