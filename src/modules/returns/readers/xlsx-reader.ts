// Reads a return workbook: our template as re-saved by Excel or LibreOffice, or any workbook whose
// sheets have the template's headings in row 1.
//
// This uses exceljs's in-memory reader, not the streaming one: the streaming reader skips <mergeCells>
// altogether (and it comes after the rows in the sheet XML anyway), so merged cells could not be found,
// and with the whole workbook loaded every structural problem (headings, merges, cells with no heading,
// the wrong organisation's template) is reported together before any row is read. Templates are a
// few tens of thousands of rows at most; a workbook over MAX_XLSX_BYTES is refused with advice to send
// a CSV, which is read as a stream.
//
// Sheets other than the Guidance and hidden "clmd" sheets are read when their first row has at least
// two of the template's fixed headings. Any other sheet (a pivot table, someone's workings) is ignored
// without a problem: people keep such sheets in their copy, and a sheet without our headings cannot
// hold rows we would understand.
import ExcelJS from 'exceljs';
import { ValidationError, type Problem } from '../../../platform/errors.ts';
import type { RawCell, RawReturnRow } from '../return-file.model.ts';
import {
  columnLetter,
  FIELD_HEADERS,
  GUIDANCE_SHEET,
  META_SHEET,
  normaliseHeader,
  TEMPLATE_META_KEYS,
} from './columns.ts';
import { fileError } from './detect-format.ts';
import { analyseHeader, type ColumnLayout } from './header-layout.ts';

export const MAX_XLSX_BYTES = 20 * 1024 * 1024;

/** What the hidden sheet says the workbook was made for, to compare with the return it is sent to. */
export interface ExpectedTemplate {
  organisationId: string;
  /** "2026-Q1" */
  period: string;
}

const EMPTY: RawCell = Object.freeze({ kind: 'empty', text: '' }) as RawCell;
const FIXED_HEADERS: ReadonlySet<string> = new Set(Object.values(FIELD_HEADERS));

function plainText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) {
    return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
  }
  return value === null || value === undefined ? '' : String(value);
}

function isoDate(date: Date): string {
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** A cell as the validator needs to see it: what kind of thing it is, and its text. */
export function toRawCell(cell: ExcelJS.Cell | undefined): RawCell {
  if (!cell) return EMPTY;
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Null:
    case ExcelJS.ValueType.Merge:
      return EMPTY;
    case ExcelJS.ValueType.Number:
      return { kind: 'number', text: String(value), number: value as number };
    case ExcelJS.ValueType.Date:
      return { kind: 'date', text: isoDate(value as Date) };
    case ExcelJS.ValueType.Formula: {
      const result = (value as ExcelJS.CellFormulaValue).result;
      const text = `=${cell.formula}`;
      return typeof result === 'number'
        ? { kind: 'formula', text, number: result }
        : { kind: 'formula', text };
    }
    case ExcelJS.ValueType.Error:
      return { kind: 'error', text: (value as ExcelJS.CellErrorValue).error };
    case ExcelJS.ValueType.Boolean:
      return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
    case ExcelJS.ValueType.Hyperlink: {
      const text = plainText((value as ExcelJS.CellHyperlinkValue).text);
      return text.trim() === '' ? EMPTY : { kind: 'text', text };
    }
    default: {
      // String, SharedString and RichText
      const text = plainText(value);
      return text.trim() === '' ? EMPTY : { kind: 'text', text };
    }
  }
}

interface DataSheet {
  sheet: ExcelJS.Worksheet;
  layout: ColumnLayout;
}

function readMeta(sheet: ExcelJS.Worksheet): Map<string, string> {
  const meta = new Map<string, string>();
  sheet.eachRow((row) => {
    const key = plainText(row.getCell(1).value).trim();
    if (key) meta.set(key, plainText(row.getCell(2).value).trim());
  });
  return meta;
}

function checkMeta(
  fileName: string,
  workbook: ExcelJS.Workbook,
  expected: ExpectedTemplate | undefined,
  problems: Problem[],
): void {
  const sheet = workbook.worksheets.find((s) => s.name.toLowerCase() === META_SHEET);
  if (!sheet || !expected) return;
  const meta = readMeta(sheet);
  const organisation = meta.get(TEMPLATE_META_KEYS.organisation);
  const period = meta.get(TEMPLATE_META_KEYS.period);
  if ((organisation && organisation !== expected.organisationId) || (period && period !== expected.period)) {
    problems.push({
      file: fileName,
      sheet: sheet.name,
      message: `This workbook is the template for ${organisation ?? 'another organisation'}, ${period ?? 'another period'}, but this return is for ${expected.organisationId}, ${expected.period}. Download the template for this return, copy your figures into it and upload that`,
    });
  }
}

function headerTexts(sheet: ExcelJS.Worksheet): string[] {
  const row = sheet.findRow(1);
  if (!row) return [];
  const headers: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) {
    const cell = toRawCell(row.findCell(c));
    headers.push(cell.kind === 'empty' ? '' : cell.text);
  }
  while (headers.length > 0 && headers.at(-1) === '') headers.pop();
  return headers;
}

