import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { validateSchema } from '../../src/schema/validate.js';
import { fixture } from '../support/rubrics.js';

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const tmp = (name: string, content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-')), name);
  writeFileSync(file, content);
  return file;
};
const demo = fixture('township-center-2022', 'demonstration.json');

describe('score', () => {
  it('--format json prints the assessment JSON contract on stdout and exits 0', async () => {
    const { code, stdout, stderr } = await cli('score', '--rubric', 'township-center-2022', demo, '--format', 'json');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const a = JSON.parse(stdout);
    expect(validateSchema('assessment', a).ok).toBe(true);
    expect(a).toMatchObject({ tier: 'demonstration', gaps: {} });
    expect(a.results).toHaveLength(58);
    expect(a.results[0]).toMatchObject({ id: '1', status: 'met' });
  });

  it('without --format prints a Chinese table: tier reached, gaps per tier and every indicator', async () => {
    const { code, stdout } = await cli('score', '--rubric', 'township-center-2022', fixture('township-center-2022', 'standard.json'));
    expect(code).toBe(0);
    expect(stdout).toContain('达到等级：标准型');
    expect(stdout).toMatch(/示范型：6 项必要条件/);
    expect(stdout).toContain('[4] 办事大厅面积：未达标。实际 120 m²，要求 ≥150 m²，差 30 m²');
    expect(stdout).toContain('[12] 公共设施齐全完好：未达标。缺少：急救设施');
    const rows = stdout.split('\n').filter((l) => /^\d+\s/.test(l));
    expect(rows).toHaveLength(58);
    expect(rows.find((l) => l.startsWith('7 '))).toMatch(/免费停车位\s+示范型\s+✗ 未达标/);
  });

  it('takes the rubric from the submission when --rubric is omitted, and reads YAML submissions', async () => {
    const file = tmp('s.yaml', 'rubric: township-center-2022\nunit: {code: "330212001000", name: 测试镇, level: township}\nperiod: 2026-11\nanswers:\n  "1": true\n');
    const { code, stdout } = await cli('score', file, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).unit.code).toBe('330212001000');
  });

  it('bad input exits 2 and names the file, line and path of every problem on stderr', async () => {
    const file = tmp('bad.json', '{\n  "rubric": "township-center-2022",\n  "unit": {"code": "330212001000", "name": "x", "level": "township"},\n  "period": "2026-11",\n  "answers": {\n    "4": -5,\n    "46": 120,\n    "99": true,\n    "23": "九十"\n  }\n}\n');
    const { code, stdout, stderr } = await cli('score', file);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('共 4 处问题');
    expect(stderr).toContain(`${file}:6:10  /answers/4  指标 4 的数值 -5 m² 无效：不能小于 0 m² [OUT_OF_RANGE]`);
    expect(stderr).toContain(`${file}:7:11  /answers/46`);
    expect(stderr).toContain(`${file}:8:11  /answers/99`);
    expect(stderr).toMatch(/:9:11 {2}\/answers\/23 {2}指标 23 需要数值/);
  });

  it.each([
    ['a missing rubric', ['score', '--rubric', 'nope', demo], /找不到评分标准“nope”/],
    ['a missing file', ['score', '/nonexistent.json'], /找不到文件/],
    ['a malformed file', ['score', 'MALFORMED'], /语法错误/],
    ['an unknown command', ['frobnicate'], /未知命令/],
    ['an unknown option', ['score', '--bogus', demo], /bogus/],
    ['a bad --format', ['score', demo, '--format', 'xml'], /--format/],
  ])('%s exits 2 with a clear message', async (_name, args, message) => {
    const real = args.map((a) => (a === 'MALFORMED' ? tmp('m.json', '{"rubric": ') : a));
    const { code, stderr } = await cli(...real);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('validate and rubrics', () => {
  it('validate accepts a good rubric and good submissions', async () => {
    const { code, stdout } = await cli('validate', join(PACKAGE_ROOT, 'rubrics/township-center-2022.yaml'), demo);
    expect(code).toBe(0);
    expect(stdout).toMatch(/评分标准有效（township-center-2022，版本 2022.2，58 项指标）/);
    expect(stdout).toMatch(/提交有效/);
  });

  it('validate reports a broken rubric with YAML path and line, and exits 2', async () => {
    const file = tmp('r.yaml', 'id: Bad Id\ntitle: t\n');
    const { code, stderr } = await cli('validate', file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/r\.yaml:1:5 {2}\/id {2}id 只能由小写字母/);
    expect(stderr).toMatch(/缺少必填字段“sections”/);
  });

  it('rubrics lists the bundled rubrics', async () => {
    const { code, stdout } = await cli('rubrics', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toContainEqual(expect.objectContaining({ id: 'township-center-2022', indicators: 58, tiers: ['standard', 'demonstration'] }));
  });

  it('each rubric is listed with how it judges: tiers, 达标/未达标, or a graded rubric’s grades (never 达标)', async () => {
    const { stdout } = await cli('rubrics');
    const line = (id: string) => stdout.split('\n').find((l) => l.startsWith(`${id} `))!;
    expect(line('township-center-2022')).toContain('等级：标准型 < 示范型');
    expect(line('baishui-village-room-2017')).toContain('结论：达标/未达标');
    expect(line('county-monthly-assessment')).toContain('打分制，满分 100；等级：优秀 ≥90 > 良好 ≥80 > 合格 ≥60 > 不合格');
    expect(line('county-monthly-assessment')).not.toContain('达标');
  });
});

describe('the real process', () => {
  it('npm run --silent cli exits 0 for a scored submission and 2 for bad input', async () => {
    const exec = promisify(execFile);
    const ok = await exec('npm', ['run', '--silent', 'cli', '--', 'score', '--rubric', 'township-center-2022', demo, '--format', 'json'], { cwd: PACKAGE_ROOT });
    expect(JSON.parse(ok.stdout).tier).toBe('demonstration');
    const bad = await exec('npm', ['run', '--silent', 'cli', '--', 'score', '--rubric', 'nope', demo], { cwd: PACKAGE_ROOT }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/找不到评分标准/);
  }, 30_000);
});
