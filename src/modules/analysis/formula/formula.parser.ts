// A recursive-descent parser for the formula language. It reads the text once, left to right, and stops
// at the first thing it cannot make sense of, saying where (column) and what to do about it. Work is
// bounded before parsing starts (length) and while parsing (nesting depth), so no input can make it slow
// or exhaust the stack.
import {
  CODE_PATTERN,
  FUNCTION_NAMES,
  MAX_FORMULA_LENGTH,
  MAX_NESTING_DEPTH,
  MAX_ROUND_DIGITS,
  isFunctionName,
  isVariableName,
  type BreakdownPart,
  type Expression,
  type Formula,
  type FormulaProblem,
  type FunctionName,
  type IndicatorNode,
  type Operator,
} from './formula.model.ts';
import { codePointName, columnOf, groupThousands, isPrintable, quoteSource } from './formula.text.ts';

export type ParseResult = { ok: true; formula: Formula } | { ok: false; problems: FormulaProblem[] };

// Source positions live beside the tree, not in it, so that two formulas with the same meaning are equal
// however they were spaced. Keyed by node identity; nodes are frozen, so a position can never go stale.
const nodePositions = new WeakMap<object, number>();
const valuePositions = new WeakMap<object, number>();

/** Where a node (or a breakdown's dimension) starts in the text it was parsed from; undefined if not parsed. */
export function positionOf(item: Expression | BreakdownPart): number | undefined {
  return nodePositions.get(item);
}

/** Where a breakdown's value starts in the text it was parsed from. */
export function valuePositionOf(part: BreakdownPart): number | undefined {
  return valuePositions.get(part);
}

const EXAMPLE_REFERENCE = '{yp-detained-by-btp}';
const EXAMPLE_BREAKDOWN = '{nrm-ce-investigations: nrm-referral=with-referral}';
const FUNCTION_LIST = FUNCTION_NAMES.join(', ');

const FUNCTION_USAGE: Record<FunctionName, { min: number; max: number; needs: string; example: string }> = {
  min: {
    min: 2,
    max: Infinity,
    needs: 'at least 2 values',
    example: 'min({yp-drug-arrests}, {svv-related-arrests})',
  },
  max: {
    min: 2,
    max: Infinity,
    needs: 'at least 2 values',
    example: 'max({yp-drug-arrests}, {svv-related-arrests})',
  },
  abs: { min: 1, max: 1, needs: '1 value', example: 'abs({yp-drug-arrests} - {svv-related-arrests})' },
  round: {
    min: 1,
    max: 2,
    needs: 'a value and, if you want, the number of decimal places',
    example: 'round(share({safeguarding-referrals-after-btp}, {yp-detained-by-btp}), 1)',
  },
  per10k: {
    min: 2,
    max: 2,
    needs: '2 values: the count and the population',
    example: 'per10k({yp-at-risk-of-cce}, children)',
  },
  share: {
    min: 2,
    max: 2,
    needs: '2 values: the part and the whole',
    example: 'share({safeguarding-referrals-after-btp}, {yp-detained-by-btp})',
  },
};

const OPERATION_NAMES: Record<Operator, string> = {
  '+': 'Addition',
  '-': 'Subtraction',
  '*': 'Multiplication',
  '/': 'Division',
};

/** Hints for characters people reach for from spreadsheets, word processors and other languages. */
const CHARACTER_HINTS: Record<string, string> = {
  '×': 'Use "*" to multiply.',
  '✕': 'Use "*" to multiply.',
  '·': 'Use "*" to multiply.',
  '÷': 'Use "/" to divide.',
  '−': 'Use "-" (the hyphen-minus key) to subtract.',
  '–': 'Use "-" (the hyphen-minus key) to subtract.',
  '—': 'Use "-" (the hyphen-minus key) to subtract.',
  '‐': 'Use "-" (the hyphen-minus key) to subtract.',
  '‑': 'Use "-" (the hyphen-minus key) to subtract.',
  '^': 'Formulas have no powers. Multiply instead, for example 10 * 10.',
  '%': `To work out a percentage, use share(part, whole), for example ${FUNCTION_USAGE.share.example}.`,
  '[': 'Use round brackets ( ) to group, and curly braces { } around indicator ids.',
  ']': 'Use round brackets ( ) to group, and curly braces { } around indicator ids.',
  ';': `Use commas to separate the values given to a function, for example ${FUNCTION_USAGE.min.example}.`,
};

