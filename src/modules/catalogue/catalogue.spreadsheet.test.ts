import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  alteredWorkbook,
  builtInCsv,
  builtInWorkbook,
  encodeWindows1252,
  rowOf,
  sheet,
} from '../../../test/support/catalogue-files.ts';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { BUILT_IN_CATALOGUE } from './catalogue.builtin.ts';
import { SPREADSHEET_COLUMNS } from './catalogue.model.ts';
import { CSV_HEADERS, MACHINE_SHEET_HEADERS } from './catalogue.sheet-layout.ts';
import {
  FILE_PROBLEMS,
  UTF8_BOM,
  readCatalogueFile,
  toCatalogueJson,
  writeCatalogueCsv,
  writeCatalogueXlsx,
} from './catalogue.spreadsheet.ts';

const builtIn = [...BUILT_IN_CATALOGUE];
const HEADINGS_A_TO_H =
  'The headings must be, from column A: Category, Indicator, Granularity, Source, Data type, Purpose, Caveats, Combinations.';
const CATEGORY_LIST =
  'Arrests/detentions, Education, Familial context, Housing/accommodation, Missing episodes, Young people known to services, Police operations, Referrals, Substance misuse, Healthcare';

async function problemsOf(file: string, bytes: Buffer): Promise<Problem[]> {
  const error = await readCatalogueFile(file, bytes).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).message).toBe(FILE_PROBLEMS);
  return (error as ValidationError).problems;
}

async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  return wb;
}

