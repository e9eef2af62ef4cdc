// The police.uk import and what is computed from it, on a real database (PGlite, and PostgreSQL when
// TEST_DATABASE_URL is set), with the real reference data and the four real 2019-01 files of
// ../shared/data. Every expected figure is worked out in the test from the raw CSVs and the lookups
// (crime.test-data.ts), not by the importer's code.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SHARED_DATA_DIR } from '../../../test/support/reference-files.ts';
import { describeEachDatabase } from '../../../test/support/test-db.ts';
import type { DB } from '../../db/schema.ts';
import { systemActor } from '../../platform/actor.ts';
import { createAuditRepository } from '../../platform/audit.repository.ts';
import { createAuditWriter, findBrokenLink } from '../../platform/audit.ts';
import { NotFoundError, ValidationError, type Problem } from '../../platform/errors.ts';
import { createGeographyRepository } from '../geography/geography.repository.ts';
import { createGeographyService } from '../geography/geography.service.ts';
import {
  CRIME_TYPES,
  CRIME_TYPE_CODES,
  type CrimeCountLevel,
  type CrimeCountRow,
  type PoliceUkImportReport,
} from './crime.model.ts';
import { createCrimeRepository, type CrimeRepository } from './crime.repository.ts';
import { createCrimeService } from './crime.service.ts';
import {
  COLUMN,
  FORCE_FILES,
  FORCE_NAMES,
  POLICE_UK_DIR,
  PROVENANCE,
  PROXY_LABELS,
  REAL_FILES,
  STREET_DIR,
  makeTempDir,
  manifestSha256,
  rawCountsBy,
  rawPoliceUk,
  realText,
  removeTempDirs,
  writeAltered,
  writeFile,
} from './crime.test-data.ts';

afterAll(removeTempDirs);

const ctx = systemActor('test');
const NORFOLK = FORCE_FILES['Norfolk Constabulary'];
const TOTAL_ROWS = Object.values(PROVENANCE).reduce((n, p) => n + p.rows, 0);
const LABEL = new Map<string, string>(CRIME_TYPES.map((t) => [t.code, t.label]));

interface Snapshot {
  imports: number;
  files: number;
  current_files: number;
  count_rows: number;
  counted: number;
  /** A digest of every count row. */
  digest: string;
  audit_events: number;
}

/** Everything an import can change, so a refused or failed import can be shown to change nothing. */
async function snapshot(db: Kysely<DB>): Promise<Snapshot> {
  const result = await sql<Record<keyof Snapshot, string | number>>`
    select (select count(*) from crime_import) as imports,
           (select count(*) from crime_source_file) as files,
           (select count(*) from crime_source_file where replaced_by_import is null) as current_files,
           (select count(*) from crime_count) as count_rows,
           (select coalesce(sum(count), 0) from crime_count) as counted,
           (select md5(coalesce(string_agg(
              concat_ws('|', month, lsoa_code, crime_type, count, source_file_id), ','
              order by month, lsoa_code, crime_type), '')) from crime_count) as digest,
           (select count(*) from audit_event) as audit_events`.execute(db);
  const row = result.rows[0]!;
  return {
    imports: Number(row.imports),
    files: Number(row.files),
    current_files: Number(row.current_files),
    count_rows: Number(row.count_rows),
    counted: Number(row.counted),
    digest: String(row.digest),
    audit_events: Number(row.audit_events),
  };
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

function groupSum<T>(
  rows: readonly T[],
  key: (r: T) => string,
  value: (r: T) => number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + value(r));
  return out;
}

