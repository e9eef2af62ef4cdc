// Reads the catalogue workbook's sheets into text tables, coping with what Excel and LibreOffice write:
// shared and rich-text strings, hyperlinks, numbers and dates where text is expected, formulas (their saved
// result is used; without one the cell is refused), error values, merged cells and over-long cells.
import ExcelJS from 'exceljs';
import type { Problem } from '../../platform/errors.ts';
import {
  CatalogueFileError,
  cellProblem,
  headerLabel,
  type SourceRow,
  type SourceTable,
} from './catalogue.import-rows.ts';
import {
  CSV_HEADERS,
  DATASET_HEADERS,
  DATASET_SHEET,
  MACHINE_SHEET,
  MACHINE_SHEET_HEADERS,
  MAX_CELL_LENGTH,
  columnIndex,
  columnLetter,
} from './catalogue.sheet-layout.ts';

export const CORRUPT_WORKBOOK =
  'The file could not be opened as an Excel workbook. Save it again from Excel or LibreOffice as .xlsx and upload it again.';

type CellText = { text: string } | { problem: string };

function scalarText(value: string | number | boolean | Date): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

function richText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value && Array.isArray(value.richText)) {
    return (value.richText as { text?: unknown }[])
      .map((r) => (typeof r.text === 'string' ? r.text : ''))
      .join('');
  }
  return undefined;
}

/** The text a user sees in a cell, or why it cannot be taken as a value. */
export function cellText(cell: ExcelJS.Cell, columnName: string): CellText {
  if (cell.type === ExcelJS.ValueType.Merge) return { text: '' };
  const value = cell.value;
  if (value === null || value === undefined) return { text: '' };
  if (typeof value !== 'object' || value instanceof Date) return { text: scalarText(value) };
  if ('error' in value)
    return { problem: `The cell shows the error ${value.error}. Type the value instead.` };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) {
      return { problem: `Formulas are not allowed in column ${columnName}. Type the value instead.` };
    }
    if (typeof result === 'object' && !(result instanceof Date)) {
      return {
        problem: `The formula in this cell gives the error ${result.error}. Formulas are not allowed in column ${columnName}: type the value instead.`,
      };
    }
    return { text: scalarText(result) };
  }
  if ('hyperlink' in value) return { text: richText(value.text) ?? '' };
  const rich = richText(value);
  if (rich !== undefined) return { text: rich };
  return { problem: `The value in this cell could not be read. Type it again as plain text.` };
}

/** Line endings as Excel writes them, then trimmed. */
export function tidyText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

interface Range {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function parseRange(range: string): Range | undefined {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range.replaceAll('$', ''));
  if (!m) return undefined;
  return {
    left: columnIndex(m[1]!) + 1,
    top: Number(m[2]),
    right: columnIndex(m[3]!) + 1,
    bottom: Number(m[4]),
  };
}

