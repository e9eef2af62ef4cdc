// What must exist before the platform is useful: shared by the web app, the CLI and tests.
import fs from 'node:fs';
import type { Config } from './config.ts';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { buildDeps, type Deps } from './deps.ts';
import { systemActor, type ActorContext } from './platform/actor.ts';
import type { DemoSeedReport } from './modules/demo/demo.service.ts';
import { DEMO_USERS } from './modules/users/demo-users.ts';
import { DEMO_AGREEMENTS } from './modules/sharing/demo-agreements.ts';

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
  await deps.geography.ensureBuiltIn(systemActor('bootstrap'));
  await deps.organisations.ensureBuiltIn();
}

export async function startDeps(config: Config): Promise<Deps> {
  const handle = await openConfiguredDatabase(config);
  const deps = buildDeps(config, handle);
  await ensureBuiltIns(deps);
  return deps;
}

/**
 * The quick start's "living system": on an empty database (demo mode auto) or always (on), load the
 * reference data (and any police.uk street crime beside it) when a folder is configured and none is
 * loaded, then seed the synthetic demo.
 */
export async function prepareDemo(deps: Deps, log: (message: string) => void): Promise<void> {
  const { demo: mode, referenceDir } = deps.config;
  if (mode === 'off' || (await deps.demo.hasReturns())) return;
  const ctx = systemActor('demo');
  if (referenceDir && !(await deps.geography.referenceStatus()).lastImport) {
    log(`Loading reference data from ${referenceDir}`);
    await deps.geography.importReference(ctx, referenceDir);
  }
  // Real police.uk street crime, when the folder holds some: the risk map's crime factor.
  const policeUk = referenceDir ? path.join(referenceDir, 'policeuk') : null;
  if (policeUk && fs.existsSync(policeUk) && !(await deps.crime.sources()).length) {
    log(`Loading police.uk street crime from ${policeUk}`);
    await deps.crime.importPoliceUk(ctx, [policeUk]);
  }
  await seedDemo(deps, ctx, {}, log);
}

/**
 * The synthetic demo: one account per role (documented passwords), the demo sharing agreements, and three
 * years of synthetic returns. Only ever into a database with no returns.
 */
export async function seedDemo(
  deps: Deps,
  ctx: ActorContext,
  options: Parameters<Deps['demo']['seed']>[1],
  log: (message: string) => void,
): Promise<DemoSeedReport> {
  for (const u of DEMO_USERS) {
    await deps.users.add(ctx, {
      username: u.username,
      displayName: u.displayName,
      password: u.password,
      memberships: [{ organisationId: u.organisationId, role: u.role }],
      demo: true,
    });
  }
  log(`Created ${DEMO_USERS.length} demo accounts (one per role; passwords in the README)`);
  for (const a of DEMO_AGREEMENTS) await deps.sharing.add(ctx, a);
  log('Seeding the synthetic demo (three years of quarterly returns)');
  const report = await deps.demo.seed(ctx, options);
  log(`Synthetic demo ready: ${report.returns} returns, ${report.observations} figures`);
  return report;
}
