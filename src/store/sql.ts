// The store's logic, written once over a tiny adapter that each database implements.
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../canonical.js';
import { AuditError } from '../errors.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { MIGRATIONS } from './migrations.js';
import type { AssessmentRecord, AssessmentStatus, LogAnchor, LogEntry, LogVerification, NewAssessment, TokenRecord } from '../domain/records.js';
import type { UnitRecord } from '../domain/units.js';
import { Pacer } from '../turns.js';
import { chainHash, contentHash, GENESIS, tokenFingerprint } from './hashes.js';
import { logEntry, record, recordJson, rememberJson, type Row, token, unit } from './rows.js';
import type { AssessmentFilter, Dialect, Store } from './types.js';
import { verifyRecords } from './verify.js';
import { RectificationTables } from './rectification.js';
import type { FinalizeFollowUp } from '../domain/rectification.js';

export type { Row } from './rows.js';
export { contentHash, entryHash, GENESIS } from './hashes.js';

/** `?` placeholders throughout; the PostgreSQL adapter numbers them. */
export interface Queryable {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/** Reads outside a transaction; every write goes through `transaction`. */
export interface Adapter extends Pick<Queryable, 'all'> {
  readonly dialect: Dialect;
  /** A reporting instance over a replica: transactions are refused, migrations only checked. */
  readonly readOnly?: boolean;
  /** Runs fn in one transaction; the writer is exclusive for its duration. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Group commit, where the database has one writer: fn runs in a transaction shared with the other writes waiting
   * for the writer, each in a savepoint of its own (one that fails is undone alone), and the promise settles only
   * once that transaction has committed. Without it, each write is a transaction of its own.
   */
  group?<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Whether an error is a unique-constraint violation. */
  isUniqueViolation(e: unknown): boolean;
  /** A consistent copy of the live database at `dest`; not every database can do this from inside. */
  backup(dest: string): Promise<void>;
}

/** Records read (and parsed) at a time when listing. */
const LIST_CHUNK = 50;

/** Log entries inserted by one statement when a transaction appends its entries. */
const APPEND_ROWS = 100;

/** How far up the unit tree an ancestry is followed (the tree has three levels; a cycle stops here). */
const MAX_DEPTH = 8;

/** A log entry waiting for the end of its transaction, its payload already in canonical text. */
interface Pending {
  at: string;
  actor: string;
  action: string;
  target: string;
  text: string;
}

type LogEvent = { at: string; actor: string; action: string; target: string; payload: unknown };

/** The advisory lock migrations take on PostgreSQL ("bmau"). */
const MIGRATION_LOCK = 0x626d6175;

const notFound = (what: string) => new AuditError('NOT_FOUND', what, [{ code: 'SCHEMA', path: '', message: what }]);

export class SqlStore implements Store {
  /** Orders, exemptions and evidence: their own tables, written through the same transactions and chain. */
  readonly rectification: RectificationTables;

  /** The entries each open transaction has logged, appended when its work is done (see append). */
  private readonly journals = new WeakMap<Queryable, Pending[]>();

  constructor(protected readonly db: Adapter) {
    this.rectification = new RectificationTables({ dialect: db.dialect, all: (sql, params) => db.all(sql, params), transaction: (fn) => this.tx(fn) }, (q, e) => this.log(q, e));
  }

  get dialect() {
    return this.db.dialect;
  }

  async migrate(): Promise<void> {
    if (this.db.readOnly) return this.schemaIsCurrent();
    await this.tx(async (q) => {
      // Instances starting together on one PostgreSQL migrate one after the other (SQLite's writer lock does this).
      if (this.db.dialect === 'postgres') await q.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await q.run('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await q.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        const statements = m.statements ? m.statements(this.db.dialect) : (m.sql ?? '').split(';').map((s) => s.trim()).filter(Boolean);
        for (const statement of statements) await q.run(statement.replaceAll('{{float}}', this.db.dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL'));
        if (m.adopt) await this.adopt(q);
        for (const statement of m.guards?.(this.db.dialect) ?? []) await q.run(statement);
        await q.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date(0).toISOString()]);
      }
    });
  }

