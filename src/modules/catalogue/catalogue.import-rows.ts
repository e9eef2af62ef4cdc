// Turns the rows of a catalogue file (the workbook's two sheets, or the flat CSV) into indicators, finding
// every problem on the way and saying where it is: sheet, spreadsheet row and column. Nothing here knows
// about file formats; the XLSX and CSV readers hand over plain text tables.
import type { Problem } from '../../platform/errors.ts';
import { SPREADSHEET_COLUMNS, type Indicator, type Provenance } from './catalogue.model.ts';
import { validateCatalogue } from './catalogue.schema.ts';
import {
  ALLOWED_CATEGORIES,
  DATASET_HEADERS,
  DATASET_SHEET,
  MACHINE_COLUMNS,
  MACHINE_SHEET,
  MACHINE_SHEET_HEADERS,
  OPTIONAL_DATASET_KEYS,
  columnIndex,
  columnLetter,
  normaliseCode,
  type MachineColumn,
} from './catalogue.sheet-layout.ts';

/** One sheet (or a CSV file) as text: headings from row 1, then the rows that have anything in them. */
export interface SourceTable {
  file: string;
  /** The sheet name; undefined for a CSV file. */
  sheet: string | undefined;
  /** Row 1, trimmed, by 0-based column index. */
  headers: string[];
  rows: SourceRow[];
  /** Problems found while reading cells (formulas, merged cells, cells too long …). */
  problems: Problem[];
  /** Whether any cells are merged: rows cannot then be matched reliably between sheets. */
  merged: boolean;
}

export interface SourceRow {
  /** The row number a spreadsheet shows (headings are row 1). */
  row: number;
  /** Trimmed cell text by 0-based column index. */
  values: string[];
  /** Columns whose cell has a problem already reported; later checks leave them alone. */
  flagged: Set<number>;
}

type DatasetKey = (typeof SPREADSHEET_COLUMNS)[number]['key'];
type DatasetPart = Pick<Indicator, DatasetKey>;
type MachinePart = Omit<Indicator, DatasetKey>;

/** Where a row's values came from, so a problem with a field can be put back on its cell. */
interface Place {
  table: SourceTable;
  row: number;
  /** Column index of the first field of the part (0 for A–H in the Dataset sheet and the CSV). */
  offset: number;
}

interface Draft {
  indicator: Indicator;
  dataset: Place;
  machine: Place;
  /** Fields with a problem already reported, so validateCatalogue's view of them is not repeated. */
  reported: Set<keyof Indicator>;
}

const SHEET_ORDER: Record<string, number> = { [DATASET_SHEET]: 1, [MACHINE_SHEET]: 2 };

export function headerLabel(table: SourceTable, expected: readonly string[], col: number): string {
  const header = expected[col] ?? table.headers[col];
  return header ? `${columnLetter(col)} (${header})` : columnLetter(col);
}

export function cellProblem(
  table: SourceTable,
  row: number,
  column: string | undefined,
  message: string,
): Problem {
  return {
    file: table.file,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    row,
    ...(column ? { column } : {}),
    message,
  };
}

function quoteList(values: readonly string[]): string {
  return values.join(', ');
}

const nameKey = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Checks that row 1 holds exactly the expected headings, in order, and that nothing sits in the columns
 * to their right. Returns every problem; an empty list means the columns can be read by position.
 */
