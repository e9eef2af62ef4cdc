// `clmd reference import|status` and `clmd areas list`, run as a user would, against an embedded
// database in a temporary data directory.
import { afterAll, describe, expect, it } from 'vitest';
import {
  REQUIRED_FILES,
  SHARED_DATA_DIR,
  makeReferenceDir,
  removeReferenceDirs,
  setCell,
} from '../../test/support/reference-files.ts';
import { useCli } from '../../test/support/cli.ts';

const cli = useCli('reference', ['CLMD_REFERENCE_DIR']);
const { clmd } = cli;

afterAll(() => removeReferenceDirs());

describe('clmd reference and areas', () => {
  it('imports the configured directory (CLMD_REFERENCE_DIR) when no DIR is given, reporting what it loaded', async () => {
    process.env.CLMD_REFERENCE_DIR = SHARED_DATA_DIR;
    expect(await clmd('reference', 'import')).toBe(0);
    delete process.env.CLMD_REFERENCE_DIR;
    expect(cli.out).toMatch(/^Imported reference data from .* in [\d.]+ s \(import 1\)\./);
    expect(cli.out).toContain('32 districts, 692 wards (May 2025), 2,543 LSOAs (2011); 717 wards (2019)');
    expect(cli.out).toContain('4,252,046 people, 783,710 children aged 0 to 15');
    expect(cli.out).toContain('Optional files not found: none.');
  });

  it('reports a second import of the same files as unchanged, in JSON when asked', async () => {
    expect(await clmd('reference', 'import', SHARED_DATA_DIR, '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ status: 'unchanged', importId: 1, counts: { lsoas: 2543 } });
  });

  it('shows the last import with the checksum of every file', async () => {
    expect(await clmd('reference', 'status')).toBe(0);
    expect(cli.out).toContain('Last import: 1 on ');
    expect(cli.out).toMatch(/imd2019\/imd2019_lsoa_target\.csv .* [0-9a-f]{64}/);
  });

  it('lists areas by level', async () => {
    expect(await clmd('areas', 'list', '--level', 'ward', '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toHaveLength(692);
    cli.out = '';
    expect(await clmd('areas', 'list', '--format', 'csv')).toBe(0);
    expect(cli.out.split('\n')[0]).toBe('Code,Name,Level,Parent,Vintage');
    expect(cli.out).toContain('LOC-ESSEX,"Essex, Southend-on-Sea and Thurrock",locality,PATHFINDER,');
  });

  it('lists the problems of a bad file, exits non-zero and changes nothing', async () => {
    const bad = makeReferenceDir({
      alter: { [REQUIRED_FILES.imd]: (t) => setCell(t, 3, 'imd_decile', '11') },
    });
    expect(await clmd('reference', 'import', bad)).toBe(1);
    expect(cli.err).toContain('imd2019/imd2019_lsoa_target.csv, row 3, column imd_decile');
    expect(cli.err).toContain('Enter an IMD decile between 1 and 10 (found "11")');
    expect(cli.err).toContain('Nothing was changed.');
    cli.out = '';
    expect(await clmd('reference', 'status', '--format', 'json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ lastImport: { importId: 1 }, counts: { lsoas: 2543 } });
  });
});
