// `clmd audit verify` on a whole chain, and on a copy of the database where one event was altered.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { run } from './main.ts';

let dir: string;
let out = '';
let err = '';
const saved = {
  dataDir: process.env.CLMD_DATA_DIR,
  databaseUrl: process.env.DATABASE_URL,
  password: process.env.CLMD_PASSWORD,
};
const clmd = (dataDir: string, ...args: string[]) => {
  process.env.CLMD_DATA_DIR = dataDir;
  return run(['node', 'clmd', ...args]);
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'clmd-audit-'));
  delete process.env.DATABASE_URL;
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const [key, value] of [
    ['CLMD_DATA_DIR', saved.dataDir],
    ['DATABASE_URL', saved.databaseUrl],
    ['CLMD_PASSWORD', saved.password],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  await rm(dir, { recursive: true, force: true });
});
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((out += String(chunk)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (chunk: string | Uint8Array) => ((err += String(chunk)), true),
  );
});

describe('clmd audit verify', () => {
  it('passes on an untouched chain and names the first altered event on a tampered copy', async () => {
    const original = path.join(dir, 'original');
    process.env.CLMD_PASSWORD = 'a long enough password';
    expect(
      await clmd(
        original,
        'users',
        'add',
        'essex.analyst',
        '--name',
        'Essex analyst',
        '--member',
        'essex-police:analyst',
      ),
    ).toBe(0);
    expect(await clmd(original, 'users', 'disable', 'essex.analyst')).toBe(0);
    expect(await clmd(original, 'audit', 'verify')).toBe(0);
    expect(out).toMatch(/The audit trail is whole: \d+ events/);

    const tampered = path.join(dir, 'tampered');
    await cp(original, tampered, { recursive: true });
    const db = new PGlite(path.join(tampered, 'pglite'));
    await db.query(
      `update audit_event set details = '{"memberships":["essex-police:platform_admin"]}' where action = 'user.add'`,
    );
    const { rows } = await db.query<{ id: number }>(`select id from audit_event where action = 'user.add'`);
    await db.close();

    expect(await clmd(tampered, 'audit', 'verify')).toBe(1);
    expect(err).toContain(`broken at event ${rows[0]!.id}`);
    expect(err).toContain('changed after it was written');
    // The original is still whole.
    expect(await clmd(original, 'audit', 'verify')).toBe(0);
  });
});
