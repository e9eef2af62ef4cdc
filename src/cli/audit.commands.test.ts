// `clmd audit verify` on a whole chain, and on a copy of the database where one event was altered.
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/support/cli.ts';

const cli = useCli('audit', ['CLMD_PASSWORD']);
/** Runs clmd against the given data directory. */
const clmd = (dataDir: string, ...args: string[]) => {
  process.env.CLMD_DATA_DIR = dataDir;
  return cli.clmd(...args);
};

describe('clmd audit verify', () => {
  it('passes on an untouched chain and names the first altered event on a tampered copy', async () => {
    const original = path.join(cli.dir, 'original');
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
    expect(cli.out).toMatch(/The audit trail is whole: \d+ events/);

    const tampered = path.join(cli.dir, 'tampered');
    await cp(original, tampered, { recursive: true });
    const db = new PGlite(path.join(tampered, 'pglite'));
    await db.query(
      `update audit_event set details = '{"memberships":["essex-police:platform_admin"]}' where action = 'user.add'`,
    );
    const { rows } = await db.query<{ id: number }>(`select id from audit_event where action = 'user.add'`);
    await db.close();

    expect(await clmd(tampered, 'audit', 'verify')).toBe(1);
    expect(cli.err).toContain(`broken at event ${rows[0]!.id}`);
    expect(cli.err).toContain('changed after it was written');
    // The original is still whole.
    expect(await clmd(original, 'audit', 'verify')).toBe(0);
  });
});