  /** A read-only instance cannot migrate: the replica must already have every migration this version knows. */
  private async schemaIsCurrent(): Promise<void> {
    const rows = await this.db.all('SELECT max(version) AS v FROM schema_migrations').catch(() => [{ v: 0 }]);
    const have = Number(rows[0]?.v ?? 0);
    const need = MIGRATIONS.at(-1)!.version;
    if (have < need) throw new AuditError('USAGE', `只读数据库的结构版本为 ${have}，本程序需要 ${need}：请先让主实例完成升级（迁移会复制到副本）`);
  }

  close(): Promise<void> {
    return this.db.close();
  }

  backup(dest: string): Promise<void> {
    return this.db.backup(dest);
  }

  async putUnit(u: UnitRecord, at: string, by = 'system'): Promise<UnitRecord> {
    return this.tx(async (q) => {
      await q.run(
        `INSERT INTO units (code, name, level, parent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, updated_at = excluded.updated_at`,
        [u.code, u.name, u.level, u.parent, at, at],
      );
      await this.log(q, { at, actor: by, action: 'unit.put', target: u.code, payload: u });
      return u;
    }, true);
  }

  async getUnit(code: string): Promise<UnitRecord | null> {
    const [r] = await this.db.all('SELECT code, name, level, parent FROM units WHERE code = ?', [code]);
    return r ? unit(r) : null;
  }

