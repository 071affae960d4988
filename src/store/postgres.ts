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

const READ_ONLY = '本实例是只读的报表实例（DATABASE_URL_READONLY），不接受写入：请在主实例上录入或修改';

/**
 * With `readOnly` (a reporting instance over a replica): every session is read-only, every write is refused with a
 * coded error before it reaches the database, and migrations are not run but checked.
 */
export function openPostgres(url: string, opts: { readOnly?: boolean } = {}): SqlStore {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Belt and braces: even pointed at a primary by mistake, a reporting instance cannot write.
  if (opts.readOnly) pool.on('connect', (c) => void c.query('SET default_transaction_read_only = on').catch(() => undefined));
  const adapter: Adapter = {
    dialect: 'postgres',
    readOnly: !!opts.readOnly,
    all: over(pool).all,
    async transaction(fn) {
      if (opts.readOnly) throw new AuditError('READ_ONLY', READ_ONLY, []);
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
