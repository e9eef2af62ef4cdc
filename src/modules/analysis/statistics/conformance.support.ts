/**
 * Test support for the PHEindicatormethods conformance suite (used only by `*.conformance.test.ts`).
 *
 * The test data lives in `../shared/conformance/pheindicatormethods/` beside the repository and is
 * read at run time — never copied into the project. See its NOTES.md for the provenance of each
 * file.
 *
 * Tolerance rule used by {@link expectValue}: an expected value is trusted only to the digits it is
 * given with. Values from the xlsx-derived CSVs are the doubles Excel stored (the shortest text that
 * reads back as the same double, up to 17 significant digits) and must be matched to a relative
 * error of 1e-8 (absolute 1e-12 near zero). Tables that the reference wrote rounded (the funnel
 * CSVs, with 7–10 significant figures) are marked `rounded`: each value must then lie within half a
 * unit of its last printed digit — the most the rounding can explain — plus 1e-14 relative for the
 * rounding of our own double (or within 1e-8 relative, if that is wider); a value printed as an integer there (a count, or a limit clamped to 0
 * or 100) is taken as exact.
 *
 * @module
 */

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, expect } from 'vitest';

/** `../shared/conformance/pheindicatormethods` beside the repository (the repository is ../../../../ from here). */
export const CONFORMANCE_DIR = path.resolve(
  import.meta.dirname,
  '../../../../../shared/conformance/pheindicatormethods',
);

/** Relative tolerance for values given to full precision. */
export const RELATIVE_TOLERANCE = 1e-8;
/** Absolute tolerance near zero. */
export const ABSOLUTE_TOLERANCE = 1e-12;

/** One CSV row: header → cell text. */
export type Row = Record<string, string>;

/**
 * Reads a CSV of the conformance data as rows keyed by (trimmed) header. Handles the UTF-8 BOM of
 * the funnel CSVs and the embedded newline in the first header of `testdata_funnel_ratio_outputs.csv`.
 *
 * @param relativePath - path below the conformance directory, e.g. `original/testdata_funnel_prop_inputs.csv`
 */
export function readTable(relativePath: string): Row[] {
  const text = fs.readFileSync(path.join(CONFORMANCE_DIR, relativePath), 'utf8');
  return parse(text, {
    bom: true,
    columns: (header: string[]) => header.map((h) => h.trim()),
    skip_empty_lines: true,
  }) as Row[];
}

/** A cell of a row, failing loudly when the column does not exist. */
export function cell(row: Row, column: string): string {
  const value = row[column];
  if (value === undefined) throw new Error(`no column "${column}" in row ${JSON.stringify(row)}`);
  return value;
}

/** True when a cell is empty or R's NA. */
export function isMissing(text: string): boolean {
  const t = text.trim();
  return t === '' || t === 'NA';
}

/** The number in a cell (`null` when empty or NA). */
export function num(text: string): number | null {
  if (isMissing(text)) return null;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`not a number: "${text}"`);
  return value;
}

/** The number in a cell that must be present. */
export function req(text: string): number {
  const value = num(text);
  if (value === null) throw new Error('expected a number, found an empty cell');
  return value;
}

/** Groups rows by a column, keeping first-seen order (so age bands stay in the order of the sheet). */
export function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const r of rows) {
    const k = cell(r, key);
    out.set(k, [...(out.get(k) ?? []), r]);
  }
  return out;
}

/**
 * Half a unit in the last printed digit of a number's text: 0.5 × 10^−(decimals), where decimals
 * counts the digits after the point, adjusted by any exponent ("1.5E-2" has 2 + 1 = 3 decimals).
 * Text without a point or exponent (an integer such as a count or a clamped limit of 100) is taken
 * as exact and gets 0.
 */
