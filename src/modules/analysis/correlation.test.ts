// Spearman's rank correlation against hand-worked examples (checked with scipy.stats.spearmanr, which
// also averages tied ranks), and the Bonett–Wright interval worked from its formula:
// z = atanh(ρ), SE = √((1 + ρ²/2)/(n − 3)), limits tanh(z ± 1.959964·SE).
import { describe, expect, it } from 'vitest';
import { MIN_PAIRS, averageRanks, describeCorrelation, spearman } from './correlation.ts';

describe('averageRanks', () => {
  it('ranks from 1 and gives ties the average of the ranks they span', () => {
    // Sorted: 1, 1 (ranks 1–2 → 1.5), 2 (3), 3 (4), 4 (5), 5, 5 (6–7 → 6.5), 6 (8), 9 (9).
    expect(averageRanks([3, 1, 4, 1, 5, 9, 2, 6, 5])).toEqual([4, 1.5, 5, 1.5, 6.5, 9, 3, 8, 6.5]);
    expect(averageRanks([7, 7, 7])).toEqual([2, 2, 2]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe('spearman', () => {
  it('works a small example with ties in both variables', () => {
    // x = 1, 2, 2, 4, 5, 6 → ranks 1, 2.5, 2.5, 4, 5, 6
    // y = 2, 1, 4, 4, 6, 5 → ranks 2, 1, 3.5, 3.5, 6, 5
    // Both mean 3.5. dx = −2.5, −1, −1, 0.5, 1.5, 2.5; dy = −1.5, −2.5, 0, 0, 2.5, 1.5.
    // Σdx·dy = 3.75 + 2.5 + 0 + 0 + 3.75 + 3.75 = 13.75; Σdx² = 17; Σdy² = 17; ρ = 13.75/17 = 0.8088235.
    // Interval: z = atanh(0.8088235) = 1.12362; SE = √((1 + 0.32710)/3) = 0.66511;
    //   tanh(1.12362 ∓ 1.30358) → −0.17805 to 0.98453.
    const r = spearman([1, 2, 2, 4, 5, 6], [2, 1, 4, 4, 6, 5]);
    expect(r.n).toBe(6);
    expect(r.rho).toBeCloseTo(13.75 / 17, 12);
    expect(r.lower95).toBeCloseTo(-0.17804813739092654, 8);
    expect(r.upper95).toBeCloseTo(0.9845325735197272, 8);
    expect(r.reason).toBeNull();
  });

  it('gives a clear interval for a strong correlation over ten areas, and its mirror for the negative', () => {
    // y = 2, 1, 3, 5, 4, 6, 8, 7, 10, 9 against x = 1 … 10: four swapped neighbours, each d² = 1, so
    // ρ = 1 − 6·Σd²/(n(n² − 1)) = 1 − 6·8/990 = 0.9515152 (no ties, so the classic formula holds).
    // SE = √((1 + 0.4527)/7) = 0.45556; limits tanh(1.84756 ∓ 0.89286) = 0.74190 to 0.99170.
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = [2, 1, 3, 5, 4, 6, 8, 7, 10, 9];
    const up = spearman(x, y);
    expect(up.rho).toBeCloseTo(1 - 48 / 990, 12);
    expect(up.lower95).toBeCloseTo(0.7418991174729056, 8);
    expect(up.upper95).toBeCloseTo(0.9917029005425031, 8);
    const down = spearman(
      x,
      y.map((v) => -v),
    );
    expect(down.rho).toBeCloseTo(-(1 - 48 / 990), 12);
    expect(down.lower95).toBeCloseTo(-0.9917029005425031, 8);
    expect(down.upper95).toBeCloseTo(-0.7418991174729056, 8);
  });

  it('computes nothing below five pairs', () => {
    expect(MIN_PAIRS).toBe(5);
    expect(spearman([1, 2, 3, 4], [1, 2, 3, 4])).toEqual({
      n: 4,
      rho: null,
      lower95: null,
      upper95: null,
      reason: 'fewer than 5 areas have both figures',
    });
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]).rho).toBeCloseTo(0.8, 12); // 1 − 6·4/120
  });

  it('computes nothing when one variable is the same everywhere', () => {
    expect(spearman([1, 2, 3, 4, 5], [7, 7, 7, 7, 7])).toEqual({
      n: 5,
      rho: null,
      lower95: null,
      upper95: null,
      reason: 'one of the figures is the same in every area',
    });
  });

  it('keeps a perfect correlation’s interval inside [−1, 1]', () => {
    const r = spearman([1, 2, 3, 4, 5, 6], [10, 20, 30, 40, 50, 60]);
    expect(r.rho).toBeCloseTo(1, 12);
    expect(r.upper95).toBeLessThanOrEqual(1);
    expect(r.lower95).toBeGreaterThan(0.9);
  });

  it('refuses variables of different lengths', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RangeError);
  });
});

