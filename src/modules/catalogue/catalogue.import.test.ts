// Importing catalogue files into the database: unchanged files change nothing, edited files make a new
// version with exactly their changes, bad files leave the catalogue as it was.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { alteredWorkbook, badFiles, builtInWorkbook, sheet } from '../../../test/support/catalogue-files.ts';
import { describeEachDatabase } from '../../../test/support/test-db.ts';
import { systemActor } from '../../platform/actor.ts';
import { createAuditRepository } from '../../platform/audit.repository.ts';
import { createAuditWriter } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { BUILT_IN_CATALOGUE } from './catalogue.builtin.ts';
import { DATASET_HEADERS } from './catalogue.sheet-layout.ts';
import { createCatalogueRepository } from './catalogue.repository.ts';
import { createCatalogueService, type CatalogueService } from './catalogue.service.ts';
import { readCatalogueFile } from './catalogue.spreadsheet.ts';

// Made by exporting the built-in catalogue (writeCatalogueXlsx(BUILT_IN_CATALOGUE, 1)) and re-saving it with
// LibreOffice 7.4: soffice --headless --convert-to xlsx --outdir OUT clmd-catalogue-v1.xlsx
const LIBREOFFICE_RESAVED = path.join(
  import.meta.dirname,
  '../../../test/fixtures/catalogue/libreoffice-resaved.xlsx',
);

const ctx = systemActor('test');

async function importFile(service: CatalogueService, name: string, bytes: Buffer) {
  const indicators = await readCatalogueFile(name, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return service.importCatalogue(ctx, indicators, { name, sha256 });
}

describeEachDatabase('catalogue import', (getDb) => {
  const auditRepository = createAuditRepository();
  let service: CatalogueService;

  it('starts from the built-in catalogue', async () => {
    const { db } = getDb();
    service = createCatalogueService({
      db,
      repository: createCatalogueRepository(),
      audit: createAuditWriter(auditRepository),
    });
    expect((await service.ensureBuiltIn(ctx)).number).toBe(1);
  });

  it('changes nothing when the file matches the current version', async () => {
    const outcome = await importFile(service, 'clmd-catalogue-v1.xlsx', await builtInWorkbook());
    expect(outcome).toMatchObject({ changed: false, version: { number: 1 } });
    expect(await service.listVersions()).toHaveLength(1);
  });

  it('changes nothing for a workbook re-saved by LibreOffice, whose first row is the A–H header', async () => {
    const bytes = await readFile(LIBREOFFICE_RESAVED);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect((sheet(wb, 'Dataset').getRow(1).values as unknown[]).slice(1)).toEqual(DATASET_HEADERS);
    expect(await readCatalogueFile('libreoffice-resaved.xlsx', bytes)).toStrictEqual([...BUILT_IN_CATALOGUE]);
    expect(await importFile(service, 'libreoffice-resaved.xlsx', bytes)).toMatchObject({ changed: false });
    expect(await service.listVersions()).toHaveLength(1);
  });

  it('leaves the catalogue unchanged when a file has problems', async () => {
    for (const bad of await badFiles()) {
      const error = await importFile(service, bad.file, bad.bytes).catch((e: unknown) => e);
      expect(error, bad.name).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.length, bad.name).toBeGreaterThan(0);
    }
    expect(await service.listVersions()).toHaveLength(1);
    expect((await service.current()).indicators).toStrictEqual([...BUILT_IN_CATALOGUE]);
  });

  it('saves an edited workbook as a new version listing exactly what changed, and audits it', async () => {
    const target = BUILT_IN_CATALOGUE[4]!;
    const last = BUILT_IN_CATALOGUE.length + 2;
    const bytes = await alteredWorkbook((wb) => {
      const dataset = sheet(wb, 'Dataset');
      const machine = sheet(wb, 'Machine fields');
      dataset.getCell('G6').value = 'Figures before April 2020 are not comparable.';
      dataset.getRow(last).values = [
        'Education',
        'No. of YP on part-time timetables',
        'YP under 18 on a reduced timetable at the end of the term.',
        'Education',
        'Number',
        'Reduced timetables can hide exclusion.',
        '',
        '',
      ];
      machine.getRow(last).values = [
        'No. of YP on part-time timetables',
        'yp-part-time-timetables',
        'proposed',
        'section',
        null,
        '2.3.5',
        'Added in a test.',
        'count',
        'young people',
        'quarter',
        'pathfinder; locality',
        '',
        'higher-is-worse',
        '',
        'not-assessed',
        'education',
        'partnership',
      ];
    });
    const outcome = await importFile(service, 'edited.xlsx', bytes);
    expect(outcome.changed).toBe(true);
    if (!outcome.changed) return;
    expect(outcome.version).toMatchObject({
      number: 2,
      origin: 'import',
      sourceFile: 'edited.xlsx',
      summary: '1 added, 1 changed',
      sourceSha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(outcome.diff.removed).toEqual([]);
    expect(outcome.diff.added.map((i) => i.id)).toEqual(['yp-part-time-timetables']);
    expect(outcome.diff.changed).toEqual([
      {
        id: target.id,
        name: target.name,
        changes: [
          {
            field: 'caveats',
            label: 'Caveats',
            from: target.caveats,
            to: 'Figures before April 2020 are not comparable.',
          },
        ],
      },
    ]);

    const current = await service.current();
    expect(current.version.number).toBe(2);
    expect(current.indicators).toHaveLength(BUILT_IN_CATALOGUE.length + 1);
    expect(current.indicators.at(-1)).toMatchObject({
      id: 'yp-part-time-timetables',
      provenance: { kind: 'section', section: '2.3.5', note: 'Added in a test.' },
      areaLevels: ['pathfinder', 'locality'],
      dimensions: [],
    });
    // The earlier version is still there, as it was.
    expect((await service.version(1)).indicators).toStrictEqual([...BUILT_IN_CATALOGUE]);

    const events = await auditRepository.listForSubject(getDb().db, 'catalogue_version', '2');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'catalogue.import',
      actor: 'system:test',
      details: {
        added: ['yp-part-time-timetables'],
        removed: [],
        changed: [target.id],
        file: 'edited.xlsx',
        sha256: createHash('sha256').update(bytes).digest('hex'),
      },
    });
  });

  it('treats a file matching the new version as no change, and the old export as a change back', async () => {
    const current = await service.current();
    const { writeCatalogueCsv } = await import('./catalogue.spreadsheet.ts');
    const csv = Buffer.from(writeCatalogueCsv(current.indicators));
    expect(await importFile(service, 'v2.csv', csv)).toMatchObject({
      changed: false,
      version: { number: 2 },
    });
    const back = await importFile(service, 'clmd-catalogue-v1.xlsx', await builtInWorkbook());
    expect(back).toMatchObject({ changed: true, version: { number: 3, summary: '1 removed, 1 changed' } });
    expect((await service.current()).indicators).toStrictEqual([...BUILT_IN_CATALOGUE]);
  });
});
