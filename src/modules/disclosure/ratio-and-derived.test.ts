import { describe, expect, it } from 'vitest';
import { combineStructures, hierarchyConstraints, ratioPair, type AreaLink } from './additive-structure.ts';
import { cellKey, ruleFor, type CellKey, type Table } from './disclosure.model.ts';
import { applyDisclosureControl, suppressDerived, type DerivedCell } from './suppress.ts';

const partnership = ruleFor('partnership');
const areas: AreaLink[] = [
  { code: 'D', parent: null },
  { code: 'W1', parent: 'D' },
  { code: 'W2', parent: 'D' },
  { code: 'W3', parent: 'D' },
];
const wards = ['W1', 'W2', 'W3'];

/** Two indicators for the same areas, and the ratio arrests ÷ missing children for each area. */
function ratioTable(arrests: readonly number[], missing: readonly number[]) {
  const sum = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0);
  const table: Table = {
    cells: [
      { key: cellKey('D', 'arrests'), count: sum(arrests) },
      ...wards.map((w, i) => ({ key: cellKey(w, 'arrests'), count: arrests[i] ?? 0 })),
      { key: cellKey('D', 'missing'), count: sum(missing) },
      ...wards.map((w, i) => ({ key: cellKey(w, 'missing'), count: missing[i] ?? 0 })),
    ],
  };
  const structure = combineStructures({
    constraints: hierarchyConstraints(areas, [['arrests'], ['missing']]),
    linked: ['D', ...wards].map((a) => ratioPair(cellKey(a, 'arrests'), cellKey(a, 'missing'))),
  });
  const derived: DerivedCell[] = [];
  const dependencies = new Map<CellKey, CellKey[]>();
  for (const area of ['D', ...wards]) {
    const num = table.cells.find((c) => c.key === cellKey(area, 'arrests'))?.count ?? 0;
    const den = table.cells.find((c) => c.key === cellKey(area, 'missing'))?.count ?? 0;
    const key = cellKey(area, 'ratio');
    derived.push(
      den === 0 ? { key, value: null, flags: { notApplicable: true } } : { key, value: num / den },
    );
    dependencies.set(key, [cellKey(area, 'arrests'), cellKey(area, 'missing')]);
  }
  return { table, structure, derived, dependencies };
}

describe('ratio pairs', () => {
  it('suppressing the numerator suppresses the denominator and the ratio', () => {
    const { table, structure, derived, dependencies } = ratioTable([3, 20, 30], [25, 40, 50]);
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.suppressed.has(cellKey('W1', 'arrests'))).toBe(true);
    expect(result.suppressed.has(cellKey('W1', 'missing'))).toBe(true);
    expect(result.detail.reasons.get(cellKey('W1', 'missing'))).toBe('linked');
    expect(result.audit?.passed).toBe(true);
    const ratios = suppressDerived(derived, dependencies, result.suppressed);
    expect(ratios.find((r) => r.key === 'W1|ratio')?.text).toBe('[c]');
    // each side of W1 needed a partner in its own district sum, so another ward's ratio goes too
    expect(ratios.filter((r) => r.text === '[c]').length).toBeGreaterThanOrEqual(2);
    expect(ratios.find((r) => r.key === 'D|ratio')?.value).toBeCloseTo(53 / 115);
  });

  it('suppressing the denominator suppresses the numerator and the ratio', () => {
    const { table, structure, derived, dependencies } = ratioTable([18, 20, 30], [2, 40, 50]);
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.suppressed.has(cellKey('W1', 'missing'))).toBe(true);
    expect(result.suppressed.has(cellKey('W1', 'arrests'))).toBe(true);
    expect(result.detail.reasons.get(cellKey('W1', 'arrests'))).toBe('linked');
    const ratios = suppressDerived(derived, dependencies, result.suppressed);
    expect(ratios.find((r) => r.key === 'W1|ratio')?.text).toBe('[c]');
    expect(result.audit?.passed).toBe(true);
  });

  it('leaves a zero partner shown (zeros are never suppressed) but still suppresses the ratio', () => {
    const { table, structure, derived, dependencies } = ratioTable([0, 20, 30], [3, 40, 50]);
    const result = applyDisclosureControl(table, structure, partnership);
    expect(result.cells.find((c) => c.key === 'W1|arrests')?.text).toBe('0');
    expect(
      suppressDerived(derived, dependencies, result.suppressed).find((r) => r.key === 'W1|ratio')?.text,
    ).toBe('[c]');
  });
});

describe('suppressDerived', () => {
  it('suppresses rates and interval limits of suppressed counts, and marks the rest', () => {
    const derived: DerivedCell[] = [
      { key: 'W1|rate', value: 12.5 },
      { key: 'W1|lower', value: 3.4 },
      { key: 'W2|rate', value: 40.1, flags: { provisional: true } },
      { key: 'W3|rate', value: null },
      { key: 'W4|rate', value: null, flags: { notApplicable: true } },
    ];
    const dependencies = new Map([
      ['W1|rate', ['W1|count']],
      ['W1|lower', ['W1|count']],
      ['W2|rate', ['W2|count']],
    ]);
    const out = suppressDerived(derived, dependencies, new Set(['W1|count']));
    expect(out.map((c) => c.text)).toEqual(['[c]', '[c]', '40.1 [p]', '[x]', '[z]']);
  });
});