describe('describeCorrelation', () => {
  it('says an interval that includes zero cannot show a relationship', () => {
    const text = describeCorrelation(spearman([1, 2, 2, 4, 5, 6], [2, 1, 4, 4, 6, 5]), 'A', 'B');
    expect(text).toBe(
      "Across 6 areas, A and B show a strong positive rank correlation (Spearman's rho 0.81, 95% interval -0.18 to 0.98). " +
        'The interval includes zero, so these figures cannot show a relationship either way.',
    );
  });

  it('says a clear negative correlation means less of the other, without claiming a cause', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const text = describeCorrelation(
      spearman(
        x,
        [2, 1, 3, 5, 4, 6, 8, 7, 10, 9].map((v) => -v),
      ),
      'A',
      'B',
    );
    expect(text).toBe(
      "Across 10 areas, A and B show a strong negative rank correlation (Spearman's rho -0.95, 95% interval -0.99 to -0.74). " +
        'The interval excludes zero, so areas with more of one tend to have less of the other; this does not show that one causes the other.',
    );
  });

  it('calls |ρ| from 0.4 moderate and below it weak', () => {
    // x = 1 … 8, y = 3, 1, 4, 1, 5, 9, 2, 6 (a tie at 1): ρ = 0.5030 (scipy), interval −0.360 to 0.902.
    const moderate = describeCorrelation(
      spearman([1, 2, 3, 4, 5, 6, 7, 8], [3, 1, 4, 1, 5, 9, 2, 6]),
      'A',
      'B',
    );
    expect(moderate).toContain(
      "show a moderate positive rank correlation (Spearman's rho 0.50, 95% interval -0.36 to 0.90)",
    );
    // y = 2, 5, 1, 4, 3 against 1 … 5: Σd² = 1 + 9 + 4 + 0 + 4 = 18, ρ = 1 − 108/120 = 0.1.
    const weak = describeCorrelation(spearman([1, 2, 3, 4, 5], [2, 5, 1, 4, 3]), 'A', 'B');
    expect(weak).toContain("show a weak positive rank correlation (Spearman's rho 0.10,");
  });

  // BUG: describeCorrelation picks the direction with `c.rho > 0 ? 'positive' : 'negative'`, so a rho of
  // exactly 0 is read as "a weak negative rank correlation (Spearman's rho 0.00 …)". Here y = 2, 5, 3, 1, 4
  // against x = 1 … 5 gives Σd² = 1 + 9 + 0 + 9 + 1 = 20, ρ = 1 − 6·20/120 = 0 exactly. A zero rho has no
  // direction, so the sentence must not call it negative (or positive).
  it('gives no direction to a rho of exactly 0', () => {
    const zero = spearman([1, 2, 3, 4, 5], [2, 5, 3, 1, 4]);
    expect(zero.rho).toBe(0);
    const text = describeCorrelation(zero, 'A', 'B');
    expect(text).not.toMatch(/negative|positive/);
  });

  it('says why there is no correlation', () => {
    expect(describeCorrelation(spearman([1, 2], [3, 4]), 'A', 'B')).toBe(
      'The rank correlation between A and B cannot be calculated: fewer than 5 areas have both figures.',
    );
  });
});
