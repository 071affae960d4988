// PostgreSQL for multi-user deployments: the same store over a connection pool.
import pg from 'pg';
import { AuditError } from '../errors.js';
import { type Adapter, type Queryable, SqlStore } from './sql.js';

/** `?` placeholders to $1, $2, … (our SQL never has a literal question mark). */
const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

const over = (c: pg.Pool | pg.PoolClient): Queryable => ({
  async all(sql, params = []) {
    return (await c.query(numbered(sql), params as unknown[])).rows;
  },
  async run(sql, params = []) {
    return (await c.query(numbered(sql), params as unknown[])).rowCount ?? 0;
  },
});

export function openPostgres(url: string): SqlStore {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const adapter: Adapter = {
    dialect: 'postgres',
    all: over(pool).all,
    async transaction(fn) {
      const client = await pool.connect();
      // A connection whose COMMIT or ROLLBACK failed may be broken: it is destroyed, not returned to the pool.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const out = await fn(over(client));
        await client.query('COMMIT').catch((e: Error) => {
          broken = e;
          throw e;
        });
        return out;
      } catch (e) {
        if (!broken) await client.query('ROLLBACK').catch((r: Error) => (broken = r));
        throw e;
      } finally {
        client.release(broken);
      }
    },
    async exec(sql) {
      await pool.query(sql);
    },
    close: () => pool.end(),
    async backup() {
      throw new AuditError('USAGE', 'PostgreSQL 请用 pg_dump 备份，例如：pg_dump --format=custom --file=bianmin-audit.dump "$DATABASE_URL"（恢复用 pg_restore）');
    },
    isUniqueViolation: (e) => (e as { code?: string }).code === '23505',
  };
  return new SqlStore(adapter);
}
