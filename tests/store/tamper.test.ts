// Defect 2 of issue 12: with the server stopped, each of these changes left `verify` saying the chain was intact.
// Now the database refuses what it can, and `verify` names every one of them, proving the whole state: every created
// id exists, every column that matters is hashed or re-derived, each status is backed by its log entries, tokens
// match theirs, and the guards are there. One test per tamper, on both databases.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenDigest } from '../../src/access/tokens.js';
import type { AssessmentRecord } from '../../src/domain/records.js';
import { assess } from '../../src/engine/evaluate.js';
import { dropGuards } from '../../src/store/guards.js';
import type { Store } from '../../src/store/types.js';
import { fixture, rubric } from '../support/rubrics.js';
import { type RawSql, STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const record = (over: Record<string, unknown> = {}) => {
  const s = { ...standard, ...over };
  return { submission: s, assessment: assess(r, s), created_at: '2026-11-20T08:00:00.000Z', created_by: 'inspector-1' };
};

describe.each(STORES)('tampering with a stopped store: $name', (kind) => {
  const maybe = kind.available ? it : it.skip;
  let store: Store;
  let raw: RawSql;
  let final: AssessmentRecord;
  let draft: AssessmentRecord;

  beforeEach(async () => {
    if (!kind.available) return;
    ({ store, raw } = await kind.openWithRaw());
    await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z', 'admin');
    await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, '2026-11-01T00:00:00.000Z', 'admin');
    await store.putUnit({ code: '330299000000', name: '别的县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z', 'admin');
    await store.putUnit({ code: '330299101000', name: '别的镇', level: 'township', parent: '330299000000' }, '2026-11-01T00:00:00.000Z', 'admin');
    await store.putRubric(r.definition, r.hash, '2026-11-01T00:00:00.000Z');
    final = await store.createAssessment(record({ period: '2026-09' }));
    await store.finalizeAssessment(final.id, 'chief', '2026-11-21T00:00:00.000Z');
    draft = await store.createAssessment(record({ period: '2026-10' }));
    await store.createToken({ id: '00000000-0000-4000-8000-00000000000a', digest: tokenDigest('a-real-token-0123456789'), name: '张华', role: 'viewer', scope: '330212000000', created_at: '2026-11-02T00:00:00.000Z', created_by: 'admin' });
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });
  afterEach(async () => {
    if (!kind.available) return;
    await raw.close();
    await store.close();
  });

  const firstBad = async () => (await store.verifyLog()).firstBad;
  const unguarded = async () => {
    for (const sql of dropGuards(kind.name)) await raw.query(sql);
  };

  maybe('deleting a draft row: refused by the database; done without the guards, named as deleted', async () => {
    await expect(raw.query('DELETE FROM assessments WHERE id = ?', [draft.id])).rejects.toThrow(/frozen/);
    await unguarded();
    await raw.query('DELETE FROM assessments WHERE id = ?', [draft.id]);
    expect(await firstBad()).toMatchObject({ target: draft.id, reason: expect.stringContaining('却不在数据库中（被删除）') });
  });

  maybe('setting a finalized row to superseded (hiding it from listings and reports): named, the log holds no correction of it', async () => {
    // final → superseded with nothing else changed is what a correction does, so the database cannot tell; verify can.
    await raw.query("UPDATE assessments SET status = 'superseded' WHERE id = ?", [final.id]);
    expect(await store.listAssessments({ period: '2026-09' })).toEqual([]);
    expect(await firstBad()).toMatchObject({ target: final.id, reason: expect.stringMatching(/状态为“superseded”，与记录链不符（记录链中它已定稿、未被更正）/) });
  });

  maybe('setting a draft to final with no finalize entry: named', async () => {
    await expect(raw.query("UPDATE assessments SET status = 'final' WHERE id = ?", [draft.id])).rejects.toThrow(/frozen/);
    // With who and when filled in, the row looks like a real finalize; only the log says otherwise.
    await raw.query("UPDATE assessments SET status = 'final', finalized_at = '2026-11-22T00:00:00.000Z', finalized_by = 'mallory' WHERE id = ?", [draft.id]);
    expect(await firstBad()).toMatchObject({ target: draft.id, reason: expect.stringContaining('记录链中没有它的定稿或更正') });
  });

  maybe("moving a draft's unit_code into another county: refused; done without the guards, named", async () => {
    await expect(raw.query("UPDATE assessments SET unit_code = '330299101000' WHERE id = ?", [draft.id])).rejects.toThrow(/frozen/);
    await unguarded();
    await raw.query("UPDATE assessments SET unit_code = '330299101000' WHERE id = ?", [draft.id]);
    expect(await store.listAssessments({ units: ['330299101000'] })).toHaveLength(1);
    expect(await firstBad()).toMatchObject({ target: draft.id, reason: expect.stringContaining('单位代码（unit_code）与记录链不符：数据库中为“330299101000”，应为“330212102000”') });
  });

  maybe('moving a unit itself into another county: named', async () => {
    await raw.query("UPDATE units SET parent = '330299000000' WHERE code = '330212102000'");
    expect(await firstBad()).toMatchObject({ target: '330212102000', reason: expect.stringContaining('上级单位（parent）与记录链不符') });
  });

  (kind.available && kind.name === 'postgres' ? it : it.skip)('TRUNCATE assessments CASCADE (PostgreSQL): refused by a statement trigger; done without it, every record is named missing', async () => {
    await expect(raw.query('TRUNCATE assessments CASCADE')).rejects.toThrow(/may not be truncated/);
    for (const table of ['audit_log', 'api_tokens', 'units', 'rubric_snapshots']) await expect(raw.query(`TRUNCATE ${table} CASCADE`), table).rejects.toThrow(/may not be truncated/);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
    await raw.query('DROP TRIGGER bm_no_truncate_assessments ON assessments');
    // CASCADE reaches the rectification orders that reference the records, whose own trigger refuses it too.
    await expect(raw.query('TRUNCATE assessments CASCADE')).rejects.toThrow(/may not be truncated/);
    await raw.query('DROP TRIGGER bm_no_truncate_rectification_orders ON rectification_orders');
    await raw.query('TRUNCATE assessments CASCADE');
    expect(await firstBad()).toMatchObject({ target: final.id, reason: expect.stringContaining('被删除') });
  });

  maybe('dropping a trigger, then deleting a finalized row: the deletion is named, and so is the missing trigger', async () => {
    const [guard, drop] = kind.name === 'sqlite' ? ['bm_assessments_no_delete', 'DROP TRIGGER bm_assessments_no_delete'] : ['bm_assessment_guard', 'DROP TRIGGER bm_assessment_guard ON assessments'];
    await raw.query(drop);
    expect(await firstBad()).toMatchObject({ target: guard, reason: expect.stringContaining(`数据库保护触发器 ${guard} 缺失`) });
    await raw.query('DELETE FROM assessments WHERE id = ?', [final.id]);
    expect(await firstBad()).toMatchObject({ target: final.id, reason: expect.stringContaining('被删除') });
  });

  maybe('a guard replaced by one that does nothing, or disabled, is named as changed', async () => {
    if (kind.name === 'sqlite') {
      await raw.query('DROP TRIGGER bm_log_no_delete');
      await raw.query('CREATE TRIGGER bm_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT 1; END');
      expect(await firstBad()).toMatchObject({ target: 'bm_log_no_delete', reason: expect.stringContaining('被改动') });
    } else {
      await raw.query('ALTER TABLE audit_log DISABLE TRIGGER bm_log_guard');
      expect(await firstBad()).toMatchObject({ target: 'bm_log_guard', reason: expect.stringContaining('被停用') });
      await raw.query('ALTER TABLE audit_log ENABLE TRIGGER bm_log_guard');
      await raw.query("CREATE OR REPLACE FUNCTION bm_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$");
      expect(await firstBad()).toMatchObject({ target: 'bm_log_guard', reason: expect.stringContaining('被改动') });
    }
  });

  maybe("inserting an admin row straight into api_tokens: it does not work, and it is named", async () => {
    const digest = tokenDigest('mallory-made-this-token-0123');
    await raw.query('INSERT INTO api_tokens (id, digest, name, role, scope, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      '00000000-0000-4000-8000-0000000000ff', digest, 'mallory', 'admin', null, '2026-11-03T00:00:00.000Z', 'admin',
    ]);
    expect(await store.findToken(digest)).toBeNull();
    expect(await firstBad()).toMatchObject({ target: '00000000-0000-4000-8000-0000000000ff', reason: expect.stringContaining('在记录链中没有登记') });
  });

  maybe("raising a token's role, swapping its digest or un-revoking it: refused; done without the guards, it stops working and is named", async () => {
    const id = '00000000-0000-4000-8000-00000000000a';
    await expect(raw.query("UPDATE api_tokens SET role = 'admin', scope = NULL WHERE id = ?", [id])).rejects.toThrow(/only revoked/);
    await expect(raw.query('DELETE FROM api_tokens WHERE id = ?', [id])).rejects.toThrow(/only revoked/);
    await unguarded();
    await raw.query("UPDATE api_tokens SET role = 'admin', scope = NULL WHERE id = ?", [id]);
    expect(await store.findToken(tokenDigest('a-real-token-0123456789'))).toBeNull();
    expect(await firstBad()).toMatchObject({ target: id, reason: expect.stringContaining('角色（role）与记录链不符') });
    await raw.query("UPDATE api_tokens SET role = 'viewer', scope = '330212000000', digest = ? WHERE id = ?", [tokenDigest('mallory-knows-this-one-0123'), id]);
    expect(await store.findToken(tokenDigest('mallory-knows-this-one-0123'))).toBeNull();
    expect(await firstBad()).toMatchObject({ target: id, reason: expect.stringContaining('令牌摘要（digest）与记录链中登记的指纹不符') });
  });

  (kind.available && kind.name === 'sqlite' ? it : it.skip)('INSERT OR REPLACE (SQLite) cannot delete a record or a log entry in passing', async () => {
    const [row] = await raw.query('SELECT * FROM assessments WHERE id = ?', [final.id]);
    const cols = Object.keys(row!);
    const replace = (table: string, values: Record<string, unknown>) =>
      raw.query(`INSERT OR REPLACE INTO ${table} (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values).map(() => '?').join(', ')})`, Object.values(values));
    // The same id, as a draft with another score: REPLACE would delete the finalized row without a delete trigger firing.
    await expect(replace('assessments', { ...Object.fromEntries(cols.map((c) => [c, row![c]])), status: 'draft', score: 0, finalized_at: null, finalized_by: null })).rejects.toThrow(/frozen|duplicate assessment/);
    await expect(replace('assessments', { ...Object.fromEntries(cols.map((c) => [c, row![c]])), period: '2026-01', status: 'draft', finalized_at: null, finalized_by: null })).rejects.toThrow(/frozen/);
    // A new id on the same unit, period and rubric: REPLACE would delete the current record to satisfy the unique index.
    await expect(replace('assessments', { ...Object.fromEntries(cols.map((c) => [c, row![c]])), id: '00000000-0000-4000-8000-0000000000ee', status: 'draft', finalized_at: null, finalized_by: null })).rejects.toThrow(/duplicate assessment/);
    const [entry] = await raw.query('SELECT * FROM audit_log WHERE seq = 1');
    await expect(replace('audit_log', { ...entry!, actor: 'mallory' })).rejects.toThrow(/append-only/);
    await expect(replace('api_tokens', { id: '00000000-0000-4000-8000-00000000000a', digest: 'x', name: 'm', role: 'admin', scope: null, created_at: 'T', created_by: 'm' })).rejects.toThrow(/only revoked/);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });
});