describe('catalogue export', () => {
  it('writes the Dataset, Machine fields and About sheets', async () => {
    const wb = await loadWorkbook(await writeCatalogueXlsx(BUILT_IN_CATALOGUE, 7));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Dataset', 'Machine fields', 'About']);
    expect(wb.creator).toBe('clmd');

    const dataset = sheet(wb, 'Dataset');
    expect(dataset.getRow(1).values).toEqual([
      undefined,
      'Category',
      'Indicator',
      'Granularity',
      'Source',
      'Data type',
      'Purpose',
      'Caveats',
      'Combinations',
    ]);
    expect(dataset.getRow(1).font?.bold).toBe(true);
    expect(dataset.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(dataset.getCell('C2').alignment?.wrapText).toBe(true);
    expect(dataset.getColumn(2).width).toBeGreaterThanOrEqual(30);
    expect(dataset.actualRowCount).toBe(BUILT_IN_CATALOGUE.length + 1);
    BUILT_IN_CATALOGUE.forEach((indicator, i) => {
      SPREADSHEET_COLUMNS.forEach((c, col) => {
        const value = dataset.getCell(rowOf(i), col + 1).value;
        expect(value ?? '').toBe(indicator[c.key]);
      });
    });

    const machine = sheet(wb, 'Machine fields');
    expect((machine.getRow(1).values as unknown[]).slice(1)).toEqual(MACHINE_SHEET_HEADERS);
    expect(machine.getCell('A2').value).toBe(BUILT_IN_CATALOGUE[0]!.name);
    expect(machine.getCell('B2').value).toBe(BUILT_IN_CATALOGUE[0]!.id);
    expect(machine.getCell('E2').value).toBe(1); // provenance row, a number
    expect(machine.getCell('J2').dataValidation).toMatchObject({ type: 'list' });

    const about = sheet(wb, 'About');
    const text = about
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .join(' ');
    expect(text).toContain('Catalogue version 7');
    expect(text).toContain('Exported');
    expect(text).toContain('rolling-12-months');
    expect(text).toContain('clmd catalogue import');
  });

  it('writes one flat CSV table: columns A–H, then the machine fields', () => {
    const csv = writeCatalogueCsv(BUILT_IN_CATALOGUE);
    expect(csv.split('\r\n')[0]).toBe(CSV_HEADERS.join(','));
    expect(CSV_HEADERS.slice(0, 8)).toEqual(SPREADSHEET_COLUMNS.map((c) => c.header));
    expect(CSV_HEADERS.slice(8)).toEqual(MACHINE_SHEET_HEADERS.slice(1));
  });

  it('writes JSON with the version and the indicators', () => {
    const json = toCatalogueJson(BUILT_IN_CATALOGUE, 3);
    expect(json.catalogueVersion).toBe(3);
    expect(new Date(json.exportedAt).getTime()).not.toBeNaN();
    expect(json.indicators).toEqual(builtIn);
  });
});

describe('catalogue round trip', () => {
  it('reads back exactly what it wrote, as XLSX', async () => {
    expect(
      await readCatalogueFile('catalogue.xlsx', await writeCatalogueXlsx(BUILT_IN_CATALOGUE)),
    ).toStrictEqual(builtIn);
  });

  it('reads back exactly what it wrote, as CSV', async () => {
    expect(
      await readCatalogueFile('catalogue.csv', Buffer.from(writeCatalogueCsv(BUILT_IN_CATALOGUE))),
    ).toStrictEqual(builtIn);
  });

  it('reads back exactly what it wrote, as JSON', async () => {
    const bytes = Buffer.from(JSON.stringify(toCatalogueJson(BUILT_IN_CATALOGUE, 1), null, 2));
    expect(await readCatalogueFile('catalogue.json', bytes)).toStrictEqual(builtIn);
  });

  it('reads CSV saved as UTF-8 with a byte-order mark', async () => {
    expect(await readCatalogueFile('catalogue.csv', Buffer.from(UTF8_BOM + builtInCsv()))).toStrictEqual(
      builtIn,
    );
  });

  it('reads CSV saved as Windows-1252, keeping £, é and the en dash', async () => {
    const caveats = 'Costs £5 a café visit – roughly';
    const edited = [{ ...builtIn[0]!, caveats }, ...builtIn.slice(1)];
    const bytes = encodeWindows1252(writeCatalogueCsv(edited));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const read = await readCatalogueFile('catalogue.csv', bytes);
    expect(read[0]!.caveats).toBe(caveats);
    expect(read).toStrictEqual(edited);
  });

  it('reads semicolon-separated CSV, as Excel saves it in many European locales', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const { parse } = await import('csv-parse/sync');
    const rows = parse(builtInCsv()) as string[][];
    expect(
      await readCatalogueFile('catalogue.csv', Buffer.from(stringify(rows, { delimiter: ';' }))),
    ).toStrictEqual(builtIn);
  });

  it('accepts what Excel and LibreOffice write: rich text, hyperlinks, numbers, formula results, spaces, other sheets', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const dataset = sheet(wb, 'Dataset');
      const machine = sheet(wb, 'Machine fields');
      const first = BUILT_IN_CATALOGUE[0]!;
      const [head, tail] = [first.granularity.slice(0, 10), first.granularity.slice(10)];
      dataset.getCell('C2').value = { richText: [{ text: head, font: { bold: true } }, { text: tail }] };
      dataset.getCell('D2').value = { text: first.source, hyperlink: 'https://www.police.uk/' };
      dataset.getCell('E2').value = `  ${first.dataType}\t `;
      dataset.getCell('F2').value = { formula: 'TRIM("x")', result: first.purpose };
      machine.getCell('I2').value = 7; // Unit: a number where text is expected
      machine.getCell('E2').value = '1'; // Provenance row typed as text
      machine.getCell('J2').value = 'Quarter'; // a label rather than the code, in another case
      machine.getCell('P2').value = 'Police'; // supplier, capitalised
      const notes = wb.addWorksheet('Notes');
      notes.addRow(['Anything at all', '=SUM(1,2)']);
      notes.mergeCells('A3:C4');
      // Rows that look empty at the end: spaces only, and an empty string.
      dataset.getCell('A60').value = '   ';
      dataset.getCell('B61').value = '';
      machine.getCell('A70').value = ' ';
    });
    const read = await readCatalogueFile('edited.xlsx', bytes);
    expect(read).toStrictEqual([{ ...builtIn[0]!, unit: '7' }, ...builtIn.slice(1)]);
  });

  it('reads a CSV export that was opened and saved as a workbook (one flat sheet)', async () => {
    const { parse } = await import('csv-parse/sync');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('clmd-catalogue-v1').addRows(parse(builtInCsv()) as string[][]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await readCatalogueFile('clmd-catalogue-v1.xlsx', bytes)).toStrictEqual(builtIn);
  });

  it('takes a Date typed into a text cell as the date', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const cell = sheet(wb, 'Dataset').getCell('E3');
      cell.value = new Date(Date.UTC(2024, 0, 31));
      // A new style object: cells of a loaded workbook share theirs, and numFmt would change them all.
      cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' };
    });
    expect((await readCatalogueFile('dates.xlsx', bytes))[1]!.dataType).toBe('2024-01-31');
  });

  it('accepts an empty Caveats cell and reads a new indicator added on both sheets', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const dataset = sheet(wb, 'Dataset');
      const machine = sheet(wb, 'Machine fields');
      dataset.getCell('G2').value = null;
      const last = BUILT_IN_CATALOGUE.length + 2;
      dataset.getRow(last).values = [
        'Education',
        'No. of YP excluded twice',
        'Per term',
        'Schools',
        'Number',
        'Trend',
        '',
        '',
      ];
      const template = machine.getRow(2).values as unknown[];
      // A dense array is placed from column A.
      machine.getRow(last).values = [
        'No. of YP excluded twice',
        'yp-excluded-twice',
        ...template.slice(3),
      ] as ExcelJS.CellValue[];
    });
    const read = await readCatalogueFile('added.xlsx', bytes);
    expect(read).toHaveLength(BUILT_IN_CATALOGUE.length + 1);
    expect(read[0]!.caveats).toBe('');
    expect(read.at(-1)).toMatchObject({
      id: 'yp-excluded-twice',
      name: 'No. of YP excluded twice',
      category: 'Education',
    });
  });
});

