// Reads typed values from one CSV row, reporting each bad cell with its file, row and column and
// a message that says what to enter (GOV.UK style).
import type { CsvRow } from './reference-csv.ts';
import { formatCount, found, withArticle, type ProblemList } from './reference-problems.ts';

/** Ranks of the 32,844 LSOAs in England (IoD2019). */
export const ENGLAND_LSOAS = 32_844;

export const GSS_CODE = /^[ENSW]\d{8}$/;
export const LSOA_2011_CODE = /^E01\d{6}$/;
export const WARD_CODE = /^E05\d{6}$/;

/** Excel and the MHCLG CSV conversions write large integers as "29,199". */
function parseNumber(text: string): number | undefined {
  const plain = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(plain)) return undefined;
  const n = Number(plain);
  return Number.isFinite(n) ? n : undefined;
}

export class RowValues<K extends string> {
  constructor(
    private readonly file: string,
    private readonly row: CsvRow<K>,
    private readonly problems: ProblemList,
    /** Set when any cell of the row was reported, so the row is left out. */
    public failed = false,
  ) {}

  raw(key: K): string {
    return this.row.get(key) ?? '';
  }

  has(key: K): boolean {
    return this.row.get(key) !== undefined;
  }

  report(key: K | undefined, message: string): void {
    this.failed = true;
    this.problems.add({
      file: this.file,
      row: this.row.row,
      ...(key !== undefined ? { column: this.row.header(key) } : {}),
      message,
    });
  }

  code(key: K, pattern: RegExp, what: string, example: string): string | undefined {
    const v = this.raw(key);
    if (pattern.test(v)) return v;
    this.report(key, `Enter ${withArticle(what)} like ${example}${found(v)}`);
    return undefined;
  }

  /** A whole number in min..max; undefined (and reported) otherwise. */
  wholeNumber(key: K, min: number, max: number, what: string): number | undefined {
    const v = this.raw(key);
    const n = parseNumber(v);
    if (n !== undefined && Number.isInteger(n) && n >= min && n <= max) return n;
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? `as a whole number of ${formatCount(min)} or more`
        : `between ${formatCount(min)} and ${formatCount(max)}`;
    this.report(key, `Enter ${withArticle(what)} ${range}${found(v)}`);
    return undefined;
  }

  /** As wholeNumber, but null when the file has no such column. */
  optionalWholeNumber(key: K, min: number, max: number, what: string): number | null | undefined {
    return this.has(key) ? this.wholeNumber(key, min, max, what) : null;
  }

  rank(key: K, what: string): number | undefined {
    return this.wholeNumber(key, 1, ENGLAND_LSOAS, what);
  }

  decile(key: K, what: string): number | undefined {
    return this.wholeNumber(key, 1, 10, what);
  }

  count(key: K, what: string): number | undefined {
    return this.wholeNumber(key, 0, Number.MAX_SAFE_INTEGER, what);
  }

  /** Any number in min..max (decimals allowed). */
  decimal(key: K, min: number, max: number, what: string): number | undefined {
    const v = this.raw(key);
    const n = parseNumber(v);
    if (n !== undefined && n >= min && n <= max) return n;
    const range = Number.isFinite(max)
      ? ` between ${formatCount(min)} and ${formatCount(max)}`
      : Number.isFinite(min)
        ? ` of ${formatCount(min)} or more`
        : '';
    this.report(key, `Enter ${withArticle(what)} as a number${range}${found(v)}`);
    return undefined;
  }
}
