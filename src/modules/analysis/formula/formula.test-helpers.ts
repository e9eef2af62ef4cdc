// Helpers shared by the formula tests (not a test file itself).
import type { Expression, Formula } from './formula.model.ts';
import { parseFormula } from './formula.parser.ts';

/** Parses text that must be valid, failing the test with the problem if it is not. */
export function parsed(text: string): Formula {
  const result = parseFormula(text);
  if (!result.ok)
    throw new Error(`expected ${JSON.stringify(text)} to parse: ${result.problems[0]?.message}`);
  return result.formula;
}

/** The single problem reported for text that must be invalid. */
export function problemOf(text: string): { position: number; message: string } {
  const result = parseFormula(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} not to parse`);
  if (result.problems.length !== 1) throw new Error(`expected one problem, got ${result.problems.length}`);
  return result.problems[0] as { position: number; message: string };
}

/** Fully bracketed form of a tree: shows its structure unambiguously. */
export function show(node: Expression): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'variable':
      return node.name;
    case 'indicator':
      return node.breakdown.length === 0
        ? `{${node.indicatorId}}`
        : `{${node.indicatorId}:${node.breakdown.map((p) => `${p.dimension}=${p.value}`).join(',')}}`;
    case 'negate':
      return `(-${show(node.operand)})`;
    case 'binary':
      return `(${show(node.left)} ${node.operator} ${show(node.right)})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(', ')})`;
  }
}
