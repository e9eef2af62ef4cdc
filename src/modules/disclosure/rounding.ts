// Public-tier rounding, and what a rounded value tells an attacker about the true one.

/** Nearest multiple of `base`, halves up (for counts, which are never negative). */
export function roundToBase(value: number, base: number): number {
  return Math.floor(value / base + 0.5) * base;
}

/** The whole numbers that round to `shown`: [shown − ⌊base/2⌋, shown + ⌈base/2⌉ − 1] (±2 for base 5). */
export function roundingInterval(shown: number, base: number): { lo: number; hi: number } {
  return { lo: Math.max(0, shown - Math.floor(base / 2)), hi: shown + Math.ceil(base / 2) - 1 };
}
