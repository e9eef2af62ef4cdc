/**
 * The formula language for user-defined combinations: parse, check, evaluate, format and describe.
 * See `README.md` in this folder for the language as analysts see it.
 *
 * @module
 */

export {
  checkFormula,
  closestId,
  editDistance,
  type CatalogueEntryForFormula,
  type FormulaCheckProblem,
} from './formula.check.ts';
export { describeFormula, describeNumber } from './formula.describe.ts';
export {
  evaluateFormula,
  formulaInputs,
  formulaVariables,
  roundHalfAwayFromZero,
  type FormulaLookup,
  type FormulaResult,
  type FormulaStatus,
  type LookupRequest,
  type LookupValue,
} from './formula.evaluate.ts';
export { compactFormula, formatFormula, plainNumber, shortestNumber } from './formula.format.ts';
export {
  CODE_PATTERN,
  FUNCTION_NAMES,
  MAX_FORMULA_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_ROUND_DIGITS,
  OPERATORS,
  VARIABLE_NAMES,
  breakdownKeyOf,
  type BinaryNode,
  type BreakdownPart,
  type CallNode,
  type Expression,
  type Formula,
  type FormulaInput,
  type FormulaProblem,
  type FunctionName,
  type IndicatorNode,
  type NegateNode,
  type NumberNode,
  type Operator,
  type VariableName,
  type VariableNode,
} from './formula.model.ts';
export { parseFormula, positionOf, valuePositionOf, type ParseResult } from './formula.parser.ts';
export {
  COMBINATION_POLARITIES,
  userCombinationSchema,
  type UserCombination,
  type UserCombinationInput,
} from './formula.schema.ts';
