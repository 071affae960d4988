import type { NumericBounds, Requirement } from '../rubric/model.js';
import type { Comparator } from '../schema/generated/rubric.js';
import { numericProblems } from './numeric.js';
import type { CheckKind, EvalContext, LevelOutcome } from './types.js';
import { OP_SYMBOL, withUnit } from './words.js';

type NumberCheck = { kind: 'number'; requirements: readonly Requirement[] } & NumericBounds;

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
};

