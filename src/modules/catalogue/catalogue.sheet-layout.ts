// The layout of the catalogue as a table: the Dataset sheet's columns A–H, and the machine fields that sit
// beside them (on their own sheet in the workbook, to the right of column H in the flat CSV). The writer
// and the reader both work from these lists, so they cannot disagree about a heading or a format.
import { COMBINATIONS, DIMENSIONS } from './catalogue.dimensions.ts';
import {
  ACHIEVABILITY,
  AREA_LEVELS,
  CATEGORIES,
  PERIOD_KINDS,
  POLARITIES,
  SPREADSHEET_COLUMNS,
  STATUSES,
  SUPPLIER_KINDS,
  TIERS,
  VALUE_TYPES,
  type Indicator,
} from './catalogue.model.ts';

export const DATASET_SHEET = 'Dataset';
export const MACHINE_SHEET = 'Machine fields';
export const ABOUT_SHEET = 'About';

/** Separator between the items of a list field; the reader also accepts commas and line breaks. */
export const LIST_SEPARATOR = '; ';

/** The most characters a spreadsheet cell can hold (Excel's limit); longer text is refused. */
export const MAX_CELL_LENGTH = 32_767;

/** Dataset columns that may be left empty. */
export const OPTIONAL_DATASET_KEYS: ReadonlySet<keyof Indicator> = new Set(['caveats', 'combinationsText']);

export const DATASET_HEADERS: readonly string[] = SPREADSHEET_COLUMNS.map((c) => c.header);

export type MachineKind = 'text' | 'required' | 'choice' | 'list' | 'integer';

/** The parts of the provenance object, each in its own column. */
export type ProvenancePart = 'kind' | 'row' | 'section' | 'note';

export interface MachineColumn {
  header: string;
  /** The Indicator field the column feeds; problems found by validateCatalogue map back through it. */
  field: keyof Indicator;
  provenancePart?: ProvenancePart;
  kind: MachineKind;
  /** Allowed codes for a choice or list column. */
  allowed?: readonly string[];
  /** Lists only: whether at least one item is needed. */
  atLeastOne?: boolean;
  /** What the value is called in a sentence: "period kind", "area level". */
  noun: string;
  /** Column width in characters, for the workbook. */
  width: number;
  /** What the About sheet says about the column. */
  guide: string;
  write(i: Indicator): string | number | null;
}

const list = (values: readonly string[]) => values.join(LIST_SEPARATOR);