export function checkHeaders(table: SourceTable, expected: readonly string[], hint?: string): Problem[] {
  const problems: Problem[] = [];
  const where = (col: number, message: string) =>
    cellProblem(table, 1, headerLabel(table, expected, col), message);
  const order = `The headings must be, from column A: ${quoteList(expected)}.`;
  const found = table.headers.map(nameKey);
  const wanted = expected.map(nameKey);
  const misplaced = wanted.some((h, col) => found[col] !== h && found.includes(h));

  if (!misplaced) {
    // Each expected heading is in its place or nowhere: report the blank and misnamed ones by position,
    // with a run of blank headings at the end (a file with columns A to H only) as one problem.
    let missingFrom = expected.length;
    while (missingFrom > 0 && !found[missingFrom - 1]) missingFrom--;
    if (expected.length - missingFrom < 2) missingFrom = expected.length;
    else {
      problems.push(
        where(
          missingFrom,
          `Columns ${columnLetter(missingFrom)} to ${columnLetter(expected.length - 1)} have no headings. They must be headed: ${quoteList(expected.slice(missingFrom))}.${hint ? ` ${hint}` : ''}`,
        ),
      );
    }
    expected.forEach((header, col) => {
      if (col >= missingFrom || found[col] === wanted[col]) return;
      const text = table.headers[col] ?? '';
      problems.push(
        where(
          col,
          text
            ? `Column ${columnLetter(col)} must be headed "${header}", not "${text}". Change the heading back to "${header}". ${order}`
            : `Column ${columnLetter(col)} must be headed "${header}", but it has no heading. ${order}`,
        ),
      );
    });
    problems.push(...extraColumns(table, expected.length, order));
    return problems;
  }

  // Columns have been added, removed or moved: say which heading is missing and which is not ours.
  expected.forEach((header, col) => {
    if (found.includes(wanted[col]!)) return;
    const before = col > 0 ? `after "${expected[col - 1]}"` : 'first';
    problems.push(
      where(
        col,
        `There is no "${header}" column. Put it back as column ${columnLetter(col)}, ${before}. ${order}`,
      ),
    );
  });
  problems.push(...extraColumns(table, 0, order, wanted));
  const present = found.filter((h) => wanted.includes(h));
  if (present.join('|') !== wanted.filter((h) => found.includes(h)).join('|')) {
    problems.push({
      file: table.file,
      ...(table.sheet ? { sheet: table.sheet } : {}),
      row: 1,
      message: `The columns are not in order, or a heading appears twice. ${order}`,
    });
  }
  return problems;
}

