// Fuzz-style property tests with a seeded generator, so every run checks the same thousands of cases
// and a failure names the seed and the input.
import { describe, expect, it } from 'vitest';
import { evaluateFormula } from './formula.evaluate.ts';
import { compactFormula, formatFormula, shortestNumber } from './formula.format.ts';
import {
  FUNCTION_NAMES,
  MAX_FORMULA_LENGTH,
  type BreakdownPart,
  type Expression,
  type FunctionName,
  type Operator,
} from './formula.model.ts';
import { parseFormula } from './formula.parser.ts';
import { columnOf } from './formula.text.ts';
import { seededRandom } from '../../disclosure/test-tables.fixture.ts';

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));

const IDS = [
  'yp-detained-by-btp',
  'safeguarding-referrals-after-btp',
  'nrm-ce-investigations',
  'a',
  'x1',
  '0-9',
];
const DIMENSIONS: [string, string[]][] = [
  ['sex', ['male', 'female']],
  ['age-band', ['0-9', '10-13']],
  ['nrm-referral', ['with-referral', 'without-referral']],
];

function randomNumber(random: Random): number {
  switch (between(random, 0, 6)) {
    case 0:
      return between(random, 0, 20);
    case 1:
      return between(random, 0, 1_000_000);
    case 2:
      return random();
    case 3:
      return random() * 10 ** between(random, -30, 30);
    case 4:
      return pick(random, [0, 0.5, 100, 10_000, 1e21, 5e-324, Number.MAX_VALUE, 2 ** 53]);
    case 5:
      return Math.round(random() * 10_000) / 100;
    default:
      return between(random, 1, 9) * 10 ** between(random, -10, 25);
  }
}

function randomBreakdown(random: Random): BreakdownPart[] {
  const parts = DIMENSIONS.filter(() => random() < 0.3).map(([dimension, values]) => ({
    dimension,
    value: pick(random, values),
  }));
  return parts.sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0));
}

/** A random tree of the shape the parser produces: non-negative literals, round's digits a whole literal. */
function randomExpression(random: Random, depth: number): Expression {
  const leaf = depth <= 0 || random() < 0.3;
  if (leaf) {
    switch (between(random, 0, 2)) {
      case 0:
        return { kind: 'number', value: randomNumber(random) };
      case 1:
        return { kind: 'indicator', indicatorId: pick(random, IDS), breakdown: randomBreakdown(random) };
      default:
        return { kind: 'variable', name: pick(random, ['children', 'population'] as const) };
    }
  }
  const choice = between(random, 0, 9);
  if (choice <= 4) {
    const operator = pick(random, ['+', '-', '*', '/'] as const satisfies readonly Operator[]);
    return {
      kind: 'binary',
      operator,
      left: randomExpression(random, depth - 1),
      right: randomExpression(random, depth - 1),
    };
  }
  if (choice <= 5) return { kind: 'negate', operand: randomExpression(random, depth - 1) };
  const name: FunctionName = pick(random, FUNCTION_NAMES);
  const count =
    name === 'min' || name === 'max'
      ? between(random, 2, 4)
      : name === 'abs'
        ? 1
        : name === 'round'
          ? between(random, 1, 2)
          : 2;
  const args = Array.from({ length: count }, (_, i) =>
    name === 'round' && i === 1
      ? ({ kind: 'number', value: between(random, 0, 10) } as const)
      : randomExpression(random, depth - 1),
  );
  return { kind: 'call', name, args };
}

const ALPHABET = [
  ...'0123456789.eE+-*/(),{}:=; \t\n',
  ...'abcdefghijklmnopqrstuvwxyz-_ABCXYZ',
  'min',
  'max',
  'abs',
  'round',
  'per10k',
  'share',
  'children',
  'population',
  '{a}',
  '{yp-detained-by-btp}',
  '{a: sex=male}',
  '×',
  '÷',
  '−',
  '%',
  '^',
  '"',
  '“',
  '😀',
  '\u0000',
  '\u200b',
  '\u00a0',
  '\ud83d',
  'é',
  '١',
  '[',
  ']',
  '$',
];

function randomText(random: Random): string {
  const length = between(random, 0, 40);
  return Array.from({ length }, () => pick(random, ALPHABET)).join('');
}

function mutate(random: Random, text: string): string {
  let result = text;
  for (let edits = between(random, 1, 3); edits > 0; edits--) {
    const at = between(random, 0, result.length);
    switch (between(random, 0, 2)) {
      case 0:
        result = result.slice(0, at) + result.slice(at + 1);
        break;
      case 1:
        result = result.slice(0, at) + pick(random, ALPHABET) + result.slice(at);
        break;
      default:
        result =
          result.slice(0, at) +
          result.slice(at + 2, at + 3) +
          result.slice(at + 1, at + 2) +
          result.slice(at + 3);
    }
  }
  return result;
}

/**
 * The properties every input must have: never throws; ok or exactly one well-placed problem. Checked with
 * plain conditions (expect() in a loop of thousands is slow) and reported with the input that broke them.
 */
