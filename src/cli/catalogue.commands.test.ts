// The catalogue export and import commands, run as a user would, against an embedded database in a
// temporary data directory.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';
import { BUILT_IN_CATALOGUE } from '../modules/catalogue/catalogue.builtin.ts';
import { CSV_HEADERS } from '../modules/catalogue/catalogue.sheet-layout.ts';

const cli = useCli('catalogue');
const { clmd } = cli;

describe('clmd catalogue export and import', () => {
  it('exports the catalogue as the Dataset workbook', async () => {
    const file = path.join(cli.dir, 'catalogue.xlsx');
    expect(await clmd('catalogue', 'export', '--format', 'xlsx', '--output', file)).toBe(0);
    expect(cli.out).toBe(`Wrote catalogue version 1 (${BUILT_IN_CATALOGUE.length} indicators) to ${file}\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(file)) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Dataset', 'Machine fields', 'About']);
  });

  it('imports an unchanged export as "No changes"', async () => {
    expect(await clmd('catalogue', 'import', path.join(cli.dir, 'catalogue.xlsx'))).toBe(0);
    expect(cli.out).toBe('No changes: the file matches catalogue version 1.\n');
  });

  it('refuses a broken file, listing its problems, and changes nothing', async () => {
    const bytes = await readFile(path.join(cli.dir, 'catalogue.xlsx'));
    const broken = path.join(cli.dir, 'broken.xlsx');
    await writeFile(broken, bytes.subarray(0, 2000));
    expect(await clmd('catalogue', 'import', broken)).toBe(1);
    expect(cli.err).toContain('The catalogue file has problems. Nothing was changed.');
    expect(cli.err).toContain('broken.xlsx');
    expect(cli.err).toContain('The file could not be opened as an Excel workbook.');

    cli.err = '';
    expect(await clmd('catalogue', 'import', path.join(cli.dir, 'no-such-file.xlsx'))).toBe(1);
    expect(cli.err).toContain('There is no such file.');

    cli.out = '';
    expect(await clmd('catalogue', 'versions', '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toHaveLength(1);
  });

  it('shows a dry run without saving, then imports the change as a new version', async () => {
    const csvFile = path.join(cli.dir, 'catalogue.csv');
    expect(await clmd('catalogue', 'export', '--format', 'csv', '--output', csvFile)).toBe(0);
    const text = await readFile(csvFile, 'utf8');
    expect(text.startsWith('\uFEFF' + CSV_HEADERS.join(','))).toBe(true);
    const first = BUILT_IN_CATALOGUE[0]!;
    await writeFile(csvFile, text.replace(first.caveats, 'Markers differ between the four forces.'));

    cli.out = '';
    expect(await clmd('catalogue', 'import', csvFile, '--dry-run')).toBe(0);
    expect(cli.out).toBe(
      [
        'Dry run: importing would create catalogue version 2: 1 changed',
        `~ changed ${first.id}: ${first.name}`,
        `    Caveats: "${first.caveats}" → "Markers differ between the four forces."`,
        'Nothing was saved.',
        '',
      ].join('\n'),
    );

    cli.out = '';
    expect(await clmd('catalogue', 'import', csvFile)).toBe(0);
    expect(cli.out).toBe(
      [
        'Created catalogue version 2: 1 changed',
        `~ changed ${first.id}: ${first.name}`,
        `    Caveats: "${first.caveats}" → "Markers differ between the four forces."`,
        '',
      ].join('\n'),
    );
  });

  it('exports JSON to standard output, and an earlier version on request', async () => {
    expect(await clmd('catalogue', 'export', '--format', 'json', '--output', '-', '--version', '1')).toBe(0);
    const json = JSON.parse(cli.out) as { catalogueVersion: number; indicators: unknown[] };
    expect(json.catalogueVersion).toBe(1);
    expect(json.indicators).toStrictEqual(JSON.parse(JSON.stringify(BUILT_IN_CATALOGUE)));
  });

  it('names the file after the version when no output is given', async () => {
    const cwd = process.cwd();
    process.chdir(cli.dir);
    try {
      expect(await clmd('catalogue', 'export', '--format', 'csv')).toBe(0);
    } finally {
      process.chdir(cwd);
    }
    expect(cli.out).toBe(
      `Wrote catalogue version 2 (${BUILT_IN_CATALOGUE.length} indicators) to ${path.join(cli.dir, 'clmd-catalogue-v2.csv')}\n`,
    );
  });

  it('refuses to write a workbook to standard output', async () => {
    expect(await clmd('catalogue', 'export', '--format', 'xlsx', '--output', '-')).toBe(1);
    expect(cli.err).toContain('An Excel workbook cannot be written to standard output.');
  });
});
