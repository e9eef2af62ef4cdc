// Every bad file of DESIGN.md §9, submitted through the returns service to a real database: a refused
// file is refused with problems a person can act on (file, sheet, row, column) and leaves the database
// exactly as it was; the files people produce that are fine after all (a byte-order mark, Windows-1252,
// a workbook with their own extra sheets) are committed.
//
// Workbooks are made with exceljs from the real template (writeTemplate), and CSV files from the real
// CSV template, so they match whatever the template is today; the small committed fixtures in
// test/fixtures/returns/ are used as they are where they fit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/returns/read-helpers.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/test-db.ts';
import { ensureBuiltIns } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import { buildDeps, type Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import type { SubmissionReport } from './returns.service.ts';

const ORG = 'norfolk-constabulary';
const PERIOD = '2026-Q1';
const ctx = systemActor('test');
const DRUG = 'drug-related-violent-crimes';
const OUT_OF_AREA = 'out-of-area-arrests';
const TABLES = ['observation', 'submission', 'data_return', 'return_status_change', 'audit_event'] as const;
type Table = (typeof TABLES)[number];

/** What came back from submitFile: a report, or the file-level ValidationError it threw. */
type Outcome = { report: SubmissionReport } | { error: ValidationError };

function rejected(outcome: Outcome): Problem[] {
  if ('error' in outcome) throw new Error(`expected a report, got ${JSON.stringify(outcome.error.problems)}`);
  expect(outcome.report.outcome).toBe('rejected');
  expect(outcome.report.revision).toBeUndefined();
  expect(outcome.report.errorCount).toBe(outcome.report.errors.length);
  return outcome.report.errors;
}

function refused(outcome: Outcome): Problem[] {
  if ('report' in outcome) {
    throw new Error(`expected a ValidationError, got ${JSON.stringify(outcome.report.errors)}`);
  }
  return outcome.error.problems;
}

function accepted(outcome: Outcome): SubmissionReport {
  if ('error' in outcome) throw new Error(`refused: ${JSON.stringify(outcome.error.problems)}`);
  expect(outcome.report.errors).toEqual([]);
  expect(outcome.report.outcome).toBe('accepted');
  return outcome.report;
}

describe.each(databaseKinds)('bad return files, submitted to the database [%s]', (kind) => {
  let handle: TestDatabase;
  let deps: Deps;
  let dir: string;
  let xlsxTemplate: string;
  let csvTemplate: string;
  const clock = new Date('2026-04-20T10:00:00Z');

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-bad-files-'));
    const config = loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dir } as NodeJS.ProcessEnv);
    deps = buildDeps(config, handle, { now: () => clock });
    await ensureBuiltIns(deps);
    xlsxTemplate = path.join(dir, 'template.xlsx');
    csvTemplate = path.join(dir, 'template.csv');
    await deps.returns.writeTemplate({ organisationId: ORG, period: PERIOD, format: 'xlsx' }, xlsxTemplate);
    await deps.returns.writeTemplate({ organisationId: ORG, period: PERIOD, format: 'csv' }, csvTemplate);
  });

  afterAll(async () => {
    await handle?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // --- the database before and after ---------------------------------------------------------------

  /** Row counts of the tables a submission writes, the returns' own state, and the files kept. */
  async function snapshot() {
    const counts = {} as Record<Table, number>;
    for (const table of TABLES) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
        handle.db,
      );
      counts[table] = Number(rows[0]?.n);
    }
    const returns = await handle.db
      .selectFrom('data_return')
      .select(['id', 'status', 'status_reason', 'first_submitted_at', 'updated_at'])
      .orderBy('id')
      .execute();
    const stored = path.join(dir, 'submissions');
    const files = fs.existsSync(stored) ? fs.readdirSync(stored, { recursive: true }).map(String).sort() : [];
    return { counts, returns, files };
  }

  /** Submits a file and checks, when it is not accepted, that nothing at all changed. */
  async function submit(fileName: string, filePath: string): Promise<Outcome> {
    const before = await snapshot();
    let outcome: Outcome;
    try {
      outcome = {
        report: await deps.returns.submitFile(ctx, {
          organisationId: ORG,
          period: PERIOD,
          fileName,
          filePath,
        }),
      };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      outcome = { error };
    }
    if ('error' in outcome || outcome.report.outcome !== 'accepted') {
      expect(await snapshot()).toEqual(before);
    }
    return outcome;
  }

  // --- CSV files made from the CSV template ------------------------------------------------------

  interface Fill {
    indicator: string;
    area: string;
    /** "dimension=code" for a breakdown row; the total row when absent. */
    breakdown?: string;
    value?: string;
    note?: string;
  }

  /** The CSV template's lines, with the values and notes given filled in (CRLF, as Excel saves). */
  function filledCsvText(fills: readonly Fill[]): string {
    const [headerLine, ...lines] = fs.readFileSync(csvTemplate, 'utf8').trimEnd().split('\r\n');
    const header = headerLine!.split(',');
    const valueAt = header.indexOf('value');
    const noteAt = header.indexOf('note');
    const used = new Set<Fill>();
    const out = lines.map((line) => {
      const cells = line.split(',');
      const breakdown = header
        .map((h, i) => (i > 3 && i < valueAt && cells[i] ? `${h}=${cells[i]}` : ''))
        .find(Boolean);
      const fill = fills.find(
        (f) => f.indicator === cells[0] && f.area === cells[1] && f.breakdown === breakdown,
      );
      if (fill) {
        used.add(fill);
        if (fill.value !== undefined) cells[valueAt] = fill.value;
        if (fill.note !== undefined)
          cells[noteAt] = /[",\r\n]/.test(fill.note) ? `"${fill.note}"` : fill.note;
      }
      return cells.join(',');
    });
    const missing = fills.filter((f) => !used.has(f));
    if (missing.length) throw new Error(`no template row for ${JSON.stringify(missing)}`);
    return [headerLine, ...out].join('\r\n') + '\r\n';
  }

  function writeFile(name: string, content: string | Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, content);
    return file;
  }

  /** The line number (header = 1) of a template row, as a person sees it in a text editor or Excel. */
  function csvLine(text: string, indicator: string, area: string): number {
    const index = text.split('\r\n').findIndex((l) => l.startsWith(`${indicator},${area},`));
    if (index < 0) throw new Error(`no line for ${indicator} ${area}`);
    return index + 1;
  }

  // --- workbooks made from the XLSX template -------------------------------------------------------

  function sheetOf(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
    const sheet = workbook.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  /** The row of an indicator sheet for an area, the total or one breakdown code. */
  function rowFor(sheet: ExcelJS.Worksheet, area: string, breakdown?: string): ExcelJS.Row {
    const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const dimensionColumns = headers
      .map((h, i) => [h, i] as const)
      .filter(([h]) => isBreakdownHeader(h))
      .map(([, i]) => i);
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const codes = dimensionColumns.map((c) => row.getCell(c).value).filter((v) => v !== null);
      const match = breakdown === undefined ? codes.length === 0 : codes.includes(breakdown);
      if (row.getCell(2).value === area && match) return row;
    }
    throw new Error(`no row for ${area} ${breakdown ?? 'total'} in ${sheet.name}`);
  }

  /** A breakdown column: anything but the template's fixed headings. */
  function isBreakdownHeader(header: string): boolean {
    return ![
      '',
      'indicator_id',
      'area_code',
      'area_name',
      'period_start',
      'period_end',
      'value',
      'note',
    ].includes(header);
  }

  const valueCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount - 1);
  const noteCell = (row: ExcelJS.Row) => row.getCell(row.worksheet.getRow(1).cellCount);

  /** A copy of the template, edited as a person would and saved. */
  async function workbook(name: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsxTemplate);
    edit(wb);
    const file = path.join(dir, name);
    await wb.xlsx.writeFile(file);
    return file;
  }

  /** Three good figures: a total and its breakdown by direction. */
  function fillGood(wb: ExcelJS.Workbook): void {
    const out = sheetOf(wb, OUT_OF_AREA);
    valueCell(rowFor(out, 'LOC-NORFOLK')).value = 7;
    valueCell(rowFor(out, 'LOC-NORFOLK', 'outbound')).value = 4;
    valueCell(rowFor(out, 'LOC-NORFOLK', 'inbound')).value = 3;
  }

  // --- files that are refused ----------------------------------------------------------------------

  it('an empty file', async () => {
    expect(refused(await submit('empty.csv', fixture('empty.csv')))).toEqual([
      { file: 'empty.csv', message: 'The file is empty. Fill in the template and upload it again' },
    ]);
  });

  it('a header and no rows: the committed fixture, and the CSV template’s own header', async () => {
    expect(refused(await submit('header-only.csv', fixture('header-only.csv')))).toEqual([
      {
        file: 'header-only.csv',
        row: 2,
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
    const header = fs.readFileSync(csvTemplate, 'utf8').split('\r\n')[0];
    const file = writeFile('header.csv', `${header}\r\n`);
    expect(refused(await submit('header.csv', file))).toEqual([
      {
        file: 'header.csv',
        row: 2,
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
  });

  it('a template sent back untouched (every value blank), as CSV and as XLSX', async () => {
    const message = 'Every value is blank. Enter at least one figure, or 0 where there were none.';
    expect(refused(await submit('blank.csv', csvTemplate))).toEqual([{ file: 'blank.csv', message }]);
    expect(refused(await submit('blank.xlsx', xlsxTemplate))).toEqual([{ file: 'blank.xlsx', message }]);
  });

  it('a PDF renamed .csv', async () => {
    expect(refused(await submit('returns.csv', fixture('pdf-renamed.csv')))).toEqual([
      {
        file: 'returns.csv',
        message:
          'This is a PDF, not a spreadsheet. Upload the template as an Excel workbook (.xlsx) or a CSV file',
      },
    ]);
  });

  it('a corrupt XLSX (the template cut in half)', async () => {
    const bytes = fs.readFileSync(xlsxTemplate);
    const file = writeFile('corrupt.xlsx', bytes.subarray(0, Math.floor(bytes.length / 2)));
    expect(refused(await submit('corrupt.xlsx', file))).toEqual([
      {
        file: 'corrupt.xlsx',
        message:
          'The workbook could not be opened: it may be damaged or not really an Excel file. Open it in Excel, save it as "Excel Workbook (.xlsx)" and upload it again',
      },
    ]);
  });

  it('an Excel date in a value cell', async () => {
    const file = await workbook('dates.xlsx', (wb) => {
      fillGood(wb);
      const cell = valueCell(rowFor(sheetOf(wb, DRUG), 'E07000143'));
      cell.value = new Date(Date.UTC(1900, 0, 12));
      // exceljs shares one style object between cells loaded with the same style: copy it, so only this
      // cell is formatted as a date, as when a person formats one cell.
      cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' };
    });
    expect(rejected(await submit('dates.xlsx', file))).toEqual([
      {
        file: 'dates.xlsx',
        sheet: DRUG,
        row: 3,
        column: 'F (value)',
        message:
          'This cell is formatted as a date, so it shows "1900-01-12". Format the cell as General or Number and type the value again, like 12',
      },
    ]);
  });

  it('formulas in cells (with their results cached) and an error cell', async () => {
    const file = await workbook('formulas.xlsx', (wb) => {
      const out = sheetOf(wb, OUT_OF_AREA);
      valueCell(rowFor(out, 'LOC-NORFOLK', 'outbound')).value = 4;
      valueCell(rowFor(out, 'LOC-NORFOLK', 'inbound')).value = 3;
      valueCell(rowFor(out, 'LOC-NORFOLK')).value = { formula: 'SUM(G3:G4)', result: 7 };
      valueCell(rowFor(sheetOf(wb, DRUG), 'E07000145')).value = { error: '#N/A' } as ExcelJS.CellErrorValue;
    });
    const problems = rejected(await submit('formulas.xlsx', file));
    expect(problems).toEqual([
      {
        file: 'formulas.xlsx',
        sheet: DRUG,
        row: 5,
        column: 'F (value)',
        message:
          'The cell shows the error #N/A. Type the value instead, or leave it blank if the figure is not collected',
      },
      {
        file: 'formulas.xlsx',
        sheet: OUT_OF_AREA,
        row: 2,
        column: 'G (value)',
        message: 'Type the value instead of a formula (the cell has "=SUM(G3:G4)")',
      },
    ]);
  });

  it('merged cells', async () => {
    const file = await workbook('merged.xlsx', (wb) => {
      fillGood(wb);
      const sheet = sheetOf(wb, DRUG);
      sheet.unprotect();
      sheet.mergeCells('F3:F4');
      sheet.getCell('F3').value = 5;
    });
    expect(refused(await submit('merged.xlsx', file))).toEqual([
      {
        file: 'merged.xlsx',
        sheet: DRUG,
        row: 3,
        column: 'F3:F4',
        message:
          'Cells F3:F4 are merged. Unmerge them (Home > Merge & Centre > Unmerge Cells) so each row has its own cells',
      },
    ]);
  });

  it('a huge cell: the committed CSV, and Excel’s largest cell in a workbook note', async () => {
    expect(rejected(await submit('huge-cell.csv', fixture('huge-cell.csv')))).toEqual([
      {
        file: 'huge-cell.csv',
        row: 2,
        column: 'H (note)',
        message: 'The note has 5,059 characters. Shorten it to 1,000 characters or fewer',
      },
      {
        file: 'huge-cell.csv',
        row: 3,
        column: 'G (value)',
        message:
          'The value has 60 characters. Enter a single figure, like 12, and put any explanation in the note',
      },
    ]);
    const file = await workbook('huge.xlsx', (wb) => {
      fillGood(wb);
      const row = rowFor(sheetOf(wb, DRUG), 'LOC-NORFOLK');
      valueCell(row).value = 12;
      noteCell(row).value = 'x'.repeat(32_767);
    });
    expect(rejected(await submit('huge.xlsx', file))).toEqual([
      {
        file: 'huge.xlsx',
        sheet: DRUG,
        row: 2,
        column: 'G (note)',
        message: 'The note has 32,767 characters. Shorten it to 1,000 characters or fewer',
      },
    ]);
  });

  it('duplicate rows: the committed CSV, and a template row pasted twice', async () => {
    expect(rejected(await submit('duplicate-rows.csv', fixture('duplicate-rows.csv')))).toEqual([
      {
        file: 'duplicate-rows.csv',
        row: 4,
        message: expect.stringMatching(
          /^This row repeats row 2 \(same indicator, area, period and breakdown\)\. Delete one of them/,
        ),
      },
    ]);
    const text = filledCsvText([
      { indicator: DRUG, area: 'LOC-NORFOLK', value: '12' },
      { indicator: DRUG, area: 'E07000143', value: '3' },
    ]);
    const repeated = text.split('\r\n')[csvLine(text, DRUG, 'E07000143') - 1]!.replace(',3,', ',4,');
    const file = writeFile('pasted-twice.csv', `${text}${repeated}\r\n`);
    const rows = text.trimEnd().split('\r\n').length;
    const problems = rejected(await submit('pasted-twice.csv', file));
    expect(problems).toEqual([
      {
        file: 'pasted-twice.csv',
        row: rows + 1,
        message: expect.stringContaining(`This row repeats row ${csvLine(text, DRUG, 'E07000143')}`),
      },
    ]);
  });

  it('unknown codes', async () => {
    const problems = rejected(await submit('unknown-codes.csv', fixture('unknown-codes.csv')));
    expect(problems.map((p) => [p.file, p.row, p.column, p.message])).toEqual([
      [
        'unknown-codes.csv',
        2,
        'A (indicator_id)',
        'There is no indicator with the id "drug-related-violent-crime". Use an id from the template, like active-cl-investigations',
      ],
      [
        'unknown-codes.csv',
        3,
        'B (area_code)',
        'There is no area with the code "E07999999". Use a code from the template, like E07000143',
      ],
      [
        'unknown-codes.csv',
        4,
        'B (area_code)',
        'E07000200 (Babergh) is outside the areas Norfolk Constabulary reports for; check the code or remove this row',
      ],
      [
        'unknown-codes.csv',
        5,
        'E (direction)',
        '"sideways" is not a direction code. Enter outbound or inbound, or leave it blank for the total',
      ],
    ]);
  });

  it('negative counts: the committed CSV, the CSV template and a workbook', async () => {
    expect(rejected(await submit('negative-counts.csv', fixture('negative-counts.csv')))).toEqual([
      {
        file: 'negative-counts.csv',
        row: 2,
        column: 'G (value)',
        message: '"-3" is less than 0. Enter a whole number of 0 or more, like 12',
      },
    ]);

    const text = filledCsvText([
      { indicator: DRUG, area: 'LOC-NORFOLK', value: '12' },
      { indicator: DRUG, area: 'E07000144', value: '-1' },
    ]);
    const header = text.split('\r\n')[0]!.split(',');
    const valueColumn = `${String.fromCharCode(65 + header.indexOf('value'))} (value)`;
    expect(rejected(await submit('negative.csv', writeFile('negative.csv', text)))).toEqual([
      {
        file: 'negative.csv',
        row: csvLine(text, DRUG, 'E07000144'),
        column: valueColumn,
        message: '"-1" is less than 0. Enter a whole number of 0 or more, like 12',
      },
    ]);

    const file = await workbook('negative.xlsx', (wb) => {
      fillGood(wb);
      valueCell(rowFor(sheetOf(wb, OUT_OF_AREA), 'LOC-NORFOLK', 'inbound')).value = -3;
    });
    expect(rejected(await submit('negative.xlsx', file))).toEqual([
      {
        file: 'negative.xlsx',
        sheet: OUT_OF_AREA,
        row: 4,
        column: 'G (value)',
        message: '"-3" is less than 0. Enter a whole number of 0 or more, like 12',
      },
    ]);
  });

  it('text in number cells: the committed CSV and a workbook', async () => {
    // The fixture's "1,234" and " 12 " are good figures, but the file as a whole is refused.
    const problems = rejected(await submit('text-in-numbers.csv', fixture('text-in-numbers.csv')));
    expect(problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'G (value)', '"five" is not a number. Enter a whole number of 0 or more, like 12'],
      [
        3,
        'G (value)',
        'Leave the value blank if the figure is not collected, and say why in the note, instead of entering "n/a"',
      ],
      [4, 'G (value)', '"2.5" is not a whole number. Enter a whole number of 0 or more, like 12'],
    ]);
    expect(problems.every((p) => p.file === 'text-in-numbers.csv')).toBe(true);

    const file = await workbook('text.xlsx', (wb) => {
      fillGood(wb);
      valueCell(rowFor(sheetOf(wb, DRUG), 'LOC-NORFOLK')).value = 'twelve';
      valueCell(rowFor(sheetOf(wb, DRUG), 'E07000143')).value = '<5';
    });
    const inWorkbook = rejected(await submit('text.xlsx', file));
    expect(inWorkbook.map((p) => [p.sheet, p.row, p.column])).toEqual([
      [DRUG, 2, 'F (value)'],
      [DRUG, 3, 'F (value)'],
    ]);
    expect(inWorkbook[0]?.message).toBe(
      '"twelve" is not a number. Enter a whole number of 0 or more, like 12',
    );
  });

  // --- files that are fine after all -------------------------------------------------------------

  /** The figures a submission committed, read back from the observation table. */
  async function committed(revision: number) {
    const ret = (await deps.returns.findReturn(ORG, PERIOD))!;
    const submission = (await deps.returns.submissions(ret.id)).find((s) => s.revision === revision)!;
    const rows = await handle.db
      .selectFrom('observation')
      .select(['indicator_id', 'area_code', 'breakdown_key', 'value', 'note'])
      .where('submission_id', '=', submission.id)
      .orderBy('sheet')
      .orderBy('row_no')
      .execute();
    // The file itself is kept, as uploaded.
    expect(fs.existsSync(path.join(dir, 'submissions', submission.stored_path!))).toBe(true);
    return { ret, submission, rows };
  }

  async function expectCommitted(outcome: Outcome, before: Awaited<ReturnType<typeof snapshot>>) {
    const report = accepted(outcome);
    const after = await snapshot();
    const firstSubmission = before.counts.data_return === 0;
    expect(after.counts).toEqual({
      observation: before.counts.observation + report.rowCount,
      submission: before.counts.submission + 1,
      data_return: before.counts.data_return + (firstSubmission ? 1 : 0),
      return_status_change: before.counts.return_status_change + 1,
      audit_event: before.counts.audit_event + 1,
    });
    return report;
  }

  it('UTF-8 with a byte-order mark is accepted: the committed CSV and the CSV template', async () => {
    let before = await snapshot();
    const report = await expectCommitted(await submit('utf8-bom.csv', fixture('utf8-bom.csv')), before);
    expect(report.revision).toBe(1);
    expect((await committed(1)).rows).toEqual([
      {
        indicator_id: DRUG,
        area_code: 'LOC-NORFOLK',
        breakdown_key: '',
        value: 12,
        note: 'Naïve count – see note',
      },
    ]);
    expect((await deps.returns.findReturn(ORG, PERIOD))?.status).toBe('submitted');

    before = await snapshot();
    const text = filledCsvText([{ indicator: DRUG, area: 'E07000146', value: '2', note: 'Größe – “ok”' }]);
    const file = writeFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    expect((await expectCommitted(await submit('bom.csv', file), before)).revision).toBe(2);
    expect((await committed(2)).rows).toEqual([
      { indicator_id: DRUG, area_code: 'E07000146', breakdown_key: '', value: 2, note: 'Größe – “ok”' },
    ]);
  });

  it('Windows-1252 is accepted: the committed CSV and the CSV template saved as "CSV (comma delimited)"', async () => {
    let before = await snapshot();
    const report = await expectCommitted(
      await submit('windows-1252.csv', fixture('windows-1252.csv')),
      before,
    );
    expect((await committed(report.revision!)).rows).toEqual([
      {
        indicator_id: DRUG,
        area_code: 'LOC-NORFOLK',
        breakdown_key: '',
        value: 12,
        note: 'Includes the Café Quarter operation',
      },
    ]);

    before = await snapshot();
    const text = filledCsvText([
      { indicator: DRUG, area: 'E07000145', value: '1', note: 'Café raid – £200 seized' },
    ]);
    // The characters Windows-1252 and Latin-1 share, plus the en dash (0x96) that only Windows-1252 has.
    const bytes = Buffer.from(text.replace('–', '\u0096'), 'latin1');
    expect(bytes.includes(0xe9) && bytes.includes(0xa3) && bytes.includes(0x96)).toBe(true);
    const second = await expectCommitted(await submit('cp1252.csv', writeFile('cp1252.csv', bytes)), before);
    expect((await committed(second.revision!)).rows).toEqual([
      {
        indicator_id: DRUG,
        area_code: 'E07000145',
        breakdown_key: '',
        value: 1,
        note: 'Café raid – £200 seized',
      },
    ]);
  });

  it('a workbook with extra sheets (someone’s workings, an empty sheet) is accepted, the extras ignored', async () => {
    const before = await snapshot();
    const file = await workbook('extra-sheets.xlsx', (wb) => {
      fillGood(wb);
      const workings = wb.addWorksheet('My workings');
      workings.addRow(['Area', 'Total', 'Checked by']);
      workings.addRow(['Norfolk', 7, 'AB']);
      wb.addWorksheet('Sheet2');
    });
    const report = await expectCommitted(await submit('extra-sheets.xlsx', file), before);
    expect(report.rowCount).toBe(3);
    expect((await committed(report.revision!)).rows).toEqual([
      { indicator_id: OUT_OF_AREA, area_code: 'LOC-NORFOLK', breakdown_key: '', value: 7, note: null },
      {
        indicator_id: OUT_OF_AREA,
        area_code: 'LOC-NORFOLK',
        breakdown_key: 'direction=outbound',
        value: 4,
        note: null,
      },
      {
        indicator_id: OUT_OF_AREA,
        area_code: 'LOC-NORFOLK',
        breakdown_key: 'direction=inbound',
        value: 3,
        note: null,
      },
    ]);
  });

  it('a bad file sent after good ones leaves the submitted return exactly as it was', async () => {
    const ret = await deps.returns.findReturn(ORG, PERIOD);
    expect(ret?.status).toBe('submitted');
    // submit() compares the whole snapshot (counts, the return's status and times, stored files).
    rejected(await submit('negative-counts.csv', fixture('negative-counts.csv')));
    refused(await submit('returns.csv', fixture('pdf-renamed.csv')));
    const merged = await workbook('merged-again.xlsx', (wb) => {
      const sheet = sheetOf(wb, DRUG);
      sheet.unprotect();
      sheet.mergeCells('A2:B2');
    });
    expect(refused(await submit('merged-again.xlsx', merged))[0]).toMatchObject({ column: 'A2:B2' });
    expect(await deps.returns.findReturn(ORG, PERIOD)).toEqual(ret);
  });
});
