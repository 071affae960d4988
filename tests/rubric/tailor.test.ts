// Tailoring: a county adjusts a published rubric by listing changes, XCCDF-style, without copying it.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { AuditError } from '../../src/errors.js';
import { formatText } from '../../src/format/text.js';
import { loadRubricFile, PACKAGE_ROOT, resolveRubric } from '../../src/rubric/load.js';

const EXAMPLE = join(PACKAGE_ROOT, 'fixtures/county-rubric/xx-county-township-2026.yaml');
const base = await resolveRubric('township-center-2022');
const r = await loadRubricFile(EXAMPLE);
const sub = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'fixtures/county-rubric/xiling-2026-11.json'), 'utf8'));

describe('a tailored rubric', () => {
  it('has its own id, version and hash, and remembers the rubric it extends', () => {
    expect([r.id, r.version, r.issuer]).toEqual(['xx-county-township-2026', '2026.1', 'XX县政务服务管理办公室（示例）']);
    expect(r.hash).not.toBe(base.hash);
    expect(r.definition.derived_from).toMatchObject({ id: 'township-center-2022', version: '2022.2', hash: base.hash });
  });

  it('applies each change, and lists each with its reason', () => {
    expect(r.byId.get('4')!.check).toMatchObject({ requirements: [{ tier: 'standard', value: 80 }, { tier: 'demonstration', value: 150 }] });
    expect(r.byId.get('39')!.countyNa).toContain('本县各街道均无投资项目');
    expect(r.byId.has('57')).toBe(false);
    expect(r.indicators.map((i) => i.id).slice(-4)).toEqual(['55', '56', 'X1', '58']);
    expect(r.tiers.find((t) => t.id === 'demonstration')!.min_score).toBe(90);
    expect(r.definition.derived_from!.changes).toEqual([
      expect.stringMatching(/^指标 4“办事大厅面积”调整 thresholds=.*山区乡镇办事大厅面积/),
      '指标 39“投资项目审批代办”本县不适用：本县各街道均无投资项目，投资项目审批代办不作考核（调整意见一、2）',
      '删去指标 57“行为举止与服务用语”：行为举止与服务用语并入县里的窗口月度考评，本标准不再重复检查',
      '新增指标 X1““办不成事”反映窗口”：本县新增要求（调整意见一、3）',
      '整改设置调整：{"deadline_workdays":10,"evidence_required":["4"]}',
      '“示范型”的分数线调整为 90 分',
    ]);
  });

  it("changes the rectification deadline and required evidence, keeping the base's escalation levels", () => {
    expect(base.rectification).toEqual({ deadlineWorkdays: 15, escalation: [{ id: 'yellow', label: '黄牌', after_workdays: 0 }, { id: 'red', label: '红牌', after_workdays: 5 }], evidenceRequired: [] });
    expect(r.rectification).toEqual({ ...base.rectification, deadlineWorkdays: 10, evidenceRequired: ['4'] });
  });

  it('scores by the county’s rules: an 85 m² hall is 标准型 here, 39 is 不适用 without being answered', () => {
    const a = assess(r, sub);
    const area = a.results.find((x) => x.id === '4')!;
    expect(area.tier_status).toEqual({ standard: 'met', demonstration: 'unmet' });
    expect(a.results.find((x) => x.id === '39')).toMatchObject({ status: 'not_applicable', reason_code: 'COUNTY_NOT_APPLICABLE' });
    // Under the published rubric the same hall misses 标准型's 100 m².
    expect(assess(base, { ...sub, rubric: base.id, answers: { '4': 85 } }).results.find((x) => x.id === '4')!.tier_status.standard).toBe('unmet');
    const text = formatText(a, r);
    expect(text).toContain('本县调整（相对 township-center-2022 版本 2022.2）：');
    expect(text).toContain('  3. 删去指标 57“行为举止与服务用语”');
  });

  it('refuses an answer to an item the county made 不适用, and one to an item it dropped', () => {
    expect(() => assess(r, { ...sub, answers: { '39': true } })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'NOT_APPLICABLE_HERE', path: '/answers/39' })] }));
    expect(() => assess(r, { ...sub, answers: { '57': true } })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ code: 'UNKNOWN_INDICATOR', path: '/answers/57' })] }));
  });
});

describe('a tailoring that names what is not there is refused, at its line', () => {
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-'));
    mkdirSync(join(dir, 'standards'));
    copyFileSync(join(PACKAGE_ROOT, 'fixtures/county-rubric/standards/xx-county-2026.md'), join(dir, 'standards/xx-county-2026.md'));
    return dir;
  };
  const refused = async (edit: (text: string) => string) => {
    const dir = folder();
    const text = edit(readFileSync(EXAMPLE, 'utf8'));
    writeFileSync(join(dir, 'x.yaml'), text);
    const e = (await loadRubricFile(join(dir, 'x.yaml')).catch((x) => x)) as AuditError;
    expect(e).toBeInstanceOf(AuditError);
    return { problems: e.problems, text };
  };
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('a change naming an item that does not exist', async () => {
    const { problems, text } = await refused((t) => t.replace("- drop: '57'", "- drop: '99'"));
    expect(problems).toMatchObject([{ code: 'UNKNOWN_INDICATOR_REF', path: '/changes/2/drop', line: lineOf(text, "drop: '99'") }]);
  });

  it('a version of the extended rubric that is not the one there', async () => {
    const { problems, text } = await refused((t) => t.replace('township-center-2022@2022.2', 'township-center-2022@2021.3'));
    expect(problems).toMatchObject([{ code: 'EXTENDS', path: '/extends', line: lineOf(text, 'extends:'), message: expect.stringContaining('现有版本为 2022.2') }]);
  });

  it('an added indicator misquoting the county’s own text', async () => {
    const { problems } = await refused((t) => t.replace('应设置“办不成事”反映窗口。', '应设置“办不成事”窗口。'));
    expect(problems).toMatchObject([{ code: 'QUOTE_NOT_FOUND', indicator: 'X1' }]);
  });

  it('a change that leaves the rubric inconsistent, said to be about the result', async () => {
    const { problems } = await refused((t) => t.replace("tier_lines:\n  demonstration: 90", 'tier_lines:\n  demonstration: 120'));
    expect(problems).toMatchObject([{ code: 'BOUNDS', path: '/tiers/1/min_score', message: expect.stringContaining('调整后的评分标准') }]);
  });
});
