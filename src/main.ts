// Entry point: config → database → deps → app → listen, and a graceful shutdown.
import { loadConfig, ConfigError } from './config.ts';
import { createApp } from './app.ts';
import { prepareDemo, startDeps } from './bootstrap.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const started = Date.now();
  const deps = await startDeps(config);
  const app = await createApp(deps);
  await prepareDemo(deps, (message) => app.log.info(message));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { database: deps.database.kind, location: deps.database.location, ms: Date.now() - started },
    `clmd is serving at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await deps.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('clmd could not start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