export const MACHINE_COLUMNS: readonly MachineColumn[] = [
  {
    header: 'Id',
    field: 'id',
    kind: 'required',
    noun: 'id',
    width: 36,
    guide:
      'Stable machine id: lower-case letters, digits and single hyphens, e.g. yp-drug-arrests. Never change or reuse an id; give a new indicator a new one.',
    write: (i) => i.id,
  },
  {
    header: 'Status',
    field: 'status',
    kind: 'choice',
    allowed: STATUSES,
    noun: 'status',
    width: 12,
    guide: 'agreed (in the indicator table), described (in the report text) or proposed (an extension).',
    write: (i) => i.status,
  },
  {
    header: 'Provenance kind',
    field: 'provenance',
    provenancePart: 'kind',
    kind: 'choice',
    allowed: ['table', 'section'],
    noun: 'provenance kind',
    width: 12,
    guide: "table (a row of the report's indicator table) or section (described in the report's text).",
    write: (i) => i.provenance.kind,
  },
  {
    header: 'Provenance row',
    field: 'provenance',
    provenancePart: 'row',
    kind: 'integer',
    noun: 'provenance row',
    width: 11,
    guide: 'The indicator table row number, a whole number. Needed when the provenance kind is table.',
    write: (i) => i.provenance.row ?? null,
  },
  {
    header: 'Provenance section',
    field: 'provenance',
    provenancePart: 'section',
    kind: 'text',
    noun: 'provenance section',
    width: 12,
    guide: 'The report section, e.g. 2.3.1 or 3.1.3. May be empty.',
    write: (i) => i.provenance.section ?? null,
  },
  {
    header: 'Provenance note',
    field: 'provenance',
    provenancePart: 'note',
    kind: 'text',
    noun: 'provenance note',
    width: 50,
    guide: 'What was taken from where. May be empty.',
    write: (i) => i.provenance.note,
  },
  {
    header: 'Value type',
    field: 'valueType',
    kind: 'choice',
    allowed: VALUE_TYPES,
    noun: 'value type',
    width: 12,
    guide: 'One of the allowed values.',
    write: (i) => i.valueType,
  },
  {
    header: 'Unit',
    field: 'unit',
    kind: 'required',
    noun: 'unit',
    width: 18,
    guide: 'What is counted, e.g. young people, arrests.',
    write: (i) => i.unit,
  },
  {
    header: 'Period kind',
    field: 'periodKind',
    kind: 'choice',
    allowed: PERIOD_KINDS,
    noun: 'period kind',
    width: 18,
    guide: 'The reference period of one value.',
    write: (i) => i.periodKind,
  },
  {
    header: 'Area levels',
    field: 'areaLevels',
    kind: 'list',
    allowed: AREA_LEVELS,
    atLeastOne: true,
    noun: 'area level',
    width: 30,
    guide: 'One or more, separated by semicolons.',
    write: (i) => list(i.areaLevels),
  },
  {
    header: 'Dimensions',
    field: 'dimensions',
    kind: 'list',
    allowed: DIMENSIONS.map((d) => d.id),
    noun: 'dimension',
    width: 36,
    guide: 'Breakdowns: none, one or more, separated by semicolons.',
    write: (i) => list(i.dimensions),
  },
  {
    header: 'Polarity',
    field: 'polarity',
    kind: 'choice',
    allowed: POLARITIES,
    noun: 'polarity',
    width: 16,
    guide: 'Which direction of change is better.',
    write: (i) => i.polarity,
  },
  {
    header: 'Combination ids',
    field: 'combinations',
    kind: 'list',
    allowed: COMBINATIONS.map((c) => c.id),
    noun: 'combination id',
    width: 32,
    guide:
      'The combinations of section 3.1 the indicator takes part in: none, one or more, separated by semicolons.',
    write: (i) => list(i.combinations),
  },
  {
    header: 'Achievability',
    field: 'achievability',
    kind: 'choice',
    allowed: ACHIEVABILITY,
    noun: 'achievability',
    width: 14,
    guide: 'How soon partners can collect it.',
    write: (i) => i.achievability,
  },
  {
    header: 'Suppliers',
    field: 'suppliers',
    kind: 'list',
    allowed: SUPPLIER_KINDS,
    atLeastOne: true,
    noun: 'supplier',
    width: 26,
    guide: 'Kinds of organisation that supply it: one or more, separated by semicolons.',
    write: (i) => list(i.suppliers),
  },
  {
    header: 'Tier',
    field: 'tier',
    kind: 'choice',
    allowed: TIERS,
    noun: 'tier',
    width: 22,
    guide: 'Who may see the figures.',
    write: (i) => i.tier,
  },
];

/** Headings of the Machine fields sheet: the matching Indicator text, then the machine fields. */
export const MACHINE_SHEET_HEADERS: readonly string[] = [
  'Indicator',
  ...MACHINE_COLUMNS.map((c) => c.header),
];

/** Headings of the flat CSV: columns A–H, then the machine fields. */
export const CSV_HEADERS: readonly string[] = [...DATASET_HEADERS, ...MACHINE_COLUMNS.map((c) => c.header)];

export const DATASET_WIDTHS: Record<(typeof SPREADSHEET_COLUMNS)[number]['key'], number> = {
  category: 24,
  name: 40,
  granularity: 40,
  source: 22,
  dataType: 18,
  purpose: 50,
  caveats: 50,
  combinationsText: 36,
};

export const ALLOWED_CATEGORIES: readonly string[] = CATEGORIES;

/** Column letter of a 0-based column index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based column index of a column letter, or of the letters that start a "C (Granularity)" label. */
export function columnIndex(label: string): number {
  const letters = /^[A-Z]+/.exec(label)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** The form in which codes are compared: "Rolling 12 months", "rolling_12_months" → "rolling-12-months". */
export function normaliseCode(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}
