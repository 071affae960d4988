// The CLI over a rubric's own periods: the quarterly circular and the annual accumulation from submission files
// (report --quarter, report --year), the county ranking of a half year, and the refusals that say what to do.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { halfSub, QUARTER_SUBS, QUARTERLY_PATH, TOWNS } from '../support/periods.js';
import { load } from '../support/workbooks.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'cli-periods-'));
const out = (name: string) => join(dir, name);
const quarters = out('quarters.json');
writeFileSync(quarters, JSON.stringify(QUARTER_SUBS));
const halves = out('halves.json');
writeFileSync(halves, JSON.stringify([halfSub('deductions', 'X', '2025-H1'), halfSub('clean', 'X', '2025-H2'), halfSub('over-budget', 'Y', '2025-H1')]));
const headers = (ws: import('exceljs').Worksheet) => (ws.getRow((ws.views[0] as { ySplit: number }).ySplit).values as unknown[]).slice(1);

describe('reports over quarters and half years from files', () => {
  it('report --quarter: a quarterly rubric’s circular, as JSON and as a workbook', async () => {
    const j = await cli('report', '--rubric', QUARTERLY_PATH, '--quarter', '2026-Q1', quarters, '--format', 'json');
    expect(j.code, j.stderr).toBe(0);
    const q = JSON.parse(j.stdout);
    expect([q.periodKind, q.months, q.records]).toEqual(['quarter', ['2026-Q1'], null]);
    expect(q.units.map((u: { unit: { code: string }; mean: number }) => [u.unit.code, u.mean])).toEqual([[TOWNS.B.code, 100], [TOWNS.A.code, 85], [TOWNS.C.code, 25]]);
    const x = await cli('report', '--rubric', QUARTERLY_PATH, '--quarter', '2026-Q1', quarters, '-o', out('q.xlsx'));
    expect([x.code, x.stdout]).toEqual([0, `已生成季度通报：${out('q.xlsx')}（3 个单位，2026年第1季度）\n`]);
    expect(headers((await load(readFileSync(out('q.xlsx')))).getWorksheet('季度排名')!)).toEqual(['名次', '单位代码', '单位名称', '季度得分', '季度等级/结论']);
  });

  it('report --year: a past year’s four quarters, and a half-yearly rubric’s two halves', async () => {
    const q = await cli('report', '--rubric', QUARTERLY_PATH, '--year', '2025', quarters, '--format', 'json');
    expect(q.code, q.stderr).toBe(0);
    const y = JSON.parse(q.stdout);
    expect(y.months).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
    // A 100, B 100 − 10 − 10 = 80, each in 2025-Q4 only.
    expect(y.units.map((u: { unit: { code: string }; value: number; missing: string[] }) => [u.unit.code, u.value, u.missing.length])).toEqual([[TOWNS.A.code, 100, 3], [TOWNS.B.code, 80, 3]]);
    const h = await cli('report', '--year', '2025', halves, '-o', out('h.xlsx'));
    expect([h.code, h.stdout]).toEqual([0, `已生成年度累计表：${out('h.xlsx')}（2 个单位，2025年）\n`]);
    const ws = (await load(readFileSync(out('h.xlsx')))).getWorksheet('年度累计')!;
    expect(headers(ws)).toEqual(['名次', '单位代码', '单位名称', '年平均分', '上半年', '下半年', '年度等级/结论', '缺考半年']);
    // 示例部门二: (76 + 100) / 2 = 88; 示例部门一: 32, the second half missing.
    const rows = [1, 2].map((n) => ws.getRow((ws.views[0] as { ySplit: number }).ySplit + n));
    expect(rows.map((r) => [r.getCell(2).value, r.getCell(4).value, r.getCell(8).value])).toEqual([['640100000002', 88, '—'], ['640100000001', 32, '下半年']]);
  });

  it('a half-yearly rubric has no quarterly circular: exit 2, saying to rank the half year instead, which report --county does', async () => {
    const r = await cli('report', '--quarter', '2025-Q2', halves, '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('按半年考核，没有季度通报：请看半年的考核排名（2025年上半年为 2025-H1，下半年为 2025-H2）或年度累计');
    writeFileSync(out('h1.json'), JSON.stringify([halfSub('deductions', 'X', '2025-H1'), halfSub('over-budget', 'Y', '2025-H1')]));
    const c = await cli('report', '--county', out('h1.json'), '--previous', out('h1.json'), '-o', out('c.xlsx'));
    expect([c.code, c.stdout]).toEqual([0, `已生成县级汇总表：${out('c.xlsx')}（2 个单位，2025-H1）\n`]);
  });

  it('usage: one of --county, --quarter and --year; a quarter written YYYY-Qn; a template’s period of the rubric’s kind', async () => {
    const both = await cli('report', '--county', '--quarter', '2026-Q1', quarters, '--format', 'json');
    expect([both.code, both.stderr]).toEqual([2, expect.stringContaining('--county、--quarter 和 --year 只能选一个')]);
    const bad = await cli('report', '--rubric', QUARTERLY_PATH, '--quarter', '2026-3', quarters, '--format', 'json');
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--quarter 应写作 YYYY-Qn，如 2026-Q4（实际为“2026-3”）')]);
    const year = await cli('report', '--year', '26', halves, '--format', 'json');
    expect([year.code, year.stderr]).toEqual([2, expect.stringContaining('--year 应写作四位年份')]);
    const t = await cli('template', '--rubric', 'yinchuan-branch-hall-departments', '--period', '2026-11', '-o', out('t.xlsx'));
    expect([t.code, t.stderr]).toEqual([2, expect.stringContaining('按半年考核，期间应写作 YYYY-Hn，如 2026-H1（实际为“2026-11”）')]);
    const ok = await cli('template', '--rubric', 'yinchuan-branch-hall-departments', '--period', '2026-H2', '-o', out('t.xlsx'));
    expect(ok.code, ok.stderr).toBe(0);
  });
});
