import type { Threshold } from '../schema/generated/rubric.js';
import type { NumberCheck, Requirement } from './model.js';
import { numericBoundsRules, numericField, numericProblems, numericSchema } from './numeric.js';
import { compileMeasure, describeRequirements, type Measured, measureLevels, requirementFacts, thresholdRules } from './threshold.js';
import type { CheckKind, EvalContext, Outcome } from './types.js';

export { compare } from './threshold.js';

const NONE: string[] = Object.freeze([]) as unknown as string[];

function numberOutcome(v: number, { levels, reason }: Measured): Outcome {
  let met = true;
  for (const l of levels) if (!l.met) met = false;
  return { levels, missingItems: NONE, defects: met ? 0 : 1, reasonCode: met ? 'NUMBER_MET' : 'NUMBER_UNMET', reason, measure: v };
}

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
    for (const [th, path] of all) thresholdRules(th, path, ctx);
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
  answerSchema: numericSchema,
  evaluate: (check, value, ctx) => numberOutcome(value as number, measureLevels(value as number, check.requirements, check.unit, ctx, '实际')),
  compile(check, cc) {
    const measure = compileMeasure(check.requirements, check.unit, '实际', cc);
    return (value, ctx) => numberOutcome(value as number, measure(value as number, ctx));
  },
  describe: (check, ctx) => describeRequirements(check.requirements, check.unit, ctx),
  ...numericField,
  demo(check, ok) {
    // Literal thresholds (a parameter or derived one is taken as 90): a pass clears the strictest, a fail misses by a fifth.
    const top = Math.max(...check.requirements.map((r) => r.value ?? 90));
    return ok ? Math.min(check.maximum ?? top + 10, top + 5) : Math.max(check.minimum ?? 0, Math.round(top * 0.8));
  },
  facts: (check) => requirementFacts(check.requirements),
  tiers: (check) => check.requirements.flatMap((r) => (r.tier ? [r.tier] : [])),
};