describe('catalogue files with problems', () => {
  const dataset = (row: number, column: string, message: string): Problem => ({
    file: 'bad.xlsx',
    sheet: 'Dataset',
    row,
    column,
    message,
  });
  const machine = (row: number, column: string, message: string): Problem => ({
    file: 'bad.xlsx',
    sheet: 'Machine fields',
    row,
    column,
    message,
  });

  it('reports a missing column by the heading expected there', async () => {
    const bytes = await alteredWorkbook((wb) => sheet(wb, 'Dataset').spliceColumns(3, 1));
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        1,
        'C (Granularity)',
        `There is no "Granularity" column. Put it back as column C, after "Indicator". ${HEADINGS_A_TO_H}`,
      ),
    ]);
  });

  it('reports a misnamed heading', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Dataset').getCell('G1').value = 'Caveat';
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        1,
        'G (Caveats)',
        `Column G must be headed "Caveats", not "Caveat". Change the heading back to "Caveats". ${HEADINGS_A_TO_H}`,
      ),
    ]);
  });

  it('reports columns that are not part of the catalogue', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const ws = sheet(wb, 'Dataset');
      ws.getCell('I1').value = 'Notes';
      ws.getCell('J7').value = 'stray';
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        1,
        'I (Notes)',
        `Column I is headed "Notes", which is not a catalogue column. Delete the column: its contents would not be saved. ${HEADINGS_A_TO_H}`,
      ),
      dataset(
        7,
        'J',
        'Column J has values but no heading, and is not a catalogue column. Delete the column: its contents would not be saved.',
      ),
    ]);
  });

  it('reports a duplicated indicator and a duplicated id', async () => {
    const last = BUILT_IN_CATALOGUE.length + 2;
    const bytes = await alteredWorkbook((wb) => {
      const d = sheet(wb, 'Dataset');
      const m = sheet(wb, 'Machine fields');
      d.getRow(last).values = d.getRow(2).values as ExcelJS.CellValue[];
      m.getRow(last).values = m.getRow(2).values as ExcelJS.CellValue[];
      m.getCell('B5').value = BUILT_IN_CATALOGUE[1]!.id;
    });
    const name = BUILT_IN_CATALOGUE[0]!.name;
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        last,
        'B (Indicator)',
        `"${name}" is also in row 2. Each indicator must appear once: delete one of the rows, or change its text.`,
      ),
      machine(
        5,
        'B (Id)',
        `Id "${BUILT_IN_CATALOGUE[1]!.id}" is also used in row 3. Give each indicator its own id.`,
      ),
      machine(
        last,
        'A (Indicator)',
        `"${name}" is also in row 2. Each indicator must appear once: delete one of the rows, or change its text.`,
      ),
      machine(
        last,
        'B (Id)',
        `Id "${BUILT_IN_CATALOGUE[0]!.id}" is also used in row 2. Give each indicator its own id.`,
      ),
    ]);
  });

  it('reports an unknown category with the allowed ones', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Dataset').getCell('A5').value = 'Gangs';
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(5, 'A (Category)', `"Gangs" is not a catalogue category. Use one of: ${CATEGORY_LIST}.`),
    ]);
  });

  it('reports empty required cells, every one', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const ws = sheet(wb, 'Dataset');
      ws.getCell('C6').value = null;
      ws.getCell('F6').value = '   ';
      ws.getCell('A9').value = null;
      ws.getCell('G9').value = null; // Caveats may be empty
      ws.getCell('H9').value = null; // and so may Combinations
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        6,
        'C (Granularity)',
        'Enter the granularity. Only Caveats and Combinations may be left empty.',
      ),
      dataset(6, 'F (Purpose)', 'Enter the purpose. Only Caveats and Combinations may be left empty.'),
      dataset(9, 'A (Category)', `Enter the category. Use one of: ${CATEGORY_LIST}.`),
    ]);
  });

  it('reports a missing Machine fields sheet', async () => {
    const bytes = await alteredWorkbook((wb) => wb.removeWorksheet(sheet(wb, 'Machine fields').id));
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      {
        file: 'bad.xlsx',
        sheet: 'Machine fields',
        message:
          'The workbook has no sheet called "Machine fields" (its sheets are "Dataset", "About"). That sheet holds each indicator\'s id and the other fields the platform needs. Export the catalogue again, copy your changes into the new file and import that.',
      },
    ]);
  });

  it('reports a missing Dataset sheet', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Dataset').name = 'Indicators';
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      {
        file: 'bad.xlsx',
        sheet: 'Dataset',
        message:
          'The workbook has no sheet called "Dataset" (its sheets are "Indicators", "Machine fields", "About"). The indicators must be on a sheet called "Dataset", with the headings Category, Indicator, Granularity, Source, Data type, Purpose, Caveats, Combinations in row 1.',
      },
    ]);
  });

  it('reports rows that do not match between the two sheets', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const m = sheet(wb, 'Machine fields');
      m.spliceRows(rowOf(3), 1); // indicator 4 loses its machine row
      m.getCell(`A${rowOf(5)}`).value = 'Something else'; // now indicator 7's row, renamed on one sheet only
    });
    const fourth = BUILT_IN_CATALOGUE[3]!.name;
    const seventh = BUILT_IN_CATALOGUE[6]!.name;
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        rowOf(3),
        'B (Indicator)',
        `There is no row for this indicator on the Machine fields sheet. Add one with "${fourth}" in column A (Indicator), exactly as it is here.`,
      ),
      dataset(
        rowOf(6),
        'B (Indicator)',
        `There is no row for this indicator on the Machine fields sheet. Add one with "${seventh}" in column A (Indicator), exactly as it is here.`,
      ),
      machine(
        rowOf(5),
        'A (Indicator)',
        '"Something else" is not an indicator on the Dataset sheet. Make this text match column B (Indicator) of the Dataset sheet exactly, or delete this row.',
      ),
    ]);
  });

  it('reports invalid machine values where they are', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const m = sheet(wb, 'Machine fields');
      m.getCell('J10').value = 'fortnight';
      m.getCell('K11').value = 'district; county; ward; country';
      m.getCell('L12').value = 'sex; shoe-size';
      m.getCell('E13').value = 'five';
      m.getCell('B14').value = 'Not An Id';
      m.getCell('P15').value = '';
      m.getCell('I16').value = null;
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      machine(
        10,
        'J (Period kind)',
        '"fortnight" is not an allowed period kind. Use one of: month, quarter, year, rolling-12-months, rolling-5-years, snapshot.',
      ),
      machine(
        11,
        'K (Area levels)',
        '"county", "country" are not allowed area levels. Use one or more of: pathfinder, locality, district, ward, separated by semicolons.',
      ),
      machine(
        12,
        'L (Dimensions)',
        expect.stringMatching(
          /^"shoe-size" is not an allowed dimension\. Use none, one or more of: sex, age-band, /,
        ),
      ),
      machine(
        13,
        'E (Provenance row)',
        'Enter the provenance row as a whole number, such as 5, or leave it empty. It says "five".',
      ),
      machine(
        14,
        'B (Id)',
        'Id must be lower-case letters, digits and single hyphens, e.g. yp-drug-arrests.',
      ),
      machine(
        15,
        'P (Suppliers)',
        'Enter at least one supplier, from: police, btp, ersou, local_authority, education, housing, health, programme, reference_data, separated by semicolons.',
      ),
      machine(16, 'I (Unit)', 'Enter the unit.'),
    ]);
  });

  it('refuses a formula without a saved value, and a formula showing an error', async () => {
    const bytes = await alteredWorkbook((wb) => {
      const ws = sheet(wb, 'Dataset');
      ws.getCell('C8').value = { formula: 'A8&" only"' };
      ws.getCell('D9').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        8,
        'C (Granularity)',
        'Formulas are not allowed in column C (Granularity). Type the value instead.',
      ),
      dataset(
        9,
        'D (Source)',
        'The formula in this cell gives the error #DIV/0!. Formulas are not allowed in column D (Source): type the value instead.',
      ),
    ]);
  });

  it('refuses a cell showing an error value', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Machine fields').getCell('I4').value = { error: '#N/A' };
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      machine(4, 'I (Unit)', 'The cell shows the error #N/A. Type the value instead.'),
    ]);
  });

  it('refuses merged cells in a data row, without knock-on problems', async () => {
    const bytes = await alteredWorkbook((wb) => sheet(wb, 'Dataset').mergeCells('A10:B10'));
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(10, 'A (Category)', 'Cells A10 to B10 are merged. Unmerge them and type a value in each cell.'),
    ]);
  });

  it('refuses a cell longer than a spreadsheet cell can hold, without crashing', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Dataset').getCell('G11').value = 'x'.repeat(40_000);
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      dataset(
        11,
        'G (Caveats)',
        'The text is 40,000 characters long. A cell can hold at most 32,767 characters: shorten it.',
      ),
    ]);
  });

  it('reports every problem at once, in sheet, row and column order', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Machine fields').getCell('J3').value = 'fortnight';
      sheet(wb, 'Dataset').getCell('A20').value = 'Gangs';
      sheet(wb, 'Dataset').getCell('C4').value = null;
    });
    const problems = await problemsOf('bad.xlsx', bytes);
    expect(problems.map((p) => `${p.sheet} ${p.row} ${p.column}`)).toEqual([
      'Dataset 4 C (Granularity)',
      'Dataset 20 A (Category)',
      'Machine fields 3 J (Period kind)',
    ]);
  });

  it('reports a sheet with headings but no indicators', async () => {
    const bytes = await alteredWorkbook((wb) => {
      sheet(wb, 'Dataset').spliceRows(2, BUILT_IN_CATALOGUE.length);
    });
    expect(await problemsOf('bad.xlsx', bytes)).toEqual([
      {
        file: 'bad.xlsx',
        sheet: 'Dataset',
        message:
          'There are no indicators on the Dataset sheet. Add a row for each indicator below the headings in row 1.',
      },
    ]);
  });

  it('refuses a corrupt workbook', async () => {
    const xlsx = await builtInWorkbook();
    expect(await problemsOf('bad.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)))).toEqual([
      {
        file: 'bad.xlsx',
        message:
          'The file could not be opened as an Excel workbook. Save it again from Excel or LibreOffice as .xlsx and upload it again.',
      },
    ]);
  });

  it('refuses an empty file, a PDF, a legacy .xls workbook and other file types', async () => {
    const supported =
      'Import the catalogue as an Excel workbook (.xlsx), a CSV file (.csv) or a JSON file (.json).';
    expect(await problemsOf('bad.xlsx', Buffer.alloc(0))).toEqual([
      { file: 'bad.xlsx', message: `The file is empty. ${supported}` },
    ]);
    expect(await problemsOf('bad.csv', Buffer.from(' \r\n\r\n'))).toEqual([
      { file: 'bad.csv', message: `The file is empty. ${supported}` },
    ]);
    expect(await problemsOf('bad.xlsx', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'))).toEqual([
      { file: 'bad.xlsx', message: `The file is a PDF, not a spreadsheet. ${supported}` },
    ]);
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await problemsOf('bad.xls', ole)).toEqual([
      {
        file: 'bad.xls',
        message:
          'The file is an Excel 97-2003 workbook (.xls). Open it in Excel or LibreOffice, save it as an Excel workbook (.xlsx) and import that.',
      },
    ]);
    expect(await problemsOf('bad.docx', Buffer.from('hello'))).toEqual([
      { file: 'bad.docx', message: `Files of type ".docx" cannot be imported. ${supported}` },
    ]);
    expect(await problemsOf('bad.xlsx', Buffer.from('Category,Indicator\n'))).toEqual([
      {
        file: 'bad.xlsx',
        message:
          'The file could not be opened as an Excel workbook. Save it again from Excel or LibreOffice as .xlsx and upload it again.',
      },
    ]);
  });

  it('locates CSV problems by row and column letter', async () => {
    const rows = builtInCsv().split('\r\n');
    rows[3] = rows[3]!.replace(/^Arrests\/detentions/, 'Gangs');
    const problems = await problemsOf('bad.csv', Buffer.from(rows.join('\r\n')));
    expect(problems).toEqual([
      {
        file: 'bad.csv',
        row: 4,
        column: 'A (Category)',
        message: `"Gangs" is not a catalogue category. Use one of: ${CATEGORY_LIST}.`,
      },
    ]);
  });

  it('explains a CSV with columns A–H only (the Dataset sheet saved as CSV)', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const csv = stringify([
      SPREADSHEET_COLUMNS.map((c) => c.header),
      ...BUILT_IN_CATALOGUE.map((i) => SPREADSHEET_COLUMNS.map((c) => i[c.key])),
    ]);
    const problems = await problemsOf('dataset.csv', Buffer.from(csv));
    expect(problems).toEqual([
      {
        file: 'dataset.csv',
        row: 1,
        column: 'I (Id)',
        message: expect.stringMatching(
          /^Columns I to X have no headings\. They must be headed: Id, Status, .* Tier\. A CSV file holds the Dataset columns A to H/,
        ),
      },
    ]);
  });

  it('reports a CSV quotation mark that is never closed', async () => {
    const problems = await problemsOf('bad.csv', Buffer.from(builtInCsv() + '"Education,unfinished\r\n'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(
      /^The file could not be read as CSV \(.*\)\. Check for a quotation mark/,
    );
  });

  it('reports JSON problems by indicator and field', async () => {
    const json = toCatalogueJson(BUILT_IN_CATALOGUE, 1);
    const edited = {
      ...json,
      indicators: json.indicators.map((i, n) => (n === 2 ? { ...i, periodKind: 'fortnight' } : i)),
    };
    expect(await problemsOf('bad.json', Buffer.from(JSON.stringify(edited)))).toEqual([
      {
        file: 'bad.json',
        field: 'indicators[2].periodKind',
        message: `Indicator 3 (${BUILT_IN_CATALOGUE[2]!.id}): Period kind must be one of: month, quarter, year, rolling-12-months, rolling-5-years, snapshot.`,
      },
    ]);
    expect(await problemsOf('bad.json', Buffer.from('{"indicators": [}'))).toEqual([
      {
        file: 'bad.json',
        message: expect.stringMatching(
          /^The file is not valid JSON \(.*\)\. Correct it, or export the catalogue again\.$/,
        ),
      },
    ]);
    expect(await problemsOf('bad.json', Buffer.from('{"catalogueVersion": 1}'))).toEqual([
      { file: 'bad.json', message: expect.stringMatching(/^The JSON file has no list of indicators\./) },
    ]);
  });
});
