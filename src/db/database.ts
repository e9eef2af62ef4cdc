import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';
import { PGliteDialect } from './pglite-dialect.ts';

export type Database = Kysely<DB>;

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a data directory or the server (without credentials). */
  readonly location: string;
  close(): Promise<void>;
}

// PostgreSQL returns bigint (count, sum) as text by default; our counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface DatabaseOptions {
  /** A postgres:// URL; when absent PGlite is used. */
  url?: string | undefined;
  /** PGlite data directory, or 'memory://' for a throwaway database. */
  pgliteDir?: string;
}

// Some work needs the pg client under a Kysely connection or transaction, for what Kysely cannot say
// (COPY FROM STDIN). Kysely is given a thin wrapper of each pool client; withPgClient sends a query
// that the wrapper recognises and answers by handing over the client instead of sending anything, while
// Kysely holds the connection for it. Any other database runs the query as it is: it selects nothing.
const CLIENT_REQUEST = 'select 1 where false -- clmd: pg client request ';
const clientRequests = new Map<string, { use: (client: pg.ClientBase) => Promise<unknown>; used: boolean }>();
let lastRequest = 0;

function wrapPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => ({
    query: ((text: string, parameters?: readonly unknown[]) => {
      const request =
        typeof text === 'string' && text.startsWith(CLIENT_REQUEST)
          ? clientRequests.get(text.slice(CLIENT_REQUEST.length))
          : undefined;
      if (!request) return client.query(text, parameters as unknown[]);
      request.used = true;
      return request.use(client).then(() => ({ command: 'SELECT', rowCount: 0, rows: [] }));
    }) as PostgresPoolClient['query'],
    release: () => client.release(),
  });
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

/**
 * Runs `use` with the pg client under `db` (a Kysely instance or transaction opened by openDatabase),
 * holding the connection until `use` settles; undefined, without running it, when the database is not
 * a PostgreSQL server (PGlite).
 */
export async function withPgClient<T>(
  db: Kysely<DB>,
  use: (client: pg.ClientBase) => Promise<T>,
): Promise<{ value: T } | undefined> {
  const id = String(++lastRequest);
  let value: T | undefined;
  const request = {
    use: async (client: pg.ClientBase) => {
      value = await use(client);
    },
    used: false,
  };
  clientRequests.set(id, request);
  try {
    await db.executeQuery(CompiledQuery.raw(CLIENT_REQUEST + id));
  } finally {
    clientRequests.delete(id);
  }
  return request.used ? { value: value as T } : undefined;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if (options.url) {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped database) is an
    // 'error' event on the pool, which would otherwise end the process. The pool has already dropped
    // that connection; the next query opens a new one, or fails with an error it can report.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: wrapPool(pool) }) });
    const url = new URL(options.url);
    return {
      db,
      kind: 'postgres',
      location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  const dir = options.pgliteDir ?? 'memory://';
  if (!dir.startsWith('memory://')) fs.mkdirSync(path.dirname(dir), { recursive: true });
  // Match the pg parsers above: numeric as a JS number.
  const client = new PGlite(dir, { parsers: { 1700: (v: string) => Number(v) } });
  await client.waitReady;
  const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'pglite', location: dir, close: () => db.destroy() };
}
