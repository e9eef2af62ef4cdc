// The XLSX template of a quarterly return: a Guidance sheet, one sheet per indicator with every expected
// row prefilled, and a hidden "clmd" sheet recording who and which quarter it was made for.
//
// The indicator sheets are protected without a password and only the value and note cells are
// unlocked: the aim is to stop accidental edits to codes and dates (which would turn a good figure
// into an error), not to stop a determined user, who can unprotect the sheet from the Review tab.
// Dates are written as text (YYYY-MM-DD) so no time zone or locale can change them.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { PERIOD_KIND_LABELS, type AreaLevel, type Indicator } from '../../catalogue/catalogue.model.ts';
import { dueDate, formatQuarter, indicatorWindows, quarterLabel } from '../periods.ts';
import type { ReturnValidationContext } from '../return-file.model.ts';
import {
  AREA_NAME_HEADER,
  FIELD_HEADERS,
  GUIDANCE_SHEET,
  META_SHEET,
  TEMPLATE_META_KEYS,
  TEMPLATE_VERSION,
} from '../readers/columns.ts';
import { describeAllowedValues, MAX_NOTE_LENGTH, MAX_RANK } from '../row-validator.ts';
import {
  breakdownDimensions,
  categoryCodes,
  templateIndicators,
  templateRows,
  type TemplateRow,
} from '../template-rows.ts';

const MAX_SHEET_NAME = 31;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
const EDITABLE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };

/**
 * A sheet name for each indicator: the id itself when it fits Excel's 31 characters, otherwise the id
 * cut short, with a number added if two cut ids would clash. Ids are kebab-case, so never contain the
 * characters Excel forbids in sheet names.
 */
