// Exemptions as an explicit input to the pure engine: a valid one makes its indicator 不适用 citing it (before the
// answer is read, like the other exclusions), an expired one changes nothing but is listed; the score and tiers
// follow from 不适用 as they always do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/engine/evaluate.js';
import type { ExemptionInput } from '../../src/engine/exemptions.js';
import { AuditError } from '../../src/errors.js';
import { fixture, rubric } from '../support/rubrics.js';

const r = await rubric('township-center-2022');
const standard = JSON.parse(readFileSync(fixture('township-center-2022', 'standard.json'), 'utf8'));
const exemption = (status: ExemptionInput['status'], over: Partial<ExemptionInput> = {}): ExemptionInput => ({
  id: 'e-1', indicator: '7', kind: 'waive', reason: '镇区无可用地块，停车由县统一规划', approved_by: '张华', expires_on: '2026-12-31', status, ...over,
});
const { 7: _seven, ...without7 } = standard.answers;

describe('exemptions in the engine', () => {
  it('a valid one: 不适用 with reason EXEMPTED citing it, out of the denominator, no longer blocking 示范型', () => {
    const plain = assess(r, { ...standard, answers: without7 });
    const a = assess(r, { ...standard, answers: without7 }, { exemptions: [exemption('valid')] });
    const seven = a.results.find((x) => x.id === '7')!;
    expect(seven).toMatchObject({ status: 'not_applicable', reason_code: 'EXEMPTED', credit: null });
    expect(seven.reason).toBe('不适用：已豁免（镇区无可用地块，停车由县统一规划；批准人 张华，有效期至 2026-12-31，豁免编号 e-1）');
    expect(a.gaps.demonstration).not.toContain('7');
    expect(plain.results.find((x) => x.id === '7')!.status).toBe('not_assessed');
    expect(a.counts.not_applicable).toBe(plain.counts.not_applicable + 1);
    expect(a.exemptions).toEqual([exemption('valid')]);
  });

  it('an answer to an exempted indicator is refused, as for any indicator excluded before it is read', () => {
    expect(() => assess(r, standard, { exemptions: [exemption('valid')] })).toThrow(AuditError);
    try {
      assess(r, standard, { exemptions: [exemption('valid')] });
    } catch (e) {
      expect((e as AuditError).problems).toEqual([expect.objectContaining({ code: 'NOT_APPLICABLE_HERE', path: '/answers/7', message: expect.stringContaining('本单位此项已豁免') })]);
    }
    // An explicit 不适用 is accepted, and the exemption is still what is cited.
    const na = assess(r, { ...standard, answers: { ...without7, 7: { status: 'not_applicable', reason: '见豁免' } } }, { exemptions: [exemption('valid')] });
    expect(na.results.find((x) => x.id === '7')!.reason).toContain('豁免编号 e-1');
  });

  it('an expired one: the indicator is judged again, and the exemption is listed as expired', () => {
    const a = assess(r, standard, { exemptions: [exemption('expired')] });
    expect(a.results.find((x) => x.id === '7')).toMatchObject({ status: 'unmet' });
    expect(a.exemptions).toEqual([exemption('expired')]);
    // Nothing else changes: the same result as without it, but for the listing.
    const { exemptions: _e, ...rest } = a;
    expect(rest).toEqual(assess(r, standard));
  });

  it('an indicator the rubric does not have is ignored; no exemptions, no field', () => {
    const a = assess(r, standard, { exemptions: [exemption('valid', { indicator: 'nope' })] });
    expect(a.exemptions).toBeUndefined();
    expect(a).toEqual(assess(r, standard));
  });

  it('is deterministic and pure: the same input, the same assessment', () => {
    const opts = { exemptions: [exemption('valid'), exemption('expired', { id: 'e-2', indicator: '4' })] };
    expect(assess(r, { ...standard, answers: without7 }, opts)).toEqual(assess(r, { ...standard, answers: without7 }, opts));
  });
});