export function printedResolution(text: string): number {
  const t = text.trim();
  const match = /^[-+]?(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/.exec(t);
  if (!match) throw new Error(`cannot read the precision of "${text}"`);
  const fraction = match[2];
  const exponent = match[3];
  if (fraction === undefined && exponent === undefined) return 0;
  const decimals = (fraction?.length ?? 0) - Number(exponent ?? 0);
  return 0.5 * Math.pow(10, -decimals);
}

interface TableStats {
  checked: number;
  /** largest relative error over values given to full precision */
  maxRelativeFull: number;
  fullCount: number;
  /** largest relative error over values given rounded */
  maxRelativeRounded: number;
  /** largest |actual − expected| as a fraction of the half-unit of the last printed digit */
  maxHalfUnitsRounded: number;
  roundedCount: number;
  /** exact comparisons (categories, missing values, integers) */
  exactCount: number;
}

const stats = new Map<string, TableStats>();

function statsFor(table: string): TableStats {
  let s = stats.get(table);
  if (!s) {
    s = {
      checked: 0,
      maxRelativeFull: 0,
      fullCount: 0,
      maxRelativeRounded: 0,
      maxHalfUnitsRounded: 0,
      roundedCount: 0,
      exactCount: 0,
    };
    stats.set(table, s);
  }
  return s;
}

/**
 * Asserts a computed value against an expected cell (see the module comment for the tolerance) and
 * records the error for the conformance report. An empty / NA expected cell requires `null`.
 *
 * @param table - name of the table, for the report
 * @param label - what is being compared (column name), for the failure message
 * @param actual - the library's value
 * @param expectedText - the expected cell text
 * @param rounded - true when the table gives its values rounded to the printed digits
 */
export function expectValue(
  table: string,
  label: string,
  actual: number | null | undefined,
  expectedText: string,
  rounded = false,
): void {
  const s = statsFor(table);
  s.checked += 1;
  if (isMissing(expectedText)) {
    s.exactCount += 1;
    expect(actual ?? null, `${label}: expected missing (NA)`).toBeNull();
    return;
  }
  const expected = req(expectedText);
  expect(actual, `${label}: expected ${expectedText}`).toBeTypeOf('number');
  const a = actual as number;
  const error = Math.abs(a - expected);
  const resolution = rounded ? printedResolution(expectedText) : 0;
  const allowed = Math.max(
    ABSOLUTE_TOLERANCE,
    RELATIVE_TOLERANCE * Math.abs(expected),
    resolution + 1e-14 * Math.abs(expected),
  );
  const relative = expected === 0 ? error : error / Math.abs(expected);
  if (resolution > 0) {
    s.roundedCount += 1;
    s.maxRelativeRounded = Math.max(s.maxRelativeRounded, relative);
    s.maxHalfUnitsRounded = Math.max(s.maxHalfUnitsRounded, error / resolution);
  } else {
    s.fullCount += 1;
    s.maxRelativeFull = Math.max(s.maxRelativeFull, relative);
  }
  expect(
    error,
    `${label}: got ${a}, expected ${expectedText} (error ${error.toExponential(3)}, allowed ${allowed.toExponential(3)})`,
  ).toBeLessThanOrEqual(allowed);
}

/** An estimate with its interval at one confidence level, as the library returns them. */
interface Estimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Asserts an estimate against a row's usual columns: `value`, `lower95_0cl` and `upper95_0cl` from the
 * estimate at 95%, and, when the estimate at 99.8% is given, `lower99_8cl` and `upper99_8cl` from it.
 */
export function expectEstimate(table: string, row: Row, at95: Estimate, at998?: Estimate): void {
  expectValue(table, 'value', at95.value, cell(row, 'value'));
  expectValue(table, 'lower95_0cl', at95.lower, cell(row, 'lower95_0cl'));
  expectValue(table, 'upper95_0cl', at95.upper, cell(row, 'upper95_0cl'));
  if (!at998) return;
  expectValue(table, 'lower99_8cl', at998.lower, cell(row, 'lower99_8cl'));
  expectValue(table, 'upper99_8cl', at998.upper, cell(row, 'upper99_8cl'));
}

/** Asserts an exact (categorical or integer) value and counts it for the report. */
export function expectExact<T>(table: string, label: string, actual: T, expected: T): void {
  const s = statsFor(table);
  s.checked += 1;
  s.exactCount += 1;
  expect(actual, label).toEqual(expected);
}

/** Counts an expected error (a thrown error the reference also raises) for the report. */
export function countCheck(table: string): void {
  const s = statsFor(table);
  s.checked += 1;
  s.exactCount += 1;
}

/**
 * Prints the per-table figures after the file's tests when `CONFORMANCE_REPORT=1` (the figures in
 * README.md were copied from this output).
 */
export function reportAfterAll(): void {
  afterAll(() => {
    if (process.env.CONFORMANCE_REPORT !== '1') return;
    const lines = [...stats.entries()].map(([table, s]) =>
      [
        table.padEnd(48),
        `checked ${String(s.checked).padStart(4)}`,
        `full ${String(s.fullCount).padStart(4)} max rel ${s.maxRelativeFull.toExponential(2)}`,
        `rounded ${String(s.roundedCount).padStart(4)} max rel ${s.maxRelativeRounded.toExponential(2)}` +
          ` (${s.maxHalfUnitsRounded.toFixed(4)} half-units)`,
        `exact ${String(s.exactCount).padStart(4)}`,
      ].join(' | '),
    );
    console.log(`\nConformance report\n${lines.join('\n')}`);
  });
}
