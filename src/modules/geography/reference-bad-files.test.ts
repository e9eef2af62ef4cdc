// Every bad file a user is likely to produce: each is refused with a precise problem, and the
// database is left exactly as it was (the earlier good import stays in place).
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  REQUIRED_FILES,
  SHARED_DATA_DIR,
  cell,
  makeReferenceDir,
  removeReferenceDirs,
  setCell,
  type DirectoryPlan,
} from '../../../test/support/reference-files.ts';
import { describeEachDatabase } from '../../../test/support/test-db.ts';
import { systemActor } from '../../platform/actor.ts';
import { createAuditRepository } from '../../platform/audit.repository.ts';
import { createAuditWriter } from '../../platform/audit.ts';
import { ValidationError, type Problem } from '../../platform/errors.ts';
import { createGeographyRepository } from './geography.repository.ts';
import { createGeographyService } from './geography.service.ts';

afterAll(removeReferenceDirs);

const TABLES = [
  'area',
  'lsoa_deprivation',
  'lsoa_population',
  'district_deprivation_summary',
  'ward_lookup',
  'lsoa_ward_lookup',
  'boundary',
  'reference_import',
  'audit_event',
] as const;

describeEachDatabase('reference import of bad files', (getDb) => {
  const geography = () =>
    createGeographyService({
      db: getDb().db,
      repository: createGeographyRepository(),
      audit: createAuditWriter(createAuditRepository()),
    });
  const ctx = systemActor('test');

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const t of TABLES) {
      const r = await sql<{ n: number }>`select cast(count(*) as integer) as n from ${sql.table(t)}`.execute(
        getDb().db,
      );
      counts[t] = r.rows[0]!.n;
    }
    return counts;
  }

  /** Imports the directory, expects it refused, and returns its problems; checks nothing changed. */
  async function refused(plan: DirectoryPlan): Promise<Problem[]> {
    const before = await rowCounts();
    const error = await geography()
      .importReference(ctx, makeReferenceDir(plan))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ValidationError);
    expect(await rowCounts()).toEqual(before);
    return (error as ValidationError).problems;
  }

  beforeAll(async () => {
    await geography().ensureBuiltIn(ctx);
    await geography().importReference(ctx, SHARED_DATA_DIR);
  });

  it('refuses a rank out of range, naming file, row and column', async () => {
    const problems = await refused({
      alter: { [REQUIRED_FILES.imd]: (t) => setCell(t, 4, 'imd_rank', '40000') },
    });
    expect(problems).toContainEqual({
      file: REQUIRED_FILES.imd,
      row: 4,
      column: 'imd_rank',
      message: 'Enter an IMD rank between 1 and 32,844 (found "40000")',
    });
  });

  it('refuses a district code outside the Pathfinder for an LSOA of the Pathfinder', async () => {
    let lsoa = '';
    const problems = await refused({
      alter: {
        [REQUIRED_FILES.imd]: (t) => {
          lsoa = cell(t, 7, 'lsoa11cd');
          return setCell(t, 7, 'lad19cd', 'E07999999');
        },
      },
    });
    // File 6 and the lookups place the LSOA in Peterborough, so the wrong cell is pinned down.
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: REQUIRED_FILES.imd,
        row: 7,
        column: 'lad19cd',
        message: expect.stringContaining(lsoa),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: REQUIRED_FILES.imd,
        message: expect.stringMatching(/Peterborough \(E06000031\) has 111 LSOAs/),
      }),
    );
  });

  it('refuses a district code that disagrees with File 1 in another file', async () => {
    const problems = await refused({
      alter: { [REQUIRED_FILES.population]: (t) => setCell(t, 9, 'lad19cd', 'E07000148') },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.population,
        row: 9,
        column: 'lad19cd',
        message: expect.stringContaining('places it in Peterborough (E06000031) (found "E07000148")'),
      }),
    ]);
  });

  it('refuses a file without a required column', async () => {
    const dropLastColumn = (t: string) =>
      t
        .split('\n')
        .map((line) => line.split(',').slice(0, -1).join(','))
        .join('\n');
    const problems = await refused({ alter: { [REQUIRED_FILES.imd]: dropLastColumn } });
    expect(problems).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.imd,
        row: 1,
        column: 'imd_decile',
        message: expect.stringContaining('The IMD decile column is missing'),
      }),
    ]);
  });

  it('refuses when a required file is missing', async () => {
    const problems = await refused({
      files: Object.values(REQUIRED_FILES).filter((f) => f !== REQUIRED_FILES.population),
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.population,
        message: expect.stringContaining(
          'The IoD2019 File 6: population denominators (mid-2015) file is missing',
        ),
      }),
    ]);
  });

  it('refuses a population that is not a number', async () => {
    const problems = await refused({
      alter: {
        [REQUIRED_FILES.population]: (t) => setCell(t, 3, 'total_pop_mid2015_excl_prisoners', 'about 1500'),
      },
    });
    expect(problems).toEqual([
      {
        file: REQUIRED_FILES.population,
        row: 3,
        column: 'total_pop_mid2015_excl_prisoners',
        message: 'Enter a total population as a whole number of 0 or more (found "about 1500")',
      },
    ]);
  });

  it('refuses duplicate LSOA rows', async () => {
    const problems = await refused({
      alter: {
        [REQUIRED_FILES.idaci]: (t) => {
          const lines = t.trimEnd().split('\n');
          return [...lines, lines[1]].join('\n') + '\n';
        },
      },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.idaci,
        row: 2545,
        column: 'lsoa11cd',
        message: expect.stringContaining('appears more than once (first in row 2)'),
      }),
    ]);
  });

  it('refuses an empty file and a file with only a header', async () => {
    expect(await refused({ alter: { [REQUIRED_FILES.idaci]: () => '' } })).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.idaci,
        row: 1,
        message: expect.stringContaining('The file is empty'),
      }),
    ]);
    expect(await refused({ alter: { [REQUIRED_FILES.idaci]: (t) => t.split('\n')[0] + '\n' } })).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.idaci,
        row: 2,
        message: expect.stringContaining('no data'),
      }),
    ]);
  });

  it('refuses a file saved in Windows-1252 rather than UTF-8', async () => {
    const problems = await refused({
      alter: { [REQUIRED_FILES.imd]: (t) => setCell(t, 2, 'lsoa11nm', 'Peterborough 004A \uFFFD') },
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: REQUIRED_FILES.imd,
        row: 2,
        message: expect.stringContaining('not saved as UTF-8'),
      }),
    ]);
  });

  it('refuses a missing directory', async () => {
    await expect(geography().importReference(ctx, '/no/such/clmd/reference/dir')).rejects.toMatchObject({
      problems: [expect.objectContaining({ field: 'DIR' })],
    });
  });
});
