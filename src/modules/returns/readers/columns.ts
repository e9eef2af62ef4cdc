// The tidy schema of a return file, shared by the template writers and the readers so that a template
// always reads back: the fixed columns, the sheets a reader must pass over, and the keys of the hidden
// sheet that ties a workbook to the return it was made for.
import { DIMENSIONS } from '../../catalogue/catalogue.dimensions.ts';
import type { ReturnField } from '../return-file.model.ts';

/** Header text of each fixed column, in template order; breakdown columns go between period_end and value. */
export const FIELD_HEADERS = {
  indicator: 'indicator_id',
  area: 'area_code',
  periodStart: 'period_start',
  periodEnd: 'period_end',
  value: 'value',
  note: 'note',
} as const satisfies Record<ReturnField, string>;

/** Shown in the XLSX template beside the code so people can find their rows; ignored when read. */
export const AREA_NAME_HEADER = 'area_name';

/** A file without one of these cannot be read at all. The note column may be left out. */
export const REQUIRED_FIELDS: readonly ReturnField[] = [
  'indicator',
  'area',
  'periodStart',
  'periodEnd',
  'value',
];

export const DIMENSION_IDS: ReadonlySet<string> = new Set(DIMENSIONS.map((d) => d.id));

export const GUIDANCE_SHEET = 'Guidance';
/** Hidden sheet holding TEMPLATE_META_KEYS; a data sheet can never have this name (ids are longer). */
export const META_SHEET = 'clmd';
export const TEMPLATE_VERSION = '1';
export const TEMPLATE_META_KEYS = {
  version: 'template_version',
  organisation: 'organisation_id',
  period: 'period',
} as const;

/** What a header cell holds once normalised: lower case, trimmed, without a byte-order mark. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();
}

export type HeaderMatch =
  | { kind: 'field'; field: ReturnField }
  | { kind: 'dimension'; id: string }
  | { kind: 'area-name' }
  | { kind: 'unknown' };

const BY_HEADER = new Map<string, HeaderMatch>([
  ...Object.entries(FIELD_HEADERS).map(
    ([field, header]) => [header, { kind: 'field', field: field as ReturnField }] as [string, HeaderMatch],
  ),
  [AREA_NAME_HEADER, { kind: 'area-name' }],
  ...DIMENSIONS.map((d) => [d.id, { kind: 'dimension', id: d.id }] as [string, HeaderMatch]),
]);

export function matchHeader(text: string): HeaderMatch {
  return BY_HEADER.get(normaliseHeader(text)) ?? { kind: 'unknown' };
}

/** 0 → A, 25 → Z, 26 → AA: the letter a spreadsheet shows for a 0-based column index. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** How a column is named in a Problem: its letter and its header, e.g. "H (value)". */
export function columnLabel(index: number, header: string): string {
  return `${columnLetter(index)} (${header.replace(/^\uFEFF/, '').trim()})`;
}
