// Uploaded ONS mid-year estimates as the denominators of rates, on a real database (PGlite, and
// PostgreSQL when TEST_DATABASE_URL is set) with the real reference data (File 6 for wards) and
// synthetic estimate files written at test time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReferenceDir, removeReferenceDirs } from '../../../test/support/reference-files.ts';
import { countsByArea, submitApproved } from '../../../test/support/returns.ts';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../../../test/support/test-db.ts';
import { ensureBuiltIns } from '../../bootstrap.ts';
import { loadConfig } from '../../config.ts';
import type { DB } from '../../db/schema.ts';
import { buildDeps, type Deps } from '../../deps.ts';
import { systemActor } from '../../platform/actor.ts';
import { findBrokenLink } from '../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { FILE6_LABEL } from '../analysis/denominators.ts';
import { DISTRICTS, LOCALITIES } from '../geography/geography.builtin.ts';
import { uploadedLabel } from './population.model.ts';
import {
  dropColumn,
  expectedChildren,
  makeTempDir,
  removeTempDirs,
  setCell,
  wideRows,
  writeCsv,
  writeXlsx,
} from './population.test-files.ts';

const ctx = systemActor('test');

afterAll(() => {
  removeTempDirs();
  removeReferenceDirs();
});

async function snapshot(db: Kysely<DB>) {
  const r = await sql<{ imports: number; estimates: number; current: number; events: number }>`
    select cast((select count(*) from population_import) as integer) as imports,
           cast((select count(*) from population_estimate) as integer) as estimates,
           cast((select count(*) from population_import where replaced_by is null and removed_at is null) as integer) as current,
           cast((select count(*) from audit_event) as integer) as events`.execute(db);
  return r.rows[0]!;
}

