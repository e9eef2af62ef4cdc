// A plain-English reading of a formula, for pages and meeting packs, for example
// "Safeguarding referrals after BTP interventions divided by Young people detained by BTP, times 100".
import type { Expression, Formula, Operator, VariableName } from './formula.model.ts';
import { groupThousands } from './formula.text.ts';

const OPERATOR_WORDS: Record<Operator, string> = {
  '+': 'plus',
  '-': 'minus',
  '*': 'times',
  '/': 'divided by',
};

const VARIABLE_WORDS: Record<VariableName, string> = {
  children: 'children aged 0 to 15',
  population: 'total population',
};

/**
 * Reads a formula aloud. `names` gives indicator names by id; it may also give labels for breakdown
 * dimensions (by dimension id) and values (by "dimension=value"). Anything without a name is shown as
 * its id. Brackets mark a part that is worked out first when it comes second; a comma marks the end of a
 * part worked out first, so "A plus B, divided by C" is (A + B) / C and "A plus (B divided by C)" is not.
 */
export function describeFormula(formula: Formula, names: ReadonlyMap<string, string>): string {
  return describe(formula, names);
}

function describe(node: Expression, names: ReadonlyMap<string, string>): string {
  const inner = (child: Expression): string => bracketed(child, names);
  switch (node.kind) {
    case 'number':
      return describeNumber(node.value);
    case 'variable':
      return VARIABLE_WORDS[node.name];
    case 'indicator': {
      const name = names.get(node.indicatorId) ?? node.indicatorId;
      if (node.breakdown.length === 0) return name;
      const parts = node.breakdown.map(
        (p) =>
          names.get(`${p.dimension}=${p.value}`) ?? `${names.get(p.dimension) ?? p.dimension}: ${p.value}`,
      );
      return `${name} (${parts.join(', ')})`;
    }
    case 'negate':
      return `minus ${inner(node.operand)}`;
    case 'binary': {
      const left = describe(node.left, names);
      const joint = node.left.kind === 'binary' ? ', ' : ' ';
      return `${left}${joint}${OPERATOR_WORDS[node.operator]} ${inner(node.right)}`;
    }
    case 'call': {
      const args = node.args.map(inner);
      const [a = '', b = ''] = args;
      switch (node.name) {
        case 'min':
          return args.length === 2 ? `the smaller of ${a} and ${b}` : `the smallest of ${list(args)}`;
        case 'max':
          return args.length === 2 ? `the larger of ${a} and ${b}` : `the largest of ${list(args)}`;
        case 'abs':
          return `the absolute value of ${a}`;
        case 'round': {
          const first = node.args[0];
          const subject = first?.kind === 'binary' ? `${describe(first, names)},` : a;
          return `${subject} rounded to ${places(node.args[1])}`;
        }
        case 'per10k':
          return `${a} per 10,000 ${b}`;
        case 'share':
          return `${a} as a percentage of ${b}`;
      }
    }
  }
  return '';
}

/** Parts that read as phrases of their own go in brackets when they are inside another phrase. */
function bracketed(node: Expression, names: ReadonlyMap<string, string>): string {
  const text = describe(node, names);
  const phrase =
    node.kind === 'binary' ||
    (node.kind === 'call' && (node.name === 'round' || node.name === 'per10k' || node.name === 'share'));
  return phrase ? `(${text})` : text;
}

function places(digits: Expression | undefined): string {
  const n = digits?.kind === 'number' ? digits.value : 0;
  if (n === 0) return 'a whole number';
  return n === 1 ? '1 decimal place' : `${describeNumber(n)} decimal places`;
}

function list(items: string[]): string {
  return items.length <= 1
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 10000 → "10,000"; 0.5 → "0.5"; very large or small numbers keep their exponent form. */
export function describeNumber(value: number): string {
  const text = String(value);
  if (/e/.test(text)) return text.replace('e+', 'e');
  const [whole = '0', fraction] = text.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = groupThousands(Number(whole.replace('-', '')));
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
