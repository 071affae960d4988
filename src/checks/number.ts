import type { Comparator, Threshold } from '../schema/generated/rubric.js';
import type { NumberCheck, Requirement } from './model.js';
import { numericBoundsRules, numericField, numericProblems } from './numeric.js';
import type { CheckKind, EvalContext, LevelOutcome } from './types.js';
import { OP_SYMBOL, withUnit } from './words.js';

export function compare(value: number, op: Comparator, required: number): boolean {
  switch (op) {
    case '>=': return value >= required;
    case '>': return value > required;
    case '<=': return value <= required;
    case '<': return value < required;
    case '==': return value === required;
  }
}

const requirementWords = (check: NumberCheck, req: Requirement, ctx: EvalContext) =>
  `${OP_SYMBOL[req.op]}${withUnit(ctx.resolve(req), check.unit)}`;

const tierPrefix = (req: Requirement, ctx: EvalContext) => (req.tier ? `${ctx.tierLabel(req.tier)}` : '');

export const numberCheck: CheckKind<NumberCheck> = {
  normalise(def, ctx) {
    const rank = (t: string | null) => (t === null ? 0 : (ctx.tierRank.get(t) ?? 0));
    const requirements: Requirement[] = def.threshold
      ? [{ tier: null, ...def.threshold }]
      : Object.entries(def.thresholds ?? {})
          .map(([tier, th]) => ({ tier, ...th }))
          .sort((a, b) => rank(a.tier) - rank(b.tier));
    return { kind: 'number', unit: def.unit, minimum: def.minimum, maximum: def.maximum, integer: def.integer ?? false, requirements };
  },
  consistency(def, at, ctx) {
    numericBoundsRules(def, at, ctx);
    const all: Array<[Threshold, string]> = [
      ...(def.threshold ? [[def.threshold, `${at}/threshold`] as [Threshold, string]] : []),
      ...Object.entries(def.thresholds ?? {}).map(([t, v]): [Threshold, string] => [v, `${at}/thresholds/${t}`]),
    ];
    for (const [th, path] of all) {
      if (th.derived && !(th.derived.fact in ctx.facts)) ctx.add('UNKNOWN_FACT', `${path}/derived/fact`, `未定义的事实“${th.derived.fact}”（请在 facts 中定义）`);
      if (th.param !== undefined && !(th.param in ctx.params)) ctx.add('UNKNOWN_PARAMETER', `${path}/param`, `未定义的参数“${th.param}”（请在 parameters 中定义）`);
    }
    const keyed = Object.entries(def.thresholds ?? {});
    for (const [tier] of keyed) if (!ctx.tierRank.has(tier)) ctx.add('UNKNOWN_TIER', `${at}/thresholds/${tier}`, `未定义的等级“${tier}”`);
    // Nesting: a higher tier's literal threshold must be at least as strict as a lower tier's.
    const rank = (t: string) => ctx.tierRank.get(t) ?? 0;
    const ordered = keyed.filter(([k]) => ctx.tierRank.has(k)).sort(([a], [b]) => rank(a) - rank(b));
    for (let i = 1; i < ordered.length; i++) {
      const [lowTier, low] = ordered[i - 1]!;
      const [highTier, high] = ordered[i]!;
      if (low.value === undefined || high.value === undefined) continue;
      const lax =
        low.op !== high.op ||
        ((high.op === '>=' || high.op === '>') && high.value < low.value) ||
        ((high.op === '<=' || high.op === '<') && high.value > low.value) ||
        (high.op === '==' && high.value !== low.value);
      if (lax) ctx.add('THRESHOLD_ORDER', `${at}/thresholds/${highTier}`, `较高等级“${highTier}”的阈值不能比较低等级“${lowTier}”更宽松`);
    }
  },
  validate: (check, value, path, indicator) => numericProblems(check, value, path, indicator),
  evaluate(check, value, ctx) {
    const v = value as number;
    const levels: LevelOutcome[] = check.requirements.map((req) => {
      const required = ctx.resolve(req);
      const met = compare(v, req.op, required);
      const requirement = requirementWords(check, req, ctx);
      if (met) return { tier: req.tier, met, requirement };
      return {
        tier: req.tier,
        met,
        requirement,
        shortfall: { tier: req.tier, op: req.op, required, value: v, difference: Number(Math.abs(required - v).toFixed(6)), unit: check.unit },
      };
    });
    const met = levels.every((l) => l.met);
    const parts = levels.map((l) => {
      const who = l.tier ? tierPrefix(check.requirements.find((r) => r.tier === l.tier)!, ctx) : '';
      if (l.met) return `达到${who}要求（${l.requirement}）`;
      const gap = l.shortfall && l.shortfall.op !== '==' ? `，差 ${withUnit(l.shortfall.difference, check.unit)}` : '';
      return `未达到${who}要求（${l.requirement}${gap}）`;
    });
    return {
      levels,
      missingItems: [],
      defects: met ? 0 : 1,
      reasonCode: met ? 'NUMBER_MET' : 'NUMBER_UNMET',
      reason: `实际 ${withUnit(v, check.unit)}：${parts.join('；')}`,
    };
  },
  describe(check, ctx) {
    return check.requirements.map((req) => `${tierPrefix(req, ctx)}${requirementWords(check, req, ctx)}`).join('；');
  },
  ...numericField,
  demo(check, ok) {
    // Literal thresholds (a parameter or derived one is taken as 90): a pass clears the strictest, a fail misses by a fifth.
    const top = Math.max(...check.requirements.map((r) => r.value ?? 90));
    return ok ? Math.min(check.maximum ?? top + 10, top + 5) : Math.max(check.minimum ?? 0, Math.round(top * 0.8));
  },
  facts: (check) => check.requirements.flatMap((r) => (r.derived ? [r.derived.fact] : [])),
  tiers: (check) => check.requirements.flatMap((r) => (r.tier ? [r.tier] : [])),
};

