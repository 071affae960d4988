import { join } from 'node:path';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';
import type { Store } from './types.js';

/** PostgreSQL when DATABASE_URL is set, else the SQLite file under the data directory. Migrations run here. */
export async function openStore(env: { DATABASE_URL?: string; DATA_DIR?: string } = process.env): Promise<Store> {
  const store = env.DATABASE_URL ? openPostgres(env.DATABASE_URL) : openSqlite(join(env.DATA_DIR ?? 'data', 'bianmin-audit.sqlite'));
  await store.migrate();
  return store;
}
