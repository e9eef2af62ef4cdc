// Checks one row of a return file and turns it into an observation, or says plainly what is wrong with
// it and how to put it right. It runs once per row of files of up to a million rows, so everything that
// depends only on the return (windows, allowed levels, code look-ups, messages) is worked out once per
// validation context and kept in a WeakMap; a valid row costs a few Map look-ups and one object.
//
// Decisions (see docs/returns-csv-format.md for the user-facing version):
// - A row whose value and note are both blank is skipped: the template prefills every row and people
//   leave the ones they do not collect.
// - A blank value with a note is kept: "not collected because …" is worth recording.
// - Numbers may have spaces around them and thousands separators in the right places ("1,234");
//   "12.0" is the whole number 12. Words, "1e3" and hexadecimal are refused.
// - Proportions are fractions from 0 to 1; text ending in "%" is read as a percentage (25% → 0.25),
//   because the sign leaves no doubt. A bare 25 is refused rather than guessed.
// - Durations are days, 0 or more, and may have decimals.
// - Only one breakdown column may be filled in a row (see template-rows.ts for why).
// - Codes are matched exactly first, then ignoring case; breakdown and category values may also be
//   given by their label ("Male"); the observation always holds the code.
import { DIMENSIONS, type Dimension } from '../catalogue/catalogue.dimensions.ts';
import type { AreaLevel, Indicator, SupplierKind } from '../catalogue/catalogue.model.ts';
import type { Problem } from '../../platform/errors.ts';
import { indicatorWindows, quarterLabel, type DateWindow } from './periods.ts';
import { FIELD_HEADERS } from './readers/columns.ts';
import type {
  AreaInfo,
  RawCell,
  RawReturnRow,
  ReturnField,
  ReturnValidationContext,
  ValidObservation,
} from './return-file.model.ts';
import { breakdownDimensions, categoryCodes } from './template-rows.ts';

export const MAX_NOTE_LENGTH = 1000;
export const MAX_VALUE_LENGTH = 50;
/** The number of LSOAs in England in IoD2019: the largest rank a deprivation rank can have. */
export const MAX_RANK = 32_844;

export type RowOutcome = { observation: ValidObservation } | { problems: Problem[] } | { skip: true };

const SKIP: { skip: true } = Object.freeze({ skip: true as const });

// ------------------------------------------------------------------------------------------------
// Wording
// ------------------------------------------------------------------------------------------------

const SUPPLIER_LABELS: Record<SupplierKind, string> = {
  police: 'police forces',
  btp: 'British Transport Police',
  ersou: 'ERSOU',
  local_authority: "councils' children's services",
  education: "councils' education teams",
  housing: "councils' housing teams",
  health: 'health and substance-misuse services',
  programme: 'the Pathfinder programme team',
  reference_data: 'open reference data',
};

const LEVEL_LABELS: Record<AreaLevel, string> = {
  pathfinder: 'the Pathfinder',
  locality: 'a locality',
  district: 'a district',
  ward: 'a ward',
};

/** "a", "a or b", "a, b or c". */
function listWords(words: readonly string[], last: 'and' | 'or'): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** The value as the user typed it, shortened so a huge cell cannot flood the error list. */
function shown(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 39)}…` : text}"`;
}

const formatCount = (n: number): string => n.toLocaleString('en-GB');

const RULES = {
  count: 'Enter a whole number of 0 or more, like 12',
  rank: `Enter a rank between 1 and ${formatCount(MAX_RANK)}, like 150`,
  proportion: 'Enter a proportion between 0 and 1, like 0.25, or a percentage with a % sign, like 25%',
  duration: 'Enter a number of days of 0 or more, like 90',
  category: 'Enter a short piece of text',
} as const;

