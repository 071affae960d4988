// Orders, exemptions and evidence in the store, on both databases: written with their chain entries, refused by the
// database's own guards, and every tamper named by verify (with the guards removed, as someone with database access
// could): a swapped evidence file, a row written around the chain, a status moved, a deleted row.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../src/domain/records.js';
import type { EvidenceRecord, ExemptionRecord, OrderRecord } from '../../src/domain/rectification.js';
import { assess } from '../../src/engine/evaluate.js';
import { followUpOf } from '../../src/rectification/orders.js';
import { dropRectificationGuards } from '../../src/store/rectification-schema.js';
import { evidenceHash } from '../../src/store/rectification.js';
import type { Store } from '../../src/store/types.js';
import { jpegBytes } from '../support/evidence.js';
import { fixture, rubric } from '../support/rubrics.js';
import { type RawSql, STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const T = '2026-11-20T08:00:00.000Z';

describe.each(STORES)('rectification tables: $name', (kind) => {
  const maybe = kind.available ? it : it.skip;
  let store: Store;
  let raw: RawSql;
  let rec: AssessmentRecord;
  let order: OrderRecord;
  let exemption: ExemptionRecord;
  let file: EvidenceRecord;
  const photo = jpegBytes(8, 8, 1);

  beforeEach(async () => {
    if (!kind.available) return;
    ({ store, raw } = await kind.openWithRaw());
    await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, T, 'admin');
    await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, T, 'admin');
    await store.putRubric(r.definition, r.hash, T);
    const s = { ...standard, period: '2026-10' };
    rec = await store.createAssessment({ submission: s, assessment: assess(r, s), created_at: T, created_by: 'inspector' });
    await store.finalizeAssessment(rec.id, 'chief', T, followUpOf(r, rec.assessment, '2026-10-20'));
    order = (await store.rectification.listOrders({ units: ['330212102000'] }))[0]!;
    exemption = await store.rectification.createExemption({ unit: '330212102000', rubric: r.id, indicator: '7', kind: 'defer', reason: '停车场改造中', approved_by: 'chief', granted_at: T, starts_on: '2026-11-01', expires_on: '2026-12-31' });
    ({ record: file } = await store.rectification.addEvidence({
      sha256: evidenceHash(photo), bytes: photo, media_type: 'image/jpeg', name: 'a.jpg', target_kind: 'order', target_id: order!.id, indicator: null,
      location: { lat: 30.1, lon: 120.2 }, uploaded_at: T, uploaded_by: 'staff', maxTotalBytes: 1 << 20,
    }));
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });
  afterEach(async () => {
    if (!kind.available) return;
    await raw.close();
    await store.close();
  });

  const firstBad = async () => (await store.verifyLog()).firstBad;
  const unguarded = async () => {
    for (const sql of dropRectificationGuards(kind.name)) await raw.query(sql);
  };

  maybe('orders open with the finalize, one per finding, each pinned in the chain', async () => {
    const orders = await store.rectification.listOrders({});
    expect(orders.map((o) => o.indicator).sort()).toEqual(rec.assessment.results.filter((x) => x.status === 'unmet').map((x) => x.id).sort());
    expect(orders.every((o) => o.status === 'pending' && o.starts_on === '2026-10-20' && o.workdays === 15 && o.created_by === 'chief')).toBe(true);
    const log = await store.readLog(1, 1000);
    const finalize = log.findIndex((e) => e.action === 'assessment.finalize');
    // In the finalize's transaction: the entries follow it directly.
    expect(log.slice(finalize + 1, finalize + 1 + orders.length).map((e) => e.action)).toEqual(orders.map(() => 'rectification.open'));
  });

  maybe('a step whose status was moved by someone else meanwhile is refused', async () => {
    await store.rectification.stepOrder(order.id, { action: 'rectification.start', from: ['pending'], to: 'in_progress', at: T, by: 'staff' });
    await expect(store.rectification.stepOrder(order.id, { action: 'rectification.start', from: ['pending'], to: 'in_progress', at: T, by: 'staff' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  maybe('the database refuses: changing an order\'s content, reopening a closed order, deleting, rewriting an exemption, touching evidence', async () => {
    await expect(raw.query('UPDATE rectification_orders SET workdays = 60 WHERE id = ?', [order.id])).rejects.toThrow(/keep their content/);
    await expect(raw.query('DELETE FROM rectification_orders WHERE id = ?', [order.id])).rejects.toThrow(/keep their content/);
    await store.rectification.stepOrder(order.id, { action: 'rectification.submit', from: ['pending'], to: 'submitted', at: T, by: 'staff', note: '已整改' });
    await store.rectification.stepOrder(order.id, { action: 'rectification.pass', from: ['submitted'], to: 'closed', at: T, by: 'chief' });
    await expect(raw.query("UPDATE rectification_orders SET status = 'pending', closed_at = NULL WHERE id = ?", [order.id])).rejects.toThrow(/keep their content/);
    await expect(raw.query("UPDATE exemptions SET expires_on = '2030-12-31' WHERE id = ?", [exemption.id])).rejects.toThrow(/only revoked once/);
    await expect(raw.query('DELETE FROM exemptions WHERE id = ?', [exemption.id])).rejects.toThrow(/only revoked once/);
    await expect(raw.query("UPDATE evidence SET name = 'b.jpg' WHERE id = ?", [file.id])).rejects.toThrow(/never change/);
    await expect(raw.query('DELETE FROM evidence_blobs')).rejects.toThrow(/never change/);
    if (kind.name === 'postgres') for (const t of ['rectification_orders', 'exemptions', 'evidence', 'evidence_blobs']) await expect(raw.query(`TRUNCATE ${t} CASCADE`), t).rejects.toThrow(/may not be truncated/);
    expect(await store.verifyLog()).toMatchObject({ ok: true });
  });

  maybe('evidence bytes swapped in the database: named', async () => {
    await unguarded();
    await raw.query('UPDATE evidence_blobs SET bytes = ? WHERE sha256 = ?', [jpegBytes(8, 8, 2), file.sha256]);
    expect(await firstBad()).toMatchObject({ target: file.sha256, reason: expect.stringContaining('内容与其指纹不符') });
  });

  maybe('an attachment pointed at another file, or its location changed: named', async () => {
    await unguarded();
    const other = jpegBytes(8, 8, 3);
    const sha = evidenceHash(other);
    await raw.query('INSERT INTO evidence_blobs (sha256, media_type, size, bytes, stored_at) VALUES (?, ?, ?, ?, ?)', [sha, 'image/jpeg', other.length, other, T]);
    await raw.query('UPDATE evidence SET sha256 = ? WHERE id = ?', [sha, file.id]);
    expect(await firstBad()).toMatchObject({ target: file.id, reason: expect.stringContaining('sha256') });
    await raw.query('UPDATE evidence SET sha256 = ?, location = ? WHERE id = ?', [file.sha256, '{"lat":0,"lon":0}', file.id]);
    expect(await firstBad()).toMatchObject({ target: file.id, reason: expect.stringContaining('拍摄位置') });
  });

  maybe('a file or an attachment written around the chain: named', async () => {
    await unguarded();
    const other = jpegBytes(8, 8, 4);
    const sha = evidenceHash(other);
    await raw.query('INSERT INTO evidence_blobs (sha256, media_type, size, bytes, stored_at) VALUES (?, ?, ?, ?, ?)', [sha, 'image/jpeg', other.length, other, T]);
    expect(await firstBad()).toMatchObject({ target: sha, reason: expect.stringContaining('被直接写入数据库') });
    await raw.query(
      "INSERT INTO evidence (id, sha256, target_kind, target_id, indicator_id, name, media_type, size, location, uploaded_at, uploaded_by) VALUES ('00000000-0000-4000-8000-0000000000ee', ?, 'order', ?, NULL, 'x.jpg', 'image/jpeg', ?, NULL, ?, 'mallory')",
      [sha, order.id, other.length, T],
    );
    expect(await firstBad()).toMatchObject({ target: '00000000-0000-4000-8000-0000000000ee', reason: expect.stringContaining('被直接写入数据库') });
  });

  maybe('an order closed in the database without a review, or its deadline stretched: named', async () => {
    await unguarded();
    await raw.query("UPDATE rectification_orders SET status = 'closed', closed_at = ?, closed_by = 'mallory' WHERE id = ?", [T, order.id]);
    expect(await firstBad()).toMatchObject({ target: order.id, reason: expect.stringContaining('status') });
    await raw.query("UPDATE rectification_orders SET status = 'pending', closed_at = NULL, closed_by = NULL, workdays = 60 WHERE id = ?", [order.id]);
    expect(await firstBad()).toMatchObject({ target: order.id, reason: expect.stringContaining('workdays') });
    await raw.query(`UPDATE rectification_orders SET workdays = 15, content = replace(content, '"title":"', '"title":"改') WHERE id = ?`, [order.id]);
    expect(await firstBad()).toMatchObject({ target: order.id, reason: expect.stringContaining('内容与记录链中登记的指纹不符') });
  });

  maybe('an exemption extended or deleted, an order deleted: named', async () => {
    await unguarded();
    await raw.query("UPDATE exemptions SET expires_on = '2030-12-31' WHERE id = ?", [exemption.id]);
    expect(await firstBad()).toMatchObject({ target: exemption.id, reason: expect.stringContaining('expires_on') });
    await raw.query('DELETE FROM exemptions WHERE id = ?', [exemption.id]);
    expect(await firstBad()).toMatchObject({ target: exemption.id, reason: expect.stringContaining('被删除') });
  });

  maybe('a removed guard is named', async () => {
    const [name, sql] = kind.name === 'sqlite' ? ['bm_evidence_blobs_no_update', 'DROP TRIGGER bm_evidence_blobs_no_update'] : ['bm_evidence_blobs_guard', 'DROP TRIGGER bm_evidence_blobs_guard ON evidence_blobs'];
    await raw.query(sql);
    expect(await firstBad()).toMatchObject({ target: name, reason: expect.stringContaining('缺失') });
  });
});
