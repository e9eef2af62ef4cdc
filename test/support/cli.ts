// Running `clmd` in tests as a user would: against an embedded database in a temporary data directory
// (one per test file, removed afterwards), with what it writes to stdout and stderr captured and its
// exit code returned.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { withDeps } from '../../src/cli/context.ts';
import { run } from '../../src/cli/main.ts';
import type { Deps } from '../../src/deps.ts';

export interface CliSession {
  /** The test file's temporary directory; CLMD_DATA_DIR is `data` inside it. */
  readonly dir: string;
  /** What clmd wrote to stdout since the test began (set it to '' to start afresh within a test). */
  out: string;
  /** What clmd wrote to stderr since the test began (likewise). */
  err: string;
  /** Runs `clmd ...args`, resolving to its exit code. */
  readonly clmd: (...args: string[]) => Promise<number>;
  /** Runs the action with the services over the same data directory, as a command does (the database closed afterwards). */
  readonly withDeps: <T>(action: (deps: Deps) => Promise<T>) => Promise<T>;
}

/**
 * Registers the hooks of a CLI test file: before all, a fresh temporary directory (named after `name`)
 * as CLMD_DATA_DIR, with DATABASE_URL and any of `unset` removed from the environment; before each test,
 * stdout and stderr captured into `out` and `err`; after all, the environment restored and the directory
 * removed. Call it once, at the top of the file, before the file's own hooks.
 */
export function useCli(name: string, unset: readonly string[] = []): CliSession {
  const names = ['CLMD_DATA_DIR', 'DATABASE_URL', ...unset];
  const saved = new Map(names.map((key) => [key, process.env[key]]));
  let dir: string | undefined;

  const session: CliSession = {
    get dir(): string {
      if (dir === undefined) throw new Error('The CLI test directory is made in beforeAll');
      return dir;
    },
    out: '',
    err: '',
    clmd: (...args) => run(['node', 'clmd', ...args]),
    withDeps,
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `clmd-cli-${name}-`));
    for (const key of names) delete process.env[key];
    process.env.CLMD_DATA_DIR = path.join(dir, 'data');
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    session.out = '';
    session.err = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      session.out += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      session.err += String(chunk);
      return true;
    });
  });

  return session;
}
