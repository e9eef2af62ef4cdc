import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit-suppression.ts';
import { ruleFor, type CellKey } from './disclosure.model.ts';
import { publishedCells } from './published-knowledge.ts';
import { applyDisclosureControl } from './suppress.ts';
import {
  hierarchyAreas,
  hierarchyTable,
  loneSuppressed,
  seededRandom,
  smallCount,
} from './test-tables.fixture.ts';

const partnership = ruleFor('partnership');

describe('ward → district → locality → Pathfinder by a breakdown with margins', () => {
  const areas = hierarchyAreas({
    localities: 2,
    districtsPerLocality: 2,
    wardsPerDistrict: 4,
    breakdown: [],
  });
  const dims = [{ name: 'age', values: ['10-13', '14-15', '16-17'], total: 'total' }];
  const random = seededRandom(42);
  const { table, structure, truth } = hierarchyTable(areas, dims, () => smallCount(random));
  const result = applyDisclosureControl(table, structure, partnership);

  it('has small counts to protect, and protects them all', () => {
    const small = table.cells.filter((c) => c.count !== null && c.count >= 1 && c.count <= 4);
    expect(small.length).toBeGreaterThan(10);
    for (const cell of small) expect(result.suppressed.has(cell.key)).toBe(true);
    for (const cell of result.cells.filter((c) => c.symbol === null)) {
      expect(cell.value === 0 || (cell.value ?? 0) > 4).toBe(true);
    }
  });

  it('passes the auditor: every suppressed cell is wider than the protection level and contains the truth', () => {
    expect(result.audit?.passed).toBe(true);
    const audit = auditSuppression(publishedCells(result.cells, partnership), structure, {
      protectionLevel: partnership.protectionLevel,
      computeAll: true,
    });
    expect(audit.passed).toBe(true);
    expect(audit.intervals.size).toBe(result.suppressed.size);
    for (const [key, interval] of audit.intervals) {
      expect(interval.exact).toBe(true);
      expect(interval.width).toBeGreaterThan(4);
      const value = truth.get(key) as number;
      expect(value).toBeGreaterThanOrEqual(interval.lo - 1e-6);
      expect(value).toBeLessThanOrEqual(interval.hi + 1e-6);
    }
  });

  it('never lets a shown total minus its shown parts give a suppressed cell away', () => {
    const hidden = (key: CellKey) => result.suppressed.has(key);
    expect(loneSuppressed(structure, hidden, result.suppressed)).toEqual([]);
    // and directly: in every constraint with a shown total and exactly one hidden term, that term is shown
    const shown = new Map(result.cells.map((c) => [c.key, c.value]));
    for (const c of structure.constraints) {
      const hiddenTerms = [c.total, ...c.parts].filter(hidden);
      if (hiddenTerms.length !== 1) continue;
      const [only] = hiddenTerms;
      const recomputed =
        only === c.total
          ? c.parts.reduce((s, p) => s + (shown.get(p) ?? 0), 0)
          : (shown.get(c.total) ?? 0) -
            c.parts.filter((p) => p !== only).reduce((s, p) => s + (shown.get(p) ?? 0), 0);
      expect.fail(`${only} is recomputable as ${recomputed}`);
    }
  });

  it('keeps suppression proportionate: the Pathfinder and locality totals stay shown', () => {
    for (const key of ['P|total', 'L1|total', 'L2|total']) {
      expect(result.suppressed.has(key)).toBe(false);
    }
  });
});
