// The embedded default: one file, WAL with synchronous=FULL (an acknowledged write survives a crash), and a
// single writer: transactions queue behind one another on the one connection.
import { existsSync, mkdirSync } from 'node:fs';
import { AuditError } from '../errors.js';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GUARD_MESSAGES } from './guards.js';
import { type Adapter, type Queryable, SqlStore } from './sql.js';

export function openSqlite(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const q: Queryable = {
    async all(sql, params = []) {
      return db.prepare(sql).all(...(params as unknown[])) as Record<string, unknown>[];
    },
    async run(sql, params = []) {
      return db.prepare(sql).run(...(params as unknown[])).changes;
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs fn alone on the connection: nothing else interleaves while it awaits. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };
  const adapter: Adapter = {
    dialect: 'sqlite',
    // Reads queue too: on the one connection, a read between another caller's BEGIN and COMMIT would see rows
    // that may still roll back (and a report could print a log head that never commits).
    all: (sql, params) => serial(() => q.all(sql, params)),
    transaction(fn) {
      return serial(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(q);
          db.exec('COMMIT');
          return out;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        }
      });
    },
    async exec(sql) {
      db.exec(sql);
    },
    async backup(dest) {
      if (existsSync(dest)) throw new AuditError('USAGE', `备份文件 ${dest} 已存在：请换一个文件名，旧备份不会被覆盖`);
      mkdirSync(dirname(dest), { recursive: true });
      // The online backup API copies pages consistently while writers carry on; waiting on the queue keeps it simple.
      await serial(() => db.backup(dest));
    },
    async close() {
      await queue;
      db.close();
    },
    isUniqueViolation: (e) => {
      const { code, message } = e as { code?: string; message?: string };
      // The guard that keeps REPLACE from deleting a current record answers before the unique index does.
      return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || (code === 'SQLITE_CONSTRAINT_TRIGGER' && message === GUARD_MESSAGES.duplicate);
    },
  };
  return new SqlStore(adapter);
}
