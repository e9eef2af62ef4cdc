// The police.uk street-file reader on its own (no database): the four real 2019-01 files give the
// figures of data/PROVENANCE.md, and every bad file a user can produce is refused with problems that
// name the file, the row and the column. Bad files are made from the real ones in a temporary folder.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../platform/errors.ts';
import { FORCES } from './crime.model.ts';
import {
  findPoliceUkFiles,
  readPoliceUkFile,
  splitCountKey,
  type PoliceUkAreas,
} from './crime.police-uk-file.ts';
import { CrimeProblems } from './crime.problems.ts';
import {
  COLUMN,
  FORCE_FILES,
  FORCE_NAMES,
  PROVENANCE,
  STREET_DIR,
  POLICE_UK_DIR,
  makeTempDir,
  manifestSha256,
  rawPoliceUk,
  realText,
  removeTempDirs,
  writeAltered,
  writeFile,
} from './crime.test-data.ts';

afterAll(removeTempDirs);

/** Where the LSOAs are, from the ONS/MHCLG lookups (as the service builds it from the database). */
function areas(): PoliceUkAreas {
  const raw = rawPoliceUk();
  const forceDistricts = new Map<string, Set<string>>();
  for (const [lad, force] of raw.ladForce) {
    const set = forceDistricts.get(force) ?? new Set<string>();
    set.add(lad);
    forceDistricts.set(force, set);
  }
  return { lsoaDistrict: raw.lsoaLad, forceDistricts, districtName: raw.ladName };
}

async function read(file: string, name = file) {
  const problems = new CrimeProblems();
  const result = await readPoliceUkFile({ name, absolutePath: file }, areas(), problems);
  return { result, problems: problems.list(), count: problems.count };
}

/** Reads a file that must be refused, and returns its problems. */
async function refused(file: string): Promise<Problem[]> {
  const { problems, count } = await read(file);
  expect(count).toBeGreaterThan(0);
  for (const p of problems) expect(p.file).toBe(file);
  return problems;
}

const NORFOLK = FORCE_FILES['Norfolk Constabulary'];

describe('the four real police.uk files of 2019-01', () => {
  it.each(FORCE_NAMES)(
    '%s: rows, ASB, no location and outside the Pathfinder as PROVENANCE.md says; SHA-256 as MANIFEST.csv',
    async (force) => {
      const file = path.join(STREET_DIR, FORCE_FILES[force]);
      const { result, count } = await read(file);
      expect(count).toBe(0);
      const report = result!.report;
      const expected = PROVENANCE[force];
      const raw = rawPoliceUk().byForce[force];
      expect(report).toMatchObject({
        file: FORCE_FILES[force],
        sha256: manifestSha256(FORCE_FILES[force]),
        month: '2019-01',
        force,
        rowsRead: expected.rows,
        asb: { rows: expected.asb, counted: raw.countedAsb },
        noLocation: { rows: expected.noLocation, asb: 0 },
        outsideArea: {
          rows: expected.outside + raw.otherDistrict,
          outsidePathfinder: expected.outside,
          inOtherPathfinderDistrict: raw.otherDistrict,
        },
        counted: raw.counted,
        countedCrimes: raw.counted - raw.countedAsb,
        crimesWithoutId: 0,
      });
      // Every row is accounted for, once.
      expect(report.counted + report.noLocation.rows + report.outsideArea.rows).toBe(report.rowsRead);
      expect(Object.values(report.byCrimeType).reduce((a, b) => a + b, 0)).toBe(report.counted);
      expect([...result!.counts.values()].reduce((a, b) => a + b, 0)).toBe(report.counted);
      expect(report.outsideArea.areas.reduce((n, a) => n + a.rows, 0)).toBe(report.outsideArea.rows);
      // Counts are only on the force's own districts.
      const own = areas().forceDistricts.get(force)!;
      for (const key of result!.counts.keys()) {
        expect(own.has(rawPoliceUk().lsoaLad.get(splitCountKey(key).lsoaCode)!)).toBe(true);
      }
    },
  );

  it('names the places outside the force area: other Pathfinder districts by code, the rest by name', async () => {
    const { result } = await read(path.join(STREET_DIR, FORCE_FILES['Suffolk Constabulary']));
    const areasOutside = result!.report.outsideArea.areas;
    const inPathfinder = areasOutside.filter((a) => a.inPathfinder);
    expect(inPathfinder.length).toBeGreaterThan(0);
    for (const a of inPathfinder) expect(a.code).toMatch(/^E0[67]\d{6}$/);
    for (const a of areasOutside.filter((x) => !x.inPathfinder)) {
      expect(a.code).toBeNull();
      expect(a.name).not.toMatch(/\d{3}[A-Z]$/);
    }
  });

  it('finds the street files in a folder and its subfolders', async () => {
    const found = await findPoliceUkFiles(POLICE_UK_DIR);
    expect(found.map((f) => path.basename(f))).toEqual(Object.values(FORCE_FILES).sort());
  });
});

