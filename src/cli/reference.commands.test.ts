// `clmd reference import|status` and `clmd areas list`, run as a user would, against an embedded
// database in a temporary data directory.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  REQUIRED_FILES,
  SHARED_DATA_DIR,
  makeReferenceDir,
  removeReferenceDirs,
  setCell,
} from '../../test/support/reference-files.ts';
import { run } from './main.ts';

let dir: string;
let out = '';
let err = '';
const saved = {
  dataDir: process.env.CLMD_DATA_DIR,
  databaseUrl: process.env.DATABASE_URL,
  referenceDir: process.env.CLMD_REFERENCE_DIR,
};

const clmd = (...args: string[]) => run(['node', 'clmd', ...args]);

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clmd-cli-reference-'));
  process.env.CLMD_DATA_DIR = path.join(dir, 'data');
  delete process.env.DATABASE_URL;
  delete process.env.CLMD_REFERENCE_DIR;
});

afterAll(async () => {
  vi.restoreAllMocks();
  restore('CLMD_DATA_DIR', saved.dataDir);
  restore('DATABASE_URL', saved.databaseUrl);
  restore('CLMD_REFERENCE_DIR', saved.referenceDir);
  removeReferenceDirs();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err += String(chunk);
    return true;
  });
});

describe('clmd reference and areas', () => {
  it('imports the configured directory (CLMD_REFERENCE_DIR) when no DIR is given, reporting what it loaded', async () => {
    process.env.CLMD_REFERENCE_DIR = SHARED_DATA_DIR;
    expect(await clmd('reference', 'import')).toBe(0);
    delete process.env.CLMD_REFERENCE_DIR;
    expect(out).toMatch(/^Imported reference data from .* in [\d.]+ s \(import 1\)\./);
    expect(out).toContain('32 districts, 692 wards (May 2025), 2,543 LSOAs (2011); 717 wards (2019)');
    expect(out).toContain('4,252,046 people, 783,710 children aged 0 to 15');
    expect(out).toContain('Optional files not found: none.');
  });

  it('reports a second import of the same files as unchanged, in JSON when asked', async () => {
    expect(await clmd('reference', 'import', SHARED_DATA_DIR, '--format', 'json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ status: 'unchanged', importId: 1, counts: { lsoas: 2543 } });
  });

  it('shows the last import with the checksum of every file', async () => {
    expect(await clmd('reference', 'status')).toBe(0);
    expect(out).toContain('Last import: 1 on ');
    expect(out).toMatch(/imd2019\/imd2019_lsoa_target\.csv .* [0-9a-f]{64}/);
  });

  it('lists areas by level', async () => {
    expect(await clmd('areas', 'list', '--level', 'ward', '--format', 'json')).toBe(0);
    expect(JSON.parse(out)).toHaveLength(692);
    out = '';
    expect(await clmd('areas', 'list', '--format', 'csv')).toBe(0);
    expect(out.split('\n')[0]).toBe('Code,Name,Level,Parent,Vintage');
    expect(out).toContain('LOC-ESSEX,"Essex, Southend-on-Sea and Thurrock",locality,PATHFINDER,');
  });

  it('lists the problems of a bad file, exits non-zero and changes nothing', async () => {
    const bad = makeReferenceDir({
      alter: { [REQUIRED_FILES.imd]: (t) => setCell(t, 3, 'imd_decile', '11') },
    });
    expect(await clmd('reference', 'import', bad)).toBe(1);
    expect(err).toContain('imd2019/imd2019_lsoa_target.csv, row 3, column imd_decile');
    expect(err).toContain('Enter an IMD decile between 1 and 10 (found "11")');
    expect(err).toContain('Nothing was changed.');
    out = '';
    expect(await clmd('reference', 'status', '--format', 'json')).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ lastImport: { importId: 1 }, counts: { lsoas: 2543 } });
  });
});
