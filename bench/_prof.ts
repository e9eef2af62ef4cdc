import { startDeps, prepareDemo } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/app.ts';
const deps = await startDeps(
  loadConfig(
    {
      ...process.env,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/clmd_prof',
      CLMD_DATA_DIR: '/tmp/clmd-prof-pg',
      CLMD_REFERENCE_DIR: '/work/shared/data',
      LOG_LEVEL: 'silent',
    },
    { logLevel: 'silent' },
  ),
);
await prepareDemo(deps, () => {});
const app = await createApp(deps);
const pages = process.argv.slice(2);
for (const url of pages) {
  for (let i = 0; i < 6; i++) {
    const s = performance.now();
    const r = await app.inject({ url });
    if (i >= 3) console.log(url, r.statusCode, Math.round(performance.now() - s), 'ms', r.body.length);
  }
}
await app.close();
await deps.database.close();
