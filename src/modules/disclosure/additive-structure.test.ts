import { describe, expect, it } from 'vitest';
import {
  gridKeys,
  gridStructure,
  hierarchyConstraints,
  marginConstraints,
  ratioPair,
  type AreaLink,
} from './additive-structure.ts';

const areas: AreaLink[] = [
  { code: 'P', parent: null },
  { code: 'L1', parent: 'P' },
  { code: 'D1', parent: 'L1' },
  { code: 'W1', parent: 'D1' },
  { code: 'W2', parent: 'D1' },
];

describe('additive structure builders', () => {
  it('makes each parent the sum of its children for every label tuple', () => {
    expect(hierarchyConstraints(areas, [['f'], ['m']])).toEqual([
      { total: 'P|f', parts: ['L1|f'] },
      { total: 'P|m', parts: ['L1|m'] },
      { total: 'L1|f', parts: ['D1|f'] },
      { total: 'L1|m', parts: ['D1|m'] },
      { total: 'D1|f', parts: ['W1|f', 'W2|f'] },
      { total: 'D1|m', parts: ['W1|m', 'W2|m'] },
    ]);
  });

  it('makes each total the sum over a dimension, with the other labels held', () => {
    expect(
      marginConstraints(['W1'], { name: 'sex', values: ['f', 'm'], total: 'all' }, [[]], [['2025-01']]),
    ).toEqual([{ total: 'W1|all|2025-01', parts: ['W1|f|2025-01', 'W1|m|2025-01'] }]);
    expect(marginConstraints(['W1'], { name: 'month', values: ['2025-01', '2025-02'] })).toEqual([]);
  });

  it('builds a whole grid: months without a year total are not additive', () => {
    const dims = [
      { name: 'sex', values: ['f', 'm'], total: 'all' },
      { name: 'month', values: ['2025-01', '2025-02'] },
    ];
    const structure = gridStructure(areas, dims, [ratioPair('W1|f|2025-01', 'W1|m|2025-01')]);
    // 3 parents × 3 sex labels × 2 months, and 5 areas × 2 months sex margins
    expect(structure.constraints).toHaveLength(3 * 3 * 2 + 5 * 2);
    expect(
      structure.constraints.some((c) =>
        c.parts.some((p) => p.endsWith('2025-02') !== c.total.endsWith('2025-02')),
      ),
    ).toBe(false);
    expect(structure.linked).toEqual([['W1|f|2025-01', 'W1|m|2025-01']]);
    expect(gridKeys(areas, dims)).toHaveLength(5 * 3 * 2);
  });

  it('adds margins of margins when every dimension has a total', () => {
    const dims = [
      { name: 'sex', values: ['f', 'm'], total: 'all' },
      { name: 'month', values: ['2025-01', '2025-02'], total: 'year' },
    ];
    const structure = gridStructure([{ code: 'W1', parent: null }], dims);
    expect(structure.constraints).toContainEqual({ total: 'W1|all|year', parts: ['W1|f|year', 'W1|m|year'] });
    expect(structure.constraints).toContainEqual({
      total: 'W1|all|year',
      parts: ['W1|all|2025-01', 'W1|all|2025-02'],
    });
  });
});
