// Every store test runs against both databases. PostgreSQL comes from TEST_DATABASE_URL; each store gets a
// schema of its own, so tests never see each other's rows. Without it the PostgreSQL runs are skipped, visibly.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const url = process.env.TEST_DATABASE_URL;
if (!url) console.warn('NOTICE: TEST_DATABASE_URL is not set: the PostgreSQL store tests are skipped (set it, e.g. postgres://postgres@127.0.0.1:5432/test).');

export interface StoreKind {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<Store>;
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
  },
  {
    name: 'postgres',
    available: !!url,
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      const u = new URL(url!);
      u.searchParams.set('options', `-c search_path=${schema}`);
      const s = openPostgres(u.toString());
      await s.migrate();
      const close = s.close.bind(s);
      // Drop the schema with the store, so test runs leave nothing behind.
      s.close = async () => {
        await close();
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`DROP SCHEMA ${schema} CASCADE`);
        await c.end();
      };
      return s;
    },
  },
];
