import { describe, expect, it } from 'vitest';
import { gridStructure } from './additive-structure.ts';
import { auditSuppression } from './audit-suppression.ts';
import { ruleFor, type CellKey } from './disclosure.model.ts';
import { publishedCells, type PublishedCell } from './published-knowledge.ts';
import { applyDisclosureControl } from './suppress.ts';
import { bruteForceTwoWay, loneSuppressed, twoWayTable } from './test-tables.fixture.ts';

const partnership = ruleFor('partnership');

/**
 * Four wards (rows) of one district (row T) by a four-value breakdown with its total column. The nine
 * 4s form two 2×2 cycles joined by a bridge at R2×C3: every ward and every breakdown value hides at least
 * two cells, yet (R1 + R2 hidden) − (C1 + C2 hidden) = the bridge, exactly.
 */
const BRIDGE = [
  [4, 4, 20, 20],
  [4, 4, 4, 20],
  [20, 20, 4, 4],
  [20, 20, 4, 4],
];
const BRIDGE_HIDDEN = [
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
  [1, 2],
  [2, 2],
  [2, 3],
  [3, 2],
  [3, 3],
] as const;

describe('the auditor', () => {
  it('catches a cell that two suppressions in every row and column do not protect', () => {
    const { table, structure, key } = twoWayTable(BRIDGE);
    const heuristic = applyDisclosureControl(table, structure, partnership, { mode: 'heuristic' });
    expect([...heuristic.suppressed].sort()).toEqual(BRIDGE_HIDDEN.map(([r, c]) => key(r, c)).sort());
    const hidden = (k: CellKey) => heuristic.suppressed.has(k);
    expect(loneSuppressed(structure, hidden, heuristic.suppressed)).toEqual([]);

    const audit = auditSuppression(publishedCells(heuristic.cells, partnership), structure, {
      protectionLevel: 4,
      computeAll: true,
    });
    expect(audit.passed).toBe(false);
    expect(audit.failures.map((f) => [f.key, f.lo, f.hi, f.width])).toEqual([[key(1, 2), 4, 4, 0]]);

    // The LP agrees with brute-force enumeration of every whole-number completion.
    const exact = bruteForceTwoWay(BRIDGE, BRIDGE_HIDDEN);
    for (const [r, c] of BRIDGE_HIDDEN) {
      const interval = audit.intervals.get(key(r, c));
      expect([interval?.lo, interval?.hi]).toEqual([exact.get(`${r},${c}`)?.lo, exact.get(`${r},${c}`)?.hi]);
    }
  });

  it('is satisfied once the engine has repaired the pattern', () => {
    const { table, structure } = twoWayTable(BRIDGE);
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.detail.addedByAudit).toBeGreaterThan(0);
    expect(result.audit?.passed).toBe(true);
    const audit = auditSuppression(publishedCells(result.cells, partnership), structure, {
      protectionLevel: 4,
      computeAll: true,
    });
    expect(audit.passed).toBe(true);
    for (const interval of audit.intervals.values()) expect(interval.width).toBeGreaterThan(4);
  });

  it('catches a district total that equals one hidden ward plus shown wards', () => {
    const structure = gridStructure(
      [
        { code: 'D', parent: null },
        { code: 'W1', parent: 'D' },
        { code: 'W2', parent: 'D' },
        { code: 'W3', parent: 'D' },
      ],
      [],
    );
    const published: PublishedCell[] = [
      { key: 'D', knowledge: { kind: 'exact', value: 30 } },
      { key: 'W1', knowledge: { kind: 'suppressed' } },
      { key: 'W2', knowledge: { kind: 'exact', value: 12 } },
      { key: 'W3', knowledge: { kind: 'exact', value: 15 } },
    ];
    const audit = auditSuppression(published, structure, { protectionLevel: 4 });
    expect(audit.failures).toEqual([expect.objectContaining({ key: 'W1', lo: 3, hi: 3, width: 0 })]);

    const table = { cells: [30, 3, 12, 15].map((count, i) => ({ key: ['D', 'W1', 'W2', 'W3'][i]!, count })) };
    const result = applyDisclosureControl(table, structure, partnership);
    expect([...result.suppressed].sort()).toEqual(['W1', 'W2']);
    expect(result.audit?.passed).toBe(true);
  });

  it('treats [x] cells as unknown (≥ 0), and fails when the published figures cannot be reconciled', () => {
    const structure = gridStructure(
      [
        { code: 'D', parent: null },
        { code: 'W1', parent: 'D' },
        { code: 'W2', parent: 'D' },
        { code: 'W3', parent: 'D' },
      ],
      [],
    );
    const withUnknown: PublishedCell[] = [
      { key: 'D', knowledge: { kind: 'exact', value: 30 } },
      { key: 'W1', knowledge: { kind: 'suppressed' } },
      { key: 'W2', knowledge: { kind: 'unknown' } },
      { key: 'W3', knowledge: { kind: 'exact', value: 15 } },
    ];
    const audit = auditSuppression(withUnknown, structure, { protectionLevel: 4, computeAll: true });
    expect(audit.intervals.get('W1')).toMatchObject({ lo: 1, hi: 15, width: 14 });
    expect(audit.passed).toBe(true);

    // A shown total below its shown parts is not a sum the attacker can use: warned about, left out.
    const belowParts = withUnknown.map((c) =>
      c.key === 'W3' ? { key: 'W3', knowledge: { kind: 'exact' as const, value: 40 } } : c,
    );
    const warned = auditSuppression(belowParts, structure, { protectionLevel: 4 });
    expect(warned.warnings).toEqual([{ total: 'D', message: "total 30 is less than its parts' 40" }]);

    // Rounding intervals that cannot be reconciled make the test impossible: that is a failure.
    const contradictory = withUnknown.map((c) =>
      c.key === 'W3' ? { key: 'W3', knowledge: { kind: 'interval' as const, lo: 40, hi: 44 } } : c,
    );
    const bad = auditSuppression(contradictory, structure, { protectionLevel: 4 });
    expect(bad.passed).toBe(false);
    expect(bad.failures[0]).toMatchObject({ key: 'W1', infeasible: true });
  });

  it('uses interval knowledge for rounded cells', () => {
    // D shown 20 (18–22), W2 shown 10 (8–12): W1 = D − W2 ∈ [6, 14], width 8 > 7 ...
    const structure = gridStructure(
      [
        { code: 'D', parent: null },
        { code: 'W1', parent: 'D' },
        { code: 'W2', parent: 'D' },
      ],
      [],
    );
    const published = (dLo: number, dHi: number): PublishedCell[] => [
      { key: 'D', knowledge: { kind: 'interval', lo: dLo, hi: dHi } },
      { key: 'W1', knowledge: { kind: 'suppressed' } },
      { key: 'W2', knowledge: { kind: 'interval', lo: 8, hi: 12 } },
    ];
    const wide = auditSuppression(published(18, 22), structure, { protectionLevel: 7, computeAll: true });
    expect(wide.intervals.get('W1')).toMatchObject({ lo: 6, hi: 14, width: 8 });
    expect(wide.passed).toBe(true);
    // ... but had D been known exactly as 20, W1 ∈ [8, 12], width 4: not enough.
    const narrow = auditSuppression(published(20, 20), structure, { protectionLevel: 7 });
    expect(narrow.failures.map((f) => [f.key, f.lo, f.hi])).toEqual([['W1', 8, 12]]);
  });
});
