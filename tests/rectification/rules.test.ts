// The rubric language's rectification block: defaults, and what the schema cannot say (levels in order, evidence
// named by existing indicators), each refused at its JSON pointer.
import { describe, expect, it } from 'vitest';
import { AuditError } from '../../src/errors.js';
import { rubricFromDefinition } from '../../src/rubric/parse.js';
import { rubric } from '../support/rubrics.js';

const base = (await rubric('county-monthly-assessment')).definition;
const problems = (rectification: unknown) => {
  try {
    rubricFromDefinition({ ...base, rectification } as never);
    return [];
  } catch (e) {
    if (!(e instanceof AuditError)) throw e;
    return e.problems.map((p) => [p.path, p.code]);
  }
};

describe('the rectification block', () => {
  it('defaults to 15 working days, 黄牌 at the deadline, 红牌 5 working days after, no evidence required', async () => {
    expect((await rubric('county-monthly-assessment')).rectification).toEqual({
      deadlineWorkdays: 15,
      escalation: [{ id: 'yellow', label: '黄牌', after_workdays: 0 }, { id: 'red', label: '红牌', after_workdays: 5 }],
      evidenceRequired: [],
    });
  });

  it('takes a county’s own values', () => {
    const r = rubricFromDefinition({ ...base, rectification: { deadline_workdays: 20, escalation: [{ id: 'notice', label: '提醒', after_workdays: 0 }, { id: 'yellow', label: '黄牌', after_workdays: 3 }, { id: 'red', label: '红牌', after_workdays: 10 }], evidence_required: ['1.1'] } } as never);
    expect(r.rectification).toMatchObject({ deadlineWorkdays: 20, evidenceRequired: ['1.1'] });
    expect(r.rectification.escalation.map((l) => l.after_workdays)).toEqual([0, 3, 10]);
  });

  it('refuses levels out of order or repeated, unknown indicators, and nonsense, each at its pointer', () => {
    expect(problems({ escalation: [{ id: 'red', label: '红牌', after_workdays: 5 }, { id: 'yellow', label: '黄牌', after_workdays: 5 }] })).toEqual([['/rectification/escalation/1/after_workdays', 'CONFLICT']]);
    expect(problems({ escalation: [{ id: 'red', label: '红牌', after_workdays: 0 }, { id: 'red', label: '红牌', after_workdays: 5 }] })).toEqual([['/rectification/escalation/1/id', 'DUPLICATE_ID']]);
    expect(problems({ evidence_required: ['1.1', 'nope'] })).toEqual([['/rectification/evidence_required/1', 'UNKNOWN_INDICATOR_REF']]);
    expect(problems({ deadline_workdays: 0 }).map(([p]) => p)).toEqual(['/rectification/deadline_workdays']);
    expect(problems({ deadline_workdays: 15, colour: 'red' }).map(([p]) => p)).toEqual(['/rectification/colour']);
  });
});
