// What a return file becomes on its way in: readers (XLSX template, long CSV) turn cells into
// RawReturnRows with their locations; the row validator turns each into a ValidObservation or Problems;
// set-level checks (duplicates, breakdowns above their total) run over the whole submission.
import type { Problem } from '../../platform/errors.ts';
import type { Indicator } from '../catalogue/catalogue.model.ts';
import type { Organisation } from '../organisations/organisations.builtin.ts';
import type { Quarter } from './periods.ts';

/** A cell as the reader found it, so the validator can say "this is a formula" or "this is a date". */
export interface RawCell {
  kind: 'empty' | 'text' | 'number' | 'date' | 'formula' | 'error';
  /** The text shown to the user (for numbers, the number as text; for formulas, the formula). */
  text: string;
  /** For numbers (and formula results that are numbers). */
  number?: number;
}

export interface RowLocation {
  file: string;
  sheet?: string;
  /** 1-based row as Excel/LibreOffice or a text editor shows it (header = row 1). */
  row: number;
}

export type ReturnField = 'indicator' | 'area' | 'periodStart' | 'periodEnd' | 'value' | 'note';

export interface RawReturnRow {
  location: RowLocation;
  /** Column label of each field in this file, e.g. { value: 'F (value)' }; dimension ids too. */
  columns: Partial<Record<ReturnField | string, string>>;
  indicator: RawCell;
  area: RawCell;
  periodStart: RawCell;
  periodEnd: RawCell;
  /** Dimension id → cell. Absent or empty = not broken down by that dimension (part of the total). */
  breakdown: Record<string, RawCell>;
  value: RawCell;
  note: RawCell;
  /**
   * Problems the reader found in this row that no cell can carry, e.g. a CSV row with more cells than
   * the header (usually a note with an unquoted comma). The row validator reports them with the rest.
   */
  problems?: Problem[];
}

export interface ValidObservation {
  indicatorId: string;
  areaCode: string;
  /** ISO dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  /** '' for the total; otherwise "dim=value" pairs sorted by dimension id, joined with ';'. */
  breakdownKey: string;
  value: number | null;
  valueText: string | null;
  note: string | null;
  location: RowLocation;
}

export interface AreaInfo {
  code: string;
  name: string;
  level: 'pathfinder' | 'locality' | 'district' | 'ward';
  /** The district a ward or district belongs to (itself for a district). */
  districtCode?: string;
  /** The locality a district, ward or locality belongs to (itself for a locality). */
  localityCode?: string;
}

export interface ReturnValidationContext {
  organisation: Organisation;
  quarter: Quarter;
  /** The whole current catalogue, to tell "unknown indicator" from "not one you supply". */
  catalogue: ReadonlyMap<string, Indicator>;
  /** Ids of the indicators this organisation supplies. */
  supplied: ReadonlySet<string>;
  /** Every known area (pathfinder, localities, districts, wards), by code. */
  knownAreas: ReadonlyMap<string, AreaInfo>;
  /** Codes of the areas this organisation may report for. */
  allowedAreas: ReadonlySet<string>;
}

export function breakdownKey(breakdown: Record<string, string>): string {
  return Object.keys(breakdown)
    .filter((k) => breakdown[k])
    .sort()
    .map((k) => `${k}=${breakdown[k]}`)
    .join(';');
}

export function parseBreakdownKey(key: string): Record<string, string> {
  if (!key) return {};
  return Object.fromEntries(key.split(';').map((pair) => pair.split('=') as [string, string]));
}
