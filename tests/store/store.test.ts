import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../../src/store/sqlite.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import type { Store } from '../../src/store/types.js';
import { recordText } from '../../src/store/rows.js';
import { fixture, rubric } from '../support/rubrics.js';
import { openPostgres } from '../../src/store/postgres.js';
import { pgTestSchema, STORES } from '../support/stores.js';

const r = await rubric('township-center-2022');
const sub = (name: string, over: Record<string, unknown> = {}) => ({ ...JSON.parse(readFileSync(fixture('township-center-2022', `${name}.json`), 'utf8')), ...over });
const record = (s: ReturnType<typeof sub>) => ({ submission: s, assessment: assess(r, s), created_at: '2026-11-20T08:00:00.000Z', created_by: 'inspector-1' });

describe.each(STORES)('store: $name', (kind) => {
  let store: Store;
  beforeAll(async () => {
    if (!kind.available) return;
    store = await kind.open();
    await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, 'T0');
    for (const [code, name] of [['330212101000', '东湖镇'], ['330212102000', '西岭镇'], ['330212003000', '南山街道']]) {
      await store.putUnit({ code: code!, name: name!, level: 'township', parent: '330212000000' }, 'T0');
    }
    await store.putUnit({ code: '330212101201', name: '东湖村', level: 'village', parent: '330212101000' }, 'T0');
    await store.putRubric(r.definition, r.hash, 'T0');
  });
  afterAll(async () => {
    if (kind.available) await store.close();
  });
  const maybe = kind.available ? it : it.skip;

  maybe('migrations are recorded and running them again changes nothing', async () => {
    await store.migrate();
    await store.migrate();
    expect((await store.listUnits()).length).toBe(5);
  });

  maybe('units form a tree: children, levels and the subtree of a county', async () => {
    expect((await store.listUnits({ parent: '330212000000' })).map((u) => u.code)).toEqual(['330212003000', '330212101000', '330212102000']);
    expect((await store.listUnits({ level: 'village' })).map((u) => u.name)).toEqual(['东湖村']);
    expect((await store.subtree('330212000000')).length).toBe(5);
    expect((await store.subtree('330212101000')).map((u) => u.code)).toEqual(['330212101000', '330212101201']);
    // A unit's ancestry, top first, in one query: what every access check judges by.
    expect(await store.ancestry('330212101201')).toEqual(['330212000000', '330212101000', '330212101201']);
    expect(await store.ancestry('330212000000')).toEqual(['330212000000']);
    expect(await store.ancestry('999999999999')).toBeNull();
    await store.putUnit({ code: '330212101201', name: '东湖村（更名）', level: 'village', parent: '330212101000' }, 'T1');
    expect((await store.getUnit('330212101201'))!.name).toBe('东湖村（更名）');
    expect(await store.getUnit('999999999999')).toBeNull();
  });

  maybe('pins rubric snapshots by hash', async () => {
    expect(await store.getRubric(r.hash)).toEqual(r.definition);
    expect(await store.getRubric('sha256:none')).toBeNull();
  });

  maybe('creates, reads back exactly, lists with filters, and refuses a duplicate for the same unit, period and rubric', async () => {
    const a = await store.createAssessment(record(sub('demonstration')));
    expect(a).toMatchObject({ status: 'draft', revision: 1, unit: '330212101000', period: '2026-11', rubric: { id: r.id, hash: r.hash } });
    expect(await store.getAssessment(a.id)).toEqual(a);
    // Its answer is the stored text: byte for byte the record as read back.
    expect(recordText(a)).toBe(JSON.stringify(await store.getAssessment(a.id)));
    await store.createAssessment(record(sub('standard')));
    await store.createAssessment(record(sub('standard', { period: '2026-10' })));
    expect((await store.listAssessments({ period: '2026-11' })).map((x) => x.unit)).toEqual(['330212101000', '330212102000']);
    expect((await store.listAssessments({ tier: 'standard' })).length).toBe(2);
    expect((await store.listAssessments({ units: ['330212102000'], from: '2026-10', to: '2026-10' })).map((x) => x.period)).toEqual(['2026-10']);
    await expect(store.createAssessment(record(sub('demonstration')))).rejects.toMatchObject({ code: 'DUPLICATE' });
  });

  maybe('a batch is all or nothing', async () => {
    const before = (await store.listAssessments()).length;
    const ok = record(sub('neither', { period: '2026-09' }));
    const dup = record(sub('demonstration'));
    // Readers running alongside never see the batch's rows before it commits (here it never does).
    const batch = store.createAssessments([ok, dup]).catch((e: unknown) => e);
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) seen.push((await store.listAssessments()).length);
    expect(await batch).toBeInstanceOf(AuditError);
    expect(new Set(seen)).toEqual(new Set([before]));
    expect((await store.listAssessments()).length).toBe(before);
  });

  maybe('finalize freezes a record; amend supersedes it with a new revision, and both stay readable', async () => {
    const [draft] = await store.listAssessments({ units: ['330212102000'], period: '2026-11' });
    const final = await store.finalizeAssessment(draft!.id, 'chief', '2026-11-25T00:00:00.000Z');
    expect(final).toMatchObject({ status: 'final', finalized_by: 'chief' });
    await expect(store.finalizeAssessment(draft!.id, 'chief', 'x')).rejects.toMatchObject({ code: 'FROZEN' });
    const fixed = await store.amendAssessment(draft!.id, record(sub('standard', { answers: { ...sub('standard').answers, '4': 160 } })), '面积复测为160平方米');
    expect(fixed).toMatchObject({ status: 'draft', revision: 2, supersedes: draft!.id, amend_reason: '面积复测为160平方米' });
    expect((await store.getAssessment(draft!.id))!.status).toBe('superseded');
    expect((await store.getAssessment(draft!.id))!.assessment).toEqual(final.assessment);
    expect((await store.listAssessments({ units: ['330212102000'], period: '2026-11' })).map((x) => x.revision)).toEqual([2]);
    expect((await store.listAssessments({ units: ['330212102000'], period: '2026-11', includeSuperseded: true })).map((x) => x.revision)).toEqual([1, 2]);
    await expect(store.amendAssessment(draft!.id, record(sub('standard')), 'again')).rejects.toMatchObject({ code: 'FROZEN' });
  });

  maybe('backup: SQLite copies online; PostgreSQL points to pg_dump', async () => {
    const dest = join(mkdtempSync(join(tmpdir(), 'bm-backup-')), 'copy.sqlite');
    if (kind.name === 'postgres') await expect(store.backup(dest)).rejects.toMatchObject({ code: 'USAGE', message: expect.stringContaining('pg_dump') });
    else {
      await store.backup(dest);
      const copy = openSqlite(dest);
      expect((await copy.listUnits()).length).toBe((await store.listUnits()).length);
      await copy.close();
    }
  });

  maybe('an amendment judged on a draft is refused if the record was finalized in between', async () => {
    const draft = await store.createAssessment(record(sub('standard', { period: '2026-06' })));
    await store.finalizeAssessment(draft.id, 'chief', '2026-11-25T00:00:00.000Z');
    await expect(store.amendAssessment(draft.id, record(sub('standard', { period: '2026-06' })), '改', 'draft')).rejects.toMatchObject({ code: 'FROZEN', message: expect.stringContaining('已定稿') });
    expect((await store.getAssessment(draft.id))!.status).toBe('final');
    expect((await store.amendAssessment(draft.id, record(sub('standard', { period: '2026-06' })), '改', 'final')).revision).toBe(2);
  });

  maybe('unknown records are NOT_FOUND', async () => {
    await expect(store.finalizeAssessment('00000000-0000-0000-0000-000000000000', 'x', 'y')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.getAssessment('00000000-0000-0000-0000-000000000000')).toBeNull();
  });

  maybe('concurrent writes are serialised without loss', async () => {
    const periods = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);
    await Promise.all(periods.map((p) => store.createAssessment(record(sub('neither', { period: p })))));
    expect((await store.listAssessments({ units: ['330212003000'], from: '2025-01', to: '2025-12' })).length).toBe(12);
  });
});