type CodeKind = 'indicator id' | 'breakdown name' | 'breakdown value';
const CODE_KINDS: Record<CodeKind, { plural: string; example: string }> = {
  'indicator id': { plural: 'Indicator ids', example: 'yp-detained-by-btp' },
  'breakdown name': { plural: 'Breakdown names', example: 'nrm-referral' },
  'breakdown value': { plural: 'Breakdown values', example: 'with-referral' },
};

const QUOTATION_MARKS = new Set(['"', "'", '“', '”', '‘', '’', '`']);

/** Characters that end an id, dimension or value inside braces. */
const REFERENCE_STOPS = new Set(['{', '}', ':', '=', ',', ';', '(', ')', '+', '*', '/']);

type Token =
  | { kind: 'number'; start: number; end: number; value: number }
  | { kind: 'name'; start: number; end: number; text: string }
  | { kind: 'reference'; start: number; end: number; node: IndicatorNode }
  | { kind: 'operator'; start: number; end: number; operator: Operator }
  | { kind: '(' | ')' | ',' | 'end'; start: number; end: number };

type OperatorToken = Extract<Token, { kind: 'operator' }>;
/** The operator read just before an operand: a missing operand is then that operator's problem. */
type Preceding = { operator: OperatorToken; unary: boolean };

/** What encloses the expression being parsed: decides how a missing piece is described. */
type Context =
  { kind: 'top' } | { kind: 'group'; open: Token } | { kind: 'call'; name: FunctionName; at: Token };

class FormulaSyntaxError extends Error {
  constructor(
    readonly position: number,
    readonly detail: string,
  ) {
    super(detail);
  }
}

function fail(position: number, detail: string): never {
  throw new FormulaSyntaxError(position, detail);
}

const isSpace = (character: string | undefined): boolean =>
  character !== undefined &&
  (character === ' ' ||
    (character >= '\t' && character <= '\r') ||
    (character > '\x7f' && /\s/.test(character)));
const isOperandStart = (token: Token): boolean =>
  token.kind === 'number' || token.kind === 'name' || token.kind === 'reference' || token.kind === '(';

function record<T extends object>(item: T, position: number): T {
  nodePositions.set(item, position);
  return Object.freeze(item);
}

/**
 * Parse a formula. Never throws for any string: returns the syntax tree, or the first problem found with
 * its 0-based position and a message that starts "Column N:" (N counts characters from 1).
 */
export function parseFormula(text: string): ParseResult {
  if (typeof text !== 'string') {
    return { ok: false, problems: [{ position: 0, message: 'Enter the formula as text.' }] };
  }
  const tooLong = lengthProblem(text);
  if (tooLong) return { ok: false, problems: [tooLong] };
  if (text.trim() === '') {
    return {
      ok: false,
      problems: [{ position: 0, message: `Enter a formula, for example ${FUNCTION_USAGE.share.example}.` }],
    };
  }
  try {
    const formula = new Parser(text).formula();
    return { ok: true, formula };
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    return {
      ok: false,
      problems: [
        { position: error.position, message: `Column ${columnOf(text, error.position)}: ${error.detail}` },
      ],
    };
  }
}

/** Above this many UTF-16 units the length message gives a bound rather than counting every character. */
const COUNT_UP_TO = 100_000;

/** Refuses text over the limit, counting Unicode characters; very long text is refused without reading it all. */
function lengthProblem(text: string): FormulaProblem | undefined {
  if (text.length <= MAX_FORMULA_LENGTH) return undefined;
  const scanTo = Math.min(text.length, COUNT_UP_TO);
  let characters = 0;
  let overflowAt = -1;
  for (let i = 0; i < scanTo; i++) {
    const code = text.charCodeAt(i);
    const previous = i > 0 ? text.charCodeAt(i - 1) : 0;
    const secondHalf = code >= 0xdc00 && code <= 0xdfff && previous >= 0xd800 && previous <= 0xdbff;
    if (secondHalf) continue;
    characters++;
    if (characters === MAX_FORMULA_LENGTH + 1) {
      overflowAt = i;
      if (text.length > COUNT_UP_TO) break;
    }
  }
  if (overflowAt < 0) return undefined;
  const has =
    text.length > COUNT_UP_TO ? `more than ${groupThousands(COUNT_UP_TO)}` : groupThousands(characters);
  return {
    position: overflowAt,
    message: `The formula must be ${MAX_FORMULA_LENGTH} characters or fewer. It has ${has}.`,
  };
}

