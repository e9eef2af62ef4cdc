// The XLSX template, read back as it is, filled in, re-saved, and spoilt in each of the ways of
// DESIGN.md §9 that only a workbook can be.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/fixtures/returns/context.ts';
import {
  checkFile,
  readAll,
  removeTempDirs,
  tempDir,
} from '../../../../test/fixtures/returns/read-helpers.ts';
import { BUILT_IN_CATALOGUE } from '../../catalogue/catalogue.builtin.ts';
import { META_SHEET } from '../readers/columns.ts';
import { templateIndicators, templateRows } from '../template-rows.ts';
import { buildXlsxTemplate, templateSheetNames, writeXlsxTemplate } from './xlsx-template.ts';

const ctx = testContext('norfolk-constabulary', '2026-Q1');

afterAll(removeTempDirs);
const DRUG = 'drug-related-violent-crimes';
const OUT_OF_AREA = 'out-of-area-arrests';

let dir: string;
let template: string;

beforeAll(async () => {
  dir = tempDir();
  template = path.join(dir, 'template.xlsx');
  await writeXlsxTemplate(ctx, BUILT_IN_CATALOGUE, template);
});

async function load(file: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook;
}

function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  return sheet;
}

/** The row of an indicator sheet for an area and (optionally) a breakdown value. */
function rowFor(sheet: ExcelJS.Worksheet, areaCode: string, breakdown?: string): ExcelJS.Row {
  const headers = (sheet.getRow(1).values as unknown[]).map(String);
  const dimensionColumns = headers
    .map((h, i) => [h, i] as const)
    .filter(
      ([h]) =>
        ![
          'indicator_id',
          'area_code',
          'area_name',
          'period_start',
          'period_end',
          'value',
          'note',
          'undefined',
        ].includes(h),
    )
    .map(([, i]) => i);
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values = dimensionColumns.map((c) => row.getCell(c).value ?? undefined);
    const found = breakdown === undefined ? values.every((v) => v === undefined) : values.includes(breakdown);
    if (row.getCell(2).value === areaCode && found) return row;
  }
  throw new Error(`no row for ${areaCode} ${breakdown ?? 'total'}`);
}

const valueCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount - 1);
const noteCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount);

