// User-defined combinations as the rest of the platform sees them: what was saved, and what a viewer is
// shown when one is worked out for a quarter. Every figure here is text already through disclosure control.
import type { ControlledTable, ViewTier } from '../../data/data.service.ts';
import type { Quarter } from '../../returns/periods.ts';
import type { COMBINATION_POLARITIES, FormulaStatus, VariableName } from '../formula/index.ts';

export type CombinationPolarity = (typeof COMBINATION_POLARITIES)[number];

export const POLARITY_LABELS: Record<CombinationPolarity, string> = {
  'higher-is-worse': 'Higher values are worse',
  'lower-is-worse': 'Lower values are worse',
  'no-judgement': 'Neither: higher and lower values are not better or worse',
};

export interface CustomCombination {
  id: number;
  name: string;
  description: string;
  /** The formula as it was typed. */
  formula: string;
  /** The same formula in canonical form (spacing, brackets, lower-case names). */
  canonical: string;
  unit: string;
  polarity: CombinationPolarity;
  /** A user id, or a label such as "cli:alice". */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

/** What a form or the command line gives: anything, checked by the service. */
export interface CombinationInput {
  name?: unknown;
  description?: unknown;
  formula?: unknown;
  unit?: unknown;
  polarity?: unknown;
}

/** One indicator cell the formula reads, as the viewer sees it. */
export interface CustomInputSummary {
  /** The cell as written in a formula: {id} or {id: dimension=value}. */
  reference: string;
  indicatorId: string;
  name: string;
  /** "Sex: Female", or null for the indicator's total. */
  breakdown: string | null;
  windowLabel: string;
  tier: ViewTier;
  tierReason: string;
  /** Localities with no figures for this cell in the window (not the same as suppressed). */
  missingFor: string[];
}

export interface CustomVariableSummary {
  name: VariableName;
  label: string;
  missingFor: string[];
}

export interface CustomResultRow {
  code: string;
  name: string;
  level: 'pathfinder' | 'locality' | 'district';
  status: FormulaStatus;
  /** The figure when status is 'ok'. */
  value: number | null;
  /** The figure as shown (1 decimal place, or a whole number for a count), or [c], [x] or [z]. */
  text: string;
  /** Each input's published figure for this area, in the order of `inputs`. */
  inputs: string[];
  /** Each variable's figure for this area, in the order of `variables`. */
  variables: string[];
}

export interface CustomCombinationResult {
  combination: CustomCombination;
  quarter: Quarter;
  period: string;
  /** The formula read aloud, with indicator names. */
  description: string;
  /** Whether values are whole numbers (the unit names a count). */
  countUnit: boolean;
  inputs: CustomInputSummary[];
  variables: CustomVariableSummary[];
  caveats: { indicatorId: string; name: string; caveats: string }[];
  rows: CustomResultRow[];
  /** Sentences generated from the figures shown. */
  reading: string[];
  synthetic: boolean;
  /** Every controlled table read, for the audit trail. */
  sourceTables: ControlledTable[];
}

export const STATUS_SYMBOLS: Record<Exclude<FormulaStatus, 'ok'>, string> = {
  suppressed: '[c]',
  'not-available': '[x]',
  undefined: '[z]',
};

/** Units that name a count are shown as whole numbers; everything else to 1 decimal place. */
export function isCountUnit(unit: string): boolean {
  const u = unit.trim().toLowerCase();
  return /^(counts?|numbers?|number of\b.*|count of\b.*|people|young people|children|cases|episodes|arrests|referrals|addresses|admissions)$/.test(
    u,
  );
}

/** A combination's number from a web address or the command line; undefined when it is not one. */
export function parseCombinationId(text: string): number | undefined {
  if (!/^[1-9]\d{0,9}$/.test(text.trim())) return undefined;
  const id = Number(text.trim());
  return id <= 2_147_483_647 ? id : undefined;
}
