// Evaluating a formula for one area and period. Inputs are looked up once each, before any arithmetic,
// so the status of a result depends only on its inputs and never on the order of the formula's terms.
import {
  MAX_ROUND_DIGITS,
  breakdownKeyOf,
  type Expression,
  type Formula,
  type FormulaInput,
  type VariableName,
} from './formula.model.ts';

export type LookupRequest = FormulaInput | { variable: VariableName };
/** A figure, null when it is not available, or 'suppressed' when disclosure control has withheld it. */
export type LookupValue = number | null | 'suppressed';
export type FormulaLookup = (input: LookupRequest) => LookupValue;

export type FormulaStatus = 'ok' | 'suppressed' | 'not-available' | 'undefined';

export interface FormulaResult {
  /** The figure when status is 'ok'; otherwise null. */
  value: number | null;
  status: FormulaStatus;
  /** Every indicator cell the formula reads, whatever the outcome: disclosure control needs all of them. */
  dependsOn: FormulaInput[];
}

function walk(node: Expression, visit: (node: Expression) => void): void {
  visit(node);
  switch (node.kind) {
    case 'negate':
      walk(node.operand, visit);
      return;
    case 'binary':
      walk(node.left, visit);
      walk(node.right, visit);
      return;
    case 'call':
      for (const arg of node.args) walk(arg, visit);
      return;
    default:
      return;
  }
}

const inputKey = (input: FormulaInput): string => `${input.indicatorId}\u0000${input.breakdownKey}`;

/** The distinct indicator cells a formula reads, in order of first appearance. */
export function formulaInputs(formula: Formula): FormulaInput[] {
  const seen = new Set<string>();
  const inputs: FormulaInput[] = [];
  walk(formula, (node) => {
    if (node.kind !== 'indicator') return;
    const input = { indicatorId: node.indicatorId, breakdownKey: breakdownKeyOf(node.breakdown) };
    const key = inputKey(input);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push(input);
  });
  return inputs;
}

/** The distinct named variables (children, population) a formula uses, in order of first appearance. */
export function formulaVariables(formula: Formula): VariableName[] {
  const names: VariableName[] = [];
  walk(formula, (node) => {
    if (node.kind === 'variable' && !names.includes(node.name)) names.push(node.name);
  });
  return names;
}

type Looked = { kind: 'value'; value: number } | { kind: 'suppressed' } | { kind: 'missing' };

/** Anything other than a finite number or 'suppressed' (null, NaN, Infinity, a stray type) is missing. */
function classify(raw: unknown): Looked {
  if (raw === 'suppressed') return { kind: 'suppressed' };
  if (typeof raw === 'number' && Number.isFinite(raw)) return { kind: 'value', value: raw };
  return { kind: 'missing' };
}

/**
 * Evaluate a formula. A suppressed input makes the result suppressed (a figure derived from a suppressed
 * count is itself suppressed), whatever else is missing; otherwise a missing input makes it not available;
 * otherwise division by zero or a result out of range makes it undefined. Throws only if `lookup` throws.
 */
export function evaluateFormula(formula: Formula, lookup: FormulaLookup): FormulaResult {
  const dependsOn = formulaInputs(formula);
  const indicatorValues = new Map<string, number>();
  const variableValues = new Map<VariableName, number>();
  let suppressed = false;
  let missing = false;
  const note = (looked: Looked): number | undefined => {
    if (looked.kind === 'suppressed') suppressed = true;
    if (looked.kind === 'missing') missing = true;
    return looked.kind === 'value' ? looked.value : undefined;
  };
  for (const input of dependsOn) {
    const value = note(classify(lookup({ ...input })));
    if (value !== undefined) indicatorValues.set(inputKey(input), value);
  }
  for (const variable of formulaVariables(formula)) {
    const value = note(classify(lookup({ variable })));
    if (value !== undefined) variableValues.set(variable, value);
  }
  const result = (value: number | null, status: FormulaStatus): FormulaResult => ({
    value,
    status,
    dependsOn: dependsOn.map((d) => ({ ...d })),
  });
  if (suppressed) return result(null, 'suppressed');
  if (missing) return result(null, 'not-available');

  const value = compute(formula, (node) =>
    node.kind === 'indicator'
      ? indicatorValues.get(
          inputKey({ indicatorId: node.indicatorId, breakdownKey: breakdownKeyOf(node.breakdown) }),
        )
      : variableValues.get(node.name),
  );
  if (!Number.isFinite(value)) return result(null, 'undefined');
  return result(value === 0 ? 0 : value, 'ok');
}

type Leaf = Extract<Expression, { kind: 'indicator' | 'variable' }>;

/** NaN stands for "undefined" and spreads through every operation; each step checks for overflow. */
function compute(node: Expression, leaf: (node: Leaf) => number | undefined): number {
  const finite = (x: number): number => (Number.isFinite(x) ? x : NaN);
  const divide = (a: number, b: number): number => (b === 0 ? NaN : finite(a / b));
  switch (node.kind) {
    case 'number':
      return finite(node.value);
    case 'indicator':
    case 'variable':
      return leaf(node) ?? NaN;
    case 'negate':
      return -compute(node.operand, leaf);
    case 'binary': {
      const a = compute(node.left, leaf);
      const b = compute(node.right, leaf);
      switch (node.operator) {
        case '+':
          return finite(a + b);
        case '-':
          return finite(a - b);
        case '*':
          return finite(a * b);
        case '/':
          return divide(a, b);
      }
      break;
    }
    case 'call': {
      const args = node.args.map((arg) => compute(arg, leaf));
      const [a = NaN, b = NaN] = args;
      switch (node.name) {
        case 'min':
          return args.length === 0 ? NaN : Math.min(...args);
        case 'max':
          return args.length === 0 ? NaN : Math.max(...args);
        case 'abs':
          return Math.abs(a);
        case 'round':
          return roundHalfAwayFromZero(a, args.length > 1 ? b : 0);
        case 'per10k':
          return finite(divide(a, b) * 10_000);
        case 'share':
          return finite(divide(a, b) * 100);
      }
    }
  }
  return NaN;
}

/**
 * Rounds half away from zero on the number's shortest decimal form, as a person would: 1.005 to 2 places
 * is 1.01 (binary arithmetic alone gives 1). Digits outside 0–10 give NaN.
 */
export function roundHalfAwayFromZero(x: number, digits: number): number {
  if (!Number.isFinite(x) || !Number.isInteger(digits) || digits < 0 || digits > MAX_ROUND_DIGITS) return NaN;
  const magnitude = Math.abs(x);
  const [mantissa = '0', exponent = '0'] = String(magnitude).split('e');
  const shifted = Number(`${mantissa}e${Number(exponent) + digits}`);
  // Beyond 2^52 every double is already a whole number at this scale: nothing to round.
  if (shifted >= 2 ** 52) return x;
  const rounded = Number(`${Math.round(shifted)}e-${digits}`);
  return x < 0 ? -rounded : rounded;
}
