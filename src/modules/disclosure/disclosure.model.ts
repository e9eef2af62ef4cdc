// The shapes statistical disclosure control works on: a table of cells, the additive structure that links
// them ("total = sum of parts"), the rule for a sharing tier, and the cells that go out.
//
// Everything here is plain data so the engine stays a set of pure functions over tables: the same table
// and rule always give the same output, and stored data is never altered.

/** Identifies one cell: area code, breakdown value and any further labels, joined by `|`. */
export type CellKey = string;

const KEY_SEPARATOR = '|';

/** The key of a cell: area code first, then the breakdown value and any further labels (e.g. a month). */
export function cellKey(area: string, ...labels: readonly string[]): CellKey {
  return [area, ...labels].join(KEY_SEPARATOR);
}

/** The coordinates of a key made by `cellKey`. */
export function keyParts(key: CellKey): string[] {
  return key.split(KEY_SEPARATOR);
}

/** Facts about a stored value that travel with it to the output as GSS markers. */
export interface CellFlags {
  /** Shown with `[p]`. */
  readonly provisional?: boolean;
  /** Shown with `[r]`. */
  readonly revised?: boolean;
  /** The cell cannot exist (e.g. a breakdown that does not apply): `[z]`, a structural zero. */
  readonly notApplicable?: boolean;
}

export interface TableCell {
  readonly key: CellKey;
  /** The stored count; null when it is not available (`[x]`), or not applicable with `flags.notApplicable`. */
  readonly count: number | null;
  readonly flags?: CellFlags;
}

export interface Table {
  readonly cells: readonly TableCell[];
}

/**
 * `total = sum of parts`. With `remainder`, `total = sum of parts + r` for an unpublished r ≥ 0: use it when
 * the total holds records the parts cannot (e.g. a district count including crimes with no ward).
 */
export interface Constraint {
  readonly total: CellKey;
  readonly parts: readonly CellKey[];
  readonly remainder?: boolean;
}

/** Cells whose suppression must go together (the two sides of a ratio): if one is suppressed, all are. */
export type LinkedGroup = readonly CellKey[];

export interface AdditiveStructure {
  readonly constraints: readonly Constraint[];
  readonly linked: readonly LinkedGroup[];
}

/** GSS symbols that replace a value. */
export const GSS_SYMBOLS = {
  confidential: '[c]',
  notAvailable: '[x]',
  notApplicable: '[z]',
  /** A value that rounds to zero but is not zero. */
  low: '[low]',
} as const;
export type GssSymbol = (typeof GSS_SYMBOLS)[keyof typeof GSS_SYMBOLS];

/** GSS markers shown after a value ("12 [p]"). */
export const GSS_MARKERS = { provisional: '[p]', revised: '[r]' } as const;
export type GssMarker = (typeof GSS_MARKERS)[keyof typeof GSS_MARKERS];

export interface OutputCell {
  readonly key: CellKey;
  /** The value shown (rounded in the public tier); null when a symbol stands in its place. */
  readonly value: number | null;
  readonly symbol: GssSymbol | null;
  /** `[p]` / `[r]`; only alongside a value, never alongside a symbol. */
  readonly markers: readonly GssMarker[];
  /** What a reader sees: "12", "12 [p]", "[c]". */
  readonly text: string;
}

export const TIERS = ['own-organisation', 'partnership', 'public'] as const;
export type DisclosureTier = (typeof TIERS)[number];

export interface DisclosureRule {
  readonly tier: DisclosureTier;
  /** Counts in [primaryMin, primaryMax] are confidential. primaryMax 0 switches suppression off. */
  readonly primaryMin: number;
  readonly primaryMax: number;
  /** Shown counts are rounded to the nearest multiple of this (half up); null for exact counts. */
  readonly roundTo: number | null;
  /**
   * An attacker's feasible interval [lo, hi] for every suppressed cell, taken over whole numbers
   * (⌈lo⌉ … ⌊hi⌋), must be strictly wider than this: ⌊hi⌋ − ⌈lo⌉ > protectionLevel.
   */
  readonly protectionLevel: number;
}

/**
 * The defaults of DESIGN §7. The protection level is the primary threshold: an attacker must not be able to
 * confine a suppressed cell to a range as narrow as the band 0 … primaryMax that the threshold itself names.
 */
export const DEFAULT_RULES: Readonly<Record<DisclosureTier, DisclosureRule>> = {
  'own-organisation': {
    tier: 'own-organisation',
    primaryMin: 1,
    primaryMax: 0,
    roundTo: null,
    protectionLevel: 0,
  },
  partnership: { tier: 'partnership', primaryMin: 1, primaryMax: 4, roundTo: null, protectionLevel: 4 },
  public: { tier: 'public', primaryMin: 1, primaryMax: 7, roundTo: 5, protectionLevel: 7 },
};

/** The rule for a tier with an indicator's own settings; the protection level follows primaryMax unless set. */
export function ruleFor(
  tier: DisclosureTier,
  overrides: Partial<Omit<DisclosureRule, 'tier'>> = {},
): DisclosureRule {
  const base = DEFAULT_RULES[tier];
  const primaryMax = overrides.primaryMax ?? base.primaryMax;
  const rule: DisclosureRule = {
    tier,
    primaryMin: overrides.primaryMin ?? base.primaryMin,
    primaryMax,
    roundTo: overrides.roundTo === undefined ? base.roundTo : overrides.roundTo,
    protectionLevel:
      overrides.protectionLevel ?? (overrides.primaryMax === undefined ? base.protectionLevel : primaryMax),
  };
  if (rule.primaryMin < 1) throw new RangeError('primaryMin must be at least 1: zeros are always shown');
  if (rule.roundTo !== null && (!Number.isInteger(rule.roundTo) || rule.roundTo < 1)) {
    throw new RangeError('roundTo must be a positive whole number');
  }
  if (rule.protectionLevel < 0) throw new RangeError('protectionLevel cannot be negative');
  return rule;
}

/** Why a cell was suppressed. Never publish this: knowing which cells are primary narrows their range. */
export type SuppressionReason = 'primary' | 'secondary' | 'linked';