describeEachDatabase('police.uk street-crime import', (getDb) => {
  const auditRepository = createAuditRepository();
  const audit = createAuditWriter(auditRepository);
  const geography = () =>
    createGeographyService({ db: getDb().db, repository: createGeographyRepository(), audit });
  const service = (repository: CrimeRepository = createCrimeRepository()) =>
    createCrimeService({ db: getDb().db, repository, audit, geography: geography() });
  let beforeReference: unknown;
  let first: PoliceUkImportReport;

  beforeAll(async () => {
    await geography().ensureBuiltIn(ctx);
    beforeReference = await service()
      .importPoliceUk(ctx, REAL_FILES)
      .catch((e: unknown) => e);
    await geography().importReference(ctx, SHARED_DATA_DIR);
  });

  it('refuses to import before the reference data (the LSOAs) is loaded', () => {
    expect(beforeReference).toBeInstanceOf(ValidationError);
    expect((beforeReference as ValidationError).problems[0]!.message).toMatch(
      /^Import the reference data first \(clmd reference import DIR\)/,
    );
  });

  it('imports ../shared/data/policeuk: per force the rows, ASB, no-location and outside-area counts of PROVENANCE.md; SHA-256 recorded; audited', async () => {
    const db = getDb().db;
    const eventsBefore = (await auditRepository.listAll(db)).length;
    first = await service().importPoliceUk(ctx, [POLICE_UK_DIR]);

    expect(first.files.map((f) => f.force)).toEqual(FORCE_NAMES);
    for (const f of first.files) {
      const force = f.force as keyof typeof PROVENANCE;
      const expected = PROVENANCE[force];
      const raw = rawPoliceUk().byForce[force];
      expect(f).toMatchObject({
        file: FORCE_FILES[force],
        month: '2019-01',
        sha256: manifestSha256(FORCE_FILES[force]),
        rowsRead: expected.rows,
        asb: { rows: expected.asb },
        noLocation: { rows: expected.noLocation },
        outsideArea: { outsidePathfinder: expected.outside, inOtherPathfinderDistrict: raw.otherDistrict },
        counted: raw.counted,
        replaced: null,
      });
    }
    expect(first.totals).toMatchObject({
      files: 4,
      rowsRead: TOTAL_ROWS,
      asb: sum(Object.values(PROVENANCE).map((p) => p.asb)),
      noLocation: sum(Object.values(PROVENANCE).map((p) => p.noLocation)),
      outsidePathfinder: sum(Object.values(PROVENANCE).map((p) => p.outside)),
    });
    expect(first.totals.counted + first.totals.noLocation + first.totals.outsideArea).toBe(TOTAL_ROWS);
    expect(first.asbInCrimeShares).toBe(false);

    // What is stored: the counts, each file with its SHA-256, and one audit event in the chain.
    expect(await snapshot(db)).toMatchObject({
      imports: 1,
      files: 4,
      current_files: 4,
      counted: first.totals.counted,
      audit_events: eventsBefore + 1,
    });
    const sources = await service().sources();
    expect(sources.map((s) => [s.force, s.file, s.sha256, s.rowsRead, s.importId])).toEqual(
      FORCE_NAMES.map((force) => [
        force,
        FORCE_FILES[force],
        manifestSha256(FORCE_FILES[force]),
        PROVENANCE[force].rows,
        first.importId,
      ]),
    );
    const events = await auditRepository.listForSubject(db, 'crime_import', String(first.importId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'crime.import', actor: ctx.actor });
    const details = events[0]!.details as { files: { file: string; sha256: string }[]; counted: number };
    expect(details.counted).toBe(first.totals.counted);
    expect(details.files.map((f) => f.sha256)).toEqual(
      FORCE_NAMES.map((force) => manifestSha256(FORCE_FILES[force])),
    );
    expect(findBrokenLink(await auditRepository.listAll(db))).toBeUndefined();
  });

  it('gives crime shares by district that sum to 100% per locality, and by locality to 100% of the Pathfinder', async () => {
    const raw = rawPoliceUk();
    const districts = await service().crimeShares();
    expect(districts).toMatchObject({ level: 'district', from: '2019-01', to: '2019-01', unplaced: 0 });
    expect(districts.excludedTypes).toEqual(['anti-social-behaviour']);
    expect(districts.areas).toHaveLength(32);
    const byDistrict = rawCountsBy((lsoa) => raw.lsoaLad.get(lsoa)!);
    const byLocality = rawCountsBy((lsoa) => raw.ladLocality.get(raw.lsoaLad.get(lsoa)!)!);
    for (const a of districts.areas) {
      expect(a.count, a.name).toBe(byDistrict.get(a.code) ?? 0);
      expect(a.share).toBeCloseTo(a.count / byLocality.get(a.localityCode)!, 12);
    }
    for (const l of districts.localities) {
      const mine = districts.areas.filter((a) => a.localityCode === l.code);
      expect(sum(mine.map((a) => a.share!))).toBeCloseTo(1, 12);
      // As shown, to one decimal place: 100% give or take the rounding of each share.
      const shown = sum(mine.map((a) => Number((a.share! * 100).toFixed(1))));
      expect(Math.abs(shown - 100)).toBeLessThanOrEqual(0.05 * mine.length);
      expect(l.count).toBe(byLocality.get(l.code));
      expect(l).toMatchObject({ months: ['2019-01'], monthsMissing: [] });
    }

    const localities = await service().crimeShares({ level: 'locality' });
    expect(localities.areas.map((a) => a.code)).toEqual([
      'LOC-NORFOLK',
      'LOC-SUFFOLK',
      'LOC-CAMBRIDGESHIRE',
      'LOC-ESSEX',
    ]);
    expect(localities.pathfinderCount).toBe(sum(byLocality.values()));
    expect(sum(localities.areas.map((a) => a.share!))).toBeCloseTo(1, 12);
    for (const a of localities.areas) {
      expect(a.count).toBe(byLocality.get(a.code));
      expect(a.districtCode).toBeNull();
    }

    const wards = await service().crimeShares({ level: 'ward' });
    const byWard = rawCountsBy((lsoa) => raw.lsoaWard.get(lsoa)!);
    expect(wards.areas).toHaveLength(692);
    for (const a of wards.areas) expect(a.count).toBe(byWard.get(a.code) ?? 0);
    for (const [district, shares] of groupSum(
      wards.areas,
      (a) => a.districtCode!,
      (a) => a.districtShare ?? 0,
    ))
      expect(shares, district).toBeCloseTo(1, 12);
    for (const shares of groupSum(
      wards.areas,
      (a) => a.localityCode,
      (a) => a.share!,
    ).values())
      expect(shares).toBeCloseTo(1, 12);

    // Anti-social behaviour in, when asked: every counted row.
    const all = await service().crimeShares({ excludeTypes: [] });
    expect(all.pathfinderCount).toBe(first.totals.counted);
  });

  it('gives drug, possession-of-weapons and violence proxies per district equal to counts from the raw CSVs', async () => {
    const raw = rawPoliceUk();
    const result = await service().crimeCounts({ level: 'district' });
    expect(result.crimeTypes).toEqual(['drugs', 'possession-of-weapons', 'violence-and-sexual-offences']);
    expect(result.rows).toHaveLength(32 * 3);
    for (const [code, label] of Object.entries(PROXY_LABELS)) {
      const expected = rawCountsBy((lsoa) => raw.lsoaLad.get(lsoa)!, [label]);
      for (const r of result.rows.filter((x) => x.crimeType === code)) {
        expect(r.count, `${r.areaName} ${label}`).toBe(expected.get(r.areaCode) ?? 0);
      }
      expect(sum(result.rows.filter((x) => x.crimeType === code).map((r) => r.count))).toBe(
        first.totals.byCrimeType[code as keyof typeof PROXY_LABELS],
      );
    }
    const byMonth = await service().crimeCounts({ level: 'district', byMonth: true, month: '2019-01' });
    expect(byMonth.rows.map((r) => [r.areaCode, r.crimeType, r.month, r.count])).toEqual(
      result.rows.map((r) => [r.areaCode, r.crimeType, '2019-01', r.count]),
    );
  });

  it('gives counts by LSOA, ward, district and locality that add up, for every crime type', async () => {
    const counts = async (level: CrimeCountLevel) =>
      (await service().crimeCounts({ level, crimeTypes: CRIME_TYPE_CODES })).rows;
    const [lsoa, ward, district, locality] = [
      await counts('lsoa'),
      await counts('ward'),
      await counts('district'),
      await counts('locality'),
    ];
    const key = (area: (r: CrimeCountRow) => string) => (r: CrimeCountRow) => `${area(r)}\t${r.crimeType}`;
    const toDistrict = key((r) => r.districtCode!);
    const districtTotals = new Map(district.map((r) => [toDistrict(r), r.count]));
    expect(groupSum(lsoa, toDistrict, (r) => r.count)).toEqual(districtTotals);
    expect(groupSum(ward, toDistrict, (r) => r.count)).toEqual(districtTotals);
    const toLocality = key((r) => r.localityCode);
    expect(groupSum(district, toLocality, (r) => r.count)).toEqual(
      new Map(locality.map((r) => [toLocality(r), r.count])),
    );
    expect(
      Object.fromEntries(
        groupSum(
          locality,
          (r) => r.crimeType,
          (r) => r.count,
        ),
      ),
    ).toEqual(first.totals.byCrimeType);
    // And each LSOA as in the raw files.
    const raw = rawPoliceUk();
    for (const r of lsoa)
      expect(r.count).toBe(raw.counted.get(`${r.areaCode}\t${LABEL.get(r.crimeType)}`) ?? 0);
  });

  it('replaces, never doubles, the counts when the same files are imported again', async () => {
    const db = getDb().db;
    const before = await snapshot(db);
    const sharesBefore = await service().crimeShares();
    const again = await service().importPoliceUk(ctx, REAL_FILES);
    for (const f of again.files) {
      expect(f.replaced).toEqual({
        importId: first.importId,
        file: f.file,
        sha256: f.sha256,
        counted: f.counted,
        sameFile: true,
      });
    }
    const after = await snapshot(db);
    expect(after).toMatchObject({
      imports: before.imports + 1,
      files: before.files + 4,
      current_files: 4,
      count_rows: before.count_rows,
      counted: before.counted,
      audit_events: before.audit_events + 1,
    });
    expect((await service().crimeShares()).areas).toEqual(sharesBefore.areas);
    expect((await service().sources()).every((s) => s.importId === again.importId)).toBe(true);
  });

  it('serialises two imports of the same files at once: the later replaces the earlier, nothing doubled', async () => {
    const db = getDb().db;
    const before = await snapshot(db);
    const [a, b] = await Promise.all([
      service().importPoliceUk(ctx, REAL_FILES),
      service().importPoliceUk(ctx, REAL_FILES),
    ]);
    const [earlier, later] = a.importId < b.importId ? [a, b] : [b, a];
    for (const f of later.files)
      expect(f.replaced).toMatchObject({ importId: earlier.importId, sameFile: true });
    expect(await snapshot(db)).toMatchObject({
      imports: before.imports + 2,
      files: before.files + 8,
      current_files: 4,
      count_rows: before.count_rows,
      counted: before.counted,
      audit_events: before.audit_events + 2,
    });
  });

  it('replaces only the counts of the month and force a changed file holds', async () => {
    const dir = makeTempDir();
    const noDrugs = writeAltered(dir, NORFOLK, NORFOLK, (cells) =>
      cells[COLUMN.crimeType] === 'Drugs' ? null : cells,
    );
    const proxies = async () => (await service().crimeCounts({ level: 'locality' })).rows;
    const before = await proxies();
    const report = await service().importPoliceUk(ctx, [noDrugs]);
    expect(report.files[0]!.replaced).toMatchObject({ file: NORFOLK, sameFile: false });
    const after = await proxies();
    for (const [i, r] of after.entries()) {
      const expected = r.localityCode === 'LOC-NORFOLK' && r.crimeType === 'drugs' ? 0 : before[i]!.count;
      expect(r.count, `${r.localityCode} ${r.crimeType}`).toBe(expected);
    }
    expect(
      before.find((r) => r.localityCode === 'LOC-NORFOLK' && r.crimeType === 'drugs')!.count,
    ).toBeGreaterThan(0);
    await service().importPoliceUk(ctx, [path.join(STREET_DIR, NORFOLK)]);
    expect(await proxies()).toEqual(before);
  });

  /** Bad files, each imported with the three good files of the other forces: all refused. */
  const badFiles: [string, (dir: string) => string, Partial<Problem>][] = [
    [
      'a month in the rows that is not the one in the file name',
      (dir) =>
        writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
          if (row === 40) cells[COLUMN.month] = '2019-02';
          return cells;
        }),
      { row: 40, column: 'Month' },
    ],
    [
      'two forces in one file',
      (dir) =>
        writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => {
          if (row === 10) cells[COLUMN.fallsWithin] = 'Suffolk Constabulary';
          return cells;
        }),
      { row: 10, column: 'Falls within' },
    ],
    [
      'a corrupt row',
      (dir) => writeAltered(dir, NORFOLK, NORFOLK, (cells, row) => (row === 50 ? cells.slice(0, 3) : cells)),
      { row: 50, column: 'Falls within' },
    ],
    [
      'Windows-1252',
      (dir) =>
        writeFile(
          dir,
          NORFOLK,
          Buffer.from(realText(NORFOLK).replace('On or near Paradise Lane', 'On or near Café'), 'latin1'),
        ),
      { row: 2, column: 'Location' },
    ],
    ['an empty file', (dir) => writeFile(dir, NORFOLK, ''), { row: 1 }],
    ['a header row only', (dir) => writeFile(dir, NORFOLK, realText(NORFOLK).split('\n')[0]!), { row: 2 }],
    [
      'a missing column',
      (dir) => writeFile(dir, NORFOLK, realText(NORFOLK).replace('LSOA code', 'LSOA')),
      { row: 1, column: 'LSOA code' },
    ],
    [
      'not a police.uk file',
      (dir) =>
        writeFile(dir, NORFOLK, fs.readFileSync(path.join(SHARED_DATA_DIR, 'geography/target_lads.csv'))),
      { row: 1 },
    ],
    [
      'the same month and force twice',
      (dir) => writeFile(dir, 'norfolk-copy.csv', realText(NORFOLK)),
      {
        message: expect.stringMatching(
          /2019-01-norfolk-street\.csv also holds Norfolk Constabulary's crimes for 2019-01/,
        ),
      },
    ],
  ];

  it.each(badFiles)(
    'refuses %s, naming file, row and column, and changes nothing',
    async (_what, make, where) => {
      const db = getDb().db;
      const before = await snapshot(db);
      const bad = make(makeTempDir());
      const others =
        path.basename(bad) === NORFOLK ? REAL_FILES.filter((f) => path.basename(f) !== NORFOLK) : REAL_FILES;
      const error = await service()
        .importPoliceUk(ctx, [...others, bad])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const { message, problems } = error as ValidationError;
      expect(message).toBe(
        'The police.uk files were not imported because some have problems. Nothing was changed.',
      );
      expect(problems[0]).toMatchObject({ file: bad, ...where });
      expect(problems[0]!.message.length).toBeGreaterThan(20);
      expect(await snapshot(db)).toEqual(before);
    },
  );

  it('says a file that does not exist is not found, and changes nothing', async () => {
    const db = getDb().db;
    const before = await snapshot(db);
    const missing = path.join(makeTempDir(), '2019-02-norfolk-street.csv');
    const error = await service()
      .importPoliceUk(ctx, [...REAL_FILES, missing])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(
      `There is no file or folder called ${missing}. Check the name and the folder. Nothing was imported.`,
    );
    const empty = makeTempDir();
    const noFiles = await service()
      .importPoliceUk(ctx, [empty])
      .catch((e: unknown) => e);
    expect((noFiles as ValidationError).problems).toEqual([
      expect.objectContaining({
        file: empty,
        message: expect.stringMatching(/^There are no police\.uk street files in this folder/),
      }),
    ]);
    expect(await snapshot(db)).toEqual(before);
  });

  it('changes nothing when writing fails part of the way through (one transaction)', async () => {
    const db = getDb().db;
    const before = await snapshot(db);
    const real = createCrimeRepository();
    let calls = 0;
    const failing: CrimeRepository = {
      ...real,
      async insertCounts(trx, file, rows) {
        calls += 1;
        if (calls === 3) throw new Error('the disk is full');
        return real.insertCounts(trx, file, rows);
      },
    };
    await expect(service(failing).importPoliceUk(ctx, REAL_FILES)).rejects.toThrow('the disk is full');
    expect(calls).toBe(3);
    expect(await snapshot(db)).toEqual(before);
    expect(findBrokenLink(await auditRepository.listAll(db))).toBeUndefined();
  });

  it('says when the months asked for are not imported, or not months', async () => {
    await expect(service().crimeShares({ month: '2019-02' })).rejects.toThrow(
      new NotFoundError('No police.uk crime has been imported for 2019-02. The months imported are 2019-01.'),
    );
    await expect(service().crimeCounts({ level: 'district', from: '2020-01' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect((await service().crimeShares({ from: '2018-12' })).to).toBe('2019-01');
    const invalid = await service()
      .crimeShares({ month: '2019-13', excludeTypes: ['violent-crime'] })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect((invalid as ValidationError).problems[0]!.message).toMatch(
      /^"violent-crime" is not a police\.uk crime type/,
    );
    const month = await service()
      .crimeShares({ month: '2019-13' })
      .catch((e: unknown) => e);
    expect((month as ValidationError).problems).toEqual([
      { field: 'month', message: 'Enter the month as YYYY-MM, for example 2019-01' },
    ]);
  });
});
