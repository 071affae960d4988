import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { AuditError, type Problem } from '../../src/errors.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { parseRubric } from '../../src/rubric/parse.js';

const text = readFileSync(join(PACKAGE_ROOT, 'rubrics/township-center-2022.yaml'), 'utf8');

function problems(yamlText: string): Problem[] {
  try {
    parseRubric(yamlText, 'bad.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(AuditError);
    expect((e as AuditError).code).toBe('RUBRIC_INVALID');
    return [...(e as AuditError).problems];
  }
  throw new Error('expected the rubric to be refused');
}

/** The real rubric with one edit, re-serialised so the edit lands on a known line. */
function edited(edit: (doc: any) => void): string {
  const doc = parse(text);
  edit(doc);
  return stringify(doc, { lineWidth: 0 });
}
const lineOf = (yamlText: string, needle: string) => yamlText.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('a rubric that fails its schema names the YAML path and line', () => {
  it('an unknown check kind', () => {
    const y = edited((d) => (d.sections[0].sections[1].indicators[1].check.kind = 'numbr'));
    const [p] = problems(y);
    expect(p).toMatchObject({ code: 'SCHEMA', path: '/sections/0/sections/1/indicators/1/check/kind', file: 'bad.yaml', line: lineOf(y, 'kind: numbr') });
    expect(p!.message).toBe('检查类型“numbr”未知');
  });

  it('a missing source sentence and a bad comparator, both reported', () => {
    const y = edited((d) => {
      delete d.sections[0].sections[0].indicators[0].text;
      d.sections[0].sections[1].indicators[1].check.thresholds.standard.op = '≥';
    });
    const ps = problems(y);
    expect(ps.map((p) => p.path)).toEqual([
      '/sections/0/sections/0/indicators/0/text',
      '/sections/0/sections/1/indicators/1/check/thresholds/standard/op',
    ]);
    expect(ps[0]!.message).toBe('缺少必填字段“text”');
    expect(ps[1]!.line).toBe(lineOf(y, 'op: ≥'));
  });

  it('a threshold with both value and param', () => {
    const y = edited((d) => (d.sections[1].sections[2].indicators[1].check.threshold.value = 90));
    expect(problems(y)).toMatchObject([{ path: '/sections/1/sections/2/indicators/1/check/threshold', message: '“value”与“param”不能同时出现，“value”、“param”、“derived” 只能选一个' }]);
  });

  it('a YAML syntax error gives its line', () => {
    const [p] = problems('id: x\ntitle: [unclosed\n');
    expect(p).toMatchObject({ code: 'SYNTAX', file: 'bad.yaml' });
    expect(p!.line).toBeGreaterThan(0);
  });
});

describe('consistency rules beyond the schema', () => {
  it.each([
    ['a necessary tier that does not exist', (d: any) => (d.sections[0].sections[0].indicators[0].necessary_for = ['gold']), 'UNKNOWN_TIER', '/sections/0/sections/0/indicators/0/necessary_for/0'],
    ['a duplicate indicator id', (d: any) => (d.sections[0].sections[0].indicators[1].id = '1'), 'DUPLICATE_ID', '/sections/0/sections/0/indicators/1/id'],
    ['an undefined parameter', (d: any) => (d.sections[1].sections[2].indicators[1].check.threshold.param = 'nope'), 'UNKNOWN_PARAMETER', '/sections/1/sections/2/indicators/1/check/threshold/param'],
    ['a higher tier with a laxer threshold', (d: any) => (d.sections[0].sections[1].indicators[1].check.thresholds.demonstration.value = 90), 'THRESHOLD_ORDER', '/sections/0/sections/1/indicators/1/check/thresholds/demonstration'],
    ['a necessary tier with no threshold', (d: any) => (d.sections[2].sections[1].indicators[2].necessary_for = ['standard']), 'THRESHOLD_MISSING', '/sections/2/sections/1/indicators/2/check/thresholds'],
    ['a truncated indicator made necessary', (d: any) => (d.sections[3].sections[4].indicators[0].necessary_for = ['demonstration']), 'UNKNOWN_TIER', '/sections/3/sections/4/indicators/0/necessary_for'],
    ['a percentage without a 0–100 range', (d: any) => delete d.sections[3].sections[0].indicators[3].check.maximum, 'BOUNDS', '/sections/3/sections/0/indicators/3/check'],
  ])('%s', (_name, edit, code, path) => {
    const ps = problems(edited(edit));
    expect(ps.map((p) => ({ code: p.code, path: p.path }))).toContainEqual({ code, path });
    for (const p of ps) expect(p.line).toBeGreaterThan(0);
  });
});

describe('hostile YAML is refused with a domain error', () => {
  it.each([
    ['aliases (billion laughs)', 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n', /别名/],
    ['a !!binary tag', 'id: !!binary aGVsbG8=\n', /标签/],
    ['an unknown tag', 'id: !js/function x\n', /不支持/],
    ['a __proto__ key', '__proto__: {polluted: true}\n', /__proto__/],
    ['a constructor key deep down', 'sections:\n  - constructor: 1\n', /constructor/],
    ['5,000 levels of nesting', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, /嵌套/],
  ])('%s', (_name, y, message) => {
    const before = Object.keys(Object.prototype).length;
    const ps = problems(y);
    expect(ps[0]!.message).toMatch(message);
    expect(Object.keys(Object.prototype)).toHaveLength(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('round trip', () => {
  it('parse(stringify(definition)) gives the same rubric and the same hash', () => {
    const r = parseRubric(text);
    const again = parseRubric(stringify(r.definition));
    expect(again.definition).toEqual(r.definition);
    expect(again.hash).toBe(r.hash);
  });
});

describe('the new constructs, misused, are named by YAML path and line', () => {
  const county = `
id: test-county
title: 测试县考核细则
version: '1'
issuer: 测试县
source: { file: standards/township-center-58-indicators.md }
effective: { from: null }
applies_to: [township]
levels: [部分, 项目]
tiers:
  - { id: two, label: 二星, min_score: 80 }
  - { id: one, label: 一星, min_score: 60 }
scoring:
  method: points
  total: 100
  grades: [{ id: pass, label: 合格, min: 60, pass: true }, { id: fail, label: 不合格, min: 0, pass: false }]
sections:
  - title: 硬件
    points: 10
    indicators:
      - id: a
        title: 场所
        text: 原文
        source: { file: standards/township-center-58-indicators.md, part: 测试 }
        check: { kind: boolean }
        points: 20
        guidance: { inspect: 看, evidence: [照片] }
  - title: 运行
    indicators:
      - id: b
        title: 红黄牌
        text: 原文
        source: { file: standards/township-center-58-indicators.md, part: 测试 }
        check: { kind: tally, unit: 个, counts: [{ id: yellow, label: 黄牌 }] }
        deduct: { rates: [{ count: red, per: 3 }] }
        guidance: { inspect: 看, evidence: [照片] }
      - id: c
        title: 吊牌规格
        text: 原文
        source: { file: standards/township-center-58-indicators.md, part: 测试 }
        check: { kind: boolean }
        points: 80
        applies_when: { indicator: zz, is: true }
        guidance: { inspect: 看, evidence: [照片] }
`;

  it.each([
    ['a budget smaller than an item', '/sections/0/indicators/0/points', 'points: 20'],
    ['a rate that names no count', '/sections/1/indicators/0/deduct/rates/0/count', 'count: red'],
    ['a condition on an unknown indicator', '/sections/1/indicators/1/applies_when/indicator', 'indicator: zz'],
    ['a star line out of order', '/tiers/1/min_score', 'min_score: 60'],
  ])('%s', (_what, path, needle) => {
    const found = problems(county).find((p) => p.path === path);
    expect(found, JSON.stringify(problems(county).map((p) => p.path))).toMatchObject({ file: 'bad.yaml', line: lineOf(county, needle) });
  });
});
