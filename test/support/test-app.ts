// A running app over a fresh test database, for route tests (inject) and browser journeys (listen).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import { ensureBuiltIns } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDeps, type Deps, type DepsOptions } from '../../src/deps.ts';
import { createTestDatabase, type DatabaseKind } from './test-db.ts';

export interface TestApp {
  app: FastifyInstance;
  deps: Deps;
  close(): Promise<void>;
}

/** The app over a fresh, migrated database with the built-ins; `options.now` sets its clock. */
export async function createTestApp(
  kind: DatabaseKind = 'pglite',
  options: DepsOptions = {},
): Promise<TestApp> {
  const handle = await createTestDatabase(kind);
  // Uploaded files are kept under the data directory: a temporary one, removed on close.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clmd-test-app-'));
  const config = loadConfig({ NODE_ENV: 'test', CLMD_DATA_DIR: dataDir } as NodeJS.ProcessEnv);
  const deps = buildDeps(config, handle, options);
  await ensureBuiltIns(deps);
  const app = await createApp(deps);
  return {
    app,
    deps,
    close: async () => {
      await app.close();
      await handle.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
