import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { submissionProblems } from '../../src/engine/submission.js';
import { AuditError, type Problem } from '../../src/errors.js';
import { passingAnswers, rubric, submission } from '../support/rubrics.js';

const r = await rubric('township-center-2022');
const problemsOf = (input: unknown) => submissionProblems(r, input);
const withAnswers = (over: Record<string, unknown>) => submission(r, { ...passingAnswers(r), ...over });
const only = (ps: Problem[]) => ps.map((p) => ({ code: p.code, path: p.path }));

describe('bad answers name the exact field, in Chinese', () => {
  it.each([
    ['an unknown indicator id', { '59': true }, 'UNKNOWN_INDICATOR', '/answers/59', /没有编号为“59”的指标/],
    ['a string where a number is required', { '4': '120平方米' }, 'WRONG_TYPE', '/answers/4', /指标 4 需要数值（单位：m²），实际为文本“120平方米”/],
    ['a negative area', { '4': -5 }, 'OUT_OF_RANGE', '/answers/4', /不能小于 0 m²/],
    ['a percentage above 100', { '46': 120 }, 'OUT_OF_RANGE', '/answers/46', /不能大于 100%/],
    ['a fraction instead of a whole number of days', { '41': 30.5 }, 'NOT_INTEGER', '/answers/41', /需要整数/],
    ['a number where yes/no is required', { '1': 1 }, 'WRONG_TYPE', '/answers/1', /“是\/否”答案/],
    ['null instead of leaving the answer out', { '1': null }, 'SCHEMA', '/answers/1', /空值/],
    ['N/A where the rubric does not allow it', { '4': { status: 'not_applicable', reason: '无' } }, 'NA_NOT_ALLOWED', '/answers/4/status', /不允许填“不适用”/],
    ['N/A without a reason', { '39': { status: 'not_applicable' } }, 'NA_REASON_MISSING', '/answers/39/reason', /指标 39“.+”填了“不适用”，但没有填写原因：不适用必须在 reason 中写明原因/],
    ['N/A with an empty reason', { '39': { status: 'not_applicable', reason: '' } }, 'NA_REASON_MISSING', '/answers/39/reason', /但原因为空/],
    ['N/A with a reason of blanks only', { '39': { status: 'not_applicable', reason: ' \u3000 ' } }, 'NA_REASON_MISSING', '/answers/39/reason', /但原因为空/],
    ['N/A with a number for a reason', { '39': { status: 'not_applicable', reason: 0 } }, 'NA_REASON_MISSING', '/answers/39/reason', /原因应为文字，实际为数值 0/],
    ['N/A without a reason and with a stray field keeps the shape message', { '39': { status: 'not_applicable', value: true } }, 'SCHEMA', '/answers/39', /取值形式无法识别/],
    ['an unknown checklist item', { '37': ['first_inquiry', '首问负责'] }, 'UNKNOWN_ITEM', '/answers/37/1', /没有清单项“首问负责”/],
    ['a checklist object that skips items', { '42': { onsite: true } }, 'INCOMPLETE_CHECKLIST', '/answers/42', /缺少：电话投诉、网络投诉/],
    ['a wrong type inside a value wrapper', { '4': { value: '大', note: 'x' } }, 'WRONG_TYPE', '/answers/4/value', /需要数值/],
  ])('%s', (_name, over, code, path, message) => {
    const ps = problemsOf(withAnswers(over));
    expect(only(ps)).toEqual([{ code, path }]);
    expect(ps[0]!.message).toMatch(message);
  });

  it('N/A without a reason where N/A is not allowed either: both problems, each at its own place', () => {
    const ps = problemsOf(withAnswers({ '4': { status: 'not_applicable' } }));
    expect(only(ps)).toEqual([
      { code: 'NA_REASON_MISSING', path: '/answers/4/reason' },
      { code: 'NA_NOT_ALLOWED', path: '/answers/4/status' },
    ]);
    expect(ps.map((p) => p.message).join('\n')).not.toContain('取值形式无法识别');
  });

  it('reports every problem at once, not just the first', () => {
    const ps = problemsOf(withAnswers({ '59': true, '4': '大', '46': 101, '1': 'yes' }));
    expect(only(ps).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { code: 'WRONG_TYPE', path: '/answers/1' },
      { code: 'WRONG_TYPE', path: '/answers/4' },
      { code: 'OUT_OF_RANGE', path: '/answers/46' },
      { code: 'UNKNOWN_INDICATOR', path: '/answers/59' },
    ]);
  });

  it('accepts both checklist forms, items by id or by label', () => {
    expect(problemsOf(withAnswers({ '42': ['onsite', '电话投诉'] }))).toEqual([]);
    expect(problemsOf(withAnswers({ '42': { onsite: true, phone: false, online: true } }))).toEqual([]);
  });
});

