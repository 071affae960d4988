import type { Problem } from '../errors.js';
import type { CompositeCheck, NormCheck } from './model.js';
import type { CheckKind, CheckRegistry, EvalContext, Outcome } from './types.js';
import { typeProblemMessage } from './words.js';

const joinLabel = (a: string, b: string) => (a ? `${a}·${b}` : b);

/** Built with the registry it recurses into, so parts may be of any kind, composites included. */
export function compositeCheck(kinds: CheckRegistry): CheckKind<CompositeCheck> {
  const of = <C extends NormCheck>(c: C) => kinds(c);
  const describe = (check: CompositeCheck, ctx: EvalContext) => check.parts.map((p) => `${p.label}：${of(p.check).describe(p.check, ctx)}`).join('；');
  /** The parts' outcomes (in part order) as the composite's. */
  const combine = (check: CompositeCheck, outcomes: readonly Outcome[], ctx: EvalContext): Outcome => {
    const parts = check.parts.map((p, i) => ({ p, o: outcomes[i]! }));
    const failed = parts.filter(({ o }) => !o.levels.every((l) => l.met));
    const met = failed.length === 0;
    const shortfall = parts.flatMap(({ o }) => o.levels.flatMap((l) => (l.shortfall ? [l.shortfall] : [])))[0];
    return {
      levels: [{ tier: null, met, requirement: describe(check, ctx), ...(shortfall ? { shortfall } : {}) }],
      missingItems: failed.flatMap(({ p, o }) => (o.missingItems.length ? o.missingItems.map((m) => `${p.label}：${m}`) : [p.label])),
      defects: failed.length,
      reasonCode: met ? 'COMPOSITE_MET' : 'COMPOSITE_UNMET',
      reason: parts.map(({ p, o }) => `${p.label}${o.levels.every((l) => l.met) ? '✓' : '✗'}（${o.reason}）`).join('；'),
    };
  };
  return {
    normalise: (def, ctx) => ({ kind: 'composite', parts: def.parts.map((p) => ({ id: p.id, label: p.label, check: ctx.check(p.check) })) }),
    consistency(def, at, ctx) {
      ctx.uniqueIds(def.parts, `${at}/parts`, '组成部分');
      def.parts.forEach((p, i) => ctx.check(p.check, `${at}/parts/${i}/check`));
    },
    validate(check, value, path, indicator) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const want = `按部分作答的对象（${check.parts.map((p) => `${p.id}：${p.label}`).join('；')}）`;
        return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
      }
      const obj = value as Record<string, unknown>;
      const problems: Problem[] = [];
      for (const part of check.parts) {
        if (!(part.id in obj)) problems.push({ code: 'INCOMPLETE_CHECKLIST', path: `${path}/${part.id}`, indicator, message: `指标 ${indicator} 缺少“${part.label}”（${part.id}）的答案` });
        else problems.push(...of(part.check).validate(part.check, obj[part.id], `${path}/${part.id}`, indicator));
      }
      for (const k of Object.keys(obj)) {
        if (!check.parts.some((p) => p.id === k)) problems.push({ code: 'UNKNOWN_ITEM', path: `${path}/${k}`, indicator, message: `指标 ${indicator} 没有“${k}”这一部分` });
      }
      return problems;
    },
    evaluate(check, value, ctx) {
      const obj = value as Record<string, unknown>;
      return combine(check, check.parts.map((p) => of(p.check).evaluate(p.check, obj[p.id], ctx)), ctx);
    },
    compile(check, cc) {
      const parts = check.parts.map((p) => {
        const kind = of(p.check);
        return kind.compile ? kind.compile(p.check, cc) : (v: unknown, ctx: EvalContext) => kind.evaluate(p.check, v, ctx);
      });
      return (value, ctx) => {
        const obj = value as Record<string, unknown>;
        return combine(check, parts.map((evaluate, i) => evaluate(obj[check.parts[i]!.id], ctx)), ctx);
      };
    },
    describe,
    fields: (check) =>
      check.parts.flatMap((p) => of(p.check).fields(p.check).map((f) => ({ ...f, path: [p.id, ...f.path], label: joinLabel(p.label, f.label) }))),
    assemble(check, get) {
      const parts = check.parts
        .map((p) => [p.id, of(p.check).assemble(p.check, (path) => get([p.id, ...path]))] as const)
        .filter(([, v]) => v !== undefined);
      return parts.length === 0 ? undefined : Object.fromEntries(parts);
    },
    split(check, value, put) {
      for (const p of check.parts) {
        const v = (value as Record<string, unknown>)[p.id];
        if (v !== undefined) of(p.check).split(p.check, v, (path, x) => put([p.id, ...path], x));
      }
    },
    inPeriod(check, value, period, path, indicator) {
      const obj = value as Record<string, unknown>;
      return check.parts.flatMap((p) => of(p.check).inPeriod?.(p.check, obj[p.id], period, `${path}/${p.id}`, indicator) ?? []);
    },
    // A failing demo fails its first part only.
    demo: (check, ok, period) => Object.fromEntries(check.parts.map((p, i) => [p.id, of(p.check).demo(p.check, ok || i > 0, period)])),
    facts: (check) => check.parts.flatMap((p) => of(p.check).facts?.(p.check) ?? []),
    // A part counted on the statutory calendar needs the period's year as much as a whole answer does.
    calendar: (check) => check.parts.some((p) => of(p.check).calendar?.(p.check) ?? false),
  };
}
