// Checks a combination before it is saved: the form's fields (userCombinationSchema), the formula against
// the catalogue in force (checkFormula), and the one rule of combinations on top of the language's: an
// indicator can be broken down only by its first dimension, the one its published tables carry.
import type { Problem } from '../../../platform/errors.ts';
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import type { Indicator } from '../../catalogue/catalogue.model.ts';
import {
  checkFormula,
  parseFormula,
  positionOf,
  userCombinationSchema,
  type CatalogueEntryForFormula,
  type Expression,
  type Formula,
  type FormulaCheckProblem,
  type IndicatorNode,
  type UserCombination,
} from '../formula/index.ts';
import type { CombinationInput } from './custom.model.ts';

type CatalogueIndicator = Pick<Indicator, 'id' | 'name' | 'valueType' | 'dimensions'>;

/** The catalogue in the form checkFormula reads: each indicator's dimensions with their value codes. */
export function formulaCatalogue(indicators: readonly CatalogueIndicator[]): CatalogueEntryForFormula[] {
  return indicators.map((i) => ({
    id: i.id,
    valueType: i.valueType,
    dimensions: i.dimensions.map((d) => ({
      id: d,
      values: findDimension(d)?.values.map((v) => v.code) ?? [],
    })),
  }));
}

function eachIndicator(node: Expression, visit: (node: IndicatorNode) => void): void {
  switch (node.kind) {
    case 'indicator':
      visit(node);
      return;
    case 'negate':
      eachIndicator(node.operand, visit);
      return;
    case 'binary':
      eachIndicator(node.left, visit);
      eachIndicator(node.right, visit);
      return;
    case 'call':
      for (const arg of node.args) eachIndicator(arg, visit);
      return;
    default:
      return;
  }
}

/**
 * Breakdowns a combination cannot read: published tables carry an indicator's total and its first
 * dimension's values only. Breakdowns the catalogue does not know are left to checkFormula.
 */
export function breakdownProblems(
  formula: Formula,
  indicators: readonly CatalogueIndicator[],
): FormulaCheckProblem[] {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const problems: FormulaCheckProblem[] = [];
  const reported = new Set<string>();
  eachIndicator(formula, (node) => {
    const indicator = byId.get(node.indicatorId);
    const first = indicator?.dimensions[0];
    if (!indicator || first === undefined) return;
    for (const part of node.breakdown) {
      if (part.dimension === first || !indicator.dimensions.includes(part.dimension)) continue;
      const key = `${indicator.id}\u0000${part.dimension}`;
      if (reported.has(key)) continue;
      reported.add(key);
      const values = findDimension(first)?.values.map((v) => v.code) ?? [];
      const at = positionOf(part) ?? null;
      const detail =
        `In a combination, "${indicator.id}" can be broken down only by ${first}, not by ${part.dimension}. ` +
        `Use ${first}=${values[0] ?? 'value'}` +
        (values.length > 1 ? ` (or another of ${values.join(', ')})` : '') +
        ', or leave out the breakdown to use the total.';
      problems.push({
        position: at,
        message: at === null ? detail : `Column ${at + 1}: ${detail}`,
        indicatorId: indicator.id,
        breakdownKey: node.breakdown.map((p) => `${p.dimension}=${p.value}`).join(';'),
      });
    }
  });
  return problems;
}

/** Problems with a parsed formula against the catalogue, in the order they appear in the text. */
export function formulaProblems(
  formula: Formula,
  indicators: readonly CatalogueIndicator[],
): FormulaCheckProblem[] {
  const at = (p: FormulaCheckProblem): number => p.position ?? Number.MAX_SAFE_INTEGER;
  return [
    ...checkFormula(formula, formulaCatalogue(indicators)),
    ...breakdownProblems(formula, indicators),
  ].sort((a, b) => at(a) - at(b));
}

export type CheckedCombination =
  { ok: true; value: UserCombination; formula: Formula } | { ok: false; problems: Problem[] };

const FIELDS = ['name', 'description', 'formula', 'unit', 'polarity'] as const;

/** Every problem with what was given, each with its field; or the cleaned values and the parsed formula. */
export function checkCombination(
  input: CombinationInput,
  indicators: readonly CatalogueIndicator[],
): CheckedCombination {
  const problems: Problem[] = [];
  const parsed = userCombinationSchema.safeParse({
    name: input.name,
    description: input.description ?? undefined,
    formula: input.formula,
    unit: input.unit,
    polarity: input.polarity,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELDS.find((f) => f === issue.path[0]);
      problems.push({ ...(field ? { field } : {}), message: issue.message });
    }
  }
  // A formula that reads is checked against the catalogue whatever else is wrong, so every problem shows.
  const text = typeof input.formula === 'string' ? input.formula : '';
  const read = text.trim() === '' ? undefined : parseFormula(text);
  if (read?.ok) {
    for (const p of formulaProblems(read.formula, indicators))
      problems.push({ field: 'formula', message: p.message });
  }
  if (problems.length || !parsed.success || !read?.ok) {
    return { ok: false, problems: sortByField(problems) };
  }
  return { ok: true, value: parsed.data, formula: read.formula };
}

/** Problems in the order of the form's fields (stable within a field). */
function sortByField(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => {
    const i = FIELDS.indexOf(p.field as (typeof FIELDS)[number]);
    return i < 0 ? FIELDS.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map((x) => x.p);
}