describe.each(databaseKinds)('uploaded population estimates [%s]', { timeout: 120_000 }, (kind) => {
  let handle: TestDatabase;
  let deps: Deps;
  let dataDir: string;
  const dir = makeTempDir();
  const good2021 = () => writeCsv(dir, 'mye2-persons-2021.csv', wideRows({ year: 2021 }));

  beforeAll(async () => {
    handle = await createTestDatabase(kind);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-population-data-'));
    deps = buildDeps(loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dataDir } as NodeJS.ProcessEnv), handle);
    await ensureBuiltIns(deps);
    await deps.geography.importReference(ctx, makeReferenceDir());
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('uses File 6 until estimates are uploaded', async () => {
    expect((await deps.analysis.childDenominators()).label).toBe(FILE6_LABEL);
    expect(await deps.population.currentDenominators()).toBeNull();
    expect(await deps.population.status()).toMatchObject({
      inUse: 'file6',
      label: FILE6_LABEL,
      current: null,
      history: [],
    });
  });

  it('refuses every bad file with its problems and changes nothing', async () => {
    const before = await snapshot(handle.db);
    const rows = wideRows();
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    const good = fs.readFileSync(await writeXlsx(dir, 'good.xlsx', rows));
    fs.writeFileSync(
      path.join(dir, 'corrupt.xlsx'),
      Buffer.concat([good.subarray(0, 3000), Buffer.alloc(100)]),
    );
    const bad: [string, string | undefined, RegExp][] = [
      [path.join(dir, 'empty.csv'), '2022', /^empty\.csv: The file is empty/],
      [
        path.join(dir, 'corrupt.xlsx'),
        undefined,
        /^corrupt\.xlsx: The file could not be opened as an Excel workbook/,
      ],
      [writeCsv(dir, 'header-only.csv', rows.slice(0, 1)), '2022', /headings but no rows/],
      [
        writeCsv(
          dir,
          'missing.csv',
          rows.filter((r) => r[0] !== 'E07000070'),
        ),
        '2022',
        /no row for Chelmsford/,
      ],
      [
        writeCsv(dir, 'duplicate.csv', [...rows, rows[10]!]),
        '2022',
        /row 38, column A \(Code\): Southend-on-Sea \(E06000033\) is also on row 11/,
      ],
      [
        writeCsv(dir, 'text.csv', setCell(rows, 'E07000070', '9', 'n/a')),
        '2022',
        /column N \(9\): "n\/a" is not a number/,
      ],
      [
        writeCsv(dir, 'negative.csv', setCell(rows, 'E07000070', '9', '-1')),
        '2022',
        /column N \(9\): -1 is negative/,
      ],
      [writeCsv(dir, 'no-age.csv', dropColumn(rows, '16')), '2022', /row 1: There is no column for age 16/],
      [writeCsv(dir, 'no-year.csv', rows), undefined, /does not say which year/],
    ];
    for (const [file, year, expected] of bad) {
      const error = await deps.population
        .importFile(ctx, { fileName: path.basename(file), filePath: file, year })
        .catch((e: unknown) => e);
      expect(error, file).toBeInstanceOf(ValidationError);
      const lines = (error as ValidationError).problems.map((p) =>
        [p.file, p.row !== undefined ? `row ${p.row}` : '', p.column ? `column ${p.column}` : '']
          .filter(Boolean)
          .join(', ')
          .concat(`: ${p.message}`),
      );
      expect(lines.join('\n'), file).toMatch(expected);
    }
    expect(await snapshot(handle.db)).toEqual(before);
    expect((await deps.analysis.childDenominators()).label).toBe(FILE6_LABEL);
  });

  it('checks a file without importing it on a dry run', async () => {
    const before = await snapshot(handle.db);
    const report = await deps.population.importFile(ctx, {
      fileName: 'mye2-persons-2021.csv',
      filePath: good2021(),
      year: 2021,
      dryRun: true,
    });
    expect(report).toMatchObject({
      dryRun: true,
      importId: null,
      referenceYear: 2021,
      replaced: null,
      rowsRead: 36,
      otherAreaRows: 4,
    });
    expect(await snapshot(handle.db)).toEqual(before);
  });

  it('imports a CSV: children aged 0 to 17 by district, sums for localities and the Pathfinder, wards scaled from File 6', async () => {
    const before = await snapshot(handle.db);
    const file = good2021();
    const report = await deps.population.importFile(ctx, {
      fileName: 'mye2-persons-2021.csv',
      filePath: file,
      year: '2021',
    });
    const expected = expectedChildren(2021);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);
    expect(report).toMatchObject({
      dryRun: false,
      referenceYear: 2021,
      yearSource: 'option',
      total,
      replaced: null,
    });
    expect(report.sha256).toBe(
      (await import('node:crypto')).createHash('sha256').update(fs.readFileSync(file)).digest('hex'),
    );
    const label = uploadedLabel({
      referenceYear: 2021,
      ageFrom: 0,
      ageTo: 17,
      importedAt: report.importedAt!,
    });
    expect(label).toMatch(
      /^children aged 0 to 17 \(ONS mid-2021 estimates, uploaded \d{1,2} [A-Z][a-z]+ 20\d\d\)$/,
    );
    expect(report.label).toBe(label);

    const d = await deps.analysis.childDenominators();
    expect(d.label).toBe(label);
    for (const [code, children] of expected) expect(d.byArea.get(code)).toBe(children);
    for (const l of LOCALITIES) {
      const sum = DISTRICTS.filter((x) => x.localityCode === l.code).reduce(
        (n, x) => n + expected.get(x.code)!,
        0,
      );
      expect(d.byArea.get(l.code)).toBe(sum);
    }
    expect(d.byArea.get('PATHFINDER')).toBe(total);

    const figures = await deps.geography.areaFigures();
    const wards = (await deps.geography.listAreas(['ward'])).filter((w) => w.level === 'ward');
    expect(wards.length).toBeGreaterThan(600);
    for (const w of wards.slice(0, 50)) {
      const ratio = expected.get(w.parentCode!)! / figures.get(w.parentCode!)!.children0To15!;
      expect(d.byArea.get(w.code)).toBe(Math.round(figures.get(w.code)!.children0To15! * ratio));
    }

    const after = await snapshot(handle.db);
    expect(after).toEqual({
      imports: before.imports + 1,
      estimates: before.estimates + 32,
      current: 1,
      events: before.events + 1,
    });
    const events = await deps.auditRepository.listForSubject(
      handle.db,
      'population_import',
      String(report.importId),
    );
    expect(events).toEqual([
      expect.objectContaining({
        action: 'population.import',
        actor: 'system:test',
        details: expect.objectContaining({
          sha256: report.sha256,
          referenceYear: 2021,
          children: total,
          replacedImportId: null,
        }),
      }),
    ]);
  });

  it('replaces the upload with a later one (XLSX), keeping the earlier for history; rates use it', async () => {
    const first = (await deps.population.status()).current!;
    const file = await writeXlsx(dir, 'mye2-2022.xlsx', wideRows({ year: 2022 }));
    const report = await deps.population.importFile(ctx, { fileName: 'mye2-2022.xlsx', filePath: file });
    expect(report).toMatchObject({
      referenceYear: 2022,
      yearSource: 'title',
      sheet: 'MYE2 - Persons',
      replaced: {
        importId: first.importId,
        fileName: 'mye2-persons-2021.csv',
        referenceYear: 2021,
        sameFile: false,
      },
    });
    const status = await deps.population.status();
    expect(status).toMatchObject({
      inUse: 'uploaded',
      label: report.label,
      current: { importId: report.importId },
    });
    expect(status.history.map((h) => [h.importId, h.replacedBy])).toEqual([
      [report.importId, null],
      [first.importId, report.importId],
    ]);
    expect(status.current!.districts).toHaveLength(32);
    expect(status.current!.districts[0]).toMatchObject({
      children: expectedChildren(2022).get(DISTRICTS[0]!.code),
      file6Children0To15: expect.any(Number),
    });

    const d = await deps.analysis.childDenominators();
    expect(d.label).toMatch(/ONS mid-2022 estimates/);
    for (const [code, children] of expectedChildren(2022)) expect(d.byArea.get(code)).toBe(children);
    // Some approved figures to take rates of.
    const essex = DISTRICTS.filter((x) => x.localityCode === 'LOC-ESSEX');
    await submitApproved(deps, {
      organisationId: 'essex-police',
      period: '2026-Q1',
      submittedAt: '2026-04-20T09:00:00Z',
      observations: countsByArea(
        'svv-related-arrests',
        { start: '2026-01-01', end: '2026-03-31' },
        essex.map((x) => x.code),
        essex.map((_, i) => 10 + i),
      ),
    });
    const analysis = await deps.analysis.indicatorAnalysis(
      { operatorTier: 'partnership' },
      { indicatorId: 'svv-related-arrests', quarter: { year: 2026, q: 1 }, level: 'district' },
    );
    expect(analysis.denominatorLabel).toBe(report.label);
    expect(analysis.areas.find((a) => a.code === 'E07000070')?.denominator).toBe(
      expectedChildren(2022).get('E07000070'),
    );
  });

  it('removes the upload: rates go back to File 6; uploads stay in the history; audited', async () => {
    const current = (await deps.population.status()).current!;
    const result = await deps.population.remove(systemActor('remover'));
    expect(result).toMatchObject({
      label: FILE6_LABEL,
      removed: { importId: current.importId, removedBy: 'system:remover' },
    });
    expect((await deps.analysis.childDenominators()).label).toBe(FILE6_LABEL);
    const status = await deps.population.status();
    expect(status).toMatchObject({ inUse: 'file6', current: null });
    expect(status.history).toHaveLength(2);
    expect(status.history[0]!.removedAt).toBeInstanceOf(Date);
    const events = await deps.auditRepository.listForSubject(
      handle.db,
      'population_import',
      String(current.importId),
    );
    expect(events.map((e) => e.action)).toEqual(['population.import', 'population.remove']);
    await expect(deps.population.remove(ctx)).rejects.toBeInstanceOf(NotFoundError);
    expect(findBrokenLink(await deps.auditRepository.listAll(handle.db))).toBeUndefined();
  });
});