function checkAnyText(text: string): void {
  function broken(what: string): never {
    throw new Error(`${what} for ${JSON.stringify(text)}`);
  }
  const result = parseFormula(text);
  if (result.ok) {
    const formatted = formatFormula(result.formula);
    if (Array.from(formatted).length > MAX_FORMULA_LENGTH) broken('formatted text too long');
    if (compactFormula(result.formula).length > text.length) broken('compact text longer than the input');
    const again = parseFormula(formatted);
    if (!again.ok) broken(`formatted text ${JSON.stringify(formatted)} does not parse`);
    expect(again.formula).toEqual(result.formula);
    evaluateFormula(result.formula, () => 1);
    return;
  }
  if (result.problems.length !== 1) broken(`${result.problems.length} problems`);
  const [problem] = result.problems;
  if (!problem) return;
  if (problem.position < 0 || problem.position > text.length) broken(`position ${problem.position}`);
  if (problem.message.length < 10) broken(`message ${JSON.stringify(problem.message)}`);
  const column = `Column ${columnOf(text, problem.position)}: `;
  if (problem.message.startsWith('Column') && !problem.message.startsWith(column)) {
    broken(`message ${JSON.stringify(problem.message)} does not start ${JSON.stringify(column)}`);
  }
}

const SEEDS = [1, 2, 3, 20_250_101];

describe('property: well-formed formulas round-trip', () => {
  it.each(SEEDS)('seed %i: parse(format(tree)) equals tree, and formatting is stable', (seed) => {
    const random = seededRandom(seed);
    let checked = 0;
    for (let attempt = 0; checked < 500 && attempt < 5_000; attempt++) {
      const tree = randomExpression(random, between(random, 0, 6));
      if (compactFormula(tree).length > MAX_FORMULA_LENGTH) continue;
      const text = formatFormula(tree);
      const result = parseFormula(text);
      expect(result, text).toEqual({ ok: true, formula: tree });
      if (result.ok) expect(formatFormula(result.formula)).toBe(text);
      expect(parseFormula(compactFormula(tree)), text).toEqual({ ok: true, formula: tree });
      checked++;
    }
    expect(checked).toBe(500);
  });

  it.each(SEEDS)('seed %i: evaluating a round-tripped formula gives the same result', (seed) => {
    const random = seededRandom(seed);
    for (let i = 0; i < 200; i++) {
      const tree = randomExpression(random, 4);
      const values = new Map<string, number>();
      const lookup = (input: { indicatorId: string; breakdownKey: string } | { variable: string }) => {
        const key = 'variable' in input ? input.variable : `${input.indicatorId}|${input.breakdownKey}`;
        if (!values.has(key)) values.set(key, between(random, 0, 50));
        return values.get(key) ?? null;
      };
      const before = evaluateFormula(tree, lookup);
      const result = parseFormula(compactFormula(tree));
      if (!result.ok) continue;
      expect(evaluateFormula(result.formula, lookup)).toEqual(before);
    }
  });
});

describe('property: any text gives a tree or one problem, never an exception', () => {
  it.each(SEEDS)('seed %i: random strings', (seed) => {
    const random = seededRandom(seed);
    for (let i = 0; i < 2_000; i++) checkAnyText(randomText(random));
  });

  it.each(SEEDS)('seed %i: near misses of valid formulas', (seed) => {
    const random = seededRandom(seed);
    let valid = 0;
    for (let i = 0; i < 2_000; i++) {
      const text = mutate(random, formatFormula(randomExpression(random, between(random, 1, 4))));
      checkAnyText(text);
      if (parseFormula(text).ok) valid++;
    }
    // The mutations should leave a fair number valid, so both branches are exercised.
    expect(valid).toBeGreaterThan(100);
  });

  it.each(SEEDS)('seed %i: random strings near the length limit', (seed) => {
    const random = seededRandom(seed);
    for (let i = 0; i < 100; i++) {
      let text = '';
      while (text.length < MAX_FORMULA_LENGTH - 20) text += pick(random, ALPHABET);
      checkAnyText(text);
      checkAnyText(text.repeat(2));
    }
  });
});

describe('property: the shortest number form is never longer than any way of writing the number', () => {
  it.each(SEEDS)('seed %i', (seed) => {
    const random = seededRandom(seed);
    const digits = (low: number, high: number): string =>
      Array.from({ length: between(random, low, high) }, () => String(between(random, 0, 9))).join('');
    for (let i = 0; i < 5_000; i++) {
      let text = digits(1, 25);
      if (random() < 0.5) text += `.${digits(1, 25)}`;
      if (random() < 0.5) text += `${pick(random, ['e', 'E'])}${pick(random, ['', '+', '-'])}${digits(1, 3)}`;
      const value = Number(text);
      if (!Number.isFinite(value)) continue;
      const shortest = shortestNumber(value);
      const reread = parseFormula(shortest);
      const same = reread.ok && reread.formula.kind === 'number' && reread.formula.value === value;
      if (!same || shortest.length > text.length) throw new Error(`${text} was written ${shortest}`);
    }
  });
});
