// applies_when: whether an indicator (or a checklist item) applies depends on another answer. Conditions read
// the other indicator's answer as given, never its result, so evaluation order does not matter; the rubric's
// consistency rules refuse cycles.
import { presentItems } from '../checks/checklist.js';
import { checkKind } from '../checks/index.js';
import { compare } from '../checks/threshold.js';
import { OP_SYMBOL, num } from '../checks/words.js';
import type { Condition, Indicator, Rubric } from '../rubric/model.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import { LEVEL_ZH } from '../levels.js';
import { answerFor, readAnswer } from './answers.js';

/** Why an indicator is 不适用 before any answer is read: the unit's level, the county, an exemption, or a condition. */
export type Exclusion = { code: 'LEVEL_NOT_APPLICABLE' | 'COUNTY_NOT_APPLICABLE' | 'EXEMPTED' | 'CONDITION_NOT_MET'; reason: string };

/** Conditions over one submission's answers, memoised: each indicator's standing is worked out once. */
export class Conditions {
  private readonly standing = new Map<string, Exclusion | null>();

  constructor(
    private readonly rubric: Rubric,
    private readonly answers: Readonly<Record<string, unknown>>,
    private readonly level: UnitLevel,
    /** Indicator id → the valid exemption (暂缓/豁免) that makes it 不适用, in words. */
    private readonly exempt: ReadonlyMap<string, string> = new Map(),
  ) {}

  /** Whether the condition holds; undefined while the answer it reads is missing. */
  holds(cond: Condition): boolean | undefined {
    const target = this.rubric.byId.get(cond.indicator);
    if (!target || this.excluded(target)) return false;
    const raw = answerFor(this.answers, cond.indicator);
    if (raw === undefined) return undefined;
    const answer = readAnswer(raw);
    if (answer.kind === 'not_applicable') return false;
    // An answer that is itself invalid decides nothing (its own problem is reported where it is).
    if (checkKind(target.check).validate(target.check, answer.value, '', target.id).length > 0) return undefined;
    return test(target, cond, answer.value);
  }

  /** The reason an indicator is 不适用 without being answered, or null when it applies (or may apply). */
  excluded(ind: Indicator): Exclusion | null {
    let e = this.standing.get(ind.id);
    if (e === undefined) {
      e = this.exclusion(ind);
      this.standing.set(ind.id, e);
    }
    return e;
  }

  private exclusion(ind: Indicator): Exclusion | null {
    if (!ind.levels.includes(this.level)) return { code: 'LEVEL_NOT_APPLICABLE', reason: levelReason(ind, this.level) };
    if (ind.countyNa !== undefined) return { code: 'COUNTY_NOT_APPLICABLE', reason: ind.countyNa };
    const exempt = this.exempt.get(ind.id);
    if (exempt !== undefined) return { code: 'EXEMPTED', reason: exempt };
    if (ind.when && this.holds(ind.when) === false) return { code: 'CONDITION_NOT_MET', reason: `${conditionText(this.rubric, ind.when)}时才适用，${this.actual(ind.when)}` };
    return null;
  }

  /** What the deciding answer actually was, for the reason. */
  actual(cond: Condition): string {
    const target = this.rubric.byId.get(cond.indicator)!;
    const raw = answerFor(this.answers, cond.indicator);
    if (raw === undefined) return `指标 ${target.id} 未作答`;
    const answer = readAnswer(raw);
    if (answer.kind === 'not_applicable' || this.excluded(target)) return `指标 ${target.id} 不适用`;
    return `本次指标 ${target.id} ${answerWords(target, answer.value)}`;
  }
}

function test(target: Indicator, cond: Condition, value: unknown): boolean {
  const t = cond.test;
  if ('is' in t) return value === t.is;
  if ('op' in t) return typeof value === 'number' && compare(value, t.op, t.value);
  const c = target.check;
  if (c.kind === 'checklist') {
    const present = presentItems(c, value);
    return t.in.some((id) => present.has(id));
  }
  if (c.kind === 'choice') return t.in.includes(c.options.find((o) => o.id === value || o.label === value)?.id ?? '');
  if (c.kind === 'rating') return t.in.includes(c.bands.find((o) => o.id === value || o.label === value)?.id ?? '');
  return false;
}

const levelReason = (ind: Indicator, level: UnitLevel) => `本指标只适用于${ind.levels.map((l) => LEVEL_ZH[l]).join('、')}，本单位为${LEVEL_ZH[level]}`;

function optionLabels(target: Indicator, ids: readonly string[]): string {
  const c = target.check;
  const named = c.kind === 'choice' ? c.options : c.kind === 'rating' ? c.bands : c.kind === 'checklist' ? c.items : [];
  return ids.map((id) => `“${named.find((o) => o.id === id)?.label ?? id}”`).join('或');
}

/** A condition in words: 指标 2.5b“窗口吊牌或电子吊屏”为“窗口吊牌”. */
export function conditionText(rubric: Rubric, cond: Condition): string {
  const target = rubric.byId.get(cond.indicator);
  if (!target) return `指标 ${cond.indicator}`;
  const who = `指标 ${target.id}“${target.title}”`;
  const t = cond.test;
  if ('is' in t) return `${who}答“${t.is ? '是' : '否'}”`;
  if ('op' in t) return `${who}${OP_SYMBOL[t.op]}${num(t.value)}`;
  return target.check.kind === 'checklist' ? `${who}具备${optionLabels(target, t.in)}` : `${who}为${optionLabels(target, t.in)}`;
}

function answerWords(target: Indicator, value: unknown): string {
  const c = target.check;
  if (typeof value === 'boolean') return `答“${value ? '是' : '否'}”`;
  if (typeof value === 'number') return `为 ${num(value)}`;
  if (c.kind === 'choice' || c.kind === 'rating') {
    const named = c.kind === 'choice' ? c.options : c.bands;
    return `为“${named.find((o) => o.id === value || o.label === value)?.label ?? String(value)}”`;
  }
  if (c.kind === 'checklist') {
    const present = presentItems(c, value);
    return present.size ? `具备${c.items.filter((i) => present.has(i.id)).map((i) => `“${i.label}”`).join('、')}` : '清单项均不具备';
  }
  return '已作答';
}
