// Working out a combination for every area: the Pathfinder, then each locality followed by its
// districts. Inputs are the viewer's published figures (InputFigures), so a figure derived from a
// suppressed count is suppressed too and nothing shown can reveal what disclosure control withheld.
import { findDimension } from '../../catalogue/catalogue.dimensions.ts';
import type { Denominators } from '../indicator-analysis.ts';
import { TOTAL, type InputFigures } from '../combinations/inputs.ts';
import {
  evaluateFormula,
  formatFormula,
  formulaInputs,
  formulaVariables,
  roundHalfAwayFromZero,
  type Formula,
  type FormulaInput,
  type LookupRequest,
  type LookupValue,
  type VariableName,
} from '../formula/index.ts';
import {
  isCountUnit,
  POLARITY_LABELS,
  STATUS_SYMBOLS,
  type CombinationPolarity,
  type CustomInputSummary,
  type CustomResultRow,
  type CustomVariableSummary,
} from './custom.model.ts';

export interface AreaForCombination {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

type ShownLevel = CustomResultRow['level'];

/** The Pathfinder, then each locality followed by its districts (by name); other levels are left out. */
export function inTreeOrder<T extends AreaForCombination>(
  areas: readonly T[],
): (T & { level: ShownLevel })[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en-GB');
  const at = (level: ShownLevel) => areas.filter((a) => a.level === level) as (T & { level: ShownLevel })[];
  const out = at('pathfinder');
  for (const locality of at('locality').sort(byName)) {
    out.push(
      locality,
      ...at('district')
        .filter((d) => d.parentCode === locality.code)
        .sort(byName),
    );
  }
  return out;
}

/** The published-table column of a formula input: 'total', or the value of its one breakdown. */
export function columnOf(breakdownKey: string): string | undefined {
  if (breakdownKey === '') return TOTAL;
  const parts = breakdownKey.split(';');
  if (parts.length !== 1) return undefined;
  const value = parts[0]!.split('=')[1];
  return value || undefined;
}

/** A figure for one area and input, as the formula reads it: suppressed, missing (null) or a number. */
export function lookupCount(
  figures: InputFigures | undefined,
  area: string,
  breakdownKey: string,
): LookupValue {
  if (!figures) return null;
  // Restricted intelligence outside its tier is banded at locality level only: everything is withheld.
  if (figures.tier === 'restricted-coarsened') return 'suppressed';
  const column = columnOf(breakdownKey);
  if (column === undefined) return null;
  const count = figures.count(area, column);
  if (count.status === 'suppressed' || count.status === 'banded') return 'suppressed';
  if (count.status === 'not-available' || count.value === null) return null;
  return count.value;
}

function inputText(figures: InputFigures | undefined, area: string, breakdownKey: string): string {
  if (!figures) return '[x]';
  const column = columnOf(breakdownKey);
  if (column === undefined) return '[x]';
  const count = figures.count(area, column);
  if (figures.tier === 'restricted-coarsened')
    return count.status === 'banded' && column === TOTAL ? count.text : '[c]';
  return count.text;
}

/** A result as shown: whole numbers for a count, otherwise 1 decimal place. */
export function formatValue(value: number, countUnit: boolean): string {
  const digits = countUnit ? 0 : 1;
  const rounded = roundHalfAwayFromZero(value, digits);
  const shown = Number.isFinite(rounded) ? rounded : value;
  return (shown === 0 ? 0 : shown).toLocaleString('en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function breakdownLabel(breakdownKey: string): string | null {
  if (breakdownKey === '') return null;
  return breakdownKey
    .split(';')
    .map((pair) => {
      const [dimensionId = '', valueCode = ''] = pair.split('=');
      const dimension = findDimension(dimensionId);
      const value = dimension?.values.find((v) => v.code === valueCode);
      return `${dimension?.label ?? dimensionId}: ${value?.label ?? valueCode}`;
    })
    .join(', ');
}

function referenceOf(input: FormulaInput): string {
  const breakdown =
    input.breakdownKey === ''
      ? []
      : input.breakdownKey.split(';').map((pair) => {
          const [dimension = '', value = ''] = pair.split('=');
          return { dimension, value };
        });
  return formatFormula({ kind: 'indicator', indicatorId: input.indicatorId, breakdown });
}

export interface CombinationEvaluation {
  countUnit: boolean;
  inputs: CustomInputSummary[];
  variables: CustomVariableSummary[];
  rows: CustomResultRow[];
  reading: string[];
}

export function evaluateCombination(input: {
  formula: Formula;
  unit: string;
  polarity: CombinationPolarity;
  areas: readonly AreaForCombination[];
  /** Each input indicator's published figures, by indicator id. */
  figures: ReadonlyMap<string, InputFigures>;
  /** The denominators of the variables the formula uses. */
  denominators: Partial<Record<VariableName, Denominators>>;
}): CombinationEvaluation {
  const { formula, figures, denominators } = input;
  const countUnit = isCountUnit(input.unit);
  const areas = inTreeOrder(input.areas);
  const localities = areas.filter((a) => a.level === 'locality');
  const cells = formulaInputs(formula);
  const variableNames = formulaVariables(formula);

  const inputs: CustomInputSummary[] = cells.map((cell) => {
    const f = figures.get(cell.indicatorId);
    return {
      reference: referenceOf(cell),
      indicatorId: cell.indicatorId,
      name: f?.indicator.name ?? cell.indicatorId,
      breakdown: breakdownLabel(cell.breakdownKey),
      windowLabel: f?.windowLabel ?? 'no period reported',
      tier: f?.tier ?? 'public',
      tierReason: f?.tierReason ?? '',
      missingFor:
        f && f.tier !== 'restricted-coarsened'
          ? localities
              .filter((l) => f.count(l.code, columnOf(cell.breakdownKey) ?? TOTAL).status === 'not-available')
              .map((l) => l.name)
          : [],
    };
  });
  const variables: CustomVariableSummary[] = variableNames.map((name) => ({
    name,
    label: denominators[name]?.label ?? name,
    missingFor: localities.filter((l) => !denominators[name]?.byArea.has(l.code)).map((l) => l.name),
  }));

  const rows: CustomResultRow[] = areas.map((area) => {
    const lookup = (request: LookupRequest): LookupValue =>
      'variable' in request
        ? (denominators[request.variable]?.byArea.get(area.code) ?? null)
        : lookupCount(figures.get(request.indicatorId), area.code, request.breakdownKey);
    const result = evaluateFormula(formula, lookup);
    return {
      code: area.code,
      name: area.name,
      level: area.level,
      status: result.status,
      value: result.value,
      text:
        result.status === 'ok' && result.value !== null
          ? formatValue(result.value, countUnit)
          : STATUS_SYMBOLS[result.status === 'ok' ? 'not-available' : result.status],
      inputs: cells.map((cell) => inputText(figures.get(cell.indicatorId), area.code, cell.breakdownKey)),
      variables: variableNames.map((name) => {
        const n = denominators[name]?.byArea.get(area.code);
        return n === undefined ? '[x]' : n.toLocaleString('en-GB');
      }),
    };
  });

  return { countUnit, inputs, variables, rows, reading: reading(rows, input.unit, input.polarity) };
}

/** A few sentences from the figures shown: the Pathfinder's value and the districts' range. */
function reading(rows: readonly CustomResultRow[], unit: string, polarity: CombinationPolarity): string[] {
  const out: string[] = [];
  // "30.7%", "12.5 per 10,000 children".
  const withUnit = (r: CustomResultRow) => (unit.trim() === '%' ? `${r.text}%` : `${r.text} ${unit}`.trim());
  const pathfinder = rows.find((r) => r.level === 'pathfinder');
  if (pathfinder?.status === 'ok')
    out.push(`For the Pathfinder as a whole the figure is ${withUnit(pathfinder)}.`);
  const districts = rows.filter((r) => r.level === 'district');
  const shown = districts.filter((r) => r.status === 'ok' && r.value !== null);
  const count = (status: CustomResultRow['status']) => districts.filter((r) => r.status === status).length;
  const gaps = [
    count('suppressed') ? `${count('suppressed')} suppressed [c]` : '',
    count('not-available') ? `${count('not-available')} without figures [x]` : '',
    count('undefined') ? `${count('undefined')} with no answer [z]` : '',
  ].filter(Boolean);
  out.push(
    `${shown.length} of the ${districts.length} districts have a figure` +
      (gaps.length ? ` (${gaps.join(', ')}).` : '.'),
  );
  if (shown.length >= 2) {
    const sorted = [...shown].sort((a, b) => b.value! - a.value! || a.name.localeCompare(b.name));
    const highest = sorted[0]!;
    const lowest = sorted.at(-1)!;
    if (highest.value !== lowest.value) {
      out.push(
        `Among the districts with a figure, the highest is ${highest.name} (${withUnit(highest)}) and the lowest ` +
          `${lowest.name} (${withUnit(lowest)}).` +
          (polarity === 'no-judgement' ? '' : ` ${POLARITY_LABELS[polarity]}.`),
      );
    } else {
      out.push(`Every district with a figure has the same value, ${withUnit(highest)}.`);
    }
  }
  return out;
}
