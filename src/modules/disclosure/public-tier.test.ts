import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit-suppression.ts';
import { ruleFor } from './disclosure.model.ts';
import { knowledgeOf, publishedCells } from './published-knowledge.ts';
import { roundingInterval, roundToBase } from './rounding.ts';
import { applyDisclosureControl } from './suppress.ts';
import {
  hierarchyAreas,
  hierarchyTable,
  seededRandom,
  smallCount,
  twoWayTable,
} from './test-tables.fixture.ts';

const publicRule = ruleFor('public');

describe('public-tier rounding', () => {
  it('rounds to the nearest 5, halves up, and knows which true values round to a shown one', () => {
    expect([0, 2, 3, 7, 8, 12, 13, 22, 23, 100].map((v) => roundToBase(v, 5))).toEqual([
      0, 0, 5, 5, 10, 10, 15, 20, 25, 100,
    ]);
    expect(roundingInterval(10, 5)).toEqual({ lo: 8, hi: 12 });
    expect(roundingInterval(20, 10)).toEqual({ lo: 15, hi: 24 });
  });

  it('tells the auditor that a shown 10 is 8–12 and that nothing shown is 1–7', () => {
    const shown10 = { key: 'k', value: 10, symbol: null, markers: [], text: '10' } as const;
    expect(knowledgeOf(shown10, publicRule)).toEqual({ kind: 'interval', lo: 8, hi: 12 });
    const shown0 = { key: 'k', value: 0, symbol: null, markers: [], text: '0' } as const;
    expect(knowledgeOf(shown0, publicRule)).toEqual({ kind: 'exact', value: 0 });
  });
});

describe('public tier', () => {
  const inner = [
    [0, 6, 23, 41],
    [12, 9, 2, 30],
    [0, 0, 17, 8],
  ];
  const { table, structure, key } = twoWayTable(inner);
  const result = applyDisclosureControl(table, structure, publicRule);
  const text = (r: number | 'T', c: number | 'total') =>
    result.cells.find((cell) => cell.key === key(r, c))?.text;

  it('suppresses 1–7, keeps zeros, and rounds everything shown to a multiple of 5', () => {
    const grid = (['T', 0, 1, 2] as const).map((r) =>
      (['total', 0, 1, 2, 3] as const).map((c) => text(r, c)),
    );
    expect(grid).toEqual([
      ['150', '10', '15', '40', '80'],
      ['70', '0', '[c]', '[c]', '40'], //   0   6  23  41
      ['55', '10', '[c]', '[c]', '30'], // 12   9   2  30
      ['25', '0', '0', '15', '10'], //      0   0  17   8
    ]);
    expect(result.detail.reasons.get(key(0, 1))).toBe('primary'); // 6
    expect(result.detail.reasons.get(key(1, 2))).toBe('primary'); // 2
    for (const cell of result.cells) if (cell.value !== null) expect(cell.value % 5).toBe(0);
  });

  it('passes the auditor that sees shown cells as intervals', () => {
    expect(result.audit?.passed).toBe(true);
    const audit = auditSuppression(publishedCells(result.cells, publicRule), structure, {
      protectionLevel: publicRule.protectionLevel,
      computeAll: true,
    });
    expect(audit.passed).toBe(true);
    for (const interval of audit.intervals.values()) expect(interval.width).toBeGreaterThan(7);
  });

  it('passes the interval auditor on random hierarchies, with and without a witness', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const random = seededRandom(seed);
      const areas = hierarchyAreas({
        localities: 2,
        districtsPerLocality: 2,
        wardsPerDistrict: 3,
        breakdown: [],
      });
      const dims = [{ name: 'sex', values: ['f', 'm'], total: 'total' }];
      const t = hierarchyTable(areas, dims, () => smallCount(random));
      const controlled = applyDisclosureControl(t.table, t.structure, publicRule);
      expect(controlled.audit?.passed, `seed ${seed}`).toBe(true);
      const published = publishedCells(controlled.cells, publicRule);
      const full = auditSuppression(published, t.structure, { protectionLevel: 7, computeAll: true });
      expect(full.passed, `seed ${seed}`).toBe(true);
      for (const [k, interval] of full.intervals) {
        const truth = t.truth.get(k) as number;
        expect(truth >= interval.lo - 1e-6 && truth <= interval.hi + 1e-6, `seed ${seed} ${k}`).toBe(true);
      }
      // Pinning distant cells to the truth can only narrow intervals.
      const pinned = auditSuppression(published, t.structure, {
        protectionLevel: 7,
        computeAll: true,
        witness: t.truth,
      });
      for (const [k, interval] of pinned.intervals) {
        expect(interval.width, `seed ${seed} ${k}`).toBeLessThanOrEqual(
          full.intervals.get(k)?.width ?? Infinity,
        );
      }
    }
  });
});
