// The only module that reads process.env. Everything else receives a frozen Config.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  CLMD_DATA_DIR: z.string().min(1).default('.clmd-data'),
  CLMD_REFERENCE_DIR: z.string().min(1).optional(),
  CLMD_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  CLMD_SECURE_COOKIES: z.enum(['true', 'false']).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  /** A PostgreSQL server; when absent the embedded PGlite database in `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly referenceDir: string | undefined;
  readonly demo: 'auto' | 'on' | 'off';
  /** Session cookies only over HTTPS; on by default in production (behind TLS), off for localhost. */
  readonly secureCookies: boolean;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  readonly env: 'development' | 'production' | 'test';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Where the development copies of the reference data live when nobody says otherwise: `../shared/data`
 * beside the project (see DESIGN.md §6). Real installations set CLMD_REFERENCE_DIR.
 */
function developmentReferenceDir(): string | undefined {
  const candidate = path.resolve('..', 'shared', 'data');
  return fs.existsSync(path.join(candidate, 'MANIFEST.csv')) ? candidate : undefined;
}

/** Reads and validates the environment once, listing every problem rather than the first. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.CLMD_DATA_DIR),
    referenceDir: e.CLMD_REFERENCE_DIR ? path.resolve(e.CLMD_REFERENCE_DIR) : developmentReferenceDir(),
    demo: e.CLMD_DEMO,
    secureCookies: e.CLMD_SECURE_COOKIES ? e.CLMD_SECURE_COOKIES === 'true' : e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
    ...overrides,
  });
}
