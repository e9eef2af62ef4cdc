// Checks a parsed formula against the catalogue: every indicator it names must exist, be a count or a
// proportion, and be broken down only by its own dimensions and their values.
import { breakdownKeyOf, type Expression, type Formula } from './formula.model.ts';
import { positionOf, valuePositionOf } from './formula.parser.ts';

export interface CatalogueEntryForFormula {
  id: string;
  valueType: string;
  dimensions: { id: string; values: readonly string[] }[];
}

export interface FormulaCheckProblem {
  /** 0-based offset into the text the formula was parsed from; null for a formula built another way. */
  position: number | null;
  message: string;
  indicatorId: string;
  breakdownKey: string;
}

const USABLE_VALUE_TYPES = new Set(['count', 'proportion']);

/** Problems with the indicators a formula uses, in the order they appear; each reported once. */
export function checkFormula(
  formula: Formula,
  catalogue: readonly CatalogueEntryForFormula[],
): FormulaCheckProblem[] {
  const byId = new Map(catalogue.map((entry) => [entry.id, entry]));
  const problems: FormulaCheckProblem[] = [];
  const reported = new Set<string>();
  const once = (key: string): boolean => !reported.has(key) && reported.add(key) !== undefined;

  visitIndicators(formula, (node) => {
    const breakdownKey = breakdownKeyOf(node.breakdown);
    const report = (position: number | undefined, detail: string): void => {
      const at = position ?? null;
      // Text that parsed is ASCII and whitespace, all single UTF-16 units, so column = offset + 1.
      const message = at === null ? detail : `Column ${at + 1}: ${detail}`;
      problems.push({ position: at, message, indicatorId: node.indicatorId, breakdownKey });
    };
    const entry = byId.get(node.indicatorId);
    if (!entry) {
      if (!once(`id\u0000${node.indicatorId}`)) return;
      const suggestion = closestId(node.indicatorId, catalogue);
      report(
        positionOf(node),
        suggestion === undefined
          ? `There is no indicator "${node.indicatorId}". Check the id in the catalogue.`
          : `There is no indicator "${node.indicatorId}". Did you mean "${suggestion}"?`,
      );
      return;
    }
    if (!USABLE_VALUE_TYPES.has(entry.valueType) && once(`type\u0000${entry.id}`)) {
      report(
        positionOf(node),
        `"${entry.id}" is ${withArticle(entry.valueType)}, not a count or proportion. ` +
          'Formulas can only use counts and proportions.',
      );
    }
    for (const part of node.breakdown) {
      const dimension = entry.dimensions.find((d) => d.id === part.dimension);
      if (!dimension) {
        if (!once(`dimension\u0000${entry.id}\u0000${part.dimension}`)) continue;
        report(
          positionOf(part),
          entry.dimensions.length === 0
            ? `"${entry.id}" has no breakdowns. Remove the breakdown to use the total.`
            : `"${entry.id}" cannot be broken down by "${part.dimension}". ` +
                `Use ${oneOf(entry.dimensions.map((d) => d.id))}.`,
        );
        continue;
      }
      if (dimension.values.includes(part.value)) continue;
      if (!once(`value\u0000${entry.id}\u0000${part.dimension}\u0000${part.value}`)) continue;
      report(
        valuePositionOf(part),
        `"${part.value}" is not a value of "${part.dimension}". Use ${oneOf(dimension.values)}.`,
      );
    }
  });
  // Breakdowns are held in dimension order; report in the order the text reads.
  const at = (p: FormulaCheckProblem): number => p.position ?? Number.MAX_SAFE_INTEGER;
  return problems.sort((a, b) => at(a) - at(b));
}

function visitIndicators(
  node: Expression,
  visit: (node: Extract<Expression, { kind: 'indicator' }>) => void,
): void {
  switch (node.kind) {
    case 'indicator':
      visit(node);
      return;
    case 'negate':
      visitIndicators(node.operand, visit);
      return;
    case 'binary':
      visitIndicators(node.left, visit);
      visitIndicators(node.right, visit);
      return;
    case 'call':
      for (const arg of node.args) visitIndicators(arg, visit);
      return;
    default:
      return;
  }
}

const withArticle = (word: string): string => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

function oneOf(values: readonly string[]): string {
  if (values.length === 1) return values[0] as string;
  return `one of ${values.join(', ')}`;
}

/** The catalogue id nearest by edit distance, if it is near enough to be a plausible slip. */
export function closestId(id: string, catalogue: readonly { id: string }[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const entry of catalogue) {
    const distance = editDistance(id, entry.id);
    if (distance < bestDistance) {
      best = entry.id;
      bestDistance = distance;
    }
  }
  if (best === undefined) return undefined;
  const tolerance = Math.max(3, Math.ceil(Math.max(id.length, best.length) / 2));
  return bestDistance <= tolerance ? best : undefined;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
