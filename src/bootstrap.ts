// What must exist before the platform is useful: shared by the web app, the CLI and tests.
import type { Config } from './config.ts';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildDeps, type Deps } from './deps.ts';
import { systemActor } from './platform/actor.ts';

export async function openConfiguredDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await openDatabase({
    url: config.databaseUrl,
    pgliteDir: path.join(config.dataDir, 'pglite'),
  });
  await migrateToLatest(handle.db);
  return handle;
}

/** Creates the built-in catalogue (version 1) and built-in areas when the database has none. */
export async function ensureBuiltIns(deps: Deps): Promise<void> {
  await deps.catalogue.ensureBuiltIn(systemActor('bootstrap'));
}

export async function startDeps(config: Config): Promise<Deps> {
  const handle = await openConfiguredDatabase(config);
  const deps = buildDeps(config, handle);
  await ensureBuiltIns(deps);
  return deps;
}
