// Comparing a measured value with thresholds (literal, a year parameter, or derived from a fact), shared by
// every kind whose answer is measured as one number: number, ratio, mean.
import type { Shortfall } from '../schema/generated/assessment.js';
import type { Comparator, Threshold } from '../schema/generated/rubric.js';
import type { Requirement } from './model.js';
import type { CompileContext, ConsistencyContext, EvalContext, LevelOutcome } from './types.js';
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

export const requirementWords = (req: Requirement, unit: string, ctx: EvalContext): string => `${OP_SYMBOL[req.op]}${withUnit(ctx.resolve(req), unit)}`;

const tierPrefix = (req: Requirement, ctx: EvalContext) => (req.tier ? ctx.tierLabel(req.tier) : '');

/** A count against the most it may be (不超过 N, 不得发生 for 0): met, or short by how many too many. */
export const atMost = (n: number, max: number, unit: string, requirement: string): LevelOutcome =>
  n <= max
    ? { tier: null, met: true, requirement }
    : { tier: null, met: false, requirement, shortfall: { tier: null, op: '<=', required: max, value: n, difference: n - max, unit } };

/** What measuring gives: each requirement's outcome and the reason in words. */
export type Measured = { levels: LevelOutcome[]; reason: string };

/** A requirement the value misses: its outcome with the shortfall, and the words after the requirement (，差 20 m²). */
function missed(req: Requirement, required: number, requirement: string, v: number, unit: string): { level: LevelOutcome; gap: string } {
  const shortfall: Shortfall = { tier: req.tier, op: req.op, required, value: v, difference: Number(Math.abs(required - v).toFixed(6)), unit };
  return { level: { tier: req.tier, met: false, requirement, shortfall }, gap: req.op !== '==' ? `，差 ${withUnit(shortfall.difference, unit)}` : '' };
}

/** The value against each requirement, and the reason in words (实际 120 m²：达到标准型要求（≥100 m²）；…). */
export function measureLevels(v: number, reqs: readonly Requirement[], unit: string, ctx: EvalContext, shown = '实际'): Measured {
  const levels: LevelOutcome[] = [];
  let parts = '';
  for (let i = 0; i < reqs.length; i++) {
    const req = reqs[i]!;
    const required = ctx.resolve(req);
    const requirement = requirementWords(req, unit, ctx);
    const who = tierPrefix(req, ctx);
    if (i > 0) parts += '；';
    if (compare(v, req.op, required)) {
      levels.push({ tier: req.tier, met: true, requirement });
      parts += `达到${who}要求（${requirement}）`;
      continue;
    }
    const { level, gap } = missed(req, required, requirement, v, unit);
    levels.push(level);
    parts += `未达到${who}要求（${requirement}${gap}）`;
  }
  return { levels, reason: `${shown} ${withUnit(v, unit)}：${parts}` };
}

/**
 * measureLevels specialised to literal requirements, once per rubric: each requirement's words, its tier's label and
 * the outcome of meeting it (shared by every evaluation) are made in advance, so an evaluation makes only what
 * depends on the value. Requirements from a year parameter or a fact are measured as they come.
 */
export function compileMeasure(reqs: readonly Requirement[], unit: string, shown: string, cc: CompileContext): (v: number, ctx: EvalContext) => Measured {
  if (reqs.some((r) => r.value === undefined)) return (v, ctx) => measureLevels(v, reqs, unit, ctx, shown);
  const parts = reqs.map((req) => {
    const requirement = `${OP_SYMBOL[req.op]}${withUnit(req.value!, unit)}`;
    const who = req.tier ? cc.tierLabel(req.tier) : '';
    return {
      req,
      required: req.value!,
      requirement,
      met: Object.freeze({ tier: req.tier, met: true, requirement }) as LevelOutcome,
      metText: `达到${who}要求（${requirement}）`,
      unmetText: `未达到${who}要求（${requirement}`,
    };
  });
  return (v) => {
    const levels: LevelOutcome[] = new Array(parts.length);
    let text = '';
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i > 0) text += '；';
      if (compare(v, p.req.op, p.required)) {
        levels[i] = p.met;
        text += p.metText;
        continue;
      }
      const { level, gap } = missed(p.req, p.required, p.requirement, v, unit);
      levels[i] = level;
      text += `${p.unmetText}${gap}）`;
    }
    return { levels, reason: `${shown} ${withUnit(v, unit)}：${text}` };
  };
}

export const describeRequirements = (reqs: readonly Requirement[], unit: string, ctx: EvalContext): string =>
  reqs.map((req) => `${tierPrefix(req, ctx)}${requirementWords(req, unit, ctx)}`).join('；');

/** A threshold's parameter and fact must be defined. */
export function thresholdRules(th: Threshold, path: string, ctx: ConsistencyContext): void {
  if (th.derived && !(th.derived.fact in ctx.facts)) ctx.add('UNKNOWN_FACT', `${path}/derived/fact`, `未定义的事实“${th.derived.fact}”（请在 facts 中定义）`);
  if (th.param !== undefined && !(th.param in ctx.params)) ctx.add('UNKNOWN_PARAMETER', `${path}/param`, `未定义的参数“${th.param}”（请在 parameters 中定义）`);
}

export const requirementFacts = (reqs: readonly Requirement[]): string[] => reqs.flatMap((r) => (r.derived ? [r.derived.fact] : []));
