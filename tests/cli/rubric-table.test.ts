// rubric import / rubric export through the CLI: files written the way a county keeps them, the rows to finish
// listed as sheet!cell lines, exit codes, and nothing a person may have edited written over.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { buildTable, MIXED } from '../support/county-tables.js';
import { fixture } from '../support/rubrics.js';
import { load } from '../support/workbooks.js';

const tmp = mkdtempSync(join(tmpdir(), 'cli-rubric-'));

describe('rubric import', () => {
  const dir = join(tmp, 'hetou');

  it('writes the draft and its transcription, lists the rows to finish with their cells, and exits 0 when the draft loads', async () => {
    const r = await cli('rubric', 'import', fixture('county-tables', 't2-hetou-village-station.xlsx'), '-o', dir, '--id', 'hetou-station', '--level', 'village');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/已生成评分标准草稿 .*hetou-station\.yaml（hetou-station，13 项）和表格转录 .*standards\/hetou-station\.md/);
    expect(r.stdout).toContain('待补充（未能读出扣分写法，已按原文放在原位，须人工补全）：1 处\n  扣除分!C17  指标 13  原文在此截断');
    expect(r.stdout).toContain('（整个表）  表中没有分值或合计：满分暂按 100 分');
    expect(r.stdout).not.toContain('层级未指定');
    const yaml = readFileSync(join(dir, 'hetou-station.yaml'), 'utf8');
    expect(yaml).toMatch(/^# yaml-language-server: \$schema=(.+)\n/);
    // The editor's schema line points at the package's schema from wherever the draft is.
    const schema = /^# yaml-language-server: \$schema=(.+)$/m.exec(yaml)![1]!;
    expect(existsSync(resolve(dir, schema))).toBe(true);
    expect(yaml).toContain('applies_to: [ village ]');
    expect(readFileSync(join(dir, 'standards', 'hetou-station.md'), 'utf8')).toContain('- B8 考核内容：未实行一次性书面告知\n  告知内容不全面');
  });

  it('never writes over a draft a person may be finishing', async () => {
    const before = readFileSync(join(dir, 'hetou-station.yaml'), 'utf8');
    writeFileSync(join(dir, 'hetou-station.yaml'), `${before}# 已补全\n`);
    const r = await cli('rubric', 'import', fixture('county-tables', 't2-hetou-village-station.xlsx'), '-o', dir, '--id', 'hetou-station');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/hetou-station\.yaml 已存在/);
    expect(readFileSync(join(dir, 'hetou-station.yaml'), 'utf8')).toContain('# 已补全');
  });

  it('exits 2 with every problem at its cell when the draft cannot load yet, having written it for a person to fix', async () => {
    const file = join(tmp, 'mixed.xlsx');
    writeFileSync(file, await buildTable(MIXED));
    const out = join(tmp, 'mixed');
    const r = await cli('rubric', 'import', file, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('考核细则!B16  指标 6  “酌情扣分”没有写明幅度');
    expect(r.stderr).toMatch(/草稿还不能作为评分标准使用：共 1 处问题/);
    expect(r.stderr).toContain('mixed.xlsx:考核细则!E17  分值不是数值：请写成数字（如 20），或留空（单元格内容：“见附件”） [UNREADABLE_CELL]');
    expect(existsSync(join(out, 'county-rubric.yaml'))).toBe(true);
  });

  it('refuses what is not a scoring table, naming the place', async () => {
    const file = join(tmp, 'old.xls');
    writeFileSync(file, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]));
    const r = await cli('rubric', 'import', file, '-o', join(tmp, 'old'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/NOT_XLSX|\.xlsx/);
    const names = join(tmp, 'names.xlsx');
    writeFileSync(names, await buildTable({ file: 'names.xlsx', sheet: '名单', rows: [['姓名', '电话']], merges: [], widths: [] }));
    const n = await cli('rubric', 'import', names, '-o', join(tmp, 'names'));
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/名单!.*找不到考核表的表头.*\[MISSING_COLUMN\]/);
    expect(existsSync(join(tmp, 'names'))).toBe(false);
  });

  it('names a table that is not there', async () => {
    const r = await cli('rubric', 'import', join(tmp, 'no-such.xlsx'), '-o', join(tmp, 'none'));
    expect(r).toMatchObject({ code: 2, stderr: expect.stringContaining('找不到文件：') });
    expect(r.stderr).toContain('[FILE_UNREADABLE]');
  });

  it('says what is missing from the command line', async () => {
    expect(await cli('rubric', 'import', fixture('county-tables', 't4-yinchuan-department.xlsx'))).toMatchObject({ code: 2, stderr: expect.stringContaining('rubric import 需要 -o') });
    expect(await cli('rubric', 'frob')).toMatchObject({ code: 2, stderr: expect.stringContaining('rubric 之后须写 import 或 export') });
    expect(await cli('rubric', 'import', fixture('county-tables', 't4-yinchuan-department.xlsx'), '-o', join(tmp, 'lv'), '--level', '省')).toMatchObject({ code: 2, stderr: expect.stringContaining('无法识别的层级“省”') });
    const bad = await cli('rubric', 'import', fixture('county-tables', 't4-yinchuan-department.xlsx'), '-o', join(tmp, 'bad-id'), '--id', '我的县');
    expect(bad).toMatchObject({ code: 2, stderr: expect.stringContaining('--id：id 只能由小写字母、数字和连字符组成') });
    expect(existsSync(join(tmp, 'bad-id'))).toBe(false);
  });
});

describe('rubric export', () => {
  it('writes a bundled rubric as a county table', async () => {
    const out = join(tmp, 'county.xlsx');
    const r = await cli('rubric', 'export', '--rubric', 'county-monthly-assessment', '-o', out);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('已生成考核表') });
    expect((await load(readFileSync(out))).getWorksheet('考核细则')!.getCell('A1').value).toBe('县镇村便民服务体系建设月度考核');
  });

  it('writes a county draft, by its path, with its transcription beside it', async () => {
    const dir = join(tmp, 'yinchuan');
    expect((await cli('rubric', 'import', fixture('county-tables', 't4-yinchuan-department.xlsx'), '-o', dir, '--id', 'yinchuan-department')).code).toBe(0);
    const out = join(dirname(dir), 'yinchuan.xlsx');
    const r = await cli('rubric', 'export', '--rubric', join(dir, 'yinchuan-department.yaml'), '-o', out);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('yinchuan-department，版本 draft-1，18 项') });
  });

  it('needs a rubric and an output file', async () => {
    expect(await cli('rubric', 'export', '-o', join(tmp, 'x.xlsx'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--rubric') });
    expect(await cli('rubric', 'export', '--rubric', 'county-monthly-assessment')).toMatchObject({ code: 2, stderr: expect.stringContaining('-o') });
    expect(await cli('rubric', 'export', '--rubric', 'no-such', '-o', join(tmp, 'x.xlsx'))).toMatchObject({ code: 2, stderr: expect.stringContaining('找不到评分标准“no-such”') });
  });
});