describe.each(STORES)('listing as JSON text: $name', (kind) => {
  (kind.available ? it : it.skip)('each record streamed is byte for byte JSON.stringify of the record as read, drafts, finalized and amended alike', async () => {
    const store = await kind.open();
    try {
      await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, 'T0');
      await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, 'T0');
      await store.putRubric(r.definition, r.hash, 'T0');
      const unit = { code: '330212102000', name: '西岭"镇"', level: 'township' };
      const a = await store.createAssessment(record(sub('standard', { unit, period: '2026-09', inspector: '张"华\\n' })));
      await store.finalizeAssessment(a.id, 'chief', '2026-11-21T00:00:00.000Z');
      await store.amendAssessment(a.id, record(sub('demonstration', { unit, period: '2026-09' })), '复测："面积"');
      await store.createAssessment(record(sub('neither', { unit, period: '2026-10' })));
      for (const filter of [{}, { includeSuperseded: true }, { period: '2026-10' }, { units: [] }]) {
        const texts: string[] = [];
        for await (const t of store.assessmentsAsJson(filter)) texts.push(t);
        expect(texts).toEqual((await store.listAssessments(filter)).map((x) => JSON.stringify(x)));
      }
    } finally {
      await store.close();
    }
  });
});

describe('a read-only store over a replica (DATABASE_URL_READONLY)', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('reads what the primary wrote, refuses every write before it reaches the database, and checks rather than runs migrations', async () => {
    const schema = await pgTestSchema('readonly');
    try {
      const early = openPostgres(schema.url, { readOnly: true });
      await expect(early.migrate()).rejects.toThrow(/只读数据库的结构版本为 0，本程序需要 \d+/);
      await early.close();
      const primary = openPostgres(schema.url);
      await primary.migrate();
      await primary.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, 'T0');
      const replica = openPostgres(schema.url, { readOnly: true });
      await replica.migrate();
      expect((await replica.listUnits()).map((u) => u.code)).toEqual(['330212000000']);
      expect(await replica.verifyLog()).toMatchObject({ ok: true, entries: 1 });
      await expect(replica.putUnit({ code: '330212000000', name: '改名', level: 'county', parent: null }, 'T1')).rejects.toMatchObject({ code: 'READ_ONLY' });
      await expect(replica.appendEvent({ at: 'T1', actor: 'x', action: 'access.denied', target: '', payload: {} })).rejects.toMatchObject({ code: 'READ_ONLY' });
      expect((await primary.getUnit('330212000000'))!.name).toBe('测试县');
      await replica.close();
      await primary.close();
    } finally {
      await schema.drop();
    }
  });
});
