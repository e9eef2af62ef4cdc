import { describe, expect, it } from 'vitest';
import { MAX_FORMULA_LENGTH, MAX_NESTING_DEPTH } from './formula.model.ts';
import { parseFormula } from './formula.parser.ts';
import { problemOf } from './formula.test-helpers.ts';

const BREAKDOWN_EXAMPLE = '{nrm-ce-investigations: nrm-referral=with-referral}';
const MIN_EXAMPLE = 'min({yp-drug-arrests}, {svv-related-arrests})';
const SHARE_EXAMPLE = 'share({safeguarding-referrals-after-btp}, {yp-detained-by-btp})';
const ROUND_DIGITS =
  'The number of decimal places in "round" must be a whole number from 0 to 10, for example ' +
  `round(${SHARE_EXAMPLE}, 1).`;
const QUOTES =
  'Do not use quotation marks. Put indicator ids in curly braces, for example {yp-detained-by-btp}.';
const SUBTRACT = 'Use "-" (the hyphen-minus key) to subtract.';

// [text, position (0-based offset), message]. The column in a message counts characters from 1.
const CASES: [string, number, string][] = [
  // Empty
  ['', 0, `Enter a formula, for example ${SHARE_EXAMPLE}.`],
  [' \t\n', 0, `Enter a formula, for example ${SHARE_EXAMPLE}.`],
  // Numbers
  ['1. + 2', 0, 'Column 1: Add a digit after the decimal point in "1.", or remove the point.'],
  ['2 * 1e', 4, 'Column 5: "1e" is not a complete number. Write a power of ten like 1e4.'],
  ['3e+', 0, 'Column 1: "3e+" is not a complete number. Write a power of ten like 1e4.'],
  ['1.2.3', 0, 'Column 1: "1.2.3" is not a number. Use one decimal point at most, for example 0.25.'],
  ['1e400', 0, 'Column 1: "1e400" is too large. Use a smaller number.'],
  ['.5', 0, 'Column 1: Put a digit before the decimal point, for example 0.5.'],
  // Indicator references
  [
    'round(100 * {yp-detained-by-btp',
    12,
    'Column 13: "{yp-detained-by-btp" has no closing brace. Add "}" after the indicator id.',
  ],
  [
    '{yp-detained-by-btp + 1',
    0,
    'Column 1: "{yp-detained-by-btp" has no closing brace. Add "}" after the indicator id.',
  ],
  ['{a: b=c + 1', 0, 'Column 1: "{a: b=c" has no closing brace. Add "}" after the breakdown.'],
  [
    '{}',
    0,
    'Column 1: "{}" is empty. Put an indicator id between the braces, for example {yp-detained-by-btp}.',
  ],
  ['1 + {', 4, 'Column 5: Put an indicator id after "{", for example {yp-detained-by-btp}.'],
  [
    '{Yp-Detained-By-Btp}',
    1,
    'Column 2: Indicator ids are written in lower case. Change "Yp-Detained-By-Btp" to "yp-detained-by-btp".',
  ],
  [
    '{yp_detained}',
    1,
    'Column 2: "yp_detained" is not a valid indicator id. Indicator ids use lower-case letters, digits and ' +
      'single hyphens, for example yp-detained-by-btp.',
  ],
  [
    '{yp--detained}',
    1,
    'Column 2: "yp--detained" is not a valid indicator id. Indicator ids use lower-case letters, digits and ' +
      'single hyphens, for example yp-detained-by-btp.',
  ],
  [
    '{yp detained}',
    1,
    'Column 2: Indicator ids cannot contain spaces. Use hyphens, for example {yp-detained-by-btp}.',
  ],
  [
    '{a=b}',
    2,
    `Column 3: Put ":" between the indicator id and the breakdown, for example ${BREAKDOWN_EXAMPLE}.`,
  ],
  ['{a:}', 2, `Column 3: Put a breakdown after ":", for example ${BREAKDOWN_EXAMPLE}, or remove the ":".`],
  [
    '{a: b=c,}',
    7,
    `Column 8: Put a breakdown after ",", for example ${BREAKDOWN_EXAMPLE}, or remove the ",".`,
  ],
  ['{a: b}', 4, 'Column 5: Write the breakdown as name=value, for example nrm-referral=with-referral.'],
  ['{a: b=}', 5, 'Column 6: Put a value after "=", for example nrm-referral=with-referral.'],
  ['{x: Sex=male}', 4, 'Column 5: Breakdown names are written in lower case. Change "Sex" to "sex".'],
  ['{x: sex=Male}', 8, 'Column 9: Breakdown values are written in lower case. Change "Male" to "male".'],
  [
    '{x: sex_=male}',
    4,
    'Column 5: "sex_" is not a valid breakdown name. Breakdown names use lower-case letters, digits and ' +
      'single hyphens, for example nrm-referral.',
  ],
  [
    '{x: sex=ma--le}',
    8,
    'Column 9: "ma--le" is not a valid breakdown value. Breakdown values use lower-case letters, digits and ' +
      'single hyphens, for example with-referral.',
  ],
  ['{a: b=c, b=d}', 9, 'Column 10: The breakdown "b" is given more than once. Give each breakdown once.'],
  [
    '{a: b=c d}',
    6,
    'Column 7: Breakdown values cannot contain spaces. Use hyphens, for example with-referral.',
  ],
  // Characters that have no place in a formula
  [
    '1 }',
    2,
    'Column 3: There is a "}" without an opening "{". Remove it, or add "{" before the indicator id.',
  ],
  ['=1', 0, 'Column 1: Remove the "=" at the start. Formulas do not begin with "=".'],
  [' =1', 1, 'Column 2: Remove the "=" at the start. Formulas do not begin with "=".'],
  [
    '1 = 2',
    2,
    `Column 3: "=" can only be used inside curly braces, for a breakdown such as ${BREAKDOWN_EXAMPLE}.`,
  ],
  [
    '1 : 2',
    2,
    `Column 3: ":" can only be used inside curly braces, for a breakdown such as ${BREAKDOWN_EXAMPLE}.`,
  ],
  ['1 × 2', 2, 'Column 3: "×" cannot be used in a formula. Use "*" to multiply.'],
  ['1 ✕ 2', 2, 'Column 3: "✕" cannot be used in a formula. Use "*" to multiply.'],
  ['1 · 2', 2, 'Column 3: "·" cannot be used in a formula. Use "*" to multiply.'],
  ['1 ÷ 2', 2, 'Column 3: "÷" cannot be used in a formula. Use "/" to divide.'],
  ['1 − 2', 2, `Column 3: "−" cannot be used in a formula. ${SUBTRACT}`],
  ['1 – 2', 2, `Column 3: "–" cannot be used in a formula. ${SUBTRACT}`],
  ['1 — 2', 2, `Column 3: "—" cannot be used in a formula. ${SUBTRACT}`],
  ['1 ‐ 2', 2, `Column 3: "‐" cannot be used in a formula. ${SUBTRACT}`],
  ['1 ‑ 2', 2, `Column 3: "‑" cannot be used in a formula. ${SUBTRACT}`],
  [
    '2 ^ 3',
    2,
    'Column 3: "^" cannot be used in a formula. Formulas have no powers. Multiply instead, for example 10 * 10.',
  ],
  [
    '50%',
    2,
    `Column 3: "%" cannot be used in a formula. To work out a percentage, use share(part, whole), for example ${SHARE_EXAMPLE}.`,
  ],
  [
    '[1]',
    0,
    'Column 1: "[" cannot be used in a formula. Use round brackets ( ) to group, and curly braces { } around indicator ids.',
  ],
  [
    '(1]',
    2,
    'Column 3: "]" cannot be used in a formula. Use round brackets ( ) to group, and curly braces { } around indicator ids.',
  ],
  [
    'min(1; 2)',
    5,
    `Column 6: ";" cannot be used in a formula. Use commas to separate the values given to a function, for example ${MIN_EXAMPLE}.`,
  ],
  ['"a"', 0, `Column 1: ${QUOTES}`],
  ["'a'", 0, `Column 1: ${QUOTES}`],
  ['“a”', 0, `Column 1: ${QUOTES}`],
  ['‘a’', 0, `Column 1: ${QUOTES}`],
  ['`a`', 0, `Column 1: ${QUOTES}`],
  ['1 $ 2', 2, 'Column 3: "$" cannot be used in a formula. Remove it.'],
  ['1 .', 2, 'Column 3: "." cannot be used in a formula. Remove it.'],
  ['é', 0, 'Column 1: "é" cannot be used in a formula. Remove it.'],
  ['1 \u200b 2', 2, 'Column 3: The character U+200B cannot be used in a formula. Remove it.'],
  ['1 \u0000', 2, 'Column 3: The character U+0000 cannot be used in a formula. Remove it.'],
  ['\ud83d', 0, 'Column 1: The character U+D83D cannot be used in a formula. Remove it.'],
  // Operators and operands
  ['1 2', 2, 'Column 3: Add an operator (+, -, * or /) before "2".'],
  ['{a} {b}', 4, 'Column 5: Add an operator (+, -, * or /) before "{b}".'],
  ['2(3)', 1, 'Column 2: Add an operator (+, -, * or /) before "(".'],
  ['10k', 2, 'Column 3: Add an operator (+, -, * or /) before "k".'],
  ['min({a} {b})', 8, 'Column 9: Add an operator (+, -, * or /) or a comma before "{b}".'],
  ['1)', 1, 'Column 2: There is a ")" without an opening "(". Remove it, or add "(" where the group starts.'],
  [
    '1,000',
    1,
    `Column 2: Commas can only separate the values given to a function, for example ${MIN_EXAMPLE}. ` +
      'Write numbers without commas, for example 10000.',
  ],
  ['- ', 0, 'Column 1: Put a number, indicator or bracket after the minus sign.'],
  ['1 * -', 4, 'Column 5: Put a number, indicator or bracket after the minus sign.'],
  ['1 +', 2, 'Column 3: Addition needs something on both sides.'],
  ['{a} -', 4, 'Column 5: Subtraction needs something on both sides.'],
  ['{a} * ', 4, 'Column 5: Multiplication needs something on both sides.'],
  ['{a} /', 4, 'Column 5: Division needs something on both sides.'],
  ['{a} / * {b}', 4, 'Column 5: Division needs something on both sides.'],
  ['* 1', 0, 'Column 1: Multiplication needs something on both sides.'],
  ['/ 1', 0, 'Column 1: Division needs something on both sides.'],
  ['+ 1', 0, 'Column 1: Addition needs something on both sides.'],
  ['(1 - )', 3, 'Column 4: Subtraction needs something on both sides.'],
  ['min(1 / , 2)', 6, 'Column 7: Division needs something on both sides.'],
  // Brackets
  ['(', 0, 'Column 1: Put something after "(" and close it with ")".'],
  ['2 * (1 + 3', 4, 'Column 5: "(" has no closing bracket. Add ")" at the end of the part it groups.'],
  ['()', 0, 'Column 1: The brackets are empty. Put something between "(" and ")", or remove them.'],
  // Functions
  ['sqrt(2)', 0, 'Column 1: Unknown function "sqrt". Use one of min, max, abs, round, per10k, share.'],
  ['1 + Sum(2)', 4, 'Column 5: Unknown function "Sum". Use one of min, max, abs, round, per10k, share.'],
  [
    'min',
    0,
    `Column 1: "min" is a function. Put its values in brackets after it, for example ${MIN_EXAMPLE}.`,
  ],
  [
    'foo',
    0,
    'Column 1: Unknown name "foo". If it is an indicator, put its id in curly braces: {foo}. ' +
      'The other names you can use are children and population.',
  ],
  [
    'yp-detained-by-btp / 2',
    0,
    'Column 1: Unknown name "yp-detained-by-btp". If it is an indicator, put its id in curly braces: ' +
      '{yp-detained-by-btp}. The other names you can use are children and population.',
  ],
  [
    'min(1, )',
    7,
    'Column 8: There is an empty value in "min". Put a value between the commas, or remove the extra comma.',
  ],
  [
    'max(,1)',
    4,
    'Column 5: There is an empty value in "max". Put a value between the commas, or remove the extra comma.',
  ],
  ['1 + min(1,', 4, 'Column 5: "min(" has no closing bracket. Add ")" after the last value.'],
  ['abs(1', 0, 'Column 1: "abs(" has no closing bracket. Add ")" after the last value.'],
  ['min()', 0, `Column 1: "min" needs at least 2 values, for example ${MIN_EXAMPLE}. It has none.`],
  ['min(1)', 0, `Column 1: "min" needs at least 2 values, for example ${MIN_EXAMPLE}. It has 1.`],
  [
    'max(1)',
    0,
    'Column 1: "max" needs at least 2 values, for example max({yp-drug-arrests}, {svv-related-arrests}). It has 1.',
  ],
  [
    'abs(1, 2)',
    0,
    'Column 1: "abs" needs 1 value, for example abs({yp-drug-arrests} - {svv-related-arrests}). It has 2.',
  ],
  [
    'round()',
    0,
    'Column 1: "round" needs a value and, if you want, the number of decimal places, for example ' +
      `round(${SHARE_EXAMPLE}, 1). It has none.`,
  ],
  [
    'round(1, 2, 3)',
    0,
    'Column 1: "round" needs a value and, if you want, the number of decimal places, for example ' +
      `round(${SHARE_EXAMPLE}, 1). It has 3.`,
  ],
  [
    'per10k(1)',
    0,
    'Column 1: "per10k" needs 2 values: the count and the population, for example per10k({yp-at-risk-of-cce}, children). It has 1.',
  ],
  [
    'per10k({a}, 10,000)',
    0,
    'Column 1: "per10k" needs 2 values: the count and the population, for example per10k({yp-at-risk-of-cce}, children). ' +
      'It has 3. Write numbers without commas, for example 10000.',
  ],
  [
    'share(1, 2, 3)',
    0,
    `Column 1: "share" needs 2 values: the part and the whole, for example ${SHARE_EXAMPLE}. It has 3.`,
  ],
  ['round(1, 1.5)', 9, `Column 10: ${ROUND_DIGITS}`],
  ['round(1, -1)', 9, `Column 10: ${ROUND_DIGITS}`],
  ['round(1, {a})', 9, `Column 10: ${ROUND_DIGITS}`],
  ['round(1, 11)', 9, `Column 10: ${ROUND_DIGITS}`],
];

