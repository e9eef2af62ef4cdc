// The bad files of DESIGN.md §9 that are CSV or not spreadsheets at all; the workbook ones are in
// templates/xlsx-template.test.ts, where they are made from a real template.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { testContext } from '../../../../test/fixtures/returns/context.ts';
import {
  checkFile,
  fixture,
  readAll,
  removeTempDirs,
  tempDir,
} from '../../../../test/fixtures/returns/read-helpers.ts';
import { readReturnRows } from './read-return-rows.ts';

const ctx = testContext('norfolk-constabulary', '2026-Q1');

afterAll(removeTempDirs);
const HEADER = 'indicator_id,area_code,period_start,period_end,direction,sex,value,note\r\n';
const ROW = 'drug-related-violent-crimes,LOC-NORFOLK,2026-01-01,2026-03-31,,,12,';

function write(name: string, content: string | Buffer): string {
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, content);
  return file;
}

describe('readReturnRows: good CSV files', () => {
  it('reads and validates the good fixture', async () => {
    const result = await checkFile(ctx, 'good.csv', fixture('good-norfolk-2026-Q1.csv'));
    expect(result.error).toBeUndefined();
    expect(result.problems).toEqual([]);
    expect(result.observations).toHaveLength(9);
    expect(result.observations.map((o) => o.breakdownKey)).toContain('direction=outbound');
    expect(result.observations.at(-1)).toMatchObject({
      indicatorId: 'vehicle-stop-arrests',
      value: null,
      note: 'Not collected: the marker was introduced in April',
      location: { file: 'good.csv', row: 10 },
    });
  });

  it('gives every cell as text, blank cells as empty (blank breakdowns left out), with column labels', async () => {
    const { rows } = await readAll('good.csv', fixture('good-norfolk-2026-Q1.csv'));
    expect(rows[0]).toEqual({
      location: { file: 'good.csv', row: 2 },
      columns: {
        indicator: 'A (indicator_id)',
        area: 'B (area_code)',
        periodStart: 'C (period_start)',
        periodEnd: 'D (period_end)',
        direction: 'E (direction)',
        sex: 'F (sex)',
        value: 'G (value)',
        note: 'H (note)',
      },
      indicator: { kind: 'text', text: 'drug-related-violent-crimes' },
      area: { kind: 'text', text: 'LOC-NORFOLK' },
      periodStart: { kind: 'text', text: '2026-01-01' },
      periodEnd: { kind: 'text', text: '2026-03-31' },
      breakdown: {},
      value: { kind: 'text', text: '12' },
      note: { kind: 'empty', text: '' },
    });
  });

  it('reads Windows-1252', async () => {
    const result = await checkFile(ctx, 'cp1252.csv', fixture('windows-1252.csv'));
    expect(result.problems).toEqual([]);
    expect(result.observations[0]?.note).toBe('Includes the Café Quarter operation');
  });

  it('reads Windows-1252 whose first accented letter is far into the file', async () => {
    const rows = Array.from({ length: 3000 }, () => `${ROW}plain ASCII note\r\n`).join('');
    const file = write(
      'late.csv',
      Buffer.concat([Buffer.from(HEADER + rows), Buffer.from(`${ROW}Caf\xe9\r\n`, 'latin1')]),
    );
    const { rows: read, error } = await readAll('late.csv', file);
    expect(error).toBeUndefined();
    expect(read.at(-1)?.note).toEqual({ kind: 'text', text: 'Café' });
    expect(read.at(-1)?.location.row).toBe(3002);
  });

  it('refuses a file that switches from UTF-8 to another encoding, naming the line', async () => {
    const rows = Array.from({ length: 3000 }, () => `${ROW}naïve\r\n`).join('');
    const file = write(
      'mixed.csv',
      Buffer.concat([Buffer.from(HEADER + rows), Buffer.from(`${ROW}Caf\xe9\r\n`, 'latin1')]),
    );
    const { error } = await readAll('mixed.csv', file);
    expect(error?.problems).toEqual([
      {
        file: 'mixed.csv',
        row: 3002,
        message:
          'The file mixes two text encodings: it starts as UTF-8 but this row has characters saved another way. Open it in Excel, save it as "CSV UTF-8 (comma delimited)" and upload it again',
      },
    ]);
  });

  it('reads UTF-8 characters split across the chunks the file is read in', async () => {
    const file = write('long.csv', HEADER + `${ROW}naïve – café ✓\r\n`.repeat(8000));
    const { rows, error } = await readAll('long.csv', file);
    expect(error).toBeUndefined();
    expect(rows).toHaveLength(8000);
    expect(rows.every((r) => r.note.text === 'naïve – café ✓')).toBe(true);
  });

  it('reads the € and £ of Windows-1252, and refuses a short file that mixes encodings', async () => {
    const cp1252 = write(
      'money.csv',
      Buffer.concat([Buffer.from(HEADER), Buffer.from(`${ROW}\x80 and \xa3\r\n`, 'latin1')]),
    );
    expect((await readAll('money.csv', cp1252)).rows[0]?.note.text).toBe('€ and £');
    const mixed = write(
      'mixed-short.csv',
      Buffer.concat([Buffer.from(`${HEADER}${ROW}naïve\r\n`), Buffer.from(`${ROW}Caf\xe9\r\n`, 'latin1')]),
    );
    expect((await readAll('mixed-short.csv', mixed)).error?.problems[0]).toMatchObject({ row: 3 });
  });

  it('reads UTF-8 with a byte-order mark, headings in any case, and DD/MM/YYYY dates', async () => {
    const result = await checkFile(ctx, 'bom.csv', fixture('utf8-bom.csv'));
    expect(result.problems).toEqual([]);
    expect(result.observations[0]).toMatchObject({
      periodStart: '2026-01-01',
      note: 'Naïve count – see note',
    });
    expect(result.rows[0]?.columns.indicator).toBe('A (Indicator_ID)');
  });

  it('reads semicolon-delimited files', async () => {
    const result = await checkFile(ctx, 'semi.csv', fixture('semicolons.csv'));
    expect(result.problems).toEqual([]);
    expect(result.observations[0]?.note).toBe('Count, with a comma');
  });

  it('numbers rows by the line they start on, skipping blank lines', async () => {
    const file = write(
      'lines.csv',
      `${HEADER}\r\n${ROW}"two\r\nlines"\r\n\r\n${ROW.replace('LOC-NORFOLK', 'E07000143')}\r\n`,
    );
    const { rows } = await readAll('lines.csv', file);
    expect(rows.map((r) => r.location.row)).toEqual([3, 6]);
    expect(rows[0]?.note.text).toBe('two\r\nlines');
  });

  it('stops reading when the consumer stops, without reading the whole file', async () => {
    const file = write('many.csv', HEADER + `${ROW}\r\n`.repeat(50_000));
    let n = 0;
    for await (const _row of readReturnRows('many.csv', file)) if (++n === 3) break;
    expect(n).toBe(3);
  });
});

