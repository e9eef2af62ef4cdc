import { afterAll, expect, it } from 'vitest';
import {
  REQUIRED_FILES,
  SHARED_DATA_DIR,
  makeReferenceDir,
  removeReferenceDirs,
  replaceHeader,
} from '../../../test/support/reference-files.ts';
import { describeEachDatabase } from '../../../test/support/test-db.ts';
import { systemActor } from '../../platform/actor.ts';
import { createAuditRepository } from '../../platform/audit.repository.ts';
import { createAuditWriter, findBrokenLink } from '../../platform/audit.ts';
import { createGeographyRepository } from './geography.repository.ts';
import { createGeographyService } from './geography.service.ts';

afterAll(removeReferenceDirs);

/** The official headers of each required file (MHCLG IoD2019 and ONS lookups). */
const OFFICIAL_HEADERS: Record<string, string> = {
  [REQUIRED_FILES.imd]:
    'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile',
  [REQUIRED_FILES.idaci]:
    'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived),Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOAs),Income Deprivation Affecting Children Index (IDACI) Rank (where 1 is most deprived),Income Deprivation Affecting Children Index (IDACI) Decile (where 1 is most deprived 10% of LSOAs),Income Deprivation Affecting Older People (IDAOPI) Rank (where 1 is most deprived),Income Deprivation Affecting Older People (IDAOPI) Decile (where 1 is most deprived 10% of LSOAs)',
  [REQUIRED_FILES.population]:
    'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Total population: mid 2015 (excluding prisoners),Dependent Children aged 0-15: mid 2015 (excluding prisoners),Population aged 16-59: mid 2015 (excluding prisoners),Older population aged 60 and over: mid 2015 (excluding prisoners),Working age population 18-59/64: for use with Employment Deprivation Domain (excluding prisoners)',
  [REQUIRED_FILES.lsoaWard2019]: 'LSOA11CD,LSOA11NM,WD19CD,WD19NM,LAD19CD,LAD19NM',
  [REQUIRED_FILES.lsoaWard2025]:
    'LSOA11CD,LSOA11NM,WD25CD,WD25NM,LAD25CD,LAD25NM,POINT_LON,POINT_LAT,POINT_METHOD',
};