describe('files people produce that are fine after all', () => {
  it('accepts a byte-order mark and Windows line endings, with the same counts', async () => {
    const dir = makeTempDir();
    const text = realText(NORFOLK);
    const file = writeFile(dir, NORFOLK, '\uFEFF' + text.replace(/\n/g, '\r\n'));
    const { result, count } = await read(file);
    expect(count).toBe(0);
    const original = (await read(path.join(STREET_DIR, NORFOLK))).result!;
    expect(result!.report.counted).toBe(original.report.counted);
    expect(result!.report.byCrimeType).toEqual(original.report.byCrimeType);
    expect(result!.report.sha256).not.toBe(original.report.sha256);
  });

  it('accepts the columns in another order, or only the ones it reads, under another file name', async () => {
    const dir = makeTempDir();
    const keep = [
      COLUMN.crimeType,
      COLUMN.lsoaName,
      COLUMN.lsoaCode,
      COLUMN.fallsWithin,
      COLUMN.month,
      COLUMN.crimeId,
    ];
    const lines = realText(NORFOLK)
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const cells = line.split(',');
        return keep.map((i) => cells[i]).join(',');
      });
    const file = writeFile(dir, 'norfolk crimes january.csv', lines.join('\n') + '\n\n');
    const { result, count } = await read(file);
    expect(count).toBe(0);
    expect(result!.report).toMatchObject({
      file: 'norfolk crimes january.csv',
      month: '2019-01',
      force: 'Norfolk Constabulary',
      rowsRead: PROVENANCE['Norfolk Constabulary'].rows,
      counted: rawPoliceUk().byForce['Norfolk Constabulary'].counted,
    });
  });

  it('takes a stray quotation mark inside a cell as written', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 3) cells[COLUMN.location] = 'On or near "The Lanes"';
      return cells;
    });
    expect((await read(file)).count).toBe(0);
  });
});