describe('readReturnRows: bad files (DESIGN §9)', () => {
  it('empty file', async () => {
    const { error } = await readAll('empty.csv', fixture('empty.csv'));
    expect(error?.problems).toEqual([
      { file: 'empty.csv', message: 'The file is empty. Fill in the template and upload it again' },
    ]);
  });

  it('blank lines only', async () => {
    const { error } = await readAll('blank.csv', write('blank.csv', '\uFEFF\r\n  \r\n'));
    expect(error?.problems[0]?.message).toBe('The file is empty. Fill in the template and upload it again');
  });

  it('header only', async () => {
    const { error } = await readAll('header-only.csv', fixture('header-only.csv'));
    expect(error?.problems).toEqual([
      {
        file: 'header-only.csv',
        row: 2,
        message: 'The file has no data rows. Fill in the template and upload it again',
      },
    ]);
  });

  it('a PDF renamed .csv', async () => {
    const { error } = await readAll('returns.csv', fixture('pdf-renamed.csv'));
    expect(error?.problems).toEqual([
      {
        file: 'returns.csv',
        message:
          'This is a PDF, not a spreadsheet. Upload the template as an Excel workbook (.xlsx) or a CSV file',
      },
    ]);
  });

  it('an Excel 97–2003 workbook', async () => {
    const file = write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    const { error } = await readAll('old.xls', file);
    expect(error?.problems[0]?.message).toMatch(/^This is an Excel 97–2003 workbook \(\.xls\)/);
  });

  it('text called .xlsx, UTF-16 text and other binary files', async () => {
    expect((await readAll('r.xlsx', write('r.xlsx', HEADER))).error?.problems[0]?.message).toMatch(
      /^The file name ends in \.xlsx but the file is text/,
    );
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(HEADER, 'utf16le')]);
    expect((await readAll('u.csv', write('u.csv', utf16))).error?.problems[0]?.message).toMatch(/UTF-16/);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect((await readAll('p.csv', write('p.csv', png))).error?.problems[0]?.message).toBe(
      'The file is not a CSV file or an Excel workbook. Upload the template as .xlsx or .csv',
    );
  });

  it('missing and unknown columns, listed together', async () => {
    const file = write(
      'cols.csv',
      'indicator,area_code,period_start,period_end,Value,checked_by\r\nx,y,z,w,1,me\r\n',
    );
    const { error, rows } = await readAll('cols.csv', file);
    expect(rows).toEqual([]);
    expect(error?.problems).toEqual([
      {
        file: 'cols.csv',
        row: 1,
        column: 'A (indicator)',
        message:
          'The heading "indicator" is not one of the return\'s columns. Remove the column, or correct the heading: the columns are indicator_id, area_code, period_start, period_end, a column for each breakdown named by its id (like sex), value and note',
      },
      expect.objectContaining({ column: 'F (checked_by)' }),
      {
        file: 'cols.csv',
        row: 1,
        message:
          'The indicator_id column is missing. The first row must have the headings indicator_id, area_code, period_start, period_end, value and note',
      },
    ]);
  });

  it('a repeated column', async () => {
    const file = write('twice.csv', 'indicator_id,area_code,period_start,period_end,value,value\r\n');
    const { error } = await readAll('twice.csv', file);
    expect(error?.problems[0]).toMatchObject({
      column: 'F (value)',
      message: 'There are two value columns (E and F). Remove one of them',
    });
  });

  it('a quote that is never closed', async () => {
    const file = write('quote.csv', `${HEADER}${ROW}ok\r\n${ROW}"never closed\r\n${ROW}\r\n`);
    const { error, rows } = await readAll('quote.csv', file);
    expect(rows).toHaveLength(1);
    expect(error?.problems).toEqual([
      {
        file: 'quote.csv',
        row: 3,
        message:
          'A double quote (") on this row opens a quoted value that is never closed. Remove the stray quote, or close it',
      },
    ]);
  });

  it('a row with more cells than the header', async () => {
    const file = write('extra.csv', `${HEADER}${ROW}Note, with a comma\r\n`);
    const result = await checkFile(ctx, 'extra.csv', file);
    expect(result.problems).toEqual([
      {
        file: 'extra.csv',
        row: 2,
        column: 'I',
        message:
          'Column I has "with a comma" but no heading. If a note contains a comma, put the whole note in double quotes; otherwise delete the cell',
      },
    ]);
  });

  it('a huge cell', async () => {
    const result = await checkFile(ctx, 'huge.csv', fixture('huge-cell.csv'));
    expect(result.problems).toEqual([
      {
        file: 'huge.csv',
        row: 2,
        column: 'H (note)',
        message: 'The note has 5,059 characters. Shorten it to 1,000 characters or fewer',
      },
      {
        file: 'huge.csv',
        row: 3,
        column: 'G (value)',
        message:
          'The value has 60 characters. Enter a single figure, like 12, and put any explanation in the note',
      },
    ]);
  });

  it('duplicate rows', async () => {
    const result = await checkFile(ctx, 'dup.csv', fixture('duplicate-rows.csv'));
    expect(result.problems).toEqual([
      {
        file: 'dup.csv',
        row: 4,
        message: 'This row repeats row 2 (same indicator, area, period and breakdown). Delete one of them',
      },
    ]);
  });

  it('unknown codes', async () => {
    const result = await checkFile(ctx, 'codes.csv', fixture('unknown-codes.csv'));
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [
        2,
        'A (indicator_id)',
        'There is no indicator with the id "drug-related-violent-crime". Use an id from the template, like active-cl-investigations',
      ],
      [
        3,
        'B (area_code)',
        'There is no area with the code "E07999999". Use a code from the template, like E07000143',
      ],
      [
        4,
        'B (area_code)',
        'E07000200 (Babergh) is outside the areas Norfolk Constabulary reports for; check the code or remove this row',
      ],
      [
        5,
        'E (direction)',
        '"sideways" is not a direction code. Enter outbound or inbound, or leave it blank for the total',
      ],
    ]);
  });

  it('negative counts', async () => {
    const result = await checkFile(ctx, 'neg.csv', fixture('negative-counts.csv'));
    expect(result.problems).toEqual([
      {
        file: 'neg.csv',
        row: 2,
        column: 'G (value)',
        message: '"-3" is less than 0. Enter a whole number of 0 or more, like 12',
      },
    ]);
  });

  it('text in number cells', async () => {
    const result = await checkFile(ctx, 'text.csv', fixture('text-in-numbers.csv'));
    expect(result.problems.map((p) => [p.row, p.message])).toEqual([
      [2, '"five" is not a number. Enter a whole number of 0 or more, like 12'],
      [
        3,
        'Leave the value blank if the figure is not collected, and say why in the note, instead of entering "n/a"',
      ],
      [4, '"2.5" is not a whole number. Enter a whole number of 0 or more, like 12'],
    ]);
    expect(result.observations.map((o) => o.value)).toEqual([1234, 12]);
  });
});
