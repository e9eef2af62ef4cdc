// A small seeded random number generator, so the synthetic demo is the same on every machine.

/** mulberry32: fast, 32-bit state, good enough for plausible synthetic figures (not for security). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Whole number in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** Poisson variate (Knuth for small means, normal approximation for large ones). */
    poisson(mean: number): number {
      if (mean <= 0) return 0;
      if (mean > 50) {
        const u = Math.max(next(), 1e-12);
        const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
        return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
      }
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    /** Splits a total into parts with the given weights (multinomial by repeated binomial draws). */
    split(total: number, weights: readonly number[]): number[] {
      const parts = weights.map(() => 0);
      const sum = weights.reduce((a, b) => a + b, 0);
      for (let n = 0; n < total; n++) {
        let r = next() * sum;
        let i = 0;
        while (i < weights.length - 1 && r >= weights[i]!) r -= weights[i++]!;
        parts[i]!++;
      }
      return parts;
    },
  };
}

export type Random = ReturnType<typeof createRandom>;

/** A 32-bit hash of text (FNV-1a), to derive independent streams from one seed. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
