// The embedded default: one file, WAL with synchronous=FULL (an acknowledged write survives a crash), and a
// single writer: transactions queue behind one another on the one connection. Single writes waiting together share
// one transaction and so one fsync (group commit); each is answered only once that transaction has committed.
import { existsSync, mkdirSync } from 'node:fs';
import { AuditError } from '../errors.js';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { GUARD_MESSAGES } from './guards.js';
import { type Adapter, type Queryable, SqlStore } from './sql.js';

/** The most writes one group commit takes: the writer (and the event loop, better-sqlite3 being synchronous) is held for all of them. */
const MAX_GROUP = 64;

/** Prepared statements kept for reuse; listings with IN (…) of every length make more, so the cache is bounded. */
const MAX_STATEMENTS = 256;

interface Waiting {
  fn: (q: Queryable) => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function openSqlite(file: string): SqlStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let st = statements.get(sql);
    if (!st) {
      if (statements.size >= MAX_STATEMENTS) statements.clear();
      st = db.prepare(sql);
      statements.set(sql, st);
    }
    return st;
  };
  // Transaction statements, prepared once like any other: exec would parse them again for every write of a group.
  const control = (sql: string): void => void prepare(sql).run();
  const q: Queryable = {
    async all(sql, params = []) {
      return prepare(sql).all(...(params as unknown[])) as Record<string, unknown>[];
    },
    async run(sql, params = []) {
      return prepare(sql).run(...(params as unknown[])).changes;
    },
  };
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs fn alone on the connection: nothing else interleaves while it awaits. */
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn);
    queue = next.catch(() => undefined);
    return next;
  };

  /** The group still taking writes: it closes when its turn on the connection comes (or when full). */
  let gathering: Waiting[] | null = null;

  /**
   * One transaction for a group of writes, each in a savepoint, so one that fails (a duplicate, a guard) is undone
   * alone and the rest still commit. Every write of the group is answered after the one COMMIT, never before.
   */
  async function commitGroup(group: Waiting[]): Promise<void> {
    if (gathering === group) gathering = null;
    const outcomes: Outcome[] = [];
    try {
      control('BEGIN IMMEDIATE');
      for (const w of group) {
        control('SAVEPOINT grouped');
        try {
          outcomes.push({ ok: true, value: await w.fn(q) });
          control('RELEASE grouped');
        } catch (error) {
          if (!db.inTransaction) {
            // Some errors (disk full, I/O) make SQLite roll the whole transaction back: what this group did so far
            // is gone, so those writes fail too; the ones not yet run get a group of their own.
            for (const [i, o] of outcomes.entries()) group[i]!.reject(o.ok ? error : o.error);
            group[outcomes.length]!.reject(error);
            const rest = group.slice(outcomes.length + 1);
            if (rest.length) await commitGroup(rest);
            return;
          }
          control('ROLLBACK TO grouped');
          control('RELEASE grouped');
          outcomes.push({ ok: false, error });
        }
      }
      control('COMMIT');
    } catch (error) {
      // BEGIN or COMMIT failed: nothing of the group is stored.
      if (db.inTransaction) db.exec('ROLLBACK');
      for (const w of group) w.reject(error);
      return;
    }
    for (const [i, o] of outcomes.entries()) {
      if (o.ok) group[i]!.resolve(o.value);
      else group[i]!.reject(o.error);
    }
  }

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
    group<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (!gathering || gathering.length >= MAX_GROUP) {
          const group: Waiting[] = [];
          gathering = group;
          // The group takes its place on the connection after this turn of the event loop, so the requests that
          // arrived together (and are still reading what they need) can join it.
          setImmediate(() => void serial(() => commitGroup(group)));
        }
        gathering.push({ fn, resolve: resolve as (v: unknown) => void, reject });
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
      // Groups still gathering take their place in the queue on the next turn: wait for that, then for the queue.
      await new Promise((r) => setImmediate(r));
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
