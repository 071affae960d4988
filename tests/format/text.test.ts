import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { formatText } from '../../src/format/text.js';
import { displayWidth, table } from '../../src/format/width.js';
import { passingAnswers, rubric, submission } from '../support/rubrics.js';

const r = await rubric('township-center-2022');

describe('formatText', () => {
  it('says which tier is reached and that no gap remains at the top', () => {
    const text = formatText(assess(r, submission(r, passingAnswers(r))), r);
    expect(text).toContain('达到等级：示范型');
    expect(text).not.toContain('差距');
    expect(text).toContain('提示：2026 年未设定“一网通办率年度要求”，沿用 2022 年的 90%');
  });

  it('explains an empty submission: no tier, every necessary condition unanswered', () => {
    const text = formatText(assess(r, submission(r, {})), r);
    expect(text).toContain('达到等级：未达到任何等级');
    expect(text).toContain('标准型：24 项必要条件');
    expect(text).toContain('示范型：39 项必要条件');
    expect(text).toContain('[1] 名称统一：未检查。没有答案，未检查的指标不计为达标');
    expect(text).toMatch(/注意：39 项必要条件未检查/);
  });

  it('prints notes beside the reason', () => {
    const text = formatText(assess(r, submission(r, { ...passingAnswers(r), '41': { value: 20, note: '硬盘不足' } })), r);
    expect(text).toMatch(/41\s+音视频保存时间\s+—\s+✗ 未达标\s+实际 20 天：未达到要求（≥30 天，差 10 天）（备注：硬盘不足）/);
  });
});

describe('CJK-aware columns', () => {
  it('counts CJK and full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('达标')).toBe(4);
    expect(displayWidth('１２０㎡')).toBe(8);
  });

  it('aligns columns by display width', () => {
    const lines = table([['序号', '结果', 'x'], ['1', '达标', 'y']]).split('\n');
    expect(lines[1]!.indexOf('达标')).toBe(6);
    expect(displayWidth(lines[0]!.slice(0, lines[0]!.indexOf('结果')))).toBe(displayWidth(lines[1]!.slice(0, lines[1]!.indexOf('达标'))));
  });
});