/** What the Guidance sheet and the CSV format page say a value must be. */
export function describeAllowedValues(indicator: Indicator): string {
  switch (indicator.valueType) {
    case 'count':
      return 'A whole number of 0 or more';
    case 'rank':
      return `A whole number from 1 to ${formatCount(MAX_RANK)} (1 is the most deprived)`;
    case 'proportion':
      return 'A proportion from 0 to 1, like 0.25 (or a percentage with a % sign, like 25%)';
    case 'duration':
      return 'A number of days, 0 or more';
    case 'category': {
      const codes = categoryCodes(indicator);
      return codes ? `One of: ${codes.join(', ')}` : `Text of up to ${MAX_VALUE_LENGTH} characters`;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// What is worked out once per context
// ------------------------------------------------------------------------------------------------

interface CodeLookup {
  /** Exact code → code. */
  exact: ReadonlyMap<string, string>;
  /** Lower-case code or label → code. */
  loose: ReadonlyMap<string, string>;
  /** For messages: "male, female or unknown". */
  allowedText: string;
}

function codeLookup(values: readonly { code: string; label: string }[]): CodeLookup {
  const exact = new Map(values.map((v) => [v.code, v.code]));
  const loose = new Map<string, string>();
  for (const v of values) {
    loose.set(v.label.toLowerCase(), v.code);
    loose.set(v.code.toLowerCase(), v.code);
  }
  return {
    exact,
    loose,
    allowedText: listWords(
      values.map((v) => v.code),
      'or',
    ),
  };
}

function lookUp(lookup: CodeLookup, text: string): string | undefined {
  return lookup.exact.get(text) ?? lookup.loose.get(text.toLowerCase());
}

interface DimensionInfo {
  dimension: Dimension;
  lookup: CodeLookup;
  noun: string;
}

const DIMENSION_INFO: ReadonlyMap<string, DimensionInfo> = new Map(
  DIMENSIONS.map((d) => [d.id, { dimension: d, lookup: codeLookup(d.values), noun: d.label.toLowerCase() }]),
);

interface PreparedIndicator {
  indicator: Indicator;
  /** "Drug-related violent crimes" (drug-related-violent-crimes), for messages. */
  title: string;
  supplied: boolean;
  windows: readonly DateWindow[];
  windowByStart: ReadonlyMap<string, DateWindow>;
  levels: ReadonlySet<AreaLevel>;
  breakdowns: ReadonlySet<string>;
  /** Category indicators whose value is a code (the ERSOU threat level). */
  category?: CodeLookup;
  /** Dimensions that code a category value rather than split a total. */
  valueDimensions: ReadonlySet<string>;
  notSupplied: string;
  notDue: string;
  wrongStart: string;
  wrongLevel: string;
}

interface PreparedContext {
  indicators: Map<string, PreparedIndicator | null>;
  exampleIndicator: string;
  exampleArea: string;
  /** "Enter the period start as a date like …", built once. */
  dateFix: Record<'periodStart' | 'periodEnd', string>;
  /** Date texts already read → their ISO date: a file repeats a handful of dates a million times. */
  dates: Map<string, string>;
  /** Dimension id → code → its breakdown key ("sex" → "male" → "sex=male"). */
  breakdownKeys: Map<string, Map<string, string>>;
}

/** Enough for any return's dates; a file of ever-new dates stops being remembered here. */
const MAX_REMEMBERED_DATES = 10_000;

const PREPARED = new WeakMap<ReturnValidationContext, PreparedContext>();
const MAX_CACHED_IDS = 10_000;

function prepare(ctx: ReturnValidationContext): PreparedContext {
  let prepared = PREPARED.get(ctx);
  if (!prepared) {
    const firstSupplied = [...ctx.supplied].sort()[0];
    const allowed = [...ctx.allowedAreas].sort();
    const exampleArea =
      allowed.find((c) => ctx.knownAreas.get(c)?.level === 'district') ?? allowed[0] ?? 'E07000143';
    const date = indicatorWindows('quarter', ctx.quarter)[0]?.start ?? '2026-01-01';
    const example = `${date} (YYYY-MM-DD) or ${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
    prepared = {
      indicators: new Map(),
      exampleIndicator: firstSupplied ?? 'drug-related-violent-crimes',
      exampleArea,
      dateFix: {
        periodStart: `Enter the period start as a date like ${example}`,
        periodEnd: `Enter the period end as a date like ${example}`,
      },
      dates: new Map(),
      breakdownKeys: new Map(),
    };
    PREPARED.set(ctx, prepared);
  }
  return prepared;
}

function prepareIndicator(ctx: ReturnValidationContext, indicator: Indicator): PreparedIndicator {
  const windows = indicatorWindows(indicator.periodKind, ctx.quarter);
  const title = `"${indicator.name}" (${indicator.id})`;
  const codes = categoryCodes(indicator);
  const valueDimensions = new Set(indicator.valueType === 'category' ? indicator.dimensions : []);
  const starts = windows.map((w) => w.start);
  const levelWords = listWords(
    indicator.areaLevels.map((l) => LEVEL_LABELS[l]),
    'or',
  );
  return {
    indicator,
    title,
    supplied: ctx.supplied.has(indicator.id),
    windows,
    windowByStart: new Map(windows.map((w) => [w.start, w])),
    levels: new Set(indicator.areaLevels),
    breakdowns: new Set(breakdownDimensions(indicator).map((d) => d.id)),
    ...(codes
      ? {
          category: codeLookup(
            indicator.dimensions.flatMap((id) => DIMENSION_INFO.get(id)?.dimension.values ?? []),
          ),
        }
      : {}),
    valueDimensions,
    notSupplied: `${title} is supplied by ${listWords(
      indicator.suppliers.map((s) => SUPPLIER_LABELS[s]),
      'and',
    )}, not by ${ctx.organisation.name}; remove this row`,
    notDue: `${title} is reported once a year, in the October to December return; remove this row from the ${quarterLabel(ctx.quarter)} return`,
    wrongStart:
      windows.length === 1
        ? `Enter ${starts[0]} as the period start: this indicator covers ${windows[0]?.start} to ${windows[0]?.end} in the ${quarterLabel(ctx.quarter)} return`
        : `Enter the first day of a month in the quarter as the period start: ${listWords(starts, 'or')}`,
    wrongLevel: `${title} is reported for ${levelWords}; use an area at one of those levels or remove this row`,
  };
}

function preparedIndicator(
  ctx: ReturnValidationContext,
  prepared: PreparedContext,
  id: string,
): PreparedIndicator | null {
  const cached = prepared.indicators.get(id);
  if (cached !== undefined) return cached;
  const indicator = ctx.catalogue.get(id);
  const result = indicator ? prepareIndicator(ctx, indicator) : null;
  // Unknown ids are remembered too, but not without limit: a file of a million made-up ids must not
  // grow the cache to match.
  if (result || prepared.indicators.size < MAX_CACHED_IDS) prepared.indicators.set(id, result);
  return result;
}

// ------------------------------------------------------------------------------------------------
// Cells
// ------------------------------------------------------------------------------------------------

function problemAt(raw: RawReturnRow, column: string, message: string): Problem {
  const { file, sheet, row } = raw.location;
  const label = raw.columns[column] ?? FIELD_HEADERS[column as ReturnField] ?? column;
  return sheet === undefined
    ? { file, row, column: label, message }
    : { file, sheet, row, column: label, message };
}

function isBlank(cell: RawCell): boolean {
  return cell.kind === 'empty' || (cell.kind === 'text' && cell.text.trim() === '');
}

const FORMULA = 'Type the value instead of a formula';

function formulaMessage(cell: RawCell): string {
  return `${FORMULA} (the cell has ${shown(cell.text.startsWith('=') ? cell.text : `=${cell.text}`)})`;
}

function errorMessage(cell: RawCell): string {
  return `The cell shows the error ${cell.text || '#VALUE!'}. Type the value instead, or leave it blank if the figure is not collected`;
}

/**
 * The text of a code-like cell (indicator, area, breakdown), trimmed; undefined after reporting a
 * formula or error cell. Numbers and dates are taken as their text: the code look-up will refuse them.
 */
function codeText(raw: RawReturnRow, column: string, cell: RawCell, out: Problem[]): string | undefined {
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'formula':
      out.push(problemAt(raw, column, formulaMessage(cell)));
      return undefined;
    case 'error':
      out.push(problemAt(raw, column, errorMessage(cell)));
      return undefined;
    default:
      return cell.text.trim();
  }
}

// Compiled once: the validator must not build a regular expression per row.
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** A number typed as text, or undefined when it is not one. */
export function parseNumberText(text: string): number | undefined {
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (GROUPED_NUMBER.test(text)) return Number(text.replaceAll(',', ''));
  return undefined;
}

const NOT_COLLECTED = new Set([
  'n/a',
  'na',
  'n.a.',
  'n.a',
  '-',
  '–',
  '—',
  '..',
  'null',
  'unknown',
  'not known',
  'nk',
  'not collected',
  'not available',
  'x',
  '[x]',
  '[z]',
]);
const SUPPRESSED = new Set(['[c]', 'c', '*', '**', 'suppressed', '[low]']);
const NONE = new Set(['none', 'nil', 'zero', 'no']);

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : month === 4 || month === 6 || month === 9 || month === 11
      ? 30
      : 31;
}

function digitsAt(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return to > from ? n : -1;
}

function isoDate(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return undefined;
  }
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** YYYY-MM-DD or DD/MM/YYYY (day and month may have one digit) → ISO date; undefined otherwise. */
export function parseDateText(text: string): string | undefined {
  if (text.length === 10 && text[4] === '-' && text[7] === '-') {
    return isoDate(digitsAt(text, 0, 4), digitsAt(text, 5, 7), digitsAt(text, 8, 10));
  }
  const first = text.indexOf('/');
  const second = first < 0 ? -1 : text.indexOf('/', first + 1);
  if (second < 0 || first > 2 || second - first > 3 || text.length - second !== 5) return undefined;
  return isoDate(
    digitsAt(text, second + 1, text.length),
    digitsAt(text, first + 1, second),
    digitsAt(text, 0, first),
  );
}

/** The ISO date in a period cell, or undefined after reporting why there is none. */
function periodDate(
  raw: RawReturnRow,
  field: 'periodStart' | 'periodEnd',
  prepared: PreparedContext,
  out: Problem[],
): string | undefined {
  const cell = raw[field];
  const fix = prepared.dateFix[field];
  switch (cell.kind) {
    case 'empty':
      out.push(problemAt(raw, field, fix));
      return undefined;
    case 'formula':
      out.push(problemAt(raw, field, formulaMessage(cell)));
      return undefined;
    case 'error':
      out.push(problemAt(raw, field, errorMessage(cell)));
      return undefined;
    case 'date':
    case 'text': {
      const known = prepared.dates.get(cell.text);
      if (known !== undefined) return known;
      const text = cell.text.trim();
      const date = parseDateText(text);
      if (date === undefined) {
        out.push(problemAt(raw, field, text === '' ? fix : `${shown(text)} is not a date. ${fix}`));
      } else if (prepared.dates.size < MAX_REMEMBERED_DATES) {
        prepared.dates.set(cell.text, date);
      }
      return date;
    }
    case 'number':
      out.push(problemAt(raw, field, `${shown(cell.text)} is not a date. ${fix}`));
      return undefined;
  }
}

interface ParsedValue {
  value: number | null;
  valueText: string | null;
}

function valueProblem(raw: RawReturnRow, out: Problem[], text: string, why: string, rule: string): undefined {
  out.push(problemAt(raw, 'value', `${shown(text)} ${why}. ${rule}`));
  return undefined;
}

/** Why a text that is not a number was refused, for the words people type instead of a figure. */
function wordProblem(raw: RawReturnRow, out: Problem[], text: string, rule: string): undefined {
  const lower = text.toLowerCase();
  let message: string;
  if (NOT_COLLECTED.has(lower)) {
    message = `Leave the value blank if the figure is not collected, and say why in the note, instead of entering ${shown(text)}`;
  } else if (SUPPRESSED.has(lower) || lower.startsWith('<')) {
    message = `Enter the actual figure instead of ${shown(text)}. Do not hide small numbers yourself: the platform hides them whenever figures are shared`;
  } else if (NONE.has(lower)) {
    message = `Enter 0 if there were none, instead of ${shown(text)}`;
  } else if (lower.startsWith('=')) {
    message = formulaMessage({ kind: 'formula', text });
  } else {
    message = `${shown(text)} is not a number. ${rule}`;
  }
  out.push(problemAt(raw, 'value', message));
  return undefined;
}

/** A count, rank, proportion or duration; undefined after reporting why the cell is not one. */
function numericValue(
  raw: RawReturnRow,
  p: PreparedIndicator,
  cell: RawCell,
  out: Problem[],
): number | undefined {
  const type = p.indicator.valueType as Exclude<Indicator['valueType'], 'category'>;
  const rule = RULES[type];
  let n: number | undefined;
  let text: string;
  if (cell.kind === 'number' && cell.number !== undefined) {
    n = cell.number;
    text = cell.text;
  } else {
    // The common case first: a plain number. The word checks only run for text that is not one.
    text = cell.text.trim();
    n = parseNumberText(text);
    if (n === undefined && type === 'proportion' && text.endsWith('%')) {
      const percent = parseNumberText(text.slice(0, -1).trim());
      if (percent !== undefined) n = percent / 100;
    }
    if (n === undefined) return wordProblem(raw, out, text, rule);
  }
  if (!Number.isFinite(n)) return valueProblem(raw, out, text, 'is not a number', rule);
  switch (type) {
    case 'count':
      if (n < 0) return valueProblem(raw, out, text, 'is less than 0', rule);
      return Number.isInteger(n) ? n : valueProblem(raw, out, text, 'is not a whole number', rule);
    case 'rank':
      if (!Number.isInteger(n)) return valueProblem(raw, out, text, 'is not a whole number', rule);
      return n >= 1 && n <= MAX_RANK
        ? n
        : valueProblem(raw, out, text, 'is outside the range of ranks', rule);
    case 'proportion':
      return n >= 0 && n <= 1 ? n : valueProblem(raw, out, text, 'is not between 0 and 1', rule);
    case 'duration':
      return n >= 0 ? n : valueProblem(raw, out, text, 'is less than 0', rule);
  }
}

/** The value of the row; undefined after reporting a problem. A blank value is { value: null }. */
function parseValue(raw: RawReturnRow, p: PreparedIndicator, out: Problem[]): ParsedValue | undefined {
  const cell = raw.value;
  switch (cell.kind) {
    case 'empty':
      return { value: null, valueText: null };
    case 'formula':
      out.push(problemAt(raw, 'value', formulaMessage(cell)));
      return undefined;
    case 'error':
      out.push(problemAt(raw, 'value', errorMessage(cell)));
      return undefined;
    case 'date':
      out.push(
        problemAt(
          raw,
          'value',
          `This cell is formatted as a date, so it shows ${shown(cell.text)}. Format the cell as General or Number and type the value again, like 12`,
        ),
      );
      return undefined;
    default:
      break;
  }
  const trimmed = cell.text.trim();
  if (trimmed === '') return { value: null, valueText: null };
  if (trimmed.length > MAX_VALUE_LENGTH) {
    out.push(
      problemAt(
        raw,
        'value',
        `The value has ${formatCount(trimmed.length)} characters. Enter a single figure, like 12, and put any explanation in the note`,
      ),
    );
    return undefined;
  }
  if (p.indicator.valueType === 'category') {
    if (p.category) {
      const code = lookUp(p.category, trimmed);
      if (code === undefined) {
        out.push(
          problemAt(raw, 'value', `${shown(trimmed)} is not allowed here. Enter ${p.category.allowedText}`),
        );
        return undefined;
      }
      return { value: null, valueText: code };
    }
    if (cell.kind === 'number') {
      out.push(problemAt(raw, 'value', `${shown(trimmed)} is a number. ${RULES.category}`));
      return undefined;
    }
    return { value: null, valueText: trimmed };
  }
  const n = numericValue(raw, p, cell, out);
  return n === undefined ? undefined : { value: n, valueText: null };
}

function parseNote(raw: RawReturnRow, out: Problem[]): string | null | undefined {
  const cell = raw.note;
  switch (cell.kind) {
    case 'empty':
      return null;
    case 'formula':
      out.push(
        problemAt(raw, 'note', `Type the note instead of a formula (the cell has ${shown(cell.text)})`),
      );
      return undefined;
    case 'error':
      out.push(problemAt(raw, 'note', `The cell shows the error ${cell.text}. Type the note instead`));
      return undefined;
    default: {
      const text = cell.text.trim();
      if (text.length > MAX_NOTE_LENGTH) {
        out.push(
          problemAt(
            raw,
            'note',
            `The note has ${formatCount(text.length)} characters. Shorten it to ${formatCount(MAX_NOTE_LENGTH)} characters or fewer`,
          ),
        );
        return undefined;
      }
      return text === '' ? null : text;
    }
  }
}

// ------------------------------------------------------------------------------------------------
// The row
// ------------------------------------------------------------------------------------------------

function checkIndicator(
  raw: RawReturnRow,
  ctx: ReturnValidationContext,
  prepared: PreparedContext,
  out: Problem[],
): PreparedIndicator | undefined {
  const id = codeText(raw, 'indicator', raw.indicator, out);
  if (id === undefined) return undefined;
  if (id === '') {
    out.push(problemAt(raw, 'indicator', `Enter the indicator id, like ${prepared.exampleIndicator}`));
    return undefined;
  }
  const p = preparedIndicator(ctx, prepared, id) ?? preparedIndicator(ctx, prepared, id.toLowerCase());
  if (!p) {
    out.push(
      problemAt(
        raw,
        'indicator',
        `There is no indicator with the id ${shown(id)}. Use an id from the template, like ${prepared.exampleIndicator}`,
      ),
    );
    return undefined;
  }
  if (!p.supplied) {
    out.push(problemAt(raw, 'indicator', p.notSupplied));
    return undefined;
  }
  if (p.windows.length === 0) {
    out.push(problemAt(raw, 'indicator', p.notDue));
    return undefined;
  }
  return p;
}

function checkArea(
  raw: RawReturnRow,
  ctx: ReturnValidationContext,
  prepared: PreparedContext,
  out: Problem[],
): AreaInfo | undefined {
  const code = codeText(raw, 'area', raw.area, out);
  if (code === undefined) return undefined;
  if (code === '') {
    out.push(problemAt(raw, 'area', `Enter the area code, like ${prepared.exampleArea}`));
    return undefined;
  }
  const area = ctx.knownAreas.get(code) ?? ctx.knownAreas.get(code.toUpperCase());
  if (!area) {
    out.push(
      problemAt(
        raw,
        'area',
        `There is no area with the code ${shown(code)}. Use a code from the template, like ${prepared.exampleArea}`,
      ),
    );
    return undefined;
  }
  if (!ctx.allowedAreas.has(area.code)) {
    out.push(
      problemAt(
        raw,
        'area',
        `${area.code} (${area.name}) is outside the areas ${ctx.organisation.name} reports for; check the code or remove this row`,
      ),
    );
    return undefined;
  }
  return area;
}

/** The breakdown key ('' for the total), or undefined after reporting a problem. */
/** "sex=male", the same string each time. */
function breakdownKeyOf(prepared: PreparedContext, dimensionId: string, code: string): string {
  let keys = prepared.breakdownKeys.get(dimensionId);
  if (!keys) prepared.breakdownKeys.set(dimensionId, (keys = new Map()));
  let key = keys.get(code);
  if (key === undefined) keys.set(code, (key = `${dimensionId}=${code}`));
  return key;
}

function checkBreakdown(
  raw: RawReturnRow,
  p: PreparedIndicator | undefined,
  prepared: PreparedContext,
  out: Problem[],
): string | undefined {
  let key = '';
  let firstDimension: string | undefined;
  let ok = true;
  for (const dimensionId in raw.breakdown) {
    const cell = raw.breakdown[dimensionId];
    if (!cell || isBlank(cell)) continue;
    const text = codeText(raw, dimensionId, cell, out);
    if (text === undefined) {
      ok = false;
      continue;
    }
    const info = DIMENSION_INFO.get(dimensionId);
    if (!info) {
      out.push(
        problemAt(raw, dimensionId, `There is no breakdown called ${shown(dimensionId)}; remove this column`),
      );
      ok = false;
      continue;
    }
    if (!p) continue; // the indicator is already reported; its breakdowns cannot be judged
    if (!p.breakdowns.has(dimensionId)) {
      out.push(
        problemAt(
          raw,
          dimensionId,
          p.valueDimensions.has(dimensionId)
            ? `Leave this column blank and enter the ${info.noun} in the value column`
            : `This indicator is not broken down by ${info.noun}; leave the ${dimensionId} column blank`,
        ),
      );
      ok = false;
      continue;
    }
    const code = lookUp(info.lookup, text);
    if (code === undefined) {
      out.push(
        problemAt(
          raw,
          dimensionId,
          `${shown(text)} is not a ${info.noun} code. Enter ${info.lookup.allowedText}, or leave it blank for the total`,
        ),
      );
      ok = false;
      continue;
    }
    if (firstDimension !== undefined) {
      out.push(
        problemAt(
          raw,
          dimensionId,
          `Fill in only one breakdown column in a row: this row has ${firstDimension} and ${dimensionId}. Put each breakdown on its own row`,
        ),
      );
      ok = false;
      continue;
    }
    firstDimension = dimensionId;
    key = breakdownKeyOf(prepared, dimensionId, code);
  }
  return ok ? key : undefined;
}

function checkWindow(
  raw: RawReturnRow,
  p: PreparedIndicator,
  start: string | undefined,
  end: string | undefined,
  out: Problem[],
): boolean {
  if (start === undefined || end === undefined) return false;
  const window = p.windowByStart.get(start);
  if (!window) {
    out.push(problemAt(raw, 'periodStart', p.wrongStart));
    return false;
  }
  if (window.end !== end) {
    out.push(
      problemAt(raw, 'periodEnd', `Enter ${window.end} as the period end for a period starting ${start}`),
    );
    return false;
  }
  return true;
}

const SCRATCH: Problem[] = [];

/**
 * One row of a return file → an observation, the problems that stop it being one, or skip for a row
 * whose value and note are both blank. Pure: the only state is the per-context cache of look-ups.
 */
export function validateRow(raw: RawReturnRow, ctx: ReturnValidationContext): RowOutcome {
  const readerProblems = raw.problems;
  if (isBlank(raw.value) && isBlank(raw.note) && !readerProblems?.length) return SKIP;
  const prepared = prepare(ctx);
  // Most rows have no problem: one array is reused for them, and copied only for a row that has some.
  const out = SCRATCH;
  out.length = 0;
  if (readerProblems?.length) out.push(...readerProblems);
  const p = checkIndicator(raw, ctx, prepared, out);
  const area = checkArea(raw, ctx, prepared, out);
  if (p && area && !p.levels.has(area.level)) {
    out.push(
      problemAt(raw, 'area', `${area.code} (${area.name}) is ${LEVEL_LABELS[area.level]}. ${p.wrongLevel}`),
    );
  }
  const key = checkBreakdown(raw, p, prepared, out);
  const start = periodDate(raw, 'periodStart', prepared, out);
  const end = periodDate(raw, 'periodEnd', prepared, out);
  if (p) checkWindow(raw, p, start, end, out);
  const value = p ? parseValue(raw, p, out) : undefined;
  const note = parseNote(raw, out);
  // Every check that fails says why in `out`; the other conditions only narrow the types.
  if (
    out.length > 0 ||
    !p ||
    !area ||
    key === undefined ||
    start === undefined ||
    end === undefined ||
    !value ||
    note === undefined
  ) {
    return { problems: [...out] };
  }
  return {
    observation: {
      indicatorId: p.indicator.id,
      areaCode: area.code,
      periodStart: start,
      periodEnd: end,
      breakdownKey: key,
      value: value.value,
      valueText: value.valueText,
      note,
      location: raw.location,
    },
  };
}
