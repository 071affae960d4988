// The store's logic, written once over a tiny adapter that each database implements.
import { randomUUID } from 'node:crypto';
import { AuditError } from '../errors.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { MIGRATIONS } from './migrations.js';
import type { AssessmentFilter, AssessmentRecord, NewAssessment, Store, UnitRecord } from './types.js';

export type Row = Record<string, unknown>;

/** `?` placeholders throughout; the PostgreSQL adapter numbers them. */
export interface Queryable {
  all(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

export interface Adapter extends Queryable {
  readonly dialect: 'sqlite' | 'postgres';
  /** Runs fn in one transaction; the writer is exclusive for its duration. */
  transaction<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /** Whether an error is a unique-constraint violation. */
  isUniqueViolation(e: unknown): boolean;
}

const notFound = (what: string) => new AuditError('NOT_FOUND', what, [{ code: 'SCHEMA', path: '', message: what }]);

export class SqlStore implements Store {
  constructor(protected readonly db: Adapter) {}

  get dialect() {
    return this.db.dialect;
  }

  async migrate(): Promise<void> {
    await this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    await this.db.transaction(async (q) => {
      const done = new Set((await q.all('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
      for (const m of MIGRATIONS) {
        if (done.has(m.version)) continue;
        const sql = m.sql.replaceAll('{{float}}', this.db.dialect === 'postgres' ? 'DOUBLE PRECISION' : 'REAL');
        for (const statement of sql.split(';').map((s) => s.trim()).filter(Boolean)) await q.run(statement);
        await q.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, new Date(0).toISOString()]);
      }
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }

  async putUnit(u: UnitRecord, at: string): Promise<UnitRecord> {
    await this.db.run(
      `INSERT INTO units (code, name, level, parent, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, parent = excluded.parent, updated_at = excluded.updated_at`,
      [u.code, u.name, u.level, u.parent, at, at],
    );
    return u;
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

  async subtree(code: string): Promise<UnitRecord[]> {
    const rows = await this.db.all(
      `WITH RECURSIVE t(code) AS (SELECT code FROM units WHERE code = ? UNION SELECT u.code FROM units u JOIN t ON u.parent = t.code)
       SELECT u.code, u.name, u.level, u.parent FROM units u JOIN t ON u.code = t.code ORDER BY u.code`,
      [code],
    );
    return rows.map(unit);
  }

  async putRubric(definition: RubricDefinition, hash: string, at: string): Promise<void> {
    await this.db.run('INSERT INTO rubric_snapshots (hash, id, version, definition, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING', [
      hash,
      definition.id,
      definition.version,
      JSON.stringify(definition),
      at,
    ]);
  }

  async getRubric(hash: string): Promise<RubricDefinition | null> {
    const [r] = await this.db.all('SELECT definition FROM rubric_snapshots WHERE hash = ?', [hash]);
    return r ? (JSON.parse(String(r.definition)) as RubricDefinition) : null;
  }

  async createAssessment(a: NewAssessment): Promise<AssessmentRecord> {
    return (await this.createAssessments([a]))[0]!;
  }

  async createAssessments(list: readonly NewAssessment[]): Promise<AssessmentRecord[]> {
    return this.db.transaction(async (q) => {
      const out: AssessmentRecord[] = [];
      for (const a of list) out.push(await this.insert(q, a, 1, null, null));
      return out;
    });
  }

  async getAssessment(id: string): Promise<AssessmentRecord | null> {
    const [r] = await this.db.all('SELECT * FROM assessments WHERE id = ?', [id]);
    return r ? record(r) : null;
  }

  async listAssessments(f: AssessmentFilter = {}): Promise<AssessmentRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...p: unknown[]) => (where.push(sql), params.push(...p));
    if (f.units) {
      if (f.units.length === 0) return [];
      add(`unit_code IN (${f.units.map(() => '?').join(', ')})`, ...f.units);
    }
    if (f.period) add('period = ?', f.period);
    if (f.from) add('period >= ?', f.from);
    if (f.to) add('period <= ?', f.to);
    if (f.rubric) add('rubric_id = ?', f.rubric);
    if (f.tier) add('tier = ?', f.tier);
    if (f.status) add('status = ?', f.status);
    else if (!f.includeSuperseded) add("status <> 'superseded'");
    const rows = await this.db.all(`SELECT * FROM assessments${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY period, unit_code, revision`, params);
    return rows.map(record);
  }

  async finalizeAssessment(id: string, by: string, at: string): Promise<AssessmentRecord> {
    return this.db.transaction(async (q) => {
      const current = await this.current(q, id);
      if (current.status !== 'draft') throw frozen(current);
      await q.run("UPDATE assessments SET status = 'final', finalized_at = ?, finalized_by = ? WHERE id = ? AND status = 'draft'", [at, by, id]);
      return { ...current, status: 'final' as const, finalized_at: at, finalized_by: by };
    });
  }

  async amendAssessment(id: string, replacement: NewAssessment, reason: string): Promise<AssessmentRecord> {
    return this.db.transaction(async (q) => {
      const old = await this.current(q, id);
      if (old.status === 'superseded') throw frozen(old);
      // The old record stays as it was, only marked superseded, so the history remains readable.
      await q.run("UPDATE assessments SET status = 'superseded' WHERE id = ?", [id]);
      return this.insert(q, replacement, old.revision + 1, id, reason);
    });
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
    try {
      await q.run(
        `INSERT INTO assessments (id, unit_code, period, rubric_id, rubric_version, rubric_hash, engine_version, status, revision, supersedes, amend_reason,
          score, tier, passed, submission, assessment, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [rec.id, rec.unit, rec.period, s.rubric.id, s.rubric.version, s.rubric.hash, s.engine_version, 'draft', revision, supersedes, reason,
          s.score, s.tier, s.result.passed ? 1 : 0, JSON.stringify(a.submission), JSON.stringify(s), rec.created_at, rec.created_by],
      );
    } catch (e) {
      if (this.db.isUniqueViolation(e)) {
        const message = `单位 ${rec.unit} 在 ${rec.period} 已有“${s.rubric.id}”的考核记录；修改请用“更正”（amend）`;
        throw new AuditError('DUPLICATE', message, [{ code: 'SCHEMA', path: '/unit/code', message }]);
      }
      throw e;
    }
    return rec;
  }
}

function frozen(r: AssessmentRecord): AuditError {
  const message = r.status === 'final' ? `考核记录 ${r.id} 已定稿，不能修改；请用“更正”（amend）生成新的版本` : `考核记录 ${r.id} 已被更正版本取代，不能再修改`;
  return new AuditError('FROZEN', message, [{ code: 'SCHEMA', path: '', message }]);
}

const unit = (r: Row): UnitRecord => ({ code: String(r.code), name: String(r.name), level: r.level as UnitRecord['level'], parent: r.parent === null ? null : String(r.parent) });

function record(r: Row): AssessmentRecord {
  return {
    id: String(r.id),
    unit: String(r.unit_code),
    period: String(r.period),
    rubric: { id: String(r.rubric_id), version: String(r.rubric_version), hash: String(r.rubric_hash) },
    engine_version: String(r.engine_version),
    status: r.status as AssessmentRecord['status'],
    revision: Number(r.revision),
    supersedes: r.supersedes === null ? null : String(r.supersedes),
    amend_reason: r.amend_reason === null ? null : String(r.amend_reason),
    submission: JSON.parse(String(r.submission)),
    assessment: JSON.parse(String(r.assessment)),
    created_at: String(r.created_at),
    created_by: String(r.created_by),
    finalized_at: r.finalized_at === null ? null : String(r.finalized_at),
    finalized_by: r.finalized_by === null ? null : String(r.finalized_by),
  };
}