describe('problems: every message and its position', () => {
  it.each(CASES)('%j', (text, position, message) => {
    expect(problemOf(text)).toEqual({ position, message });
  });

  it('reports the first problem only, reading left to right', () => {
    expect(problemOf('1 + + 2 × {x')).toEqual({
      position: 2,
      message: 'Column 3: Addition needs something on both sides.',
    });
    // The unknown character comes after the first problem, so is never reached.
    expect(problemOf('(1 2) ÷ 3').position).toBe(3);
  });

  it('counts columns in characters, so an emoji before the problem is one column', () => {
    const problem = problemOf('😀😀 + 1');
    expect(problem).toEqual({
      position: 0,
      message: 'Column 1: "😀" cannot be used in a formula. Remove it.',
    });
    // The position is a UTF-16 offset (for slicing the text); the column counts characters.
    const emoji = problemOf('{😀}');
    expect(emoji.position).toBe(1);
    expect(emoji.message).toMatch(/^Column 2: "😀" is not a valid indicator id/);
  });

  it('refuses input that is not text', () => {
    expect(parseFormula(42 as unknown as string)).toEqual({
      ok: false,
      problems: [{ position: 0, message: 'Enter the formula as text.' }],
    });
  });
});

describe('limits', () => {
  it(`accepts ${MAX_FORMULA_LENGTH} characters and refuses ${MAX_FORMULA_LENGTH + 1}`, () => {
    const longest = `1${' +1'.repeat((MAX_FORMULA_LENGTH - 1) / 3)}${' '.repeat((MAX_FORMULA_LENGTH - 1) % 3)}`;
    expect(longest).toHaveLength(MAX_FORMULA_LENGTH);
    expect(parseFormula(longest).ok).toBe(true);
    expect(problemOf(`${longest} `)).toEqual({
      position: MAX_FORMULA_LENGTH,
      message: 'The formula must be 500 characters or fewer. It has 501.',
    });
  });

  it('counts characters, not UTF-16 units, against the length limit', () => {
    // 300 emoji are 600 UTF-16 units but 300 characters: not too long, just not a formula.
    expect(problemOf('😀'.repeat(300)).message).toBe(
      'Column 1: "😀" cannot be used in a formula. Remove it.',
    );
    const problem = problemOf('😀'.repeat(501));
    expect(problem).toEqual({
      position: 1000,
      message: 'The formula must be 500 characters or fewer. It has 501.',
    });
  });

  it('refuses very long input quickly, giving the count in thousands or a bound', () => {
    expect(problemOf('1+'.repeat(5_000)).message).toBe(
      'The formula must be 500 characters or fewer. It has 10,000.',
    );
    const huge = '1+'.repeat(5_000_000);
    // repeat() builds a rope that V8 flattens on first read; text from a request body is already flat.
    expect(huge.charCodeAt(huge.length - 1)).toBe(43);
    const started = performance.now();
    const problem = problemOf(huge);
    // Generous bounds: the machine may be busy; the work is a few hundred character reads.
    expect(performance.now() - started).toBeLessThan(100);
    expect(problem).toEqual({
      position: 500,
      message: 'The formula must be 500 characters or fewer. It has more than 100,000.',
    });
  });

  it(`accepts nesting ${MAX_NESTING_DEPTH} deep and refuses ${MAX_NESTING_DEPTH + 1}`, () => {
    const nest = (depth: number): string => `${'('.repeat(depth)}1${')'.repeat(depth)}`;
    expect(parseFormula(nest(MAX_NESTING_DEPTH)).ok).toBe(true);
    const deepMessage =
      'The formula is nested too deeply. Use no more than 32 levels of brackets, functions and minus signs ' +
      'inside each other.';
    expect(problemOf(nest(MAX_NESTING_DEPTH + 1))).toEqual({
      position: MAX_NESTING_DEPTH,
      message: `Column 33: ${deepMessage}`,
    });
    expect(problemOf(`${'abs('.repeat(33)}1${')'.repeat(33)}`).position).toBe(32 * 4);
    expect(problemOf(`${'-'.repeat(33)}1`).position).toBe(32);
    expect(parseFormula(`${'-'.repeat(32)}1`).ok).toBe(true);
    // Mixed: brackets, functions and minus signs all count.
    expect(problemOf(`${'(-abs('.repeat(11)}1${'))'.repeat(11)}`).message).toContain('nested too deeply');
  });

  it('refuses the deepest nesting that fits in the length limit quickly', () => {
    const started = performance.now();
    for (const text of ['('.repeat(500), `${'('.repeat(249)}1${')'.repeat(249)}`, '-'.repeat(499) + '1']) {
      expect(problemOf(text).message).toContain('nested too deeply');
    }
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('parses the longest flat formula quickly', () => {
    const text = `{a}${' + {a}'.repeat(82)}`;
    expect(text.length).toBeLessThanOrEqual(MAX_FORMULA_LENGTH);
    const started = performance.now();
    for (let i = 0; i < 100; i++) expect(parseFormula(text).ok).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('unicode and garbage', () => {
  it.each([
    '\u0000\u0001\u0002',
    '\ufeff{a}',
    '{a}\u202e+1',
    '𝟙 + 2',
    'ｍｉｎ(1, 2)',
    '{ａ}',
    '١٢٣',
    'children\u0301',
    '\ud800\udc00\udfff',
    '<script>alert(1)</script>',
    "'; DROP TABLE observation; --",
    '${process.exit(1)}',
    '__proto__',
    'constructor(1)',
    'toString',
    '{__proto__}',
  ])('%j is refused with a problem, never an exception', (text) => {
    const result = parseFormula(text);
    if (result.ok) {
      // Only the byte-order mark is whitespace to JavaScript; everything else here must be refused.
      expect(text).toBe('\ufeff{a}');
      return;
    }
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem?.position).toBeGreaterThanOrEqual(0);
    expect(problem?.position).toBeLessThanOrEqual(text.length);
    expect(problem?.message).toMatch(/^Column \d+: [A-Z"]/);
  });

  it('treats names that mean something to JavaScript as plain text', () => {
    expect(parseFormula('{constructor: prototype=x}').ok).toBe(true);
    expect(parseFormula('{to-string} + {has-own-property}').ok).toBe(true);
  });

  it('names invisible and control characters rather than printing them', () => {
    expect(problemOf('1 +\u0007').message).toBe(
      'Column 4: The character U+0007 cannot be used in a formula. Remove it.',
    );
    expect(problemOf('{a\u0007}').message).toMatch(/^Column 2: "aU\+0007" is not a valid indicator id/);
  });

  it('cuts very long fragments short in messages', () => {
    const id = `{${'a'.repeat(100)}`;
    const message = problemOf(id).message;
    expect(message).toBe(
      `Column 1: "{${'a'.repeat(39)}…" has no closing brace. Add "}" after the indicator id.`,
    );
  });
});