class Lexer {
  private position = 0;
  private lookahead: Token | undefined;
  private consumed = 0;

  constructor(private readonly text: string) {}

  peek(): Token {
    this.lookahead ??= this.scan();
    return this.lookahead;
  }

  next(): Token {
    const token = this.peek();
    this.lookahead = undefined;
    this.consumed++;
    return token;
  }

  private skipSpaces(from: number): number {
    let at = from;
    while (at < this.text.length && isSpace(this.text[at])) at++;
    return at;
  }

  private scan(): Token {
    const start = this.skipSpaces(this.position);
    this.position = start;
    const c = this.text[start];
    if (c === undefined) return { kind: 'end', start, end: start };
    if (c >= '0' && c <= '9') return this.number(start);
    if (/[A-Za-z_]/.test(c)) return this.name(start);
    if (c === '{') return this.reference(start);
    if (c === '+' || c === '-' || c === '*' || c === '/') {
      this.position = start + 1;
      return { kind: 'operator', start, end: start + 1, operator: c };
    }
    if (c === '(' || c === ')' || c === ',') {
      this.position = start + 1;
      return { kind: c, start, end: start + 1 };
    }
    return this.unexpected(start);
  }

  private number(start: number): Token {
    const pattern = /[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]*)?/y;
    pattern.lastIndex = start;
    const match = pattern.exec(this.text);
    const raw = match?.[0] ?? '';
    const end = start + raw.length;
    if (match?.[1] === '.') {
      fail(start, `Add a digit after the decimal point in ${quoteSource(raw)}, or remove the point.`);
    }
    if (match?.[2] !== undefined && !/[0-9]/.test(match[2])) {
      fail(start, `${quoteSource(raw)} is not a complete number. Write a power of ten like 1e4.`);
    }
    if (this.text[end] === '.') {
      const whole = /[0-9.eE+-]+/y;
      whole.lastIndex = start;
      const shown = whole.exec(this.text)?.[0] ?? raw;
      fail(start, `${quoteSource(shown)} is not a number. Use one decimal point at most, for example 0.25.`);
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) fail(start, `${quoteSource(raw)} is too large. Use a smaller number.`);
    this.position = end;
    return { kind: 'number', start, end, value };
  }

  private name(start: number): Token {
    const pattern = /[A-Za-z_][A-Za-z0-9_]*/y;
    pattern.lastIndex = start;
    const text = pattern.exec(this.text)?.[0] ?? '';
    this.position = start + text.length;
    return { kind: 'name', start, end: this.position, text };
  }

  /** The run of characters that could belong to an id, dimension or value, starting at `from`. */
  private codeRun(from: number): string {
    let at = from;
    while (at < this.text.length) {
      const c = this.text[at] as string;
      if (isSpace(c) || REFERENCE_STOPS.has(c)) break;
      at++;
    }
    return this.text.slice(from, at);
  }

  private checkCode(raw: string, at: number, what: CodeKind): void {
    if (CODE_PATTERN.test(raw)) return;
    const { plural, example } = CODE_KINDS[what];
    if (CODE_PATTERN.test(raw.toLowerCase())) {
      fail(at, `${plural} are written in lower case. Change ${quoteSource(raw)} to "${raw.toLowerCase()}".`);
    }
    fail(
      at,
      `${quoteSource(raw)} is not a valid ${what}. ${plural} use lower-case letters, digits and single hyphens, ` +
        `for example ${example}.`,
    );
  }

  private reference(start: number): Token {
    const text = this.text;
    const idStart = this.skipSpaces(start + 1);
    const id = this.codeRun(idStart);
    if (id === '') {
      if (text[idStart] === '}') {
        fail(
          start,
          `${quoteSource(text.slice(start, idStart + 1))} is empty. Put an indicator id between the braces, for example ${EXAMPLE_REFERENCE}.`,
        );
      }
      fail(start, `Put an indicator id after "{", for example ${EXAMPLE_REFERENCE}.`);
    }
    this.checkCode(id, idStart, 'indicator id');
    const idEnd = idStart + id.length;
    let at = this.skipSpaces(idEnd);
    const breakdown: BreakdownPart[] = [];
    if (text[at] === ':') {
      at = this.breakdown(start, at, breakdown);
    } else if (text[at] !== '}') {
      const next = text[at];
      if (next === '=') {
        fail(at, `Put ":" between the indicator id and the breakdown, for example ${EXAMPLE_BREAKDOWN}.`);
      }
      if (at > idEnd && next !== undefined && !REFERENCE_STOPS.has(next)) {
        fail(idStart, `Indicator ids cannot contain spaces. Use hyphens, for example ${EXAMPLE_REFERENCE}.`);
      }
      fail(
        start,
        `${quoteSource(text.slice(start, idEnd))} has no closing brace. Add "}" after the indicator id.`,
      );
    }
    this.position = at + 1;
    breakdown.sort((a, b) => (a.dimension < b.dimension ? -1 : a.dimension > b.dimension ? 1 : 0));
    const node = record<IndicatorNode>(
      { kind: 'indicator', indicatorId: id, breakdown: Object.freeze(breakdown) },
      start,
    );
    return { kind: 'reference', start, end: this.position, node };
  }

  /** Reads `dimension=value` pairs after the ":" at `colon`; returns the position of the closing brace. */
  private breakdown(start: number, colon: number, parts: BreakdownPart[]): number {
    const text = this.text;
    let separator = colon;
    for (;;) {
      const dimensionStart = this.skipSpaces(separator + 1);
      const dimension = this.codeRun(dimensionStart);
      if (dimension === '') {
        const mark = text[separator] as string;
        fail(
          separator,
          `Put a breakdown after "${mark}", for example ${EXAMPLE_BREAKDOWN}, or remove the "${mark}".`,
        );
      }
      this.checkCode(dimension, dimensionStart, 'breakdown name');
      const equals = this.skipSpaces(dimensionStart + dimension.length);
      if (text[equals] !== '=') {
        fail(dimensionStart, 'Write the breakdown as name=value, for example nrm-referral=with-referral.');
      }
      const valueStart = this.skipSpaces(equals + 1);
      const value = this.codeRun(valueStart);
      if (value === '') fail(equals, 'Put a value after "=", for example nrm-referral=with-referral.');
      this.checkCode(value, valueStart, 'breakdown value');
      if (parts.some((p) => p.dimension === dimension)) {
        fail(
          dimensionStart,
          `The breakdown ${quoteSource(dimension)} is given more than once. Give each breakdown once.`,
        );
      }
      const part = record<BreakdownPart>({ dimension, value }, dimensionStart);
      valuePositions.set(part, valueStart);
      parts.push(part);
      const valueEnd = valueStart + value.length;
      const after = this.skipSpaces(valueEnd);
      const next = text[after];
      if (next === '}') return after;
      if (next === ',' || next === ';') {
        separator = after;
        continue;
      }
      if (after > valueEnd && next !== undefined && !REFERENCE_STOPS.has(next)) {
        fail(valueStart, 'Breakdown values cannot contain spaces. Use hyphens, for example with-referral.');
      }
      fail(
        start,
        `${quoteSource(text.slice(start, valueEnd))} has no closing brace. Add "}" after the breakdown.`,
      );
    }
  }

  private unexpected(start: number): never {
    const character = String.fromCodePoint(this.text.codePointAt(start) ?? 0);
    if (character === '}') {
      fail(start, 'There is a "}" without an opening "{". Remove it, or add "{" before the indicator id.');
    }
    if (character === '=') {
      if (this.consumed === 0 && this.lookahead === undefined) {
        fail(start, 'Remove the "=" at the start. Formulas do not begin with "=".');
      }
      fail(start, `"=" can only be used inside curly braces, for a breakdown such as ${EXAMPLE_BREAKDOWN}.`);
    }
    if (character === ':') {
      fail(start, `":" can only be used inside curly braces, for a breakdown such as ${EXAMPLE_BREAKDOWN}.`);
    }
    if (QUOTATION_MARKS.has(character)) {
      fail(
        start,
        `Do not use quotation marks. Put indicator ids in curly braces, for example ${EXAMPLE_REFERENCE}.`,
      );
    }
    if (character === '.' && /[0-9]/.test(this.text[start + 1] ?? '')) {
      fail(start, 'Put a digit before the decimal point, for example 0.5.');
    }
    const hint = CHARACTER_HINTS[character] ?? 'Remove it.';
    const shown = isPrintable(character) ? `"${character}"` : `The character ${codePointName(character)}`;
    return fail(start, `${shown} cannot be used in a formula. ${hint}`);
  }
}