  async listUnits(filter: { parent?: string; level?: string } = {}): Promise<UnitRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.parent !== undefined) (where.push('parent = ?'), params.push(filter.parent));
    if (filter.level !== undefined) (where.push('level = ?'), params.push(filter.level));
    const rows = await this.db.all(`SELECT code, name, level, parent FROM units${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY code`, params);
    return rows.map(unit);
  }

  async ancestry(code: string): Promise<string[] | null> {
    const rows = await this.db.all(
      `WITH RECURSIVE up(code, parent, depth) AS (SELECT code, parent, 1 FROM units WHERE code = ?
         UNION ALL SELECT u.code, u.parent, up.depth + 1 FROM units u JOIN up ON u.code = up.parent WHERE up.depth < ?)
       SELECT code FROM up ORDER BY depth DESC`,
      [code, MAX_DEPTH],
    );
    return rows.length ? rows.map((r) => String(r.code)) : null;
  }

  async subtree(code: string): Promise<UnitRecord[]> {
    const rows = await this.db.all(
      `WITH RECURSIVE t(code) AS (SELECT code FROM units WHERE code = ? UNION SELECT u.code FROM units u JOIN t ON u.parent = t.code)
       SELECT u.code, u.name, u.level, u.parent FROM units u JOIN t ON u.code = t.code ORDER BY u.code`,
      [code],
    );
    return rows.map(unit);
  }

  async putRubric(definition: RubricDefinition, hash: string, at: string): Promise<void> {
    await this.tx(async (q) => {
      const added = await q.run('INSERT INTO rubric_snapshots (hash, id, version, definition, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING', [
        hash,
        definition.id,
        definition.version,
        JSON.stringify(definition),
        at,
      ]);
      if (added > 0) await this.log(q, { at, actor: 'system', action: 'rubric.pin', target: hash, payload: { id: definition.id, version: definition.version } });
    });
  }

  /**
   * A rubric an administrator uploaded: its snapshot (pinned as any rubric a record uses) and an upload entry naming
   * it, with the fingerprints of the transcriptions it was checked against, in one transaction.
   */
  async uploadRubric(definition: RubricDefinition, hash: string, transcriptions: Readonly<Record<string, string>>, at: string, actor: string): Promise<void> {
    await this.tx(async (q) => {
      const added = await q.run('INSERT INTO rubric_snapshots (hash, id, version, definition, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING', [
        hash, definition.id, definition.version, JSON.stringify(definition), at,
      ]);
      if (added > 0) await this.log(q, { at, actor: 'system', action: 'rubric.pin', target: hash, payload: { id: definition.id, version: definition.version } });
      await this.log(q, { at, actor, action: 'rubric.upload', target: `rubric:${definition.id}`, payload: { hash, version: definition.version, transcriptions } });
    });
  }

  /** The uploaded rubrics in upload order (the latest of an id is the one in force), read through the log's target index. */
  async uploadedRubrics(): Promise<RubricDefinition[]> {
    const rows = await this.db.all("SELECT l.payload FROM audit_log l WHERE l.target >= 'rubric:' AND l.target < 'rubric;' AND l.action = 'rubric.upload' ORDER BY l.seq", []);
    const out: RubricDefinition[] = [];
    for (const r of rows) {
      const def = await this.getRubric(String((JSON.parse(String(r.payload)) as { hash: string }).hash));
      if (def) out.push(def);
    }
    return out;
  }

  async getRubric(hash: string): Promise<RubricDefinition | null> {
    const [r] = await this.db.all('SELECT definition FROM rubric_snapshots WHERE hash = ?', [hash]);
    return r ? (JSON.parse(String(r.definition)) as RubricDefinition) : null;
  }

  /** One create: committed together with the other writes waiting for the writer (group commit), answered after that. */
  async createAssessment(a: NewAssessment): Promise<AssessmentRecord> {
    return this.tx((q) => this.insert(q, a, 1, null, null), true);
  }

  async createAssessments(list: readonly NewAssessment[]): Promise<AssessmentRecord[]> {
    return this.tx(async (q) => {
      const out: AssessmentRecord[] = [];
      // A bulk import is thousands of rows in one transaction: the writer stays held, the event loop does not.
      const pacer = new Pacer();
      for (const a of list) {
        out.push(await this.insert(q, a, 1, null, null));
        await pacer.pace();
      }
      return out;
    });
  }

  async getAssessment(id: string): Promise<AssessmentRecord | null> {
    const [r] = await this.db.all('SELECT * FROM assessments WHERE id = ?', [id]);
    return r ? record(r) : null;
  }

  async listAssessments(f: AssessmentFilter = {}): Promise<AssessmentRecord[]> {
    const out: AssessmentRecord[] = [];
    const pacer = new Pacer();
    for await (const r of this.selected(f)) {
      out.push(record(r));
      await pacer.pace();
    }
    return out;
  }

  /** The same records as JSON text, each exactly JSON.stringify(record), without parsing their stored content. */
  async *assessmentsAsJson(f: AssessmentFilter = {}): AsyncGenerator<string> {
    for await (const r of this.selected(f)) yield recordJson(r);
  }

  /**
   * The rows a filter selects, in order: ids first, then the rows a chunk at a time, so a county's year (thousands of
   * rows of tens of kilobytes) is never read or parsed in one go.
   */
  private async *selected(f: AssessmentFilter): AsyncGenerator<Row> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...p: unknown[]) => (where.push(sql), params.push(...p));
    if (f.units) {
      if (f.units.length === 0) return;
      add(`unit_code IN (${f.units.map(() => '?').join(', ')})`, ...f.units);
    }
    if (f.period) add('period = ?', f.period);
    if (f.from) add('period >= ?', f.from);
    if (f.to) add('period <= ?', f.to);
    if (f.rubric) add('rubric_id = ?', f.rubric);
    if (f.tier) add('tier = ?', f.tier);
    if (f.origin) add('origin = ?', f.origin);
    if (f.status) add('status = ?', f.status);
    else if (!f.includeSuperseded) add("status <> 'superseded'");
    const ids = await this.db.all(`SELECT id FROM assessments${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY period, unit_code, revision, id`, params);
    for (let i = 0; i < ids.length; i += LIST_CHUNK) {
      const chunk = ids.slice(i, i + LIST_CHUNK).map((r) => String(r.id));
      const rows = new Map((await this.db.all(`SELECT * FROM assessments WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk)).map((r) => [String(r.id), r]));
      for (const id of chunk) {
        const r = rows.get(id);
        if (r) yield r;
      }
    }
  }

  async finalizeAssessment(id: string, by: string, at: string, followUp?: FinalizeFollowUp): Promise<AssessmentRecord> {
    return this.tx(async (q) => {
      const current = await this.current(q, id);
      if (current.status !== 'draft') throw frozen(current);
      // Finalized by someone else meanwhile (PostgreSQL reads before it waits for the row): refused, never logged twice.
      if ((await q.run("UPDATE assessments SET status = 'final', finalized_at = ?, finalized_by = ? WHERE id = ? AND status = 'draft'", [at, by, id])) === 0) throw frozen(await this.current(q, id));
      await this.log(q, { at, actor: by, action: 'assessment.finalize', target: id, payload: { content_hash: contentHash(current) } });
      // An inspection's orders open (and earlier ones close) with the finalize, or not at all.
      if (followUp) await this.rectification.followUp(q, current, followUp, at, by);
      return { ...current, status: 'final' as const, finalized_at: at, finalized_by: by };
    }, true);
  }

  async amendAssessment(id: string, replacement: NewAssessment, reason: string, expected?: AssessmentStatus): Promise<AssessmentRecord> {
    return this.tx(async (q) => {
      const old = await this.current(q, id);
      if (old.status === 'superseded') throw frozen(old);
      if (expected !== undefined && old.status !== expected) {
        const message = `考核记录 ${id} 在此期间已${old.status === 'final' ? '定稿' : '改变状态'}，请重新读取后再更正`;
        throw new AuditError('FROZEN', message, [{ code: 'SCHEMA', path: '', message }]);
      }
      // The old record stays as it was, only marked superseded, so the history remains readable.
      await q.run("UPDATE assessments SET status = 'superseded' WHERE id = ?", [id]);
      const next = await this.insert(q, { ...replacement, origin: old.origin }, old.revision + 1, id, reason);
      await this.log(q, { at: replacement.created_at, actor: replacement.created_by, action: 'assessment.amend', target: id, payload: { by: next.id, reason } });
      return next;
    }, true);
  }

  async createToken(t: Omit<TokenRecord, 'revoked_at'>): Promise<TokenRecord> {
    return this.tx(async (q) => {
      await q.run('INSERT INTO api_tokens (id, digest, name, role, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
        t.id, t.digest, t.name, t.role, t.scope, t.created_at, t.created_by,
      ]);
      // The digest stays out of the log (it is half a credential); a fingerprint of it pins the row to its entry.
      await this.log(q, { at: t.created_at, actor: t.created_by, action: 'token.create', target: t.id, payload: { name: t.name, role: t.role, scope: t.scope, fingerprint: tokenFingerprint(t.digest) } });
      return { ...t, revoked_at: null };
    });
  }

  /** A token works only as its create entry made it, and never once a revoke entry names it, whatever its row says. */
  async findToken(digest: string): Promise<TokenRecord | null> {
    const [r] = await this.db.all(
      `SELECT t.*, l.payload AS logged FROM api_tokens t JOIN audit_log l ON l.target = t.id AND l.action = 'token.create'
       WHERE t.digest = ? AND t.revoked_at IS NULL AND NOT EXISTS (SELECT 1 FROM audit_log r WHERE r.target = t.id AND r.action = 'token.revoke')`,
      [digest],
    );
    if (!r) return null;
    const t = token(r);
    const logged = JSON.parse(String(r.logged)) as { name?: unknown; role?: unknown; scope?: unknown; fingerprint?: unknown };
    const matches = logged.name === t.name && logged.role === t.role && logged.scope === t.scope && (logged.fingerprint === undefined || logged.fingerprint === tokenFingerprint(t.digest));
    return matches ? t : null;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return (await this.db.all('SELECT * FROM api_tokens ORDER BY created_at, id')).map(token);
  }

  async revokeToken(id: string, by: string, at: string): Promise<TokenRecord> {
    return this.tx(async (q) => {
      const [r] = await q.all('SELECT * FROM api_tokens WHERE id = ?', [id]);
      if (!r) throw notFound(`找不到令牌 ${id}`);
      if (r.revoked_at !== null) return token(r);
      await q.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ?', [at, id]);
      await this.log(q, { at, actor: by, action: 'token.revoke', target: id, payload: {} });
      return { ...token(r), revoked_at: at };
    });
  }

  async appendEvent(e: LogEvent): Promise<void> {
    await this.tx((q) => this.log(q, e), true);
  }

  async readLog(fromSeq = 1, limit = 1000): Promise<LogEntry[]> {
    return (await this.db.all('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq LIMIT ?', [fromSeq, limit])).map(logEntry);
  }

  async logHead(): Promise<{ seq: number; hash: string }> {
    const [r] = await this.db.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    return r ? { seq: Number(r.seq), hash: String(r.hash) } : { seq: 0, hash: GENESIS };
  }

  verifyLog(anchor?: LogAnchor): Promise<LogVerification> {
    return verifyRecords(this.db, anchor);
  }

  /**
   * Adopts what the chain does not yet vouch for (see Migration.adopt): assessments without a content hash, and units
   * and rubric snapshots without an entry, each pinned as found by an `*.adopt` entry.
   */
  private async adopt(q: Queryable): Promise<void> {
    const at = new Date().toISOString();
    for (const r of await q.all('SELECT * FROM assessments WHERE content_hash IS NULL ORDER BY created_at, id')) {
      const rec = record(r);
      const hash = contentHash(rec);
      await q.run('UPDATE assessments SET content_hash = ? WHERE id = ?', [hash, rec.id]);
      await this.log(q, {
        at, actor: 'migration', action: 'assessment.adopt', target: rec.id,
        payload: { unit: rec.unit, period: rec.period, origin: rec.origin, rubric: rec.rubric.hash, status: rec.status, content_hash: hash },
      });
    }
    const unlogged = (table: string, key: string, actions: string) =>
      q.all(`SELECT * FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM audit_log l WHERE l.target = x.${key} AND l.action IN (${actions})) ORDER BY x.${key}`);
    for (const r of await unlogged('units', 'code', "'unit.put', 'unit.adopt'")) {
      await this.log(q, { at, actor: 'migration', action: 'unit.adopt', target: String(r.code), payload: { ...unit(r), created_at: r.created_at, updated_at: r.updated_at } });
    }
    for (const r of await unlogged('rubric_snapshots', 'hash', "'rubric.pin', 'rubric.adopt'")) {
      await this.log(q, { at, actor: 'migration', action: 'rubric.adopt', target: String(r.hash), payload: { id: r.id, version: r.version } });
    }
    // A later migration's adoption reads the log for what this one adopted.
    await this.flush(q);
  }

  /**
   * A transaction whose log entries are appended at its end, in the order they were logged; grouped (a single
   * request's write), it may share its commit with other writes waiting for the writer (Adapter.group).
   */
  private tx<T>(fn: (q: Queryable) => Promise<T>, grouped = false): Promise<T> {
    const body = async (q: Queryable): Promise<T> => {
      // A queryable of its own, so the entries are this transaction's even when a group shares the connection.
      const mine: Queryable = { all: (sql, params) => q.all(sql, params), run: (sql, params) => q.run(sql, params) };
      const pending: Pending[] = [];
      this.journals.set(mine, pending);
      const out = await fn(mine);
      await this.flush(mine);
      return out;
    };
    return grouped && this.db.group ? this.db.group(body) : this.db.transaction(body);
  }

  /**
   * Logs one entry of the transaction q belongs to: it lands with the transaction's writes or not at all. Only its
   * canonical text is made here; it is chained when the transaction's work is done.
   */
  private async log(q: Queryable, e: LogEvent): Promise<void> {
    const pending = this.journals.get(q);
    if (!pending) throw new Error('log entries are written inside the store\'s own transactions');
    // Stored as canonical text, and hashed as that text (the data it reads back as has the same canonical text).
    pending.push({ at: e.at, actor: e.actor, action: e.action, target: e.target, text: canonicalJson(e.payload) });
  }

  /** Appends what the transaction has logged so far (see append); it is flushed at its end anyway. */
  private async flush(q: Queryable): Promise<void> {
    await this.append(q, this.journals.get(q)!.splice(0));
  }

  /**
   * Chains a transaction's entries onto the head, last thing before its commit. On PostgreSQL, appenders take turns
   * so that no two chain onto the same head: the lock is taken here, when everything else the transaction does is
   * done, and so is held only for the append and the commit.
   */
  private async append(q: Queryable, pending: readonly Pending[]): Promise<void> {
    if (pending.length === 0) return;
    if (this.db.dialect === 'postgres') await q.run('LOCK TABLE audit_log IN EXCLUSIVE MODE');
    const [last] = await q.all('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    let seq = last ? Number(last.seq) : 0;
    let prev = last ? String(last.hash) : GENESIS;
    // A bulk import appends thousands: the writer stays held, the event loop does not.
    const pacer = new Pacer();
    for (let i = 0; i < pending.length; i += APPEND_ROWS) {
      const rows = pending.slice(i, i + APPEND_ROWS).map((e) => {
        seq++;
        const hash = chainHash(prev, { seq, at: e.at, actor: e.actor, action: e.action, target: e.target }, e.text);
        const row = [seq, e.at, e.actor, e.action, e.target, e.text, prev, hash];
        prev = hash;
        return row;
      });
      await q.run(`INSERT INTO audit_log (seq, at, actor, action, target, payload, prev_hash, hash) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`, rows.flat());
      await pacer.pace();
    }
  }

  private async current(q: Queryable, id: string): Promise<AssessmentRecord> {
    const [r] = await q.all('SELECT * FROM assessments WHERE id = ?', [id]);
    if (!r) throw notFound(`找不到考核记录 ${id}`);
    return record(r);
  }

  private async insert(q: Queryable, a: NewAssessment, revision: number, supersedes: string | null, reason: string | null): Promise<AssessmentRecord> {
    const s = a.assessment;
    const rec: AssessmentRecord = {
      id: randomUUID(),
      unit: s.unit.code,
      period: s.period,
      rubric: s.rubric,
      engine_version: s.engine_version,
      status: 'draft',
      origin: a.origin ?? 'inspection',
      revision,
      supersedes,
      amend_reason: reason,
      submission: a.submission,
      assessment: s,
      created_at: a.created_at,
      created_by: a.created_by,
      finalized_at: null,
      finalized_by: null,
    };
    const hash = contentHash(rec);
    const row: Row = {
      id: rec.id, unit_code: rec.unit, period: rec.period, rubric_id: s.rubric.id, rubric_version: s.rubric.version, rubric_hash: s.rubric.hash,
      engine_version: s.engine_version, status: 'draft', origin: rec.origin, revision, supersedes, amend_reason: reason,
      submission: JSON.stringify(a.submission), assessment: JSON.stringify(s), created_at: rec.created_at, created_by: rec.created_by, finalized_at: null, finalized_by: null,
    };
    try {
      await q.run(
        `INSERT INTO assessments (id, unit_code, period, rubric_id, rubric_version, rubric_hash, engine_version, status, origin, revision, supersedes, amend_reason,
          score, tier, passed, submission, assessment, created_at, created_by, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, row.unit_code, row.period, row.rubric_id, row.rubric_version, row.rubric_hash, row.engine_version, row.status, row.origin, revision, supersedes, reason,
          s.score, s.tier, s.result.passed ? 1 : 0, row.submission, row.assessment, row.created_at, row.created_by, hash],
      );
      await this.log(q, {
        at: rec.created_at, actor: rec.created_by, action: 'assessment.create', target: rec.id,
        payload: { unit: rec.unit, period: rec.period, origin: rec.origin, rubric: s.rubric.hash, content_hash: hash },
      });
    } catch (e) {
      if (this.db.isUniqueViolation(e)) {
        const what = rec.origin === 'self_check' ? '自查记录' : '考核记录';
        const message = `单位 ${rec.unit} 在 ${rec.period} 已有“${s.rubric.id}”的${what}；修改请用“更正”（amend）`;
        throw new AuditError('DUPLICATE', message, [{ code: 'SCHEMA', path: '/unit/code', message }]);
      }
      throw e;
    }
    // Its answer is the row's text, as a listing would send it: the submission and result are not written out again.
    rememberJson(rec, recordJson(row));
    return rec;
  }
}

function frozen(r: AssessmentRecord): AuditError {
  const message = r.status === 'final' ? `考核记录 ${r.id} 已定稿，不能修改；请用“更正”（amend）生成新的版本` : `考核记录 ${r.id} 已被更正版本取代，不能再修改`;
  return new AuditError('FROZEN', message, [{ code: 'SCHEMA', path: '', message }]);
}
