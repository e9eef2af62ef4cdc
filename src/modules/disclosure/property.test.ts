// Property-style tests over seeded random tables: whatever the counts, the published output passes the
// auditor, every interval contains the truth, and the LP agrees with brute-force enumeration.
import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit-suppression.ts';
import { gridKeys, gridStructure } from './additive-structure.ts';
import {
  cellKey,
  keyParts,
  ruleFor,
  type CellKey,
  type DisclosureRule,
  type Table,
} from './disclosure.model.ts';
import { outputCell } from './output-cells.ts';
import { publishedCells } from './published-knowledge.ts';
import { applyDisclosureControl } from './suppress.ts';
import {
  bruteForceTwoWay,
  hierarchyAreas,
  hierarchyTable,
  loneSuppressed,
  seededRandom,
  smallCount,
  twoWayTable,
} from './test-tables.fixture.ts';

const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);

function randomHierarchy(seed: number) {
  const random = seededRandom(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const areas = hierarchyAreas({
    localities: pick(1, 2),
    districtsPerLocality: pick(1, 3),
    wardsPerDistrict: pick(2, 5),
    breakdown: [],
  });
  const values = ['a', 'b', 'c', 'd'].slice(0, pick(2, 4));
  return hierarchyTable(areas, [{ name: 'x', values, total: 'total' }], () => smallCount(random));
}

describe.each([
  ['partnership', ruleFor('partnership')],
  ['public', ruleFor('public')],
] as [string, DisclosureRule][])('random hierarchical tables, %s tier', (_name, rule) => {
  it.each(SEEDS)('seed %i: the auditor passes and every interval contains the truth', (seed) => {
    const { table, structure, truth } = randomHierarchy(seed);
    const result = applyDisclosureControl(table, structure, rule);
    expect(result.audit?.passed).toBe(true);
    expect(loneSuppressed(structure, (k: CellKey) => result.suppressed.has(k), result.suppressed)).toEqual(
      [],
    );
    // The auditor run independently, on nothing but the published cells.
    const audit = auditSuppression(publishedCells(result.cells, rule), structure, {
      protectionLevel: rule.protectionLevel,
      computeAll: true,
    });
    expect(audit.failures).toEqual([]);
    for (const [key, interval] of audit.intervals) {
      const value = truth.get(key) as number;
      expect(value >= interval.lo - 1e-6 && value <= interval.hi + 1e-6, key).toBe(true);
      expect(value >= rule.primaryMin, `${key}: zeros are never suppressed`).toBe(true);
    }
  });
});

/** Areas × age (with total) × month (with a year total): three-way margins, where the LP does real work. */
function randomThreeWay(seed: number) {
  const random = seededRandom(500 + seed);
  const areas = hierarchyAreas({
    localities: 1,
    districtsPerLocality: 2,
    wardsPerDistrict: 3,
    breakdown: [],
  });
  const ages = ['a', 'b', 'c'];
  const months = ['m1', 'm2', 'm3'];
  const dims = [
    { name: 'age', values: ages, total: 'total' },
    { name: 'month', values: months, total: 'year' },
  ];
  const children = new Map<string, string[]>();
  for (const a of areas) if (a.parent) children.set(a.parent, [...(children.get(a.parent) ?? []), a.code]);
  const leaves = new Map<string, number>();
  const value = (area: string, age: string, month: string): number => {
    const kids = children.get(area);
    if (kids) return kids.reduce((s, k) => s + value(k, age, month), 0);
    if (age === 'total') return ages.reduce((s, a) => s + value(area, a, month), 0);
    if (month === 'year') return months.reduce((s, m) => s + value(area, age, m), 0);
    const key = cellKey(area, age, month);
    if (!leaves.has(key)) leaves.set(key, smallCount(random));
    return leaves.get(key) as number;
  };
  const truth = new Map(
    gridKeys(areas, dims).map((key) => {
      const [area, age, month] = keyParts(key) as [string, string, string];
      return [key, value(area, age, month)] as const;
    }),
  );
  const table: Table = { cells: [...truth].map(([key, count]) => ({ key, count })) };
  return { table, structure: gridStructure(areas, dims), truth };
}

describe.each([
  ['partnership', ruleFor('partnership')],
  ['public', ruleFor('public')],
] as [string, DisclosureRule][])(
  'random three-way tables (area × age × month with year total), %s tier',
  (_name, rule) => {
    it.each([1, 2, 3])('seed %i: the auditor passes and every interval contains the truth', (seed) => {
      const { table, structure, truth } = randomThreeWay(seed);
      const result = applyDisclosureControl(table, structure, rule);
      expect(result.audit?.passed).toBe(true);
      const audit = auditSuppression(publishedCells(result.cells, rule), structure, {
        protectionLevel: rule.protectionLevel,
        computeAll: true,
      });
      expect(audit.failures).toEqual([]);
      for (const [key, interval] of audit.intervals) {
        const value = truth.get(key) as number;
        expect(value >= interval.lo - 1e-6 && value <= interval.hi + 1e-6, key).toBe(true);
      }
    });
  },
);

describe('the properties above are not vacuous', () => {
  it('primary suppression alone fails the auditor on most of the same tables', () => {
    const rule = ruleFor('partnership');
    let failing = 0;
    for (const seed of SEEDS) {
      const { table, structure } = randomHierarchy(seed);
      const primaryOnly = table.cells.map((cell) =>
        outputCell(cell, cell.count !== null && cell.count >= 1 && cell.count <= 4, rule),
      );
      const audit = auditSuppression(publishedCells(primaryOnly, rule), structure, { protectionLevel: 4 });
      if (!audit.passed) failing++;
    }
    expect(failing).toBeGreaterThan(SEEDS.length / 2);
  });
});

describe('the LP against brute force', () => {
  it.each(SEEDS.slice(0, 25))(
    'seed %i: random 3×4 tables and suppression patterns give the exact integer intervals',
    (seed) => {
      const random = seededRandom(1000 + seed);
      const inner = Array.from({ length: 3 }, () =>
        Array.from({ length: 4 }, () => 1 + Math.floor(random() * 6)),
      );
      const hidden: [number, number][] = [];
      for (let r = 0; r < 3; r++) for (let c = 0; c < 4; c++) if (random() < 0.45) hidden.push([r, c]);
      const { table, structure, key } = twoWayTable(inner);
      const hiddenKeys = new Set(hidden.map(([r, c]) => key(r, c)));
      const rule = ruleFor('partnership');
      const cells = table.cells.map((cell) => outputCell(cell, hiddenKeys.has(cell.key), rule));
      const audit = auditSuppression(publishedCells(cells, rule), structure, {
        protectionLevel: 4,
        computeAll: true,
      });
      const exact = bruteForceTwoWay(inner, hidden);
      for (const [r, c] of hidden) {
        const interval = audit.intervals.get(key(r, c));
        const truth = exact.get(`${r},${c}`);
        // Two-way tables with margins are totally unimodular: the LP bounds are the integer bounds.
        expect(interval?.lo).toBeCloseTo(truth?.lo ?? NaN, 6);
        expect(interval?.hi).toBeCloseTo(truth?.hi ?? NaN, 6);
      }
    },
  );
});
