// Every store test runs against both databases. PostgreSQL comes from TEST_DATABASE_URL; each store gets a
// schema of its own, so tests never see each other's rows. Without it the PostgreSQL runs are skipped, visibly.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('NOTICE: TEST_DATABASE_URL is not set: the PostgreSQL store tests are skipped (set it, e.g. postgres://postgres@127.0.0.1:5432/test).');

/** A second connection that goes around the store, as someone with database access would. */
export interface RawSql {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<Store>;
  /** A store on its own database, plus raw access to that database; migrated unless asked not to be. */
  openWithRaw(migrate?: boolean): Promise<{ store: Store; raw: RawSql }>;
}

/** A fresh schema on the test server: a connection URL that uses it, and a drop that removes it and all in it. */
export async function pgTestSchema(prefix = 't'): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  await sql(`CREATE SCHEMA ${schema}`);
  const u = new URL(url!);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return { url: u.toString(), drop: () => sql(`DROP SCHEMA ${schema} CASCADE`) };
}

async function pgSchema(migrate = true): Promise<{ store: Store; url: string }> {
  const schema = await pgTestSchema();
  const s = openPostgres(schema.url);
  if (migrate) await s.migrate();
  const close = s.close.bind(s);
  // Drop the schema with the store, so test runs leave nothing behind.
  s.close = async () => {
    await close();
    await schema.drop();
  };
  return { store: s, url: schema.url };
}

export const STORES: StoreKind[] = [
  {
    name: 'sqlite',
    available: true,
    async open() {
      const s = openSqlite(':memory:');
      await s.migrate();
      return s;
    },
    async openWithRaw(migrate = true) {
      const file = join(mkdtempSync(join(tmpdir(), 'bm-raw-')), 'store.sqlite');
      const store = openSqlite(file);
      if (migrate) await store.migrate();
      const db = new Database(file);
      return {
        store,
        raw: {
          async query(sql, params = []) {
            const st = db.prepare(sql);
            return st.reader ? (st.all(...params) as Record<string, unknown>[]) : (st.run(...params), []);
          },
          async close() {
            db.close();
          },
        },
      };
    },
  },
  {
    name: 'postgres',
    available: !!url,
    async open() {
      return (await pgSchema()).store;
    },
    async openWithRaw(migrate = true) {
      const { store, url: u } = await pgSchema(migrate);
      const c = new pg.Client({ connectionString: u });
      await c.connect();
      let n = 0;
      return {
        store,
        raw: {
          async query(sql, params = []) {
            n = 0;
            return (await c.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
          },
          close: () => c.end(),
        },
      };
    },
  },
];
