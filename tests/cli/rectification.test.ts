// Rectification from the command line, on a real SQLite file as an administrator runs it next to the service.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { assess } from '../../src/engine/evaluate.js';
import { followUpOf } from '../../src/rectification/orders.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { jpegWithGps } from '../support/evidence.js';
import { fixture, rubric } from '../support/rubrics.js';

const r = await rubric('township-center-2022');


let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bm-cli-rect-'));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  const store = openSqlite(join(dir, 'bianmin-audit.sqlite'));
  await store.migrate();
  await store.putUnit({ code: '330212000000', name: '测试县', level: 'county', parent: null }, '2026-11-01T00:00:00.000Z');
  await store.putUnit({ code: '330212102000', name: '西岭镇', level: 'township', parent: '330212000000' }, '2026-11-01T00:00:00.000Z');
  await store.putRubric(r.definition, r.hash, '2026-11-01T00:00:00.000Z');
  const s = { ...JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8')), inspected_on: '2026-11-02' };
  const a = await store.createAssessment({ submission: s, assessment: assess(r, s), created_at: '2026-11-02T00:00:00.000Z', created_by: 'inspector' });
  await store.finalizeAssessment(a.id, 'chief', '2026-11-03T00:00:00.000Z', followUpOf(r, a.assessment, '2026-11-02'));
  await store.close();
});

describe('rectification commands', () => {
  it('lists orders with their deadlines, walks one through report and review with evidence, and verify stays clean', async () => {
    const list = await cli('rectification', 'list', '330212000000', '--format', 'json');
    expect(list.code, list.stderr).toBe(0);
    const orders = JSON.parse(list.stdout);
    expect(orders.length).toBe(10);
    expect(orders[0]).toMatchObject({ due_on: '2026-11-23', status: 'pending' });
    const id = orders.find((o: any) => o.indicator === '7').id;
    const photo = join(dir, '停车位.jpg');
    writeFileSync(photo, jpegWithGps());
    const up = await cli('rectification', 'evidence', id, photo, '--as', '李明');
    expect(up.stdout).toContain('拍摄位置 30.26, 120.15');
    expect((await cli('rectification', 'submit', id, '--as', '李明')).code).toBe(2);
    // By unit and indicator instead of the id: the unit's one open order on that indicator.
    const unit = orders.find((o: any) => o.indicator === '7').unit;
    const none = await cli('rectification', 'submit', unit, '--indicator', '999', '--note', '无', '--as', '李明');
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining(`单位 ${unit} 的指标 999 没有未销号的整改事项`)]);
    expect((await cli('rectification', 'submit', unit, '--note', '无', '--as', '李明')).stderr).toContain('还需要 --indicator');
    expect((await cli('rectification', 'submit', unit, '--indicator', '7', '--note', '已划出免费停车位', '--as', '李明')).stdout).toContain(`${id}  `);
    expect((await cli('rectification', 'pass', id, '--as', '张华')).stdout).toContain('已销号');
    const shown = JSON.parse((await cli('rectification', 'show', id)).stdout);
    expect(shown.history.map((e: any) => [e.action, e.actor])).toEqual([['rectification.open', 'chief'], ['rectification.submit', '李明'], ['rectification.pass', '张华']]);
    expect((await cli('verify')).code).toBe(0);
  });

  it('writes the ledger and a notice as workbooks', async () => {
    const out = join(dir, '台账.xlsx');
    expect((await cli('rectification', 'ledger', '330212000000', '-o', out)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '台账', '整改佐证材料']);
    const sum = wb.getWorksheet('汇总')!;
    const first = (sum.views[0] as { ySplit: number }).ySplit + 1;
    expect(sum.getRow(first).values).toEqual([undefined, '330212102000', '西岭镇', '镇(街道)', 9, expect.any(Number), 1]);
    const notice = join(dir, '通知书.xlsx');
    expect((await cli('rectification', 'notice', '330212102000', '-o', notice)).code).toBe(0);
    const nb = new ExcelJS.Workbook();
    await nb.xlsx.readFile(notice);
    const ws = nb.getWorksheet('整改通知书')!;
    expect(ws.getCell('A1').value).toBe('整改通知书');
    const texts = ws.getSheetValues().flat().filter((v) => typeof v === 'string') as string[];
    // The signature lines under the list: the inspector's and the unit head's.
    expect(texts.some((t) => t.startsWith('检查人（签字）：') && t.includes('被检查单位负责人（签字）：'))).toBe(true);
  });

  it('grants, lists and revokes an exemption; a deadline into an unknown year is refused', async () => {
    const g = await cli('exemption', 'grant', '330212102000', '--rubric', 'township-center-2022', '--indicator', '4', '--kind', 'defer', '--reason', '扩建中', '--expires', '2099-12-31', '--format', 'json');
    expect(g.code, g.stderr).toBe(0);
    const id = JSON.parse(g.stdout).id;
    expect((await cli('exemption', 'list', '330212000000')).stdout).toContain('有效');
    expect((await cli('exemption', 'revoke', id, '--reason', '已完工')).stdout).toContain('已撤销');
    expect((await cli('deadline', '--rubric', 'township-center-2022', '--from', '2026-02-10')).stdout).toContain('整改期限至 2026-03-09');
    const refused = await cli('deadline', '--rubric', 'township-center-2022', '--from', '2026-12-15');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('没有 2027 年的法定节假日安排');
  });
});