class Parser {
  private readonly lexer: Lexer;
  private depth = 0;

  constructor(private readonly text: string) {
    this.lexer = new Lexer(text);
  }

  formula(): Expression {
    const context: Context = { kind: 'top' };
    const expression = this.sum(context);
    const after = this.lexer.peek();
    if (after.kind === 'end') return expression;
    return this.unexpectedAfterExpression(after, context);
  }

  /** An expression is complete but is followed by something that cannot follow it here. */
  private unexpectedAfterExpression(token: Token, context: Context): never {
    if (isOperandStart(token)) {
      const alternative = context.kind === 'call' ? ' or a comma' : '';
      fail(token.start, `Add an operator (+, -, * or /)${alternative} before ${this.quoteToken(token)}.`);
    }
    if (token.kind === ')') {
      fail(
        token.start,
        'There is a ")" without an opening "(". Remove it, or add "(" where the group starts.',
      );
    }
    if (token.kind === ',') {
      fail(
        token.start,
        `Commas can only separate the values given to a function, for example ${FUNCTION_USAGE.min.example}. ` +
          'Write numbers without commas, for example 10000.',
      );
    }
    return fail(token.start, `${this.quoteToken(token)} is out of place. Check the formula from here.`);
  }

  private quoteToken(token: Token): string {
    return quoteSource(this.text.slice(token.start, token.end));
  }

