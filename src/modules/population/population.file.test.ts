// Reading ONS mid-year estimates: the layouts ONS publishes, and every bad file a user will produce,
// refused with file, row and column. Files are written at test time with synthetic numbers.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { DISTRICTS } from '../geography/geography.builtin.ts';
import { readPopulationFile } from './population.file.ts';
import {
  dropColumn,
  expectedChildren,
  longRows,
  makeTempDir,
  removeTempDirs,
  setCell,
  wideRows,
  writeCsv,
  writeXlsx,
} from './population.test-files.ts';

afterAll(removeTempDirs);

const dir = makeTempDir();
const read = (file: string, year?: string | number) =>
  readPopulationFile({ fileName: path.basename(file), filePath: file, year });

async function problemsOf(file: string, year?: string | number): Promise<Problem[]> {
  const error = await read(file, year).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).message).toBe('The population estimates were not imported.');
  return (error as ValidationError).problems;
}

const BASILDON = DISTRICTS.findIndex((d) => d.code === 'E07000066');
/** Wide rows: the header on line 1, three other areas, then the districts in the built-in order. */
const lineOf = (code: string) => 5 + DISTRICTS.findIndex((d) => d.code === code);

describe('reading ONS mid-year estimates', () => {
  it('reads the MYE2 persons CSV: children aged 0 to 17 of the 32 districts; other areas counted and ignored', async () => {
    const file = writeCsv(dir, 'mye2-persons.csv', wideRows());
    const data = await read(file, '2022');
    expect(data).toMatchObject({
      layout: 'wide',
      sheet: null,
      referenceYear: 2022,
      yearSource: 'option',
      rowsRead: 36,
      otherAreaRows: 4,
    });
    expect(data.children).toEqual(expectedChildren(2022));
    expect(data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(BASILDON).toBeGreaterThanOrEqual(0);
  });

  it('accepts snake_case headings, a byte-order mark, and takes the year from a file name like mid-2021', async () => {
    const rows = wideRows({ year: 2021, headers: 'snake' });
    const file = path.join(dir, 'ukpopestimatesmid2021.csv');
    fs.writeFileSync(file, '\uFEFF' + rows.map((r) => r.join(',')).join('\n'));
    const data = await read(file);
    expect(data).toMatchObject({ referenceYear: 2021, yearSource: 'file name' });
    expect(data.children).toEqual(expectedChildren(2021));
  });

  it('reads a CSV saved by Excel on a British PC (Windows-1252), semicolon-separated', async () => {
    const rows = wideRows().map((r, i) => (i === 2 ? [r[0]!, 'Région de l’Est', ...r.slice(2)] : r));
    const text = rows
      .map((r) => r.join(';'))
      .join('\r\n')
      .replace('’', "'");
    const file = path.join(dir, 'mye2-1252.csv');
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
    const data = await read(file, 2022);
    expect(data.children).toEqual(expectedChildren(2022));
  });

  it('reads the workbook: the persons sheet under its title rows, the year from the title', async () => {
    const file = await writeXlsx(dir, 'mye2.xlsx', wideRows());
    const data = await read(file);
    expect(data).toMatchObject({
      layout: 'wide',
      sheet: 'MYE2 - Persons',
      referenceYear: 2022,
      yearSource: 'title',
    });
    expect(data.children).toEqual(expectedChildren(2022));
  });

  it('reads the long layout summed over sex, the latest population column unless a year is given', async () => {
    const file = writeCsv(dir, 'myeb2.csv', longRows({ years: [2021, 2022] }));
    const latest = await read(file);
    expect(latest).toMatchObject({
      layout: 'long',
      referenceYear: 2022,
      yearSource: 'column',
      otherAreaRows: 182,
    });
    expect(latest.children).toEqual(expectedChildren(2022));
    const earlier = await read(file, 2021);
    expect(earlier).toMatchObject({ referenceYear: 2021, yearSource: 'option' });
    expect(earlier.children).toEqual(expectedChildren(2021));
  });

  it('refuses an empty file, a file with headings only and a damaged workbook', async () => {
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    expect((await problemsOf(path.join(dir, 'empty.csv'), 2022))[0]).toMatchObject({
      file: 'empty.csv',
      message: expect.stringMatching(/^The file is empty/),
    });
    const header = writeCsv(dir, 'header.csv', wideRows().slice(0, 1));
    expect(await problemsOf(header, 2022)).toEqual([
      expect.objectContaining({
        file: 'header.csv',
        row: 1,
        message: expect.stringMatching(/headings but no rows/),
      }),
    ]);
    const good = fs.readFileSync(await writeXlsx(dir, 'good.xlsx', wideRows()));
    fs.writeFileSync(
      path.join(dir, 'corrupt.xlsx'),
      Buffer.concat([good.subarray(0, 2000), Buffer.alloc(500, 7)]),
    );
    expect((await problemsOf(path.join(dir, 'corrupt.xlsx')))[0]!.message).toMatch(
      /could not be opened as an Excel workbook/,
    );
    fs.writeFileSync(path.join(dir, 'text.xlsx'), 'Code,Name\n');
    expect((await problemsOf(path.join(dir, 'text.xlsx')))[0]!.message).toMatch(/but the file is text/);
  });

  it('lists every bad cell with its row and column: text, negative, decimal and empty counts', async () => {
    let rows = setCell(wideRows(), 'E07000066', '5', 'abc');
    rows = setCell(rows, 'E07000067', '0', '-3');
    rows = setCell(rows, 'E06000031', '17', '12.5');
    rows = setCell(rows, 'E07000008', '2', '');
    const problems = await problemsOf(writeCsv(dir, 'bad-cells.csv', rows), 2022);
    expect(problems).toEqual([
      expect.objectContaining({
        row: lineOf('E06000031'),
        column: 'V (17)',
        message: expect.stringMatching(/^12\.5 is not a whole number/),
      }),
      expect.objectContaining({
        row: lineOf('E07000008'),
        column: 'G (2)',
        message: expect.stringMatching(/empty/),
      }),
      expect.objectContaining({
        file: 'bad-cells.csv',
        row: lineOf('E07000066'),
        column: 'J (5)',
        message: '"abc" is not a number. Enter the number of people in digits, like 1234',
      }),
      expect.objectContaining({
        row: lineOf('E07000067'),
        column: 'E (0)',
        message: expect.stringMatching(/negative/),
      }),
    ]);
  });

  it('refuses missing districts, duplicate codes and a missing age column', async () => {
    const rows = wideRows();
    const without = rows.filter((r) => r[0] !== 'E07000066' && r[0] !== 'E06000034');
    const missing = await problemsOf(writeCsv(dir, 'missing.csv', without), 2022);
    expect(missing.map((p) => p.message)).toEqual([
      expect.stringMatching(/^There is no row for Thurrock \(E06000034\)/),
      expect.stringMatching(
        /^There is no row for Basildon \(E07000066\)\. The file must have a row for each of the 32/,
      ),
    ]);
    const duplicate = await problemsOf(
      writeCsv(dir, 'duplicate.csv', [...rows, rows.find((r) => r[0] === 'E07000070')!]),
      2022,
    );
    expect(duplicate).toEqual([
      expect.objectContaining({
        row: 38,
        column: 'A (Code)',
        message: `Chelmsford (E07000070) is also on row ${lineOf('E07000070')}. Keep one row for each district`,
      }),
    ]);
    const noAge = await problemsOf(
      writeCsv(dir, 'no-age-7.csv', dropColumn(dropColumn(rows, '7'), '12')),
      2022,
    );
    expect(noAge).toEqual([
      expect.objectContaining({
        row: 1,
        message: expect.stringMatching(/^There is no column for age 7, 12\./),
      }),
    ]);
  });

  it('needs the year when the file does not say it, and refuses a year the file contradicts', async () => {
    const file = writeCsv(dir, 'mye2-persons.csv', wideRows());
    expect(await problemsOf(file)).toEqual([
      expect.objectContaining({ field: 'year', message: expect.stringMatching(/does not say which year/) }),
    ]);
    expect((await problemsOf(file, '22'))[0]).toMatchObject({
      field: 'year',
      message: expect.stringMatching(/four digits/),
    });
    const long = writeCsv(dir, 'long-2022.csv', longRows());
    expect((await problemsOf(long, 2020))[0]!.message).toMatch(
      /population column is population_2022, for mid-2022, but you gave the year 2020/,
    );
    const xlsx = await writeXlsx(dir, 'titled.xlsx', wideRows());
    expect((await problemsOf(xlsx, 2021))[0]!.message).toMatch(/title says mid-2022/);
  });

  it('refuses a long file with an age missing for a district, or a row twice', async () => {
    const rows = longRows();
    const gap = rows.filter((r) => !(r[0] === 'E07000008' && r[3] === '2' && (r[4] === '4' || r[4] === '5')));
    expect((await problemsOf(writeCsv(dir, 'gap.csv', gap))).map((p) => p.message)).toEqual([
      'There are no rows for Cambridge (E07000008), sex 2, aged 4, 5. Each district needs a row for every age from 0 to 17 and each sex',
    ]);
    const twice = [...rows, rows.find((r) => r[0] === 'E07000008' && r[4] === '3')!];
    expect((await problemsOf(writeCsv(dir, 'twice.csv', twice)))[0]!.message).toMatch(
      /^Cambridge \(E07000008\), sex 1, age 3 is also on row \d+/,
    );
  });

  it('explains Suffolk codes from before 2019, and a file of the wrong geography', async () => {
    const rows = wideRows().map((r) =>
      r[0] === 'E07000244' ? ['E07000205', 'Suffolk Coastal', ...r.slice(2)] : r,
    );
    const messages = (await problemsOf(writeCsv(dir, 'old.csv', rows), 2018)).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^There is no row for East Suffolk \(E07000244\)/),
      expect.stringMatching(/Suffolk Coastal \(E07000205\): Suffolk districts merged in April 2019/),
    ]);
    const counties = wideRows().filter((r, i) => i === 0 || !DISTRICTS.some((d) => d.code === r[0]));
    expect((await problemsOf(writeCsv(dir, 'counties.csv', counties), 2022)).map((p) => p.message)).toEqual([
      expect.stringMatching(/^None of the 32 Pathfinder districts is in the file/),
    ]);
    const nonsense = writeCsv(dir, 'nonsense.csv', [
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect((await problemsOf(nonsense, 2022))[0]!.message).toMatch(/has a column headed Code/);
  });
});
