import { join } from 'node:path';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Store } from './types.js';

/**
 * PostgreSQL when DATABASE_URL is set, read-only PostgreSQL (a reporting instance over a replica) when
 * DATABASE_URL_READONLY is, else the SQLite file under the data directory. Migrations run (or, read-only, are checked) here.
 */
export async function openStore(env: { DATABASE_URL?: string; DATABASE_URL_READONLY?: string; DATA_DIR?: string } = process.env): Promise<Store> {
  const store = env.DATABASE_URL
    ? openPostgres(env.DATABASE_URL)
    : env.DATABASE_URL_READONLY
      ? openPostgres(env.DATABASE_URL_READONLY, { readOnly: true })
      : openSqlite(join(env.DATA_DIR ?? 'data', 'bianmin-audit.sqlite'));
  await store.migrate();
  return store;
}
