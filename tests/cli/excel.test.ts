import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { fixture } from '../support/rubrics.js';
import { fillSingle, load } from '../support/workbooks.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
const dir = mkdtempSync(join(tmpdir(), 'cli-excel-'));
const out = (name: string) => join(dir, name);

describe('template → fill → import → report through the CLI', () => {
  it('a township downloads a template, fills it, imports it and gets a graded report', async () => {
    const t = await cli('template', '--rubric', 'township-center-2022', '--unit-code', '330212001000', '--unit-name', '测试镇便民服务中心', '--period', '2026-11', '-o', out('t.xlsx'));
    expect(t.code).toBe(0);
    const filled = await fillSingle(readFileSync(out('t.xlsx')), { '1': '是', '4': '160㎡', '23': '95%' });
    writeFileSync(out('filled.xlsx'), filled);
    const imported = await cli('import', out('filled.xlsx'), '-o', out('sub.json'));
    expect(imported.code).toBe(0);
    // One unit, one object: what score and report take.
    const sub = JSON.parse(readFileSync(out('sub.json'), 'utf8'));
    expect(Array.isArray(sub)).toBe(false);
    expect(sub.answers).toEqual({ '1': true, '4': 160, '23': 95 });
    const scored = await cli('score', out('sub.json'), '--format', 'json');
    expect([scored.code, JSON.parse(scored.stdout).unit.code]).toEqual([0, '330212001000']);
    const report = await cli('report', out('filled.xlsx'), '-o', out('report.xlsx'));
    expect(report.code).toBe(0);
    const wb = await load(readFileSync(out('report.xlsx')));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '差距']);
  });

  it('import with problems exits 2 and lists every cell', async () => {
    await cli('template', '--rubric', 'township-center-2022', '--unit-code', '330212001000', '--unit-name', '测试镇', '--period', '2026-11', '-o', out('t2.xlsx'));
    writeFileSync(out('bad.xlsx'), await fillSingle(readFileSync(out('t2.xlsx')), { '1': '也许', '46': '130%' }));
    const r = await cli('import', out('bad.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/共 2 处问题/);
    expect(r.stderr).toMatch(/检查表!F\d+ {2}指标 1 .*“也许”不是是\/否：请填写.*（单元格内容：“也许”）/);
    expect(r.stderr).toMatch(/检查表!F\d+ {2}指标 46 .*不能大于 100%/);
    // In row order: indicator 1 comes before 46.
    expect(r.stderr.indexOf('指标 1 ')).toBeLessThan(r.stderr.indexOf('指标 46 '));
  });

  it('a county: bulk template for its units, then the ranked county workbook and its JSON', async () => {
    const units = [
      { code: '330212101000', name: '东湖镇便民服务中心', level: 'township' },
      { code: '330212102000', name: '西岭镇便民服务中心', level: 'township' },
    ];
    writeFileSync(out('units.json'), JSON.stringify(units));
    const t = await cli('template', '--rubric', 'township-center-2022', '--bulk', '--period', '2026-11', out('units.json'), '-o', out('bulk.xlsx'));
    expect(t.code).toBe(0);
    const ws = (await load(readFileSync(out('bulk.xlsx')))).getWorksheet('批量录入')!;
    expect([ws.getCell('A4').value, ws.getCell('A5').value, ws.getCell('D4').value]).toEqual(['330212101000', '330212102000', '2026-11']);
    const p = await cli('template', '--rubric', 'township-center-2022', '--print', '--period', '2026-11', out('units.json'), '-o', out('print.xlsx'));
    expect([p.code, p.stdout]).toEqual([0, `已生成逐单位打印表：${out('print.xlsx')}（township-center-2022，版本 2022.2）\n`]);
    expect((await load(readFileSync(out('print.xlsx')))).worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['1 东湖镇便民服务中心', '2 西岭镇便民服务中心']);

    const files = ['demonstration', 'standard', 'neither'].map((n) => fixture('township-center-2022', `${n}.json`));
    const c = await cli('report', '--county', ...files, '-o', out('county.xlsx'));
    expect(c.code).toBe(0);
    const wb = await load(readFileSync(out('county.xlsx')));
    const ranking = wb.getWorksheet('排名')!;
    const first = ranking.getRow((ranking.views[0] as { ySplit: number }).ySplit + 1);
    expect([first.getCell(1).value, first.getCell(3).value]).toEqual([1, '东湖镇便民服务中心']);
    const j = await cli('report', '--county', ...files, '--format', 'json');
    expect(JSON.parse(j.stdout).units.map((u: { rank: number }) => u.rank)).toEqual([1, 2, 3]);
  });

  it('a fraction in a percentage cell imports as a percentage, and the person is told which cell', async () => {
    await cli('template', '--rubric', 'township-center-2022', '--unit-code', '330212001000', '--unit-name', '测试镇', '--period', '2026-11', '-o', out('t3.xlsx'));
    writeFileSync(out('frac.xlsx'), await fillSingle(readFileSync(out('t3.xlsx')), { '23': 0.95 }));
    const r = await cli('import', out('frac.xlsx'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).answers['23']).toBe(95);
    expect(r.stderr).toMatch(/提醒：.*1 处按约定换算读取/);
    expect(r.stderr).toMatch(/检查表!F\d+ {2}指标 23 {2}指标 23：百分比填的是 0\.95，已按比例读作 95%/);
  });

  it('an empty template is refused: 未填写任何答案', async () => {
    const r = await cli('import', out('t3.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/未填写任何答案：请在“答案”列填写/);
  });

  it('refuses a .xls file with 请另存为 .xlsx', async () => {
    writeFileSync(out('old.xls'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]));
    const r = await cli('import', out('old.xls'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/另存为” \.xlsx/);
  });

  it('report of several units without --county is a usage error', async () => {
    const files = ['demonstration', 'standard'].map((n) => fixture('township-center-2022', `${n}.json`));
    const r = await cli('report', ...files, '-o', out('x.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--county/);
  });
});

describe('a county rubric kept outside the package, through every CLI command', () => {
  // my-county.yaml beside standards/my-county.md in the county's own folder.
  const county = mkdtempSync(join(tmpdir(), 'cli-county-'));
  mkdirSync(join(county, 'standards'));
  writeFileSync(join(county, 'standards/my-county.md'), '# 某县便民服务站考核细则\n\n## 一、场所\n\n1. 便民服务站应设在村委会一楼。\n2. 每发现一次脱岗扣2分。\n');
  copyFileSync(join(PACKAGE_ROOT, 'tests/support/my-county.yaml'), join(county, 'my-county.yaml'));
  const rubricPath = join(county, 'my-county.yaml');
  const unit = { code: '330212001201', name: '某村便民服务站', level: 'village' };

  it('validates, scores and lists by path', async () => {
    expect((await cli('validate', rubricPath)).code).toBe(0);
    writeFileSync(out('county-sub.json'), JSON.stringify({ rubric: 'my-county', unit, period: '2026-11', answers: { '1': true, '2': 3 } }));
    const scored = await cli('score', '--rubric', rubricPath, '--format', 'json', out('county-sub.json'));
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout).score).toBe(94);
  });

  it('a template made from the file imports and reports without naming the rubric again', async () => {
    const t = await cli('template', '--rubric', rubricPath, '--unit-code', unit.code, '--unit-name', unit.name, '--level', 'village', '--period', '2026-11', '-o', out('county.xlsx'));
    expect(t.code).toBe(0);
    writeFileSync(out('county-filled.xlsx'), await fillSingle(readFileSync(out('county.xlsx')), { '1': '是', '2': '2' }));
    const imported = await cli('import', out('county-filled.xlsx'), '--score', '-o', out('county-result.json'));
    expect(imported.code, imported.stderr).toBe(0);
    const a = JSON.parse(readFileSync(out('county-result.json'), 'utf8'));
    expect(a).toMatchObject({ rubric: { id: 'my-county', version: '2026.1' }, score: 96 });
    const report = await cli('report', out('county-filled.xlsx'), '-o', out('county-report.xlsx'));
    expect(report.code, report.stderr).toBe(0);
  });

  it('a template whose carried rubric was edited is refused, never scored with the edit', async () => {
    const wb = await load(readFileSync(out('county.xlsx')));
    const meta = wb.getWorksheet('_meta')!;
    meta.eachRow((row) => {
      const v = String(row.getCell(2).value ?? '');
      if (String(row.getCell(1).value).startsWith('rubric_definition')) row.getCell(2).value = v.replace('"per":2', '"per":0.5');
    });
    writeFileSync(out('county-forged.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await cli('import', out('county-forged.xlsx'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/my-county.*不存在/);
  });
});
