// verify, backup and token on a real SQLite file, the way an administrator runs them next to the service.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { assess } from '../../src/engine/evaluate.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { fixture, rubric } from '../support/rubrics.js';

const r = await rubric('township-center-2022');


let dir: string;
let file: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bm-cli-'));
  file = join(dir, 'bianmin-audit.sqlite');
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const store = openSqlite(file);
  await store.migrate();
  await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z');
  await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, '2026-11-01T00:00:00.000Z');
  await store.putRubric(r.definition, r.hash, '2026-11-01T00:00:00.000Z');
  const s = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
  const a = await store.createAssessment({ submission: s, assessment: assess(r, s), created_at: '2026-11-20T00:00:00.000Z', created_by: 'inspector' });
  await store.finalizeAssessment(a.id, 'chief', '2026-11-21T00:00:00.000Z');
  await store.close();
});

describe('verify', () => {
  it('reports an intact chain with its head, and checks a head printed on a report', async () => {
    const ok = await cli('verify');
    expect(ok.code).toBe(0);
    const head = /链头 (\S+)/.exec(ok.stdout)![1]!;
    expect(head).toMatch(/^5:sha256:[0-9a-f]{64}$/);
    expect((await cli('verify', '--anchor', head)).stdout).toContain('与第 5 条的锚定值一致');
    const wrong = await cli('verify', '--anchor', `5:sha256:${'0'.repeat(64)}`);
    expect(wrong.code).toBe(3);
    expect(wrong.stdout).toContain('与报表上印的链头不符');
    expect((await cli('verify', '--anchor', 'yesterday')).code).toBe(2);
  });

  it('names the first bad entry when the file was edited behind the service', async () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER bm_log_no_update');
    db.prepare("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 4").run();
    db.close();
    const bad = await cli('verify', '--format', 'json');
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, entries: 3, firstBad: { seq: 4 } });
  });
});

describe('backup', () => {
  it('writes a consistent copy, checks it, and never overwrites an earlier backup', async () => {
    const dest = join(dir, 'backups', 'b1.sqlite');
    const res = await cli('backup', dest);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/记录链 5 条/);
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((copy.prepare('SELECT count(*) AS n FROM assessments').get() as { n: number }).n).toBe(1);
    copy.close();
    const before = readFileSync(dest);
    // The store changes, so a second backup, were it written, would differ from the first.
    const live = openSqlite(file);
    await live.putUnit({ code: '330212103000', name: '北坡镇', level: 'township', parent: '330212000000' }, '2026-11-23T00:00:00.000Z');
    await live.close();
    const again = await cli('backup', dest);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('已存在');
    expect(existsSync(dest)).toBe(true);
    expect(readFileSync(dest).equals(before)).toBe(true);
  });
});

describe('token', () => {
  it('creates (showing the secret once), lists without secrets, validates and revokes', async () => {
    const made = await cli('token', 'create', '--name', '县考核员', '--role', 'county_inspector', '--scope', '330212000000', '--format', 'json');
    expect(made.code, made.stderr).toBe(0);
    const { token, id } = JSON.parse(made.stdout);
    const listed = await cli('token', 'list');
    expect(listed.stdout).toContain('县考核员  county_inspector  330212000000  有效');
    expect(listed.stdout).not.toContain(token);
    const wrong = await cli('token', 'create', '--name', '镇', '--role', 'township_staff', '--scope', '330212000000');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('/scope');
    expect((await cli('token', 'revoke', id)).stdout).toContain('已吊销');
    expect((await cli('token', 'list')).stdout).toContain('已吊销');
  });
});