  private enter(position: number): void {
    this.depth++;
    if (this.depth > MAX_NESTING_DEPTH) {
      fail(
        position,
        `The formula is nested too deeply. Use no more than ${MAX_NESTING_DEPTH} levels of brackets, ` +
          'functions and minus signs inside each other.',
      );
    }
  }

  private sum(context: Context): Expression {
    let left = this.product(context);
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind !== 'operator' || (token.operator !== '+' && token.operator !== '-')) return left;
      this.lexer.next();
      const right = this.product(context, { operator: token, unary: false });
      left = record<Expression>(
        { kind: 'binary', operator: token.operator, left, right },
        nodePositions.get(left) ?? 0,
      );
    }
  }

  private product(context: Context, after?: Preceding): Expression {
    let left = this.unary(context, after);
    for (;;) {
      const token = this.lexer.peek();
      if (token.kind !== 'operator' || (token.operator !== '*' && token.operator !== '/')) return left;
      this.lexer.next();
      const right = this.unary(context, { operator: token, unary: false });
      left = record<Expression>(
        { kind: 'binary', operator: token.operator, left, right },
        nodePositions.get(left) ?? 0,
      );
    }
  }

  private unary(context: Context, after?: Preceding): Expression {
    const token = this.lexer.peek();
    if (token.kind === 'operator' && token.operator === '-') {
      this.lexer.next();
      this.enter(token.start);
      const operand = this.unary(context, { operator: token, unary: true });
      this.depth--;
      return record<Expression>({ kind: 'negate', operand }, token.start);
    }
    return this.primary(context, after);
  }

  private primary(context: Context, after?: Preceding): Expression {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'number':
        return record<Expression>({ kind: 'number', value: token.value }, token.start);
      case 'reference':
        return token.node;
      case 'name':
        return this.named(token);
      case '(':
        return this.group(token);
      default:
        return this.missingOperand(token, context, after);
    }
  }

  private missingOperand(token: Token, context: Context, after?: Preceding): never {
    if (after?.unary) fail(after.operator.start, 'Put a number, indicator or bracket after the minus sign.');
    if (after)
      fail(
        after.operator.start,
        `${OPERATION_NAMES[after.operator.operator]} needs something on both sides.`,
      );
    if (token.kind === 'operator')
      fail(token.start, `${OPERATION_NAMES[token.operator]} needs something on both sides.`);
    if (context.kind === 'call') {
      const opened = `${context.name}(`;
      if (token.kind === ',' || token.kind === ')') {
        fail(
          token.start,
          `There is an empty value in "${context.name}". Put a value between the commas, or remove the extra comma.`,
        );
      }
      if (token.kind === 'end')
        fail(context.at.start, `"${opened}" has no closing bracket. Add ")" after the last value.`);
    }
    if (context.kind === 'group' && token.kind === 'end') {
      fail(context.open.start, 'Put something after "(" and close it with ")".');
    }
    return this.unexpectedAfterExpression(token, context);
  }

  private group(open: Token): Expression {
    this.enter(open.start);
    if (this.lexer.peek().kind === ')') {
      fail(open.start, 'The brackets are empty. Put something between "(" and ")", or remove them.');
    }
    const context: Context = { kind: 'group', open };
    const inner = this.sum(context);
    const close = this.lexer.next();
    if (close.kind === 'end') {
      fail(open.start, '"(" has no closing bracket. Add ")" at the end of the part it groups.');
    }
    if (close.kind !== ')') this.unexpectedAfterExpression(close, context);
    this.depth--;
    return inner;
  }

  private named(token: Extract<Token, { kind: 'name' }>): Expression {
    const name = token.text.toLowerCase();
    if (this.lexer.peek().kind === '(') {
      if (!isFunctionName(name)) {
        fail(token.start, `Unknown function ${quoteSource(token.text)}. Use one of ${FUNCTION_LIST}.`);
      }
      return this.call(token, name);
    }
    if (isVariableName(name)) return record<Expression>({ kind: 'variable', name }, token.start);
    if (isFunctionName(name)) {
      fail(
        token.start,
        `"${name}" is a function. Put its values in brackets after it, for example ${FUNCTION_USAGE[name].example}.`,
      );
    }
    const run = /[A-Za-z0-9_]+(?:-[A-Za-z0-9_]+)*/y;
    run.lastIndex = token.start;
    const word = run.exec(this.text)?.[0] ?? token.text;
    return fail(
      token.start,
      `Unknown name ${quoteSource(word)}. If it is an indicator, put its id in curly braces: ` +
        `{${word.toLowerCase()}}. The other names you can use are children and population.`,
    );
  }

  /** True if two values in a row read like a number written with a thousands separator, as in 10,000. */
  private looksLikeThousands(args: readonly Expression[]): boolean {
    return args.some((arg, i) => {
      const next = args[i + 1];
      if (arg.kind !== 'number' || next?.kind !== 'number') return false;
      const at = nodePositions.get(next);
      if (at === undefined) return false;
      const digits = /[0-9]+(?![0-9.eE])/y;
      digits.lastIndex = at;
      return digits.exec(this.text)?.[0].length === 3;
    });
  }

  private call(nameToken: Token, name: FunctionName): Expression {
    this.enter(nameToken.start);
    this.lexer.next(); // "("
    const context: Context = { kind: 'call', name, at: nameToken };
    const args: Expression[] = [];
    if (this.lexer.peek().kind === ')') {
      this.lexer.next();
    } else {
      for (;;) {
        args.push(this.sum(context));
        const token = this.lexer.next();
        if (token.kind === ')') break;
        if (token.kind === ',') continue;
        if (token.kind === 'end') {
          fail(nameToken.start, `"${name}(" has no closing bracket. Add ")" after the last value.`);
        }
        this.unexpectedAfterExpression(token, context);
      }
    }
    const usage = FUNCTION_USAGE[name];
    if (args.length < usage.min || args.length > usage.max) {
      const has = args.length === 0 ? 'none' : String(args.length);
      const commas = this.looksLikeThousands(args) ? ' Write numbers without commas, for example 10000.' : '';
      fail(
        nameToken.start,
        `"${name}" needs ${usage.needs}, for example ${usage.example}. It has ${has}.${commas}`,
      );
    }
    const digits = args[1];
    if (name === 'round' && digits !== undefined) {
      const valid =
        digits.kind === 'number' &&
        Number.isInteger(digits.value) &&
        digits.value >= 0 &&
        digits.value <= MAX_ROUND_DIGITS;
      if (!valid) {
        fail(
          nodePositions.get(digits) ?? nameToken.start,
          `The number of decimal places in "round" must be a whole number from 0 to ${MAX_ROUND_DIGITS}, ` +
            'for example round(share({safeguarding-referrals-after-btp}, {yp-detained-by-btp}), 1).',
        );
      }
    }
    this.depth--;
    return record<Expression>({ kind: 'call', name, args: Object.freeze(args) }, nameToken.start);
  }
}