describeEachDatabase('reference import', (getDb) => {
  const auditRepository = createAuditRepository();
  const service = () =>
    createGeographyService({
      db: getDb().db,
      repository: createGeographyRepository(),
      audit: createAuditWriter(auditRepository),
    });
  const ctx = systemActor('test');

  it('imports ../shared/data: 2,543 LSOAs, 32 districts, 692 wards (2025), mid-2015 totals, all audited', async () => {
    const geography = service();
    await geography.ensureBuiltIn(ctx);
    const started = Date.now();
    const report = await geography.importReference(ctx, SHARED_DATA_DIR);
    const seconds = (Date.now() - started) / 1000;

    expect(report.status).toBe('imported');
    expect(report.counts).toMatchObject({
      lsoas: 2543,
      districts: 32,
      wards2025: 692,
      wards2019: 717,
      population: 4_252_046,
      children0To15: 783_710,
      boundaries: { district: 32, ward: 692, lsoa: 2543 },
    });
    expect(report.absentOptional).toEqual([]);
    const file1 = report.files.find((f) => f.role === 'imd')!;
    expect(file1).toMatchObject({ path: REQUIRED_FILES.imd, rows: 2543, loaded: 2543, outside: 0 });
    expect(file1.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.files.find((f) => f.role === 'file10-imd')).toMatchObject({
      rows: 317,
      loaded: 32,
      outside: 285,
    });
    expect(seconds).toBeLessThan(30); // a few seconds on PGlite; generous for slow CI machines

    const status = await geography.referenceStatus();
    expect(status.counts).toMatchObject({
      lsoas: 2543,
      wards2025: 692,
      wards2019: 717,
      population: 4_252_046,
      children: 783_710,
    });

    const events = await auditRepository.listForSubject(getDb().db, 'reference_import');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'reference.import', subject_id: String(report.importId) });
    expect(findBrokenLink(await auditRepository.listAll(getDb().db))).toBeUndefined();
  });

  it('derives ward and district figures from the LSOAs, agreeing with File 10', async () => {
    const profile = await service().districtProfile('E07000148'); // Norwich
    expect(profile.district.derived).toMatchObject({
      lsoaCount: 83,
      population: 137_711,
      children0To15: 23_476,
    });
    // File 10's proportion of LSOAs in the most deprived 10% is the same count, computed by MHCLG.
    expect(profile.district.derived.shareInMostDeprivedDecile).toBeCloseTo(
      profile.district.summary['imd_proportion_of_lsoas_in_most_deprived_10_pct_nationally']!,
      3,
    );
    // File 10's average rank runs the other way (higher = more deprived): 32,845 − our weighted rank.
    expect(32_845 - profile.district.derived.populationWeightedImdRank!).toBeCloseTo(
      profile.district.summary['imd_average_rank']!,
      0,
    );
    expect(profile.wards.length).toBeGreaterThan(10);
    expect(profile.wards.reduce((n, w) => n + w.derived.lsoaCount, 0)).toBe(83);
  });

  it('reports unchanged on a second import of the same files and leaves everything as it was', async () => {
    const geography = service();
    const before = await geography.referenceStatus();
    const auditBefore = (await auditRepository.listAll(getDb().db)).length;
    const again = await geography.importReference(ctx, SHARED_DATA_DIR);
    expect(again.status).toBe('unchanged');
    expect(again.importId).toBe(before.lastImport!.importId);
    expect((await geography.referenceStatus()).counts).toEqual(before.counts);
    expect(await auditRepository.listAll(getDb().db)).toHaveLength(auditBefore);
  });

  it('replaces the data when forced, ending in the same state', async () => {
    const geography = service();
    const before = await geography.referenceStatus();
    const forced = await geography.importReference(ctx, SHARED_DATA_DIR, { force: true });
    expect(forced.status).toBe('imported');
    expect(forced.importId).toBeGreaterThan(before.lastImport!.importId);
    expect((await geography.referenceStatus()).counts).toEqual(before.counts);
  });

  it('accepts the official column headers (with a byte-order mark) and files under other names', async () => {
    const dir = makeReferenceDir({
      alter: Object.fromEntries(
        Object.entries(OFFICIAL_HEADERS).map(([file, header]) => [
          file,
          (text: string) => `\uFEFF${replaceHeader(text, header)}`,
        ]),
      ),
      rename: { [REQUIRED_FILES.population]: 'File_6_-_IoD2019_Population_Denominators.csv' },
    });
    const report = await service().importReference(ctx, dir);
    expect(report.status).toBe('imported');
    expect(report.counts).toMatchObject({
      lsoas: 2543,
      districts: 32,
      population: 4_252_046,
      children0To15: 783_710,
    });
    // Without the ward boundaries only the 688 wards some LSOA best-fits are known.
    expect(report.counts.wards2025).toBe(688);
    expect(report.files.find((f) => f.role === 'population')).toMatchObject({
      path: 'File_6_-_IoD2019_Population_Denominators.csv',
      foundBy: 'headers',
    });
    expect(report.absentOptional.map((a) => a.role)).toContain('boundaries-lsoa');
  });

  it('filters England-wide files to the 32 districts, counting what it skipped', async () => {
    const dir = makeReferenceDir({
      files: [
        'imd2019/imd2019_lsoa_england.csv',
        'imd2019/iod2019_file3_idaci_idaopi_england.csv',
        REQUIRED_FILES.population,
        REQUIRED_FILES.lsoaWard2019,
        REQUIRED_FILES.lsoaWard2025,
      ],
    });
    const report = await service().importReference(ctx, dir);
    expect(report.counts.lsoas).toBe(2543);
    expect(report.files.find((f) => f.role === 'imd')).toMatchObject({
      rows: 32_844,
      loaded: 2543,
      outside: 30_301,
    });
    expect(report.files.find((f) => f.role === 'idaci')).toMatchObject({
      rows: 32_844,
      loaded: 2543,
      outside: 30_301,
    });
  });
});