export function templateSheetNames(indicators: readonly Indicator[]): Map<string, string> {
  const used = new Set([GUIDANCE_SHEET.toLowerCase(), META_SHEET]);
  const names = new Map<string, string>();
  for (const { id } of indicators) {
    let name = id.length <= MAX_SHEET_NAME ? id : id.slice(0, MAX_SHEET_NAME).replace(/-+$/, '');
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `~${n}`;
      name = `${id.slice(0, MAX_SHEET_NAME - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    used.add(name.toLowerCase());
    names.set(id, name);
  }
  return names;
}

const LEVEL_WORDS: Record<AreaLevel, string> = {
  pathfinder: 'Pathfinder',
  locality: 'locality',
  district: 'district',
  ward: 'ward',
};

function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

function breakdownText(indicator: Indicator): string {
  const dimensions = breakdownDimensions(indicator);
  if (dimensions.length === 0) return 'None: total only';
  return dimensions.map((d) => `${d.id} (${d.values.map((v) => v.code).join(', ')})`).join('; ');
}

function periodText(indicator: Indicator, ctx: ReturnValidationContext): string {
  const windows = indicatorWindows(indicator.periodKind, ctx.quarter);
  return `${PERIOD_KIND_LABELS[indicator.periodKind]}: ${windows.map((w) => `${w.start} to ${w.end}`).join('; ')}`;
}

const HOW_TO = [
  'Each indicator has its own sheet. Each row is one figure: an area, a period, and either the total (breakdown columns blank) or one breakdown value.',
  'Type one value per row in the value column (shaded yellow). Leave it blank if you do not collect the figure, and say why in the note if you can.',
  '0 means there were none. Enter 0 when you counted and found none; a blank means "not collected".',
  'Type numbers only: no formulas, no units, no "n/a" and no "<5". Do not hide small numbers; the platform does that whenever figures are shared.',
  'Do not change the codes or dates, add rows or rename sheets: only the value and note cells can be edited.',
  `Notes are optional and can be up to ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters.`,
  'Upload the workbook as .xlsx. Instead, you can download the CSV template, which has the same rows in one long table, and upload that.',
];

function addGuidance(
  workbook: ExcelJS.Workbook,
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
  sheetNames: ReadonlyMap<string, string>,
): void {
  const sheet = workbook.addWorksheet(GUIDANCE_SHEET);
  sheet.columns = [
    { width: 30 },
    { width: 36 },
    { width: 45 },
    { width: 50 },
    { width: 40 },
    { width: 40 },
    { width: 30 },
    { width: 45 },
    { width: 14 },
    { width: 40 },
  ];
  const title = sheet.addRow(['County Lines Minimum Dataset: quarterly return']);
  title.font = { bold: true, size: 14 };
  sheet.addRow([]);
  const facts: [string, string][] = [
    ['Organisation', `${ctx.organisation.name} (${ctx.organisation.id})`],
    ['Period', `${formatQuarter(ctx.quarter)} (${quarterLabel(ctx.quarter)})`],
    ['Due date', longDate(dueDate(ctx.quarter))],
    ['Template version', TEMPLATE_VERSION],
  ];
  for (const [label, value] of facts) sheet.addRow([label, value]).getCell(1).font = { bold: true };
  sheet.addRow([]);
  sheet.addRow(['How to fill in']).font = { bold: true, size: 12 };
  for (const line of HOW_TO) sheet.addRow([line]);
  sheet.addRow([]);
  sheet.addRow(['Indicators']).font = { bold: true, size: 12 };
  const header = sheet.addRow([
    'Sheet',
    'Indicator id',
    'Indicator',
    'Granularity',
    'Caveats',
    'Period covered',
    'Areas',
    'Breakdowns',
    'Value type',
    'Allowed values',
  ]);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  for (const indicator of indicators) {
    const row = sheet.addRow([
      sheetNames.get(indicator.id) ?? indicator.id,
      indicator.id,
      indicator.name,
      indicator.granularity,
      indicator.caveats,
      periodText(indicator, ctx),
      indicator.areaLevels.map((l) => LEVEL_WORDS[l]).join(', '),
      breakdownText(indicator),
      indicator.valueType,
      describeAllowedValues(indicator),
    ]);
    row.alignment = { wrapText: true, vertical: 'top' };
  }
}

function valueValidation(indicator: Indicator): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, errorTitle: 'Value not allowed' };
  const error = describeAllowedValues(indicator);
  switch (indicator.valueType) {
    case 'count':
      return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], error };
    case 'rank':
      return { ...common, type: 'whole', operator: 'between', formulae: [1, MAX_RANK], error };
    case 'proportion':
      return { ...common, type: 'decimal', operator: 'between', formulae: [0, 1], error };
    case 'duration':
      return { ...common, type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0], error };
    case 'category': {
      const codes = categoryCodes(indicator);
      return codes
        ? { ...common, type: 'list', formulae: [`"${codes.join(',')}"`], error }
        : { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [50], error };
    }
  }
}

async function addIndicatorSheet(
  workbook: ExcelJS.Workbook,
  indicator: Indicator,
  name: string,
  rows: readonly TemplateRow[],
): Promise<void> {
  const dimensions = breakdownDimensions(indicator);
  const headers = [
    FIELD_HEADERS.indicator,
    FIELD_HEADERS.area,
    AREA_NAME_HEADER,
    FIELD_HEADERS.periodStart,
    FIELD_HEADERS.periodEnd,
    ...dimensions.map((d) => d.id),
    FIELD_HEADERS.value,
    FIELD_HEADERS.note,
  ];
  const valueColumn = headers.length - 1; // 1-based
  const noteColumn = headers.length;
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headers.map((h, i) => ({
    width:
      i === 0 ? Math.max(30, indicator.id.length + 2) : h === AREA_NAME_HEADER ? 30 : h === 'note' ? 50 : 14,
    // Codes and dates stay text even if someone retypes them.
    style: { numFmt: i < valueColumn - 1 || i === noteColumn - 1 ? '@' : 'General' },
  }));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));

  const validation = valueValidation(indicator);
  const noteValidation: ExcelJS.DataValidation = {
    type: 'textLength',
    operator: 'lessThanOrEqual',
    formulae: [MAX_NOTE_LENGTH],
    allowBlank: true,
    showErrorMessage: true,
    errorTitle: 'Note too long',
    error: `Notes can be up to ${MAX_NOTE_LENGTH.toLocaleString('en-GB')} characters`,
  };
  for (const r of rows) {
    const breakdown = dimensions.map((d) => (r.breakdown?.dimension === d.id ? r.breakdown.value : null));
    const row = sheet.addRow([
      r.indicatorId,
      r.areaCode,
      r.areaName,
      r.periodStart,
      r.periodEnd,
      ...breakdown,
      null,
      null,
    ]);
    const value = row.getCell(valueColumn);
    value.protection = { locked: false };
    value.fill = EDITABLE_FILL;
    value.dataValidation = validation;
    const note = row.getCell(noteColumn);
    note.protection = { locked: false };
    note.dataValidation = noteValidation;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    autoFilter: true,
  });
}

async function addMeta(
  workbook: ExcelJS.Workbook,
  ctx: ReturnValidationContext,
  sheetNames: ReadonlyMap<string, string>,
): Promise<void> {
  const sheet = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  sheet.addRow([TEMPLATE_META_KEYS.version, TEMPLATE_VERSION]);
  sheet.addRow([TEMPLATE_META_KEYS.organisation, ctx.organisation.id]);
  sheet.addRow([TEMPLATE_META_KEYS.period, formatQuarter(ctx.quarter)]);
  for (const [id, name] of sheetNames) sheet.addRow([`sheet:${name}`, id]);
  await sheet.protect('', {});
}

/** The template workbook for the organisation and quarter in `ctx`, from the catalogue given. */
export async function buildXlsxTemplate(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
): Promise<ExcelJS.Workbook> {
  const rows = templateRows(ctx, indicators);
  const byIndicator = new Map<string, TemplateRow[]>();
  for (const r of rows) {
    const list = byIndicator.get(r.indicatorId);
    if (list) list.push(r);
    else byIndicator.set(r.indicatorId, [r]);
  }
  // An indicator with no rows has no area at its levels that this organisation reports for.
  const included = templateIndicators(ctx, indicators).filter((i) => byIndicator.has(i.id));
  const sheetNames = templateSheetNames(included);

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'clmd';
  workbook.title = `${ctx.organisation.name} ${formatQuarter(ctx.quarter)} return`;
  addGuidance(workbook, ctx, included, sheetNames);
  for (const indicator of included) {
    await addIndicatorSheet(
      workbook,
      indicator,
      sheetNames.get(indicator.id) ?? indicator.id,
      byIndicator.get(indicator.id) ?? [],
    );
  }
  await addMeta(workbook, ctx, sheetNames);
  return workbook;
}

/** Writes the template to a path or a stream (an HTTP response, say). */
export async function writeXlsxTemplate(
  ctx: ReturnValidationContext,
  indicators: readonly Indicator[],
  target: string | Writable,
): Promise<void> {
  const workbook = await buildXlsxTemplate(ctx, indicators);
  if (typeof target === 'string') await workbook.xlsx.writeFile(target);
  else await workbook.xlsx.write(target);
}