/** The sheet's columns, or undefined for a sheet that is not one of ours. */
function dataSheet(fileName: string, sheet: ExcelJS.Worksheet, problems: Problem[]): DataSheet | undefined {
  const headers = headerTexts(sheet);
  const fixed = headers.filter((h) => FIXED_HEADERS.has(normaliseHeader(h))).length;
  if (fixed < 2) return undefined;
  const analysed = analyseHeader(headers, { file: fileName, sheet: sheet.name, row: 1 });
  problems.push(...analysed.problems);
  // hasMerges is cheap; the model getter that lists the ranges builds the whole sheet's model.
  for (const range of sheet.hasMerges ? sheet.model.merges : []) {
    const top = /^[A-Z]+(\d+)/.exec(range);
    problems.push({
      file: fileName,
      sheet: sheet.name,
      row: top ? Number(top[1]) : 1,
      column: range,
      message: `Cells ${range} are merged. Unmerge them (Home > Merge & Centre > Unmerge Cells) so each row has its own cells`,
    });
  }
  // Anything typed to the right of the table, or under a blank heading, would be silently lost.
  const stray = new Set(analysed.layout.blank);
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    row.eachCell((cell, col) => {
      const index = col - 1;
      if (index < headers.length && !stray.has(index)) return;
      if (toRawCell(cell).kind === 'empty') return;
      problems.push({
        file: fileName,
        sheet: sheet.name,
        row: rowNumber,
        column: columnLetter(index),
        message: `Column ${columnLetter(index)} has no heading, so this cell cannot be read. Move what it says into the note, or delete it`,
      });
    });
  });
  return { sheet, layout: analysed.layout };
}

function buildRow(fileName: string, data: DataSheet, row: ExcelJS.Row): RawReturnRow | undefined {
  const { layout } = data;
  const at = (index: number | undefined) =>
    index === undefined ? EMPTY : toRawCell(row.findCell(index + 1));
  let blank = true;
  const take = (index: number | undefined) => {
    const cell = at(index);
    if (cell.kind !== 'empty') blank = false;
    return cell;
  };
  const breakdown: Record<string, RawCell> = {};
  for (const [id, index] of layout.dimensions) breakdown[id] = take(index);
  const raw: RawReturnRow = {
    location: { file: fileName, sheet: data.sheet.name, row: row.number },
    columns: layout.labels,
    indicator: take(layout.fields.indicator),
    area: take(layout.fields.area),
    periodStart: take(layout.fields.periodStart),
    periodEnd: take(layout.fields.periodEnd),
    breakdown,
    value: take(layout.fields.value),
    note: take(layout.fields.note),
  };
  return blank ? undefined : raw;
}

/** Rows handed on together: the workbook is in memory already, so only the promises cost. */
const XLSX_BATCH = 1000;

/** The rows of a workbook return, in batches. */
export async function* readXlsxRows(
  fileName: string,
  source: string,
  size: number,
  expected?: ExpectedTemplate,
): AsyncGenerator<RawReturnRow[]> {
  if (size > MAX_XLSX_BYTES) {
    throw fileError(
      fileName,
      `The workbook is too large to check (${(size / 1024 / 1024).toFixed(0)} MB; the limit is ${MAX_XLSX_BYTES / 1024 / 1024} MB). Save the figures as "CSV UTF-8 (comma delimited)" and upload the CSV instead`,
    );
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(source);
  } catch {
    throw fileError(
      fileName,
      'The workbook could not be opened: it may be damaged or not really an Excel file. Open it in Excel, save it as "Excel Workbook (.xlsx)" and upload it again',
    );
  }
  const problems: Problem[] = [];
  checkMeta(fileName, workbook, expected, problems);
  const sheets: DataSheet[] = [];
  for (const sheet of workbook.worksheets) {
    const name = sheet.name.toLowerCase();
    if (name === GUIDANCE_SHEET.toLowerCase() || name === META_SHEET) continue;
    const data = dataSheet(fileName, sheet, problems);
    if (data) sheets.push(data);
  }
  if (sheets.length === 0 && problems.length === 0) {
    problems.push({
      file: fileName,
      message:
        "No sheet has the template's headings (indicator_id, area_code, period_start, period_end, value and note) in row 1. Download the template and copy your figures into it",
    });
  }
  if (problems.length > 0) throw new ValidationError('The workbook could not be read.', problems);

  let dataRows = 0;
  let batch: RawReturnRow[] = [];
  for (const data of sheets) {
    for (let r = 2; r <= data.sheet.rowCount; r++) {
      const row = data.sheet.findRow(r);
      if (!row) continue;
      const raw = buildRow(fileName, data, row);
      if (!raw) continue;
      dataRows++;
      batch.push(raw);
      if (batch.length === XLSX_BATCH) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
  if (dataRows === 0) {
    throw new ValidationError('The workbook could not be read.', [
      {
        file: fileName,
        ...(sheets.length === 1 && sheets[0] ? { sheet: sheets[0].sheet.name, row: 2 } : {}),
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
  }
}