/** A copy of the template with `edit` applied, saved by exceljs. */
async function edited(
  name: string,
  edit: (workbook: ExcelJS.Workbook) => void | Promise<void>,
): Promise<string> {
  const workbook = await load(template);
  await edit(workbook);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

function fillSome(workbook: ExcelJS.Workbook): void {
  const drug = sheetOf(workbook, DRUG);
  valueCell(rowFor(drug, 'LOC-NORFOLK')).value = 12;
  valueCell(rowFor(drug, 'E07000143')).value = 0;
  noteCell(rowFor(drug, 'E07000143')).value = 'None recorded';
  noteCell(rowFor(drug, 'E07000144')).value = 'Not collected for Broadland';
  const out = sheetOf(workbook, OUT_OF_AREA);
  valueCell(rowFor(out, 'LOC-NORFOLK')).value = 7;
  valueCell(rowFor(out, 'LOC-NORFOLK', 'outbound')).value = '4'; // typed as text
  valueCell(rowFor(out, 'LOC-NORFOLK', 'inbound')).value = 3;
}

const EXPECTED_FILLED = [
  { indicatorId: DRUG, areaCode: 'LOC-NORFOLK', breakdownKey: '', value: 12, note: null },
  { indicatorId: DRUG, areaCode: 'E07000143', breakdownKey: '', value: 0, note: 'None recorded' },
  {
    indicatorId: DRUG,
    areaCode: 'E07000144',
    breakdownKey: '',
    value: null,
    note: 'Not collected for Broadland',
  },
  { indicatorId: OUT_OF_AREA, areaCode: 'LOC-NORFOLK', breakdownKey: '', value: 7, note: null },
  {
    indicatorId: OUT_OF_AREA,
    areaCode: 'LOC-NORFOLK',
    breakdownKey: 'direction=outbound',
    value: 4,
    note: null,
  },
  {
    indicatorId: OUT_OF_AREA,
    areaCode: 'LOC-NORFOLK',
    breakdownKey: 'direction=inbound',
    value: 3,
    note: null,
  },
];

describe('the XLSX template', () => {
  it('has a Guidance sheet, a sheet per indicator and a hidden sheet saying whose it is', async () => {
    const workbook = await load(template);
    const names = workbook.worksheets.map((s) => s.name);
    const indicators = templateIndicators(ctx, BUILT_IN_CATALOGUE);
    expect(names[0]).toBe('Guidance');
    expect(names.at(-1)).toBe(META_SHEET);
    expect(names).toHaveLength(indicators.length + 2);
    expect(names.every((n) => n.length <= 31)).toBe(true);
    const meta = sheetOf(workbook, META_SHEET);
    expect(meta.state).toBe('veryHidden');
    expect(meta.getRow(2).values).toEqual([undefined, 'organisation_id', 'norfolk-constabulary']);
    expect(meta.getRow(3).values).toEqual([undefined, 'period', '2026-Q1']);

    const guidance = sheetOf(workbook, 'Guidance');
    const text = guidance
      .getSheetValues()
      .flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    expect(text).toContain('Norfolk Constabulary (norfolk-constabulary)');
    expect(text).toContain('2026-Q1 (January to March 2026)');
    expect(text).toContain('30 April 2026');
    expect(text).toContain('0 means there were none');
    expect(text).toContain('No. of drug-related violent crimes');
    expect(text).toContain('direction (outbound, inbound)');
    expect(text).toContain('A whole number of 0 or more');
  });

  it('lays out an indicator sheet with its breakdown columns, locked except value and note', async () => {
    const sheet = sheetOf(await load(template), OUT_OF_AREA);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'indicator_id',
      'area_code',
      'area_name',
      'period_start',
      'period_end',
      'direction',
      'value',
      'note',
    ]);
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      OUT_OF_AREA,
      'LOC-NORFOLK',
      'Norfolk',
      '2026-01-01',
      '2026-03-31',
      'outbound',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // sheetProtection is not in exceljs's types, but it is what the reader loads from <sheetProtection>.
    expect((sheet as unknown as { sheetProtection: unknown }).sheetProtection).toMatchObject({ sheet: true });
    expect(sheet.getCell('A1').protection?.locked).not.toBe(false);
    expect(sheet.getCell('B2').protection?.locked).not.toBe(false);
    expect(sheet.getCell('G2').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('H2').protection).toMatchObject({ locked: false });
    expect(sheet.getCell('G2').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
  });

  it('validates a threat level against its list of codes', async () => {
    const ersou = testContext('ersou', '2026-Q1');
    const workbook = await buildXlsxTemplate(ersou, BUILT_IN_CATALOGUE);
    const sheet = sheetOf(workbook, 'ersou-threat-level-by-district');
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'indicator_id',
      'area_code',
      'area_name',
      'period_start',
      'period_end',
      'value',
      'note',
    ]);
    expect(sheet.getCell('F2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"high,medium,low"'],
    });
  });

  it('gives indicators with long ids short, unique sheet names', () => {
    const long = BUILT_IN_CATALOGUE.filter((i) => i.id.length > 31);
    expect(long.length).toBeGreaterThan(0);
    const clash = { ...(long[0] as (typeof long)[number]), id: `${long[0]?.id}-again` };
    const names = templateSheetNames([...BUILT_IN_CATALOGUE, clash]);
    const values = [...names.values()];
    expect(values.every((n) => n.length <= 31)).toBe(true);
    expect(new Set(values.map((n) => n.toLowerCase())).size).toBe(values.length);
    expect(names.get('ersou-import-export-areas-by-district')).toBe('ersou-import-export-areas-by-di');
    expect(names.get(clash.id)).toMatch(/~2$/);
  });

  it('reads back the same rows as templateRows, all blank and so skipped', async () => {
    const result = await checkFile(ctx, 'template.xlsx', template);
    expect(result.error).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.observations).toEqual([]);
    const read = result.rows.map((r) => ({
      indicatorId: r.indicator.text,
      areaCode: r.area.text,
      periodStart: r.periodStart.text,
      periodEnd: r.periodEnd.text,
      breakdown: Object.entries(r.breakdown)
        .filter(([, c]) => c.kind !== 'empty')
        .map(([dimension, c]) => ({ dimension, value: c.text }))[0],
    }));
    const expected = templateRows(ctx, BUILT_IN_CATALOGUE).map(({ areaName: _name, ...r }) => ({
      breakdown: undefined,
      ...r,
    }));
    expect(read).toEqual(expected);
    expect(result.rows[0]?.location).toEqual({ file: 'template.xlsx', sheet: DRUG, row: 2 });
    expect(result.rows[0]?.periodStart.kind).toBe('text');
  });

  it('reads values filled in, with notes, and values typed as text', async () => {
    const file = await edited('filled.xlsx', fillSome);
    const result = await checkFile(ctx, 'filled.xlsx', file, {
      expected: { organisationId: 'norfolk-constabulary', period: '2026-Q1' },
    });
    expect(result.problems).toEqual([]);
    expect(
      result.observations.map(({ indicatorId, areaCode, breakdownKey, value, note }) => ({
        indicatorId,
        areaCode,
        breakdownKey,
        value,
        note,
      })),
    ).toEqual(EXPECTED_FILLED);
  });

  it('reads a filled workbook after it is loaded and saved again with shared strings', async () => {
    const filled = await edited('filled-2.xlsx', fillSome);
    const workbook = await load(filled);
    const resaved = path.join(dir, 'resaved.xlsx');
    await workbook.xlsx.writeFile(resaved, { useSharedStrings: true } as ExcelJS.XlsxWriteOptions);
    const first = await checkFile(ctx, 'f.xlsx', filled);
    const second = await checkFile(ctx, 'f.xlsx', resaved);
    expect(second.problems).toEqual([]);
    expect(second.observations).toEqual(first.observations);
  });

  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
  it.skipIf(!soffice)(
    'reads a filled workbook re-saved by LibreOffice',
    async () => {
      const filled = await edited('lo-in.xlsx', fillSome);
      const out = path.join(dir, 'lo-out');
      execFileSync(
        soffice as string,
        [
          `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
          '--headless',
          '--convert-to',
          'xlsx',
          '--outdir',
          out,
          filled,
        ],
        { stdio: 'ignore', timeout: 110_000 },
      );
      const result = await checkFile(ctx, 'lo.xlsx', path.join(out, 'lo-in.xlsx'));
      expect(result.error).toBeUndefined();
      expect(result.problems).toEqual([]);
      expect(
        result.observations.map((o) => [o.indicatorId, o.areaCode, o.breakdownKey, o.value, o.note]),
      ).toEqual(EXPECTED_FILLED.map((o) => [o.indicatorId, o.areaCode, o.breakdownKey, o.value, o.note]));
    },
    120_000,
  );
});

describe('bad workbooks (DESIGN §9)', () => {
  it('an Excel date in a value cell', async () => {
    const file = await edited('dates.xlsx', (wb) => {
      const cell = valueCell(rowFor(sheetOf(wb, DRUG), 'LOC-NORFOLK'));
      cell.value = new Date(Date.UTC(1900, 0, 12));
      cell.numFmt = 'dd/mm/yyyy';
    });
    const result = await checkFile(ctx, 'dates.xlsx', file);
    expect(result.problems).toEqual([
      {
        file: 'dates.xlsx',
        sheet: DRUG,
        row: 2,
        column: 'F (value)',
        message:
          'This cell is formatted as a date, so it shows "1900-01-12". Format the cell as General or Number and type the value again, like 12',
      },
    ]);
  });

  it('an Excel date in a period cell is accepted', async () => {
    const file = await edited('period-date.xlsx', (wb) => {
      const row = rowFor(sheetOf(wb, DRUG), 'LOC-NORFOLK');
      row.getCell(4).value = new Date(Date.UTC(2026, 0, 1));
      row.getCell(4).numFmt = 'dd/mm/yyyy';
      valueCell(row).value = 5;
    });
    const result = await checkFile(ctx, 'period-date.xlsx', file);
    expect(result.rows[0]?.periodStart).toEqual({ kind: 'date', text: '2026-01-01' });
    expect(result.problems).toEqual([]);
    expect(result.observations[0]).toMatchObject({ periodStart: '2026-01-01', value: 5 });
  });

  it('formulas, shared formulas and error cells', async () => {
    const file = await edited('formulas.xlsx', (wb) => {
      const sheet = sheetOf(wb, OUT_OF_AREA);
      valueCell(rowFor(sheet, 'LOC-NORFOLK', 'outbound')).value = 4;
      valueCell(rowFor(sheet, 'LOC-NORFOLK', 'inbound')).value = 3;
      valueCell(rowFor(sheet, 'LOC-NORFOLK')).value = {
        formula: 'SUM(G3:G4)',
        result: 7,
      } as ExcelJS.CellFormulaValue;
      const drug = sheetOf(wb, DRUG);
      valueCell(rowFor(drug, 'E07000143')).value = {
        formula: 'B1*0',
        result: 0,
        shareType: 'shared',
        ref: 'F3:F4',
      } as ExcelJS.CellFormulaValue;
      valueCell(rowFor(drug, 'E07000144')).value = {
        sharedFormula: 'F3',
        result: 0,
      } as ExcelJS.CellSharedFormulaValue;
      valueCell(rowFor(drug, 'E07000145')).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    });
    const result = await checkFile(ctx, 'formulas.xlsx', file);
    expect(result.problems).toEqual([
      {
        file: 'formulas.xlsx',
        sheet: DRUG,
        row: 3,
        column: 'F (value)',
        message: 'Type the value instead of a formula (the cell has "=B1*0")',
      },
      expect.objectContaining({
        sheet: DRUG,
        row: 4,
        message: 'Type the value instead of a formula (the cell has "=B2*0")',
      }),
      expect.objectContaining({
        sheet: DRUG,
        row: 5,
        message:
          'The cell shows the error #N/A. Type the value instead, or leave it blank if the figure is not collected',
      }),
      expect.objectContaining({
        sheet: OUT_OF_AREA,
        row: 2,
        message: 'Type the value instead of a formula (the cell has "=SUM(G3:G4)")',
      }),
    ]);
  });

  it('merged cells', async () => {
    const file = await edited('merged.xlsx', (wb) => {
      const sheet = sheetOf(wb, DRUG);
      sheet.unprotect();
      sheet.mergeCells('G3:G4');
      sheet.getCell('G3').value = 'Both districts';
    });
    const { error, rows } = await readAll('merged.xlsx', file);
    expect(rows).toEqual([]);
    expect(error?.problems).toEqual([
      {
        file: 'merged.xlsx',
        sheet: DRUG,
        row: 3,
        column: 'G3:G4',
        message:
          'Cells G3:G4 are merged. Unmerge them (Home > Merge & Centre > Unmerge Cells) so each row has its own cells',
      },
    ]);
  });

  it('extra sheets: ignored without our headings, checked with some of them', async () => {
    const file = await edited('extra.xlsx', (wb) => {
      fillSome(wb);
      const pivot = wb.addWorksheet('My workings');
      pivot.addRow(['Area', 'Total']);
      pivot.addRow(['Norfolk', 12]);
      wb.addWorksheet('Empty');
    });
    const result = await checkFile(ctx, 'extra.xlsx', file);
    expect(result.error).toBeUndefined();
    expect(result.observations).toHaveLength(EXPECTED_FILLED.length);

    const half = await edited('half.xlsx', (wb) => {
      const copy = wb.addWorksheet('Copy');
      copy.addRow(['indicator_id', 'area', 'value']);
    });
    const { error } = await readAll('half.xlsx', half);
    expect(error?.problems).toEqual([
      {
        file: 'half.xlsx',
        sheet: 'Copy',
        row: 1,
        column: 'B (area)',
        message:
          'The heading "area" is not one of the return\'s columns. Remove the column, or correct the heading: the columns are indicator_id, area_code, period_start, period_end, a column for each breakdown named by its id (like sex), value and note',
      },
      {
        file: 'half.xlsx',
        sheet: 'Copy',
        row: 1,
        message:
          'The area_code, period_start and period_end columns are missing. The first row must have the headings indicator_id, area_code, period_start, period_end, value and note',
      },
    ]);
  });

  it('a cell to the right of the table', async () => {
    const file = await edited('stray.xlsx', (wb) => {
      const sheet = sheetOf(wb, DRUG);
      sheet.getCell('J5').value = 'checked by AB';
    });
    const { error } = await readAll('stray.xlsx', file);
    expect(error?.problems).toEqual([
      {
        file: 'stray.xlsx',
        sheet: DRUG,
        row: 5,
        column: 'J',
        message:
          'Column J has no heading, so this cell cannot be read. Move what it says into the note, or delete it',
      },
    ]);
  });

  it('a corrupt workbook', async () => {
    const bytes = fs.readFileSync(template);
    const file = path.join(dir, 'corrupt.xlsx');
    fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const { error } = await readAll('corrupt.xlsx', file);
    expect(error?.problems).toEqual([
      {
        file: 'corrupt.xlsx',
        message:
          'The workbook could not be opened: it may be damaged or not really an Excel file. Open it in Excel, save it as "Excel Workbook (.xlsx)" and upload it again',
      },
    ]);
  });

  it('a workbook renamed .csv is still read as a workbook', async () => {
    const file = path.join(dir, 'renamed.csv');
    fs.copyFileSync(template, file);
    const { error, rows } = await readAll('renamed.csv', file);
    expect(error).toBeUndefined();
    expect(rows.length).toBeGreaterThan(0);
  });

  it('another organisation’s or quarter’s template', async () => {
    const { error } = await readAll('template.xlsx', template, {
      expected: { organisationId: 'suffolk-constabulary', period: '2026-Q1' },
    });
    expect(error?.problems).toEqual([
      {
        file: 'template.xlsx',
        sheet: META_SHEET,
        message:
          'This workbook is the template for norfolk-constabulary, 2026-Q1, but this return is for suffolk-constabulary, 2026-Q1. Download the template for this return, copy your figures into it and upload that',
      },
    ]);
    const other = await readAll('template.xlsx', template, {
      expected: { organisationId: 'norfolk-constabulary', period: '2026-Q2' },
    });
    expect(other.error?.problems[0]?.message).toMatch(
      /^This workbook is the template for norfolk-constabulary, 2026-Q1/,
    );
  });

  it('a workbook with headings and no rows', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet('Return')
      .addRow(['indicator_id', 'area_code', 'period_start', 'period_end', 'value', 'note']);
    const file = path.join(dir, 'no-rows.xlsx');
    await workbook.xlsx.writeFile(file);
    const { error } = await readAll('no-rows.xlsx', file);
    expect(error?.problems).toEqual([
      {
        file: 'no-rows.xlsx',
        sheet: 'Return',
        row: 2,
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
  });

  it('a workbook with no sheet of ours', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['Something', 'Else']);
    const file = path.join(dir, 'foreign.xlsx');
    await workbook.xlsx.writeFile(file);
    const { error } = await readAll('foreign.xlsx', file);
    expect(error?.problems[0]?.message).toMatch(/^No sheet has the template's headings/);
  });

  it('rich text and numbers in text columns', async () => {
    const file = await edited('rich.xlsx', (wb) => {
      const row = rowFor(sheetOf(wb, DRUG), 'LOC-NORFOLK');
      valueCell(row).value = 3;
      noteCell(row).value = { richText: [{ text: 'Partly ', font: { bold: true } }, { text: 'estimated' }] };
    });
    const result = await checkFile(ctx, 'rich.xlsx', file);
    expect(result.observations[0]?.note).toBe('Partly estimated');
  });
});
