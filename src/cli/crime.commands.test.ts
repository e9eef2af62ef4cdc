// `clmd reference import-police-uk`, `clmd crime shares|counts|status`, run as a user would, against an
// embedded database in a temporary data directory, with the real reference data and police.uk files
// of ../shared/data. Exit codes as the README says: 0 done, 1 invalid input (every problem listed,
// nothing changed), 3 not found.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';
import { SHARED_DATA_DIR } from '../../test/support/reference-files.ts';
import type {
  CrimeCountsResult,
  CrimeShare,
  CrimeSource,
  PoliceUkImportReport,
} from '../modules/crime/crime.model.ts';
import {
  COLUMN,
  FORCE_FILES,
  POLICE_UK_DIR,
  PROVENANCE,
  makeTempDir,
  manifestSha256,
  rawPoliceUk,
  removeTempDirs,
  writeAltered,
  writeFile,
} from '../modules/crime/crime.test-data.ts';

const cli = useCli('crime');
const { clmd } = cli;
const NORFOLK = FORCE_FILES['Norfolk Constabulary'];

afterAll(() => removeTempDirs());

const n = (x: number) => x.toLocaleString('en-GB');

// The first command creates and migrates the embedded database; the reference import takes a while.
describe('clmd reference import-police-uk and clmd crime', { timeout: 120_000 }, () => {
  it('explains itself with --help', async () => {
    expect(await clmd('reference', 'import-police-uk', '--help')).toBe(0);
    expect(cli.out).toContain('Usage: clmd reference import-police-uk [options] <paths...>');
    expect(cli.out).toContain('YYYY-MM-<force>-street.csv');
    expect(cli.out).toContain('-f, --format <format>');
    cli.out = '';
    expect(await clmd('crime', '--help')).toBe(0);
    for (const command of ['shares', 'counts', 'status']) expect(cli.out).toContain(command);
    cli.out = '';
    expect(await clmd('crime', 'shares', '--help')).toBe(0);
    expect(cli.out).toContain('--level <level>');
    expect(cli.out).toMatch(/\(choices: "locality", "district",\s+"ward"/);
  });

  it('refuses to import before the reference data is loaded (exit 1)', async () => {
    expect(await clmd('reference', 'import-police-uk', POLICE_UK_DIR)).toBe(1);
    expect(cli.err).toContain('The police.uk files were not imported because no LSOAs are loaded.');
    expect(cli.err).toContain('Import the reference data first (clmd reference import DIR)');
    cli.out = '';
    expect(await clmd('crime', 'status')).toBe(0);
    expect(cli.out).toBe(
      'No police.uk crime has been imported yet. Run: clmd reference import-police-uk FILE…\n',
    );
  });

  it('imports the police.uk folder of ../shared/data and reports every file, what was counted and what was not', async () => {
    expect(await clmd('reference', 'import', SHARED_DATA_DIR, '--format', 'json')).toBe(0);
    cli.out = '';
    expect(await clmd('reference', 'import-police-uk', POLICE_UK_DIR)).toBe(0);
    expect(cli.out).toMatch(/^Imported 4 police\.uk street-level crime file\(s\) in [\d.]+ s \(import 1\)\./);
    const raw = rawPoliceUk();
    for (const [force, file] of Object.entries(FORCE_FILES)) {
      const p = PROVENANCE[force as keyof typeof PROVENANCE];
      const f = raw.byForce[force as keyof typeof PROVENANCE];
      const line = cli.out.split('\n').find((l) => l.startsWith(file))!;
      expect(line.split(/\s{2,}/)).toEqual([
        file,
        '2019-01',
        force,
        n(p.rows),
        n(f.counted),
        n(f.countedAsb),
        n(p.noLocation),
        n(f.otherDistrict),
        n(p.outside),
        manifestSha256(file).slice(0, 12),
      ]);
    }
    const noLocation = Object.values(PROVENANCE).reduce((s, p) => s + p.noLocation, 0);
    expect(cli.out).toContain(`Not counted: ${n(noLocation)} with no location (no LSOA code)`);
    expect(cli.out).toContain('is NOT part of crime shares');
    expect(cli.out).toContain("placed outside the force's districts:");
  });

  it('replaces the counts when the same files are imported again, and says so (JSON)', async () => {
    const files = Object.values(FORCE_FILES).map((f) => path.join(POLICE_UK_DIR, 'street', f));
    expect(await clmd('reference', 'import-police-uk', ...files, '--format', 'json')).toBe(0);
    const report = JSON.parse(cli.out) as PoliceUkImportReport;
    expect(report.importId).toBe(2);
    expect(report.totals.rowsRead).toBe(34_040);
    expect(report.files.map((f) => f.replaced?.sameFile)).toEqual([true, true, true, true]);
    cli.out = '';
    expect(await clmd('reference', 'import-police-uk', files[2]!)).toBe(0);
    expect(cli.out).toContain(
      `Replaced the earlier counts of 2019-01 Norfolk Constabulary (import 2, ${NORFOLK}, ${n(rawPoliceUk().byForce['Norfolk Constabulary'].counted)} counted): the same file, so the counts are as they were.`,
    );
  });

  it('shows what is loaded, with each file’s SHA-256', async () => {
    expect(await clmd('crime', 'status', '--format', 'json')).toBe(0);
    const sources = JSON.parse(cli.out) as CrimeSource[];
    expect(sources.map((s) => [s.file, s.sha256])).toEqual(
      Object.values(FORCE_FILES).map((f) => [f, manifestSha256(f)]),
    );
    cli.out = '';
    expect(await clmd('crime', 'status')).toBe(0);
    expect(cli.out).toContain(manifestSha256(NORFOLK));
  });

  it('gives crime shares by district that sum to 100% per locality, and by locality of the Pathfinder', async () => {
    expect(await clmd('crime', 'shares', '--format', 'json')).toBe(0);
    const shares = JSON.parse(cli.out) as { areas: CrimeShare[] };
    const byLocality = new Map<string, number>();
    for (const a of shares.areas)
      byLocality.set(a.localityCode, (byLocality.get(a.localityCode) ?? 0) + a.share!);
    expect(byLocality.size).toBe(4);
    for (const total of byLocality.values()) expect(total).toBeCloseTo(1, 12);

    cli.out = '';
    expect(await clmd('crime', 'shares')).toBe(0);
    expect(cli.out).toContain('Crime shares by district, 2019-01.');
    expect(cli.out).toContain('Share of locality');
    expect(cli.out).toMatch(/Norwich\s+E07000148\s+[\d,]+\s+\d+\.\d%/);
    expect(cli.out).toContain('all police.uk crime types except anti-social behaviour');

    cli.out = '';
    expect(await clmd('crime', 'shares', '--level', 'locality', '--format', 'csv')).toBe(0);
    const lines = cli.out.trim().split('\n');
    expect(lines[0]).toBe('locality_code,locality_name,count,share_of_pathfinder');
    expect(lines).toHaveLength(5);
    const total = lines.slice(1).reduce((s, l) => s + Number(l.split(',').at(-1)), 0);
    expect(total).toBeCloseTo(1, 12);
  });

  it('gives the drug, weapon and violence proxies by district (CSV) and any types by area (JSON)', async () => {
    expect(await clmd('crime', 'counts', '--format', 'csv')).toBe(0);
    const lines = cli.out.trim().split('\n');
    expect(lines[0]).toBe('locality_code,district_code,area_name,crime_type,count');
    expect(lines).toHaveLength(1 + 32 * 3);
    cli.out = '';
    expect(
      await clmd(
        'crime',
        'counts',
        '--level',
        'ward',
        '--types',
        'robbery',
        '--by-month',
        '--format',
        'json',
      ),
    ).toBe(0);
    const result = JSON.parse(cli.out) as CrimeCountsResult;
    expect(result.rows).toHaveLength(692);
    expect(result.rows.every((r) => r.month === '2019-01' && r.crimeType === 'robbery')).toBe(true);
    cli.out = '';
    expect(await clmd('crime', 'counts', '--level', 'locality')).toBe(0);
    expect(cli.out).toContain(
      'Police.uk crime by locality, 2019-01: drugs, possession-of-weapons, violence-and-sexual-offences.',
    );
  });

  it('refuses bad files listing every problem with file, row and column (exit 1), and changes nothing', async () => {
    const tmp = makeTempDir();
    const month = writeAltered(tmp, NORFOLK, NORFOLK, (cells, row) => {
      if (row === 40) cells[COLUMN.month] = '2019-02';
      return cells;
    });
    const empty = writeFile(tmp, '2019-01-suffolk-street.csv', '');
    expect(await clmd('reference', 'import-police-uk', month, empty)).toBe(1);
    expect(cli.err).toContain(
      'The police.uk files were not imported because some have problems. Nothing was changed.',
    );
    expect(cli.err).toMatch(
      new RegExp(`${month}, row 40, column Month +The month is 2019-02 but the file name says 2019-01\\.`),
    );
    expect(cli.err).toMatch(new RegExp(`${empty}, row 1 +The file is empty\\.`));
    expect(cli.err).toContain('2 problem(s). Nothing was changed.');

    cli.out = '';
    expect(await clmd('reference', 'import-police-uk', month, '--format', 'json')).toBe(1);
    expect(JSON.parse(cli.out)).toEqual({
      error: 'The police.uk files were not imported because some have problems. Nothing was changed.',
      problems: [expect.objectContaining({ file: month, row: 40, column: 'Month' })],
    });

    cli.out = '';
    expect(await clmd('crime', 'status', '--format', 'json')).toBe(0);
    expect((JSON.parse(cli.out) as CrimeSource[]).map((s) => s.importId)).toEqual([2, 2, 3, 2]);
  });

  it('says what it cannot find (exit 3), and what is not a month or a crime type (exit 1)', async () => {
    const missing = path.join(cli.dir, '2019-02-norfolk-street.csv');
    expect(await clmd('reference', 'import-police-uk', missing)).toBe(3);
    expect(cli.err).toBe(
      `There is no file or folder called ${missing}. Check the name and the folder. Nothing was imported.\n`,
    );
    cli.err = '';
    expect(await clmd('crime', 'shares', '--month', '2019-02')).toBe(3);
    expect(cli.err).toBe(
      'No police.uk crime has been imported for 2019-02. The months imported are 2019-01.\n',
    );
    cli.err = '';
    expect(await clmd('crime', 'shares', '--month', '2019-13')).toBe(1);
    expect(cli.err).toContain('month  Enter the month as YYYY-MM, for example 2019-01');
    cli.err = '';
    expect(await clmd('crime', 'counts', '--types', 'drugs,knife-crime')).toBe(1);
    expect(cli.err).toContain('"knife-crime" is not a police.uk crime type.');
  });
});