describe('bad files: refused with file, row and column', () => {
  it('an empty file', async () => {
    const file = writeFile(makeTempDir(), NORFOLK, '');
    expect(await refused(file)).toEqual([
      {
        file,
        row: 1,
        message: expect.stringMatching(/^The file is empty\. A police\.uk street file has a header row/),
      },
    ]);
  });

  it('a file with only a header row (and blank lines)', async () => {
    const file = writeFile(makeTempDir(), NORFOLK, realText(NORFOLK).split('\n')[0] + '\n\n\n');
    expect(await refused(file)).toEqual([
      {
        file,
        row: 2,
        message:
          'The file has a header row but no crimes. Check that you downloaded the right month and force',
      },
    ]);
  });

  it('a CSV file that is not a police.uk file', async () => {
    const file = writeFile(
      makeTempDir(),
      'imd.csv',
      'lsoa11cd,lsoa11nm,imd_rank\nE01026436,Breckland 001A,123\n',
    );
    expect(await refused(file)).toEqual([
      {
        file,
        row: 1,
        message: expect.stringContaining(
          'This is not a police.uk street-level crime file: its first row should be the police.uk column headings (Crime ID, Month,',
        ),
      },
    ]);
  });

  it.each([
    [
      'an Excel workbook',
      Buffer.from('PK\u0003\u0004\u0014\u0000\u0006\u0000', 'latin1'),
      /zip file or an Excel workbook/,
    ],
    [
      'the police.uk zip download',
      Buffer.from('PK\u0003\u0004\u000a\u0000\u0000\u0000', 'latin1'),
      /unzip it/,
    ],
    [
      'a PDF renamed .csv',
      Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n', 'latin1'),
      /This is a PDF, not a CSV file/,
    ],
    ['UTF-16 ("Unicode text")', Buffer.from('\ufeffCrime ID,Month\n', 'utf16le'), /saved as UTF-16/],
  ])('%s', async (_what, bytes, message) => {
    const file = writeFile(makeTempDir(), NORFOLK, bytes);
    const problems = await refused(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(message);
  });

  it('missing columns: each is named', async () => {
    const dir = makeTempDir();
    const lines = realText(NORFOLK).split('\n');
    lines[0] = lines[0]!.replace('LSOA code', 'LSOA').replace('Crime type', 'Type');
    const file = writeFile(dir, NORFOLK, lines.join('\n'));
    const problems = await refused(file);
    expect(problems).toEqual([
      expect.objectContaining({
        file,
        row: 1,
        column: 'LSOA code',
        message: expect.stringMatching(/^The "LSOA code" column is missing/),
      }),
      expect.objectContaining({
        file,
        row: 1,
        column: 'Crime type',
        message: expect.stringMatching(/^The "Crime type" column is missing/),
      }),
    ]);
  });

  it('Windows-1252: the first row with a character that is not UTF-8, and its column', async () => {
    const dir = makeTempDir();
    const lines = realText(NORFOLK).split('\n');
    const cells = lines[5]!.split(',');
    cells[COLUMN.location] = 'On or near Café Street';
    lines[5] = cells.join(',');
    const file = writeFile(dir, NORFOLK, Buffer.from(lines.join('\n'), 'latin1'));
    expect(await refused(file)).toEqual([
      {
        file,
        row: 6,
        column: 'Location',
        message:
          'The file is not saved as UTF-8. Download it again from data.police.uk, or save it as "CSV UTF-8 (comma delimited)"',
      },
    ]);
  });

  it('a month in the rows that is not the month in the file name', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 40) cells[COLUMN.month] = '2019-02';
      return cells;
    });
    expect(await refused(file)).toEqual([
      {
        file,
        row: 40,
        column: 'Month',
        message:
          'The month is 2019-02 but the file name says 2019-01. A police.uk street file holds one month: check that you chose the right file and that its name is the one police.uk gave it',
      },
    ]);
  });

  it('a file named for another month: a few rows listed, then how many more', async () => {
    const dir = makeTempDir();
    const file = writeFile(dir, '2019-02-norfolk-street.csv', realText(NORFOLK));
    const problems = await refused(file);
    expect(problems.slice(0, 5).map((p) => p.row)).toEqual([2, 3, 4, 5, 6]);
    expect(problems[0]).toMatchObject({
      column: 'Month',
      message: expect.stringMatching(/^The month is 2019-01 but the file name says 2019-02\./),
    });
    expect(problems[5]).toEqual({
      file,
      column: 'Month',
      message: `${(PROVENANCE['Norfolk Constabulary'].rows - 5).toLocaleString('en-GB')} more rows have the same problem as the rows above`,
    });
  });

  it('a month written as a spreadsheet writes it, and a file name whose month is not a month', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, '2019-13-norfolk-street.csv', NORFOLK, (cells, row) => {
      if (row === 2) cells[COLUMN.month] = 'Jan-19';
      return cells;
    });
    const problems = await refused(file);
    expect(problems[0]).toEqual({
      file,
      message:
        'The file name has 2019-13 as its month, which is not a month. Use the file name police.uk gave it (YYYY-MM-force-street.csv)',
    });
    expect(problems[1]).toMatchObject({
      row: 2,
      column: 'Month',
      message: expect.stringMatching(
        /^The month must be written YYYY-MM, as police.uk writes it \(e\.g\. 2019-01\) \(found "Jan-19"\)\./,
      ),
    });
  });

  it('two forces in one file', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 10) cells[COLUMN.fallsWithin] = 'Suffolk Constabulary';
      return cells;
    });
    expect(await refused(file)).toEqual([
      {
        file,
        row: 10,
        column: 'Falls within',
        message:
          'The force is Suffolk Constabulary but the file name says Norfolk Constabulary. A police.uk street file holds one force: check that you chose the right file and that its name is the one police.uk gave it',
      },
    ]);

    const unnamed = writeAltered(dir, 'crimes.csv', NORFOLK, (cells, row) => {
      if (row === 11) cells[COLUMN.fallsWithin] = 'Essex Police';
      return cells;
    });
    expect(await refused(unnamed)).toEqual([
      expect.objectContaining({
        row: 11,
        column: 'Falls within',
        message: expect.stringMatching(
          /^The force is Essex Police but the first row says Norfolk Constabulary\./,
        ),
      }),
    ]);
  });

  it('a force outside the Pathfinder', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, '2019-01-kent-street.csv', NORFOLK, (cells) => {
      cells[COLUMN.fallsWithin] = 'Kent Police';
      return cells;
    });
    const problems = await refused(file);
    expect(problems[0]).toEqual({
      file,
      row: 2,
      column: 'Falls within',
      message: `The force is not one of the Pathfinder's four (${FORCES.map((f) => f.name).join(', ')}) (found "Kent Police"). Import only these forces' street files`,
    });
  });

  it('corrupt rows: a quotation mark never closed, a row cut short, a row with too many cells', async () => {
    const dir = makeTempDir();
    const unclosed = writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 100) cells[COLUMN.location] = '"On or near Paradise Lane';
      return cells;
    });
    expect(await refused(unclosed)).toEqual([
      {
        file: unclosed,
        row: 100,
        column: 'Location',
        message:
          'The file could not be read as CSV from this row on: a quotation mark (") that opens a cell on this row is never closed. Download the file again from data.police.uk and import it unchanged',
      },
    ]);

    const short = writeAltered(dir, '2019-01-norfolk-street (1).csv', NORFOLK, (cells, row) =>
      row === 50 ? cells.slice(0, 5) : cells,
    );
    expect(await refused(short)).toEqual([
      {
        file: short,
        row: 50,
        column: 'LSOA code',
        message:
          'This row has only 5 cells of the 12 the header row names, so it has no "LSOA code". The row may have been cut short or split across lines: download the file again from data.police.uk and import it unchanged',
      },
    ]);

    const long = writeAltered(dir, 'long.csv', NORFOLK, (cells, row) => {
      if (row === 60) cells[COLUMN.location] = 'On or near High Street, Thetford';
      return cells;
    });
    expect(await refused(long)).toEqual([
      {
        file: long,
        row: 60,
        message:
          'This row has 13 cells but the header row names 12. A comma inside a cell may have lost its quotation marks: download the file again from data.police.uk and import it unchanged',
      },
    ]);
  });

  it('a crime type police.uk does not use, and an LSOA code that is not one', async () => {
    const dir = makeTempDir();
    const file = writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 7) cells[COLUMN.crimeType] = 'Violent crime';
      if (row === 8) cells[COLUMN.lsoaCode] = 'E0102643';
      return cells;
    });
    expect(await refused(file)).toEqual([
      {
        file,
        row: 7,
        column: 'Crime type',
        message: expect.stringMatching(
          /^The crime type is not one of the 14 police\.uk crime types \(found "Violent crime"\)\. Write it as police\.uk does: Anti-social behaviour, Bicycle theft,/,
        ),
      },
      {
        file,
        row: 8,
        column: 'LSOA code',
        message:
          'The LSOA code must be an LSOA (2011) code such as E01026436, or empty when police.uk could not place the crime (found "E0102643")',
      },
    ]);
  });

  it('every kind of problem of every file at once, a few rows each', async () => {
    const dir = makeTempDir();
    const problems = new CrimeProblems();
    const a = writeAltered(dir, NORFOLK, NORFOLK, (cells) => {
      cells[COLUMN.crimeType] = 'Crime';
      return cells;
    });
    const b = writeFile(dir, 'empty.csv', '');
    for (const file of [a, b]) await readPoliceUkFile({ name: file, absolutePath: file }, areas(), problems);
    const list = problems.list();
    expect(problems.count).toBe(PROVENANCE['Norfolk Constabulary'].rows + 1);
    expect(list.filter((p) => p.file === a && p.row !== undefined)).toHaveLength(5);
    expect(list.filter((p) => p.file === b)).toHaveLength(1);
    expect(list.at(-1)).toMatchObject({
      file: a,
      column: 'Crime type',
      message: expect.stringMatching(/^6,039 more rows/),
    });
  });

  // Root reads any file, so this can only be tried as another user.
  it.skipIf(process.getuid?.() === 0)('a file that cannot be opened, without waiting for ever', async () => {
    const dir = makeTempDir();
    const file = writeFile(dir, NORFOLK, realText(NORFOLK));
    fs.chmodSync(file, 0o000);
    const problems = await refused(file);
    expect(problems[0]!.message).toMatch(/^The file could not be opened \(EACCES\)/);
  });
});