describe('bad envelopes', () => {
  it.each([
    ['a malformed period', { period: '2026-13' }, '/period', /YYYY-MM/],
    ['a missing unit', { unit: undefined }, '/unit', /缺少必填字段“unit”/],
    ['an unknown top-level field', { extra: 1 }, '/extra', /不认识的字段/],
    ['an invalid inspection date', { inspected_on: '2026-02-30' }, '/inspected_on', /日期/],
    ['another rubric', { rubric: 'village-public-service' }, '/rubric', /正在使用“township-center-2022”/],
    ['a village unit for a township rubric', { unit: { code: '330212001001', name: '某村', level: 'village' } }, '/unit/level', /不适用于 village/],
    ['a year the rubric sets no 一网通办率 for', { period: '2021-12' }, '/period', /未设定 2021 年/],
  ])('%s', (_name, over, path, message) => {
    const ps = problemsOf({ ...submission(r, passingAnswers(r)), ...over });
    expect(ps.map((p) => p.path)).toContain(path);
    expect(ps.find((p) => p.path === path)!.message).toMatch(message);
  });

  it.each([[null], [42], ['text'], [[]]])('a non-object submission (%j) is refused, never crashes', (input) => {
    expect(problemsOf(input).length).toBeGreaterThan(0);
    expect(() => assess(r, input)).toThrow(AuditError);
  });

  it('assess throws one AuditError carrying all problems', () => {
    try {
      assess(r, withAnswers({ '4': -1, '59': true }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AuditError);
      expect((e as AuditError).code).toBe('SUBMISSION_INVALID');
      expect((e as AuditError).problems).toHaveLength(2);
    }
  });
});

describe('answers beyond the rubric are refused before any other work (issue 12, defect 1)', () => {
  it('unknown keys are refused at once and the known answers are still checked, each only once', () => {
    const answers: Record<string, unknown> = { ...passingAnswers(r), '4': '大' };
    for (let i = 0; i < 5_000; i++) answers[`x${i}`] = [[1]];
    const ps = problemsOf(submission(r, answers));
    expect(ps).toHaveLength(5_001);
    expect(ps.filter((p) => p.code === 'UNKNOWN_INDICATOR')).toHaveLength(5_000);
    expect(only(ps.filter((p) => p.code !== 'UNKNOWN_INDICATOR'))).toEqual([{ code: 'WRONG_TYPE', path: '/answers/4' }]);
  });

  it('an answer with more values than any check needs is refused at its pointer; so is a stuffed envelope', () => {
    expect(only(problemsOf(withAnswers({ '37': Array.from({ length: 300 }, (_, i) => `item${i}`) })))).toEqual([{ code: 'TOO_COMPLEX', path: '/answers/37' }]);
    // Just within the bound, the answer is judged as usual.
    expect(only(problemsOf(withAnswers({ '37': Array.from({ length: 200 }, () => 'first_inquiry') })))).not.toContainEqual({ code: 'TOO_COMPLEX', path: '/answers/37' });
    const stuffed = { ...submission(r, passingAnswers(r)), unit: { code: '1', name: 'n', level: 'township', ...Object.fromEntries(Array.from({ length: 1_000 }, (_, i) => [`f${i}`, i])) } };
    expect(only(problemsOf(stuffed))).toEqual([{ code: 'TOO_COMPLEX', path: '' }]);
  });
});
