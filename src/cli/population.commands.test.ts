// `clmd reference import-population|population|remove-population`, run as a user would against an
// embedded database in a temporary data directory, with ONS-style files of synthetic numbers written
// at test time. Exit codes as the README says: 0 done, 1 invalid input (every problem listed, nothing
// changed), 3 not found.
import { afterAll, describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';
import { DISTRICTS } from '../modules/geography/geography.builtin.ts';
import type { PopulationImportReport, PopulationStatus } from '../modules/population/population.model.ts';
import {
  expectedChildren,
  makeTempDir,
  removeTempDirs,
  setCell,
  wideRows,
  writeCsv,
  writeXlsx,
} from '../modules/population/population.test-files.ts';

const cli = useCli('population');
const { clmd, withDeps } = cli;
const files = makeTempDir();
const n = (x: number) => x.toLocaleString('en-GB');
const total = (year: number) => [...expectedChildren(year).values()].reduce((a, b) => a + b, 0);

afterAll(() => removeTempDirs());

async function status(): Promise<PopulationStatus> {
  cli.out = '';
  expect(await clmd('reference', 'population', '--format', 'json')).toBe(0);
  const s = JSON.parse(cli.out) as PopulationStatus;
  cli.out = '';
  return s;
}

describe('clmd reference import-population, population and remove-population', { timeout: 120_000 }, () => {
  it('explains itself with --help', async () => {
    expect(await clmd('reference', 'import-population', '--help')).toBe(0);
    expect(cli.out).toContain('Usage: clmd reference import-population [options] <file>');
    expect(cli.out).toContain('--year <YYYY>');
    expect(cli.out).toContain('--dry-run');
    cli.out = '';
    expect(await clmd('reference', '--help')).toBe(0);
    for (const c of ['import ', 'import-police-uk', 'import-population', 'population', 'remove-population'])
      expect(cli.out).toContain(c);
  });

  it('says File 6 is in use before anything is uploaded', async () => {
    expect(await clmd('reference', 'population')).toBe(0);
    expect(cli.out).toContain(
      'Rates are per 10,000 children aged 0 to 15 (mid-2015, English Indices of Deprivation 2019 File 6).',
    );
    expect(cli.out).toContain('To use a recent year: clmd reference import-population FILE [--year YYYY]');
  });

  it('refuses a bad file listing every problem with row and column, and changes nothing (exit 1)', async () => {
    let rows = setCell(wideRows(), 'E07000066', '5', 'many');
    rows = setCell(rows, 'E07000070', '12', '-4');
    const bad = writeCsv(files, 'bad.csv', rows);
    expect(await clmd('reference', 'import-population', bad, '--year', '2022')).toBe(1);
    const line = (code: string) => 5 + DISTRICTS.findIndex((d) => d.code === code);
    expect(cli.err).toContain('The population estimates were not imported.');
    expect(cli.err).toMatch(
      new RegExp(`bad\\.csv, row ${line('E07000066')}, column J \\(5\\) +"many" is not a number`),
    );
    expect(cli.err).toMatch(
      new RegExp(`bad\\.csv, row ${line('E07000070')}, column Q \\(12\\) +-4 is negative`),
    );
    expect(cli.err).toContain('2 problem(s). Nothing was changed.');

    cli.err = '';
    const good = writeCsv(files, 'mye2-persons.csv', wideRows());
    expect(await clmd('reference', 'import-population', good)).toBe(1);
    expect(cli.err).toMatch(/mye2-persons\.csv, --year +The file does not say which year/);

    cli.err = '';
    expect(
      await clmd('reference', 'import-population', good, '--year', 'last year', '--format', 'json'),
    ).toBe(1);
    expect(JSON.parse(cli.out)).toMatchObject({
      problems: [{ field: '--year', message: expect.stringMatching(/four digits/) }],
    });
    expect((await status()).history).toEqual([]);
  });

  it('checks a file on a dry run without using it', async () => {
    const good = writeCsv(files, 'mye2-persons.csv', wideRows());
    expect(await clmd('reference', 'import-population', good, '--year', '2022', '--dry-run')).toBe(0);
    expect(cli.out).toContain(
      `No problems in the ONS mid-2022 population estimates from mye2-persons.csv: ${n(total(2022))} children aged 0 to 17 in the 32 districts.`,
    );
    expect(cli.out).toContain('Nothing was imported: this was a dry run.');
    expect((await status()).inUse).toBe('file6');
  });

  it('imports a CSV, then a workbook that replaces it; rates use the latest', async () => {
    const csv = writeCsv(files, 'mye2-persons-2021.csv', wideRows({ year: 2021 }));
    expect(await clmd('reference', 'import-population', csv, '--year', '2021')).toBe(0);
    expect(cli.out).toContain(
      `Imported the ONS mid-2021 population estimates from mye2-persons-2021.csv (upload 1): ${n(total(2021))} children aged 0 to 17 in the 32 districts.`,
    );
    expect(cli.out).toContain(
      'Read 36 rows (a column for each age); 4 rows of other areas were ignored. The year is as given with --year.',
    );
    expect(cli.out).toMatch(
      /\nE07000066 +Basildon +Essex, Southend-on-Sea and Thurrock +[\d,]+ +\[x\] +\[x\]\n/,
    );
    expect(cli.out).toMatch(
      /Rates now use children aged 0 to 17 \(ONS mid-2021 estimates, uploaded \d+ \w+ \d{4}\)\./,
    );

    cli.out = '';
    const xlsx = await writeXlsx(files, 'mye2-2022.xlsx', wideRows({ year: 2022 }));
    expect(await clmd('reference', 'import-population', xlsx, '--format', 'json')).toBe(0);
    const report = JSON.parse(cli.out) as PopulationImportReport;
    expect(report).toMatchObject({
      importId: 2,
      referenceYear: 2022,
      yearSource: 'title',
      sheet: 'MYE2 - Persons',
      total: total(2022),
      replaced: { importId: 1, fileName: 'mye2-persons-2021.csv', referenceYear: 2021, sameFile: false },
    });

    cli.out = '';
    expect(await clmd('reference', 'population')).toBe(0);
    expect(cli.out).toMatch(/^Rates are per 10,000 children aged 0 to 17 \(ONS mid-2022 estimates, uploaded/);
    expect(cli.out).toContain('In use: upload 2, mye2-2022.xlsx (sheet MYE2 - Persons)');
    expect(cli.out).toMatch(/\n2 +.* +mye2-2022\.xlsx +mid-2022, aged 0 to 17 +[\d,]+ +In use\n/);
    expect(cli.out).toMatch(
      /\n1 +.* +mye2-persons-2021\.csv +mid-2021, aged 0 to 17 +[\d,]+ +Replaced by upload 2\n/,
    );

    cli.out = '';
    expect(await clmd('reference', 'population', '--format', 'csv')).toBe(0);
    const lines = cli.out.trim().split('\n');
    expect(lines[0]).toBe('district_code,district_name,locality,children,file6_children_0_15,ratio');
    expect(lines).toHaveLength(33);
    expect(lines.find((l) => l.startsWith('E07000070,'))).toContain(
      `,${expectedChildren(2022).get('E07000070')},`,
    );

    cli.out = '';
    expect(await clmd('analysis', 'indicator', 'svv-related-arrests', '--period', '2026-Q1')).toBe(0);
    expect(cli.out).toContain('Rates are per 10,000 children aged 0 to 17 (ONS mid-2022 estimates, uploaded');
  });

  it('goes back to File 6 on remove-population; a second remove finds nothing (exit 3); all audited', async () => {
    expect(await clmd('reference', 'remove-population')).toBe(0);
    expect(cli.out).toBe(
      'Stopped using upload 2 (mye2-2022.xlsx, mid-2022); it is kept in the history.\n' +
        'Rates are now per 10,000 children aged 0 to 15 (mid-2015, English Indices of Deprivation 2019 File 6).\n',
    );
    const s = await status();
    expect(s).toMatchObject({ inUse: 'file6', current: null });
    expect(s.history.map((h) => h.importId)).toEqual([2, 1]);

    expect(await clmd('reference', 'remove-population')).toBe(3);
    expect(cli.err).toContain('No uploaded population estimate is in use, so there is nothing to remove');

    await withDeps(async (deps) => {
      const events = await deps.auditRepository.listForSubject(deps.db, 'population_import');
      expect(events.map((e) => [e.action, e.subject_id, e.origin])).toEqual([
        ['population.import', '1', 'cli'],
        ['population.import', '2', 'cli'],
        ['population.remove', '2', 'cli'],
      ]);
      expect(events.every((e) => e.actor.startsWith('cli:'))).toBe(true);
    });
  });
});
