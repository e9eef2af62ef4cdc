// The canonical text of a formula, for storage and display. Two formulas with the same syntax tree
// always get the same text, and the text parses back to that tree.
import { MAX_FORMULA_LENGTH, type Expression, type Formula, type Operator } from './formula.model.ts';

const PRECEDENCE: Record<Operator, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };
const NEGATE_PRECEDENCE = 3;
const ATOM_PRECEDENCE = 4;

function precedence(node: Expression): number {
  if (node.kind === 'binary') return PRECEDENCE[node.operator];
  if (node.kind === 'negate') return NEGATE_PRECEDENCE;
  if (node.kind === 'number' && (node.value < 0 || Object.is(node.value, -0))) return NEGATE_PRECEDENCE;
  return ATOM_PRECEDENCE;
}

/**
 * The canonical text: spaces around operators and after commas, `{id: dimension=value}`, lower-case
 * names, only the brackets the meaning needs, numbers in their shortest plain form. If that would be longer
 * than the 500-character limit, the same formula without optional spaces and with the shortest number forms
 * is returned instead; that compact text is never longer than any text the formula was parsed from.
 */
export function formatFormula(formula: Formula): string {
  const spaced = write(formula, true);
  if (Array.from(spaced).length <= MAX_FORMULA_LENGTH) return spaced;
  return compactFormula(formula);
}

/** The same formula with no optional spaces and the shortest number forms: for tight storage. */
export function compactFormula(formula: Formula): string {
  return write(formula, false);
}

function write(node: Expression, spaced: boolean): string {
  switch (node.kind) {
    case 'number': {
      const magnitude = Math.abs(node.value);
      const text = spaced ? plainNumber(magnitude) : shortestNumber(magnitude);
      return precedence(node) === NEGATE_PRECEDENCE ? `-${text}` : text;
    }
    case 'variable':
      return node.name;
    case 'indicator': {
      if (node.breakdown.length === 0) return `{${node.indicatorId}}`;
      const parts = node.breakdown.map((p) => `${p.dimension}=${p.value}`).join(spaced ? ', ' : ',');
      return spaced ? `{${node.indicatorId}: ${parts}}` : `{${node.indicatorId}:${parts}}`;
    }
    case 'negate': {
      const operand = write(node.operand, spaced);
      return precedence(node.operand) < NEGATE_PRECEDENCE ? `-(${operand})` : `-${operand}`;
    }
    case 'binary': {
      const own = PRECEDENCE[node.operator];
      let left = write(node.left, spaced);
      let right = write(node.right, spaced);
      if (precedence(node.left) < own) left = `(${left})`;
      // Left associative: a right operand at the same level needs brackets, as in a - (b - c).
      if (precedence(node.right) <= own) right = `(${right})`;
      return spaced ? `${left} ${node.operator} ${right}` : `${left}${node.operator}${right}`;
    }
    case 'call':
      return `${node.name}(${node.args.map((a) => write(a, spaced)).join(spaced ? ', ' : ',')})`;
  }
}

/** JavaScript's own shortest round-trip form, with "e+21" written "e21". */
export function plainNumber(value: number): string {
  return String(value).replace('e+', 'e');
}

/** The shortest text in the formula number syntax that reads back as exactly this non-negative number. */
export function shortestNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  // toExponential() with no argument gives the fewest significant digits that identify the number.
  const [mantissa = '0', exponentText = '0'] = value.toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  const count = digits.length;
  const candidates: string[] = [];
  if (exponent >= count - 1) candidates.push(digits + '0'.repeat(exponent - count + 1));
  else if (exponent >= 0) candidates.push(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
  else candidates.push(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  for (let before = 1; before <= count; before++) {
    const body = before < count ? `${digits.slice(0, before)}.${digits.slice(before)}` : digits;
    candidates.push(`${body}e${exponent - before + 1}`);
  }
  return candidates.reduce((best, c) => (c.length < best.length ? c : best));
}