/** Headings that are not ours, and values with no heading, from column index `from` onwards. */
function extraColumns(
  table: SourceTable,
  from: number,
  order: string,
  ours: readonly string[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const width = Math.max(table.headers.length, ...table.rows.map((r) => r.values.length));
  for (let col = from; col < width; col++) {
    const header = table.headers[col] ?? '';
    if (header && ours.includes(nameKey(header))) continue;
    const firstRow = table.rows.find((r) => (r.values[col] ?? '') !== '' || r.flagged.has(col));
    if (!header && !firstRow) continue;
    const letter = columnLetter(col);
    problems.push(
      header
        ? cellProblem(
            table,
            1,
            `${letter} (${header})`,
            `Column ${letter} is headed "${header}", which is not a catalogue column. Delete the column: its contents would not be saved. ${order}`,
          )
        : cellProblem(
            table,
            firstRow!.row,
            letter,
            `Column ${letter} has values but no heading, and is not a catalogue column. Delete the column: its contents would not be saved.`,
          ),
    );
  }
  return problems;
}

function readDatasetPart(table: SourceTable, r: SourceRow, offset: number, problems: Problem[]) {
  const reported = new Set<keyof Indicator>();
  const values = {} as Record<DatasetKey, string>;
  SPREADSHEET_COLUMNS.forEach((c, i) => {
    const col = offset + i;
    const text = r.values[col] ?? '';
    values[c.key] = text;
    if (r.flagged.has(col)) {
      reported.add(c.key);
      return;
    }
    const report = (message: string) => {
      reported.add(c.key);
      problems.push(cellProblem(table, r.row, `${columnLetter(col)} (${c.header})`, message));
    };
    if (!text && !OPTIONAL_DATASET_KEYS.has(c.key)) {
      report(
        c.key === 'category'
          ? `Enter the category. Use one of: ${quoteList(ALLOWED_CATEGORIES)}.`
          : `Enter the ${c.header.toLowerCase()}. Only Caveats and Combinations may be left empty.`,
      );
    } else if (c.key === 'category') {
      const match = ALLOWED_CATEGORIES.find((k) => nameKey(k) === nameKey(text));
      if (match) values.category = match;
      else report(`"${text}" is not a catalogue category. Use one of: ${quoteList(ALLOWED_CATEGORIES)}.`);
    }
  });
  return { part: values as DatasetPart, reported };
}

function plural(noun: string): string {
  return noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`;
}

function readMachinePart(table: SourceTable, r: SourceRow, offset: number, problems: Problem[]) {
  const reported = new Set<keyof Indicator>();
  const values: Record<string, unknown> = {};
  const provenance: Partial<Record<'kind' | 'row' | 'section' | 'note', unknown>> = {};
  const label = (m: MachineColumn) => `${columnLetter(offset + MACHINE_COLUMNS.indexOf(m))} (${m.header})`;
  for (const m of MACHINE_COLUMNS) {
    const col = offset + MACHINE_COLUMNS.indexOf(m);
    const text = r.values[col] ?? '';
    const report = (message: string) => {
      reported.add(m.field);
      problems.push(cellProblem(table, r.row, label(m), message));
    };
    let value: unknown = text;
    if (r.flagged.has(col)) {
      reported.add(m.field);
    } else if (m.kind === 'required') {
      if (!text) report(`Enter the ${m.noun}.`);
    } else if (m.kind === 'choice') {
      const allowed = m.allowed ?? [];
      const match = allowed.find((a) => normaliseCode(a) === normaliseCode(text));
      if (match) value = match;
      else if (!text) report(`Enter the ${m.noun}: one of ${quoteList(allowed)}.`);
      else report(`"${text}" is not an allowed ${m.noun}. Use one of: ${quoteList(allowed)}.`);
    } else if (m.kind === 'list') {
      const allowed = m.allowed ?? [];
      const items = text
        .split(/[;,\n]/)
        .map((s) => s.trim())
        .filter(Boolean);
      const codes = items.map((item) => allowed.find((a) => normaliseCode(a) === normaliseCode(item)));
      const bad = items.filter((_, i) => codes[i] === undefined);
      value = codes.map((c, i) => c ?? items[i]);
      if (bad.length === 1) {
        report(
          `"${bad[0]}" is not an allowed ${m.noun}. Use ${m.atLeastOne ? 'one or more' : 'none, one or more'} of: ${quoteList(allowed)}, separated by semicolons.`,
        );
      } else if (bad.length > 1) {
        report(
          `${bad.map((b) => `"${b}"`).join(', ')} are not allowed ${plural(m.noun)}. Use ${m.atLeastOne ? 'one or more' : 'none, one or more'} of: ${quoteList(allowed)}, separated by semicolons.`,
        );
      } else if (!items.length && m.atLeastOne) {
        report(`Enter at least one ${m.noun}, from: ${quoteList(allowed)}, separated by semicolons.`);
      }
    } else if (m.kind === 'integer') {
      if (!text) value = undefined;
      else if (/^\d+$/.test(text) && Number(text) >= 1) value = Number(text);
      else report(`Enter the ${m.noun} as a whole number, such as 5, or leave it empty. It says "${text}".`);
    }
    if (m.provenancePart) {
      if (value !== undefined && value !== '') provenance[m.provenancePart] = value;
      else if (m.provenancePart === 'note') provenance.note = '';
    } else {
      values[m.field] = value;
    }
  }
  const rowColumn = MACHINE_COLUMNS.find((m) => m.provenancePart === 'row')!;
  if (!reported.has('provenance') && provenance.kind === 'table' && provenance.row === undefined) {
    reported.add('provenance');
    problems.push(
      cellProblem(
        table,
        r.row,
        label(rowColumn),
        'Enter the indicator table row number. It is needed when the provenance kind is table.',
      ),
    );
  }
  values.provenance = provenance as unknown as Provenance;
  return { part: values as unknown as MachinePart, reported };
}

/** Reports the second and later rows whose value in a column repeats an earlier row's. */
function findDuplicates(
  table: SourceTable,
  rows: readonly SourceRow[],
  col: number,
  column: string,
  message: (value: string, firstRow: number) => string,
  problems: Problem[],
): Set<number> {
  const first = new Map<string, number>();
  const duplicates = new Set<number>();
  for (const r of rows) {
    const value = r.values[col] ?? '';
    if (!value || r.flagged.has(col)) continue;
    const seen = first.get(nameKey(value));
    if (seen === undefined) first.set(nameKey(value), r.row);
    else {
      duplicates.add(r.row);
      problems.push(cellProblem(table, r.row, column, message(value, seen)));
    }
  }
  return duplicates;
}

const duplicateIndicator = (value: string, firstRow: number) =>
  `"${value}" is also in row ${firstRow}. Each indicator must appear once: delete one of the rows, or change its text.`;
const duplicateId = (value: string, firstRow: number) =>
  `Id "${value}" is also used in row ${firstRow}. Give each indicator its own id.`;

function noIndicators(table: SourceTable): Problem {
  return {
    file: table.file,
    ...(table.sheet ? { sheet: table.sheet } : {}),
    message: table.sheet
      ? `There are no indicators on the ${table.sheet} sheet. Add a row for each indicator below the headings in row 1.`
      : 'The file has headings but no indicators. Add a row for each indicator below the headings in row 1.',
  };
}

/** Reads the workbook's Dataset and Machine fields sheets, matched on the Indicator text. */
export function indicatorsFromWorkbook(dataset: SourceTable, machine: SourceTable): Indicator[] {
  const problems: Problem[] = [...dataset.problems, ...machine.problems];
  const machineHeaders = MACHINE_SHEET_HEADERS;
  const datasetHeaderProblems = checkHeaders(dataset, DATASET_HEADERS);
  const machineHeaderProblems = checkHeaders(machine, machineHeaders);
  problems.push(...datasetHeaderProblems, ...machineHeaderProblems);
  if (datasetHeaderProblems.length) return finish(problems, []);
  if (!dataset.rows.length) return finish([...problems, noIndicators(dataset)], []);

  const nameCol = SPREADSHEET_COLUMNS.findIndex((c) => c.key === 'name');
  const datasetDuplicates = findDuplicates(
    dataset,
    dataset.rows,
    nameCol,
    headerLabel(dataset, DATASET_HEADERS, nameCol),
    duplicateIndicator,
    problems,
  );
  const parsedDataset = dataset.rows.map((r) => ({ r, ...readDatasetPart(dataset, r, 0, problems) }));
  if (machineHeaderProblems.length) return finish(problems, []);
  if (!machine.rows.length) {
    problems.push({
      file: machine.file,
      sheet: machine.sheet,
      message: `There are no rows on the ${machine.sheet} sheet. It needs a row for every indicator on the ${dataset.sheet} sheet, matched on the Indicator text in column A.`,
    });
    return finish(problems, []);
  }

  const machineDuplicates = findDuplicates(
    machine,
    machine.rows,
    0,
    headerLabel(machine, machineHeaders, 0),
    duplicateIndicator,
    problems,
  );
  const idDuplicates = findDuplicates(
    machine,
    machine.rows,
    1,
    headerLabel(machine, machineHeaders, 1),
    duplicateId,
    problems,
  );
  const byName = new Map<string, { r: SourceRow; part: MachinePart; reported: Set<keyof Indicator> }>();
  for (const r of machine.rows) {
    const parsed = readMachinePart(machine, r, 1, problems);
    if (idDuplicates.has(r.row)) parsed.reported.add('id');
    const name = r.values[0] ?? '';
    if (r.flagged.has(0)) continue;
    if (!name) {
      problems.push(
        cellProblem(
          machine,
          r.row,
          headerLabel(machine, machineHeaders, 0),
          `Enter the indicator, exactly as it is in column B of the ${dataset.sheet} sheet.`,
        ),
      );
    } else if (!machineDuplicates.has(r.row)) {
      byName.set(nameKey(name), { r, ...parsed });
    }
  }

  // Merged or unreadable Indicator cells make matching guesswork; report them and leave matching for later.
  const unreadable =
    dataset.merged ||
    machine.merged ||
    dataset.rows.some((r) => r.flagged.has(nameCol)) ||
    machine.rows.some((r) => r.flagged.has(0));
  const used = new Set<string>();
  const drafts: Draft[] = [];
  for (const { r, part, reported } of parsedDataset) {
    const name = r.values[nameCol] ?? '';
    if (!name || r.flagged.has(nameCol) || datasetDuplicates.has(r.row)) continue;
    const m = byName.get(nameKey(name));
    if (!m) {
      if (!unreadable)
        problems.push(
          cellProblem(
            dataset,
            r.row,
            headerLabel(dataset, DATASET_HEADERS, nameCol),
            `There is no row for this indicator on the ${machine.sheet} sheet. Add one with "${name}" in column A (Indicator), exactly as it is here.`,
          ),
        );
      continue;
    }
    used.add(nameKey(name));
    drafts.push({
      indicator: { ...m.part, ...part },
      dataset: { table: dataset, row: r.row, offset: 0 },
      machine: { table: machine, row: m.r.row, offset: 1 },
      reported: new Set([...reported, ...m.reported]),
    });
  }
  if (!unreadable) {
    for (const [key, { r }] of byName) {
      if (used.has(key)) continue;
      problems.push(
        cellProblem(
          machine,
          r.row,
          headerLabel(machine, machineHeaders, 0),
          `"${r.values[0]}" is not an indicator on the ${dataset.sheet} sheet. Make this text match column B (Indicator) of the ${dataset.sheet} sheet exactly, or delete this row.`,
        ),
      );
    }
  }
  return finish(problems, drafts);
}

/** Reads a flat CSV table: columns A–H, then the machine fields, one indicator a row. */
export function indicatorsFromFlatTable(table: SourceTable, headers: readonly string[]): Indicator[] {
  const problems: Problem[] = [...table.problems];
  const headerProblems = checkHeaders(
    table,
    headers,
    'A CSV file holds the Dataset columns A to H and the machine fields beside them: export the catalogue as CSV to get this layout, or import the Excel workbook instead.',
  );
  problems.push(...headerProblems);
  if (headerProblems.length) return finish(problems, []);
  if (!table.rows.length) return finish([...problems, noIndicators(table)], []);
  const nameCol = SPREADSHEET_COLUMNS.findIndex((c) => c.key === 'name');
  const offset = SPREADSHEET_COLUMNS.length;
  const duplicates = findDuplicates(
    table,
    table.rows,
    nameCol,
    headerLabel(table, headers, nameCol),
    duplicateIndicator,
    problems,
  );
  const idDuplicates = findDuplicates(
    table,
    table.rows,
    offset,
    headerLabel(table, headers, offset),
    duplicateId,
    problems,
  );
  const drafts: Draft[] = [];
  for (const r of table.rows) {
    const d = readDatasetPart(table, r, 0, problems);
    const m = readMachinePart(table, r, offset, problems);
    if (idDuplicates.has(r.row)) m.reported.add('id');
    if (duplicates.has(r.row)) continue;
    drafts.push({
      indicator: { ...m.part, ...d.part },
      dataset: { table, row: r.row, offset: 0 },
      machine: { table, row: r.row, offset },
      reported: new Set([...d.reported, ...m.reported]),
    });
  }
  return finish(problems, drafts);
}

/** Where validateCatalogue's problem with a field of a draft lies in the file. */
function locate(draft: Draft, field: keyof Indicator | undefined, message: string): Problem {
  const datasetIndex = SPREADSHEET_COLUMNS.findIndex((c) => c.key === field);
  if (datasetIndex >= 0) {
    const { table, row, offset } = draft.dataset;
    const c = SPREADSHEET_COLUMNS[datasetIndex]!;
    return cellProblem(
      table,
      row,
      `${columnLetter(offset + datasetIndex)} (${c.header})`,
      sentence(c.header, message),
    );
  }
  const { table, row, offset } = draft.machine;
  let m = MACHINE_COLUMNS.find((x) => x.field === field);
  if (field === 'provenance') {
    m = MACHINE_COLUMNS.find((x) => x.provenancePart === (/row/.test(message) ? 'row' : 'kind'));
  }
  if (!m) return cellProblem(table, row, undefined, sentence('This row', message));
  return cellProblem(
    table,
    row,
    `${columnLetter(offset + MACHINE_COLUMNS.indexOf(m))} (${m.header})`,
    sentence(m.header, message),
  );
}

/** "Id" + "must be lower-case …" → "Id must be lower-case ….". */
export function sentence(subject: string, message: string): string {
  const text = /^(must|duplicates)\b/.test(message) ? `${subject} ${message}` : message;
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** Sorts problems into reading order: whole-file problems, then sheet by sheet, row by row, left to right. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  const col = (p: Problem) => columnIndex(p.column ?? '');
  return [...problems]
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (a.p.sheet ? (SHEET_ORDER[a.p.sheet] ?? 3) : 0) - (b.p.sheet ? (SHEET_ORDER[b.p.sheet] ?? 3) : 0) ||
        (a.p.row ?? 0) - (b.p.row ?? 0) ||
        col(a.p) - col(b.p) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

function finish(problems: Problem[], drafts: Draft[]): Indicator[] {
  const indicators = drafts.map((d) => d.indicator);
  const seen = new Set(problems.map((p) => `${p.sheet}|${p.row}|${p.column}|${p.message}`));
  for (const p of validateCatalogue(indicators)) {
    const draft = drafts[p.index]!;
    if (p.field && draft.reported.has(p.field)) continue;
    const located = locate(draft, p.field, p.message);
    const key = `${located.sheet}|${located.row}|${located.column}|${located.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(located);
  }
  if (problems.length) throw new CatalogueFileError(sortProblems(problems));
  return indicators;
}

/** Thrown inside the readers; readCatalogueFile turns it into the one ValidationError. */
export class CatalogueFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super('The catalogue file has problems.');
  }
}