/** A worksheet as a text table, with a problem for every cell that cannot be read as a value. */
export function tableFromWorksheet(
  file: string,
  ws: ExcelJS.Worksheet,
  expected: readonly string[],
): SourceTable {
  const table: SourceTable = { file, sheet: ws.name, headers: [], rows: [], problems: [], merged: false };
  const flagged = new Map<number, Set<number>>();
  const flag = (row: number, col: number) => {
    let set = flagged.get(row);
    if (!set) flagged.set(row, (set = new Set()));
    set.add(col);
  };

  const merges = (ws.model.merges ?? []).map(parseRange).filter((r): r is Range => r !== undefined);
  for (const m of merges) {
    table.merged = true;
    for (let row = m.top; row <= m.bottom; row++)
      for (let col = m.left; col <= m.right; col++) flag(row, col - 1);
    const from = `${columnLetter(m.left - 1)}${m.top}`;
    const to = `${columnLetter(m.right - 1)}${m.bottom}`;
    table.problems.push(
      cellProblem(
        table,
        m.top,
        headerLabel(table, expected, m.left - 1),
        `Cells ${from} to ${to} are merged. Unmerge them and type a value in each cell.`,
      ),
    );
  }

  const width = ws.columnCount;
  for (let rowNumber = 1; rowNumber <= ws.rowCount; rowNumber++) {
    const row = ws.findRow(rowNumber);
    const values: string[] = [];
    const rowFlags = flagged.get(rowNumber) ?? new Set<number>();
    for (let col = 0; col < width; col++) {
      const cell = row?.findCell(col + 1);
      if (!cell || rowFlags.has(col)) {
        values.push('');
        continue;
      }
      const label = headerLabel(table, expected, col);
      const read = cellText(cell, label);
      if ('problem' in read) {
        rowFlags.add(col);
        values.push('');
        table.problems.push(cellProblem(table, rowNumber, label, read.problem));
        continue;
      }
      const text = tidyText(read.text);
      if (text.length > MAX_CELL_LENGTH) {
        rowFlags.add(col);
        values.push('');
        table.problems.push(cellProblem(table, rowNumber, label, tooLong(text.length)));
        continue;
      }
      values.push(text);
    }
    while (values.length && values[values.length - 1] === '' && !rowFlags.has(values.length - 1))
      values.pop();
    if (rowNumber === 1) {
      table.headers = values;
      continue;
    }
    if (values.some((v) => v !== '') || rowFlags.size > 0) {
      const sourceRow: SourceRow = { row: rowNumber, values, flagged: rowFlags };
      table.rows.push(sourceRow);
    }
  }
  return table;
}

export function tooLong(length: number): string {
  return `The text is ${length.toLocaleString('en-GB')} characters long. A cell can hold at most ${MAX_CELL_LENGTH.toLocaleString('en-GB')} characters: shorten it.`;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  const key = name.toLowerCase();
  return workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === key);
}

/** Whether row 1 of a sheet starts with the flat layout's headings: A–H, then Id (a CSV export saved as .xlsx). */
function isFlatSheet(ws: ExcelJS.Worksheet): boolean {
  const row = ws.findRow(1);
  if (!row) return false;
  return CSV_HEADERS.slice(0, DATASET_HEADERS.length + 1).every((header, col) => {
    const read = cellText(row.getCell(col + 1), header);
    return 'text' in read && tidyText(read.text).toLowerCase() === header.toLowerCase();
  });
}

export type WorkbookTables = { dataset: SourceTable; machine: SourceTable } | { flat: SourceTable };

/**
 * Opens the workbook and returns its Dataset and Machine fields sheets as text tables; or, for a CSV export
 * that was opened and saved as a workbook, its one flat sheet.
 */
export async function readWorkbookTables(file: string, bytes: Buffer): Promise<WorkbookTables> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new CatalogueFileError([{ file, message: CORRUPT_WORKBOOK }]);
  }
  if (!workbook.worksheets.length) throw new CatalogueFileError([{ file, message: CORRUPT_WORKBOOK }]);
  const dataset = findSheet(workbook, DATASET_SHEET);
  const machine = findSheet(workbook, MACHINE_SHEET);
  if (!dataset || !machine) {
    const flat = workbook.worksheets.find(isFlatSheet);
    if (flat) return { flat: tableFromWorksheet(file, flat, CSV_HEADERS) };
  }
  const problems: Problem[] = [];
  const names = workbook.worksheets.map((ws) => `"${ws.name}"`).join(', ');
  if (!dataset) {
    problems.push({
      file,
      sheet: DATASET_SHEET,
      message: `The workbook has no sheet called "${DATASET_SHEET}" (its sheets are ${names}). The indicators must be on a sheet called "${DATASET_SHEET}", with the headings ${DATASET_HEADERS.join(', ')} in row 1.`,
    });
  }
  if (!machine) {
    problems.push({
      file,
      sheet: MACHINE_SHEET,
      message: `The workbook has no sheet called "${MACHINE_SHEET}" (its sheets are ${names}). That sheet holds each indicator's id and the other fields the platform needs. Export the catalogue again, copy your changes into the new file and import that.`,
    });
  }
  if (!dataset || !machine) throw new CatalogueFileError(problems);
  return {
    dataset: tableFromWorksheet(file, dataset, DATASET_HEADERS),
    machine: tableFromWorksheet(file, machine, MACHINE_SHEET_HEADERS),
  };
}
