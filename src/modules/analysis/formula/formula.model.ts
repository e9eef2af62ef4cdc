// The formula language for user-defined combinations: the syntax tree and the fixed vocabulary.
// A formula is data, never code: it is parsed into this tree and evaluated by walking it.

/** Longest formula accepted, in characters (Unicode code points). */
export const MAX_FORMULA_LENGTH = 500;
/** Deepest nesting of brackets, function calls and minus signs accepted. */
export const MAX_NESTING_DEPTH = 32;
/** Most decimal places `round` may be asked for. */
export const MAX_ROUND_DIGITS = 10;

export const FUNCTION_NAMES = ['min', 'max', 'abs', 'round', 'per10k', 'share'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Named area figures a formula may use: children is the population aged 0 to 15. */
export const VARIABLE_NAMES = ['children', 'population'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

export const OPERATORS = ['+', '-', '*', '/'] as const;
export type Operator = (typeof OPERATORS)[number];

/** Indicator ids, dimension ids and value codes: lower-case kebab-case. */
export const CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface BreakdownPart {
  readonly dimension: string;
  readonly value: string;
}

export interface NumberNode {
  readonly kind: 'number';
  readonly value: number;
}

export interface IndicatorNode {
  readonly kind: 'indicator';
  readonly indicatorId: string;
  /** Sorted by dimension id; empty for the total. */
  readonly breakdown: readonly BreakdownPart[];
}

export interface VariableNode {
  readonly kind: 'variable';
  readonly name: VariableName;
}

export interface NegateNode {
  readonly kind: 'negate';
  readonly operand: Expression;
}

export interface BinaryNode {
  readonly kind: 'binary';
  readonly operator: Operator;
  readonly left: Expression;
  readonly right: Expression;
}

export interface CallNode {
  readonly kind: 'call';
  readonly name: FunctionName;
  readonly args: readonly Expression[];
}

export type Expression = NumberNode | IndicatorNode | VariableNode | NegateNode | BinaryNode | CallNode;

/** A parsed formula: the root of its syntax tree. Source positions are kept apart (see positionOf). */
export type Formula = Expression;

/** One input cell a formula reads: an indicator's total ('') or one breakdown ('dimension=value'). */
export interface FormulaInput {
  indicatorId: string;
  breakdownKey: string;
}

export interface FormulaProblem {
  /** 0-based offset into the formula text (UTF-16 code units, as String.prototype.slice counts). */
  position: number;
  message: string;
}

/**
 * The breakdown key of the observation store: `dimension=value` pairs sorted by dimension and joined
 * with ";" (the same form as returns' `breakdownKey`), '' for the total.
 */
export function breakdownKeyOf(breakdown: readonly BreakdownPart[]): string {
  return [...breakdown]
    .sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0))
    .map((p) => `${p.dimension}=${p.value}`)
    .join(';');
}

export const isFunctionName = (name: string): name is FunctionName =>
  (FUNCTION_NAMES as readonly string[]).includes(name);

export const isVariableName = (name: string): name is VariableName =>
  (VARIABLE_NAMES as readonly string[]).includes(name);
