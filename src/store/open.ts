import { join } from 'node:path';
import type { Store } from './types.js';

/**
 * PostgreSQL when DATABASE_URL is set, read-only PostgreSQL (a reporting instance over a replica) when
 * DATABASE_URL_READONLY is, else the SQLite file under the data directory. Migrations run (or, read-only, are checked) here.
 * Each adapter is loaded only when chosen, so the embedded default starts without the PostgreSQL client.
 */
export async function openStore(env: { DATABASE_URL?: string; DATABASE_URL_READONLY?: string; DATA_DIR?: string } = process.env): Promise<Store> {
  const url = env.DATABASE_URL || env.DATABASE_URL_READONLY;
  const store = url
    ? (await import('./postgres.js')).openPostgres(url, env.DATABASE_URL ? {} : { readOnly: true })
    : (await import('./sqlite.js')).openSqlite(join(env.DATA_DIR ?? 'data', 'bianmin-audit.sqlite'));
  await store.migrate();
  return store;
}
