// An indicator may be numbered with any id the rubric language allows, "toString" and "constructor" included: a
// submission's answers object has those names through its prototype, and they are no answers. Unanswered, such an
// indicator is 未检查 (never read as an answer); answered, it is judged like any other, by the compiled evaluator
// and by the one-pass check alike.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import { SCREEN_AFTER, screen } from '../../src/engine/screen.js';
import { findProblems } from '../../src/engine/submission.js';
import { PACKAGE_ROOT } from '../../src/rubric/load.js';
import { parseRubric } from '../../src/rubric/parse.js';

const yaml = readFileSync(`${PACKAGE_ROOT}/fixtures/language/applies.yaml`, 'utf8');
const rubric = parseRubric(yaml.replace(/^(\s+- id: )name$/m, '$1toString').replace(/^(\s+- id: )sign$/m, '$1constructor').replace('indicator: sign,', 'indicator: constructor,'));
const sub = (answers: Record<string, unknown>) => ({ rubric: rubric.id, unit: { code: '330299101000', name: '东湖镇便民服务中心', level: 'township' }, period: '2026-11', answers });

describe('indicator ids that Object.prototype also has', () => {
  it('the rubric has them', () => {
    expect(rubric.indicators.map((i) => i.id)).toEqual(expect.arrayContaining(['toString', 'constructor']));
  });

  it('unanswered, they are 未检查, never read from the prototype', () => {
    const a = assess(rubric, sub({}));
    const byId = new Map(a.results.map((r) => [r.id, r]));
    expect(byId.get('toString')).toMatchObject({ status: 'not_assessed', reason_code: 'NOT_ANSWERED' });
    expect(byId.get('constructor')).toMatchObject({ status: 'not_assessed', reason_code: 'NOT_ANSWERED' });
    expect(a.completeness.unanswered).toEqual(expect.arrayContaining(['toString', 'constructor']));
  });

  it('answered, they are judged from the answer, whether the submission is checked in full or screened', () => {
    const answers = { toString: false, constructor: 'electronic_screen' };
    expect(findProblems(rubric, sub(answers))).toEqual([]);
    expect(screen(rubric, sub(answers))).toBe(true);
    // Past the point where the one-pass check takes over, the outcome is the same.
    const results = Array.from({ length: SCREEN_AFTER + 2 }, () => assess(rubric, sub(answers)));
    for (const a of results) {
      const byId = new Map(a.results.map((r) => [r.id, r]));
      expect(byId.get('toString')).toMatchObject({ status: 'unmet', value: false });
      expect(byId.get('constructor')).toMatchObject({ status: 'met', value: 'electronic_screen' });
    }
    // Unanswered, the screen neither accepts an inherited name as an answer nor refuses the submission for it.
    expect(screen(rubric, sub({}))).toBe(findProblems(rubric, sub({})).length === 0);
  });
});
