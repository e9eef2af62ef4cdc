import { describe, expect, it } from 'vitest';
import { BoundedSimplex, type LpProblem } from './bounded-simplex.ts';
import { seededRandom } from './test-tables.fixture.ts';

function solved(problem: LpProblem): BoundedSimplex {
  const lp = new BoundedSimplex(problem);
  expect(lp.findFeasible()).toBe(true);
  return lp;
}

describe('BoundedSimplex', () => {
  it('finds the range of a variable in a sum with lower bounds', () => {
    // x0 + x1 + x2 = 10, each ≥ 1, x2 ≤ 3
    const lp = solved({
      variables: 3,
      rows: [
        {
          terms: [
            [0, 1],
            [1, 1],
            [2, 1],
          ],
          rhs: 10,
        },
      ],
      lower: [1, 1, 1],
      upper: [Infinity, Infinity, 3],
    });
    expect(lp.optimise(0, 'max')).toBeCloseTo(8);
    expect(lp.optimise(0, 'min')).toBeCloseTo(1);
    expect(lp.optimise(2, 'max')).toBeCloseTo(3);
    expect(lp.optimise(2, 'min')).toBeCloseTo(1);
  });

  it('reports infeasibility', () => {
    const lp = new BoundedSimplex({
      variables: 2,
      rows: [
        {
          terms: [
            [0, 1],
            [1, 1],
          ],
          rhs: 1,
        },
      ],
      lower: [1, 1],
      upper: [Infinity, Infinity],
    });
    expect(lp.findFeasible()).toBe(false);
  });

  it('reports an unbounded maximum as Infinity', () => {
    // x0 − x1 = 2: both can grow together
    const lp = solved({
      variables: 2,
      rows: [
        {
          terms: [
            [0, 1],
            [1, -1],
          ],
          rhs: 2,
        },
      ],
      lower: [0, 0],
      upper: [Infinity, Infinity],
    });
    expect(lp.optimise(0, 'max')).toBe(Infinity);
    expect(lp.optimise(0, 'min')).toBeCloseTo(2);
  });

  it('handles negative right-hand sides and two-sided bounds', () => {
    // −x0 + x1 = −4 (x0 = x1 + 4), x0 ∈ [0, 6], x1 ∈ [1, ∞)
    const lp = solved({
      variables: 2,
      rows: [
        {
          terms: [
            [0, -1],
            [1, 1],
          ],
          rhs: -4,
        },
      ],
      lower: [0, 1],
      upper: [6, Infinity],
    });
    expect(lp.optimise(0, 'min')).toBeCloseTo(5);
    expect(lp.optimise(0, 'max')).toBeCloseTo(6);
    expect(lp.optimise(1, 'max')).toBeCloseTo(2);
  });

  it('agrees with a cold start on every objective of random transportation polytopes (warm starts are sound)', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 30; trial++) {
      // a 3×3 table: rows and columns sum to random margins
      const rowSums = [0, 0, 0];
      const colSums = [0, 0, 0];
      for (let r = 0; r < 3; r++) {
        for (let c = 0; c < 3; c++) {
          const v = 1 + Math.floor(random() * 6);
          rowSums[r]! += v;
          colSums[c]! += v;
        }
      }
      const rows = [
        ...rowSums.map((rhs, r) => ({ terms: [0, 1, 2].map((c) => [r * 3 + c, 1] as const), rhs })),
        ...colSums.map((rhs, c) => ({ terms: [0, 1, 2].map((r) => [r * 3 + c, 1] as const), rhs })),
      ];
      const problem: LpProblem = {
        variables: 9,
        rows,
        lower: Array(9).fill(1),
        upper: Array(9).fill(Infinity),
      };
      const warm = solved(problem);
      for (let j = 0; j < 9; j++) {
        for (const sense of ['max', 'min'] as const) {
          const cold = solved(problem);
          expect(warm.optimise(j, sense)).toBeCloseTo(cold.optimise(j, sense), 9);
        }
      }
    }
  });
});
