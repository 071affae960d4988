import type { Problem } from '../errors.js';
import type { ChecklistCheck } from './model.js';
import type { CheckKind, EvalContext, LevelOutcome, Outcome } from './types.js';
import { typeProblemMessage } from './words.js';

/** Item ids present. An answer is either the list of present items (by id or label) or an object of id → boolean covering every item. */
const BY_KEY = new WeakMap<ChecklistCheck, ReadonlyMap<string, string>>();

export function presentItems(check: ChecklistCheck, value: unknown): Set<string> {
  let byKey = BY_KEY.get(check);
  if (!byKey) {
    const m = new Map<string, string>();
    for (const item of check.items) {
      m.set(item.id, item.id);
      m.set(item.label, item.id);
    }
    BY_KEY.set(check, (byKey = m));
  }
  if (Array.isArray(value)) return new Set(value.map((v) => byKey.get(String(v))).filter((v): v is string => v !== undefined));
  const obj = value as Record<string, boolean>;
  return new Set(Object.keys(obj).filter((k) => obj[k] === true).map((k) => byKey.get(k)!));
}

const requirementWords = (c: ChecklistCheck, items: ChecklistCheck['items'] = c.items) =>
  c.all ? `全部 ${items.length} 项：${items.map((i) => i.label).join('、')}` : `${items.length} 项中至少 ${c.atLeast} 项`;

// Item names per check, built once: validation runs for every answer of every imported row.
const KNOWN = new WeakMap<ChecklistCheck, ReadonlySet<string>>();
const knownItems = (check: ChecklistCheck) => {
  let k = KNOWN.get(check);
  if (!k) KNOWN.set(check, (k = new Set(check.items.flatMap((i) => [i.id, i.label]))));
  return k;
};

const checklistReason = (met: boolean, have: number, of: number, missing: readonly string[], requirement: string) =>
  met
    ? `具备 ${have}/${of} 项${missing.length ? `（缺：${missing.join('、')}）` : ''}，符合要求（${requirement}）`
    : `具备 ${have}/${of} 项，缺少：${missing.join('、')}（要求${requirement}）`;

function evaluateChecklist(check: ChecklistCheck, value: unknown, ctx: EvalContext): Outcome {
  const present = presentItems(check, value);
  // Items whose condition does not hold are not required (an unknown condition keeps the item required).
  const excused = check.items.filter((i) => i.when && ctx.holds(i.when) === false);
  const items = excused.length ? check.items.filter((i) => !excused.includes(i)) : check.items;
  const have = items.filter((i) => present.has(i.id)).length;
  const missing = items.filter((i) => !present.has(i.id)).map((i) => i.label);
  const need = check.all ? items.length : check.atLeast;
  const met = have >= need;
  const requirement = requirementWords(check, items);
  const na = excused.length ? `；${excused.map((i) => `“${i.label}”不适用（${ctx.conditionText(i.when!)}时才适用）`).join('；')}` : '';
  return {
    levels: [{ tier: null, met, requirement }],
    missingItems: missing,
    defects: Math.max(0, need - have),
    reasonCode: met ? 'CHECKLIST_MET' : 'CHECKLIST_UNMET',
    reason: checklistReason(met, have, items.length, missing, requirement) + na,
  };
}

export const checklistCheck: CheckKind<ChecklistCheck> = {
  normalise: (def, ctx) => ({
    kind: 'checklist',
    items: def.items.map((i) => ({ id: i.id, label: i.label, ...(i.applies_when ? { when: ctx.condition(i.applies_when) } : {}) })),
    all: def.require === 'all',
    atLeast: def.require === 'all' ? def.items.length : def.require.at_least,
  }),
  consistency(def, at, ctx) {
    ctx.uniqueIds(def.items, `${at}/items`, '清单项');
    def.items.forEach((item, i) => item.applies_when && ctx.condition(item.applies_when, `${at}/items/${i}/applies_when`));
    if (def.require !== 'all' && def.items.some((i) => i.applies_when)) {
      ctx.add('CONFLICT', `${at}/require`, '含有条件适用清单项的清单须全部具备（require: all）：“至少 N 项”在部分项不适用时没有明确含义');
    }
    if (def.require !== 'all' && def.require.at_least > def.items.length) {
      ctx.add('BOUNDS', `${at}/require/at_least`, `至少 ${def.require.at_least} 项，但清单只有 ${def.items.length} 项`);
    }
  },
  validate(check, value, path, indicator) {
    const known = knownItems(check);
    const choices = () => check.items.map((i) => `${i.id}（${i.label}）`).join('、');
    const problems: Problem[] = [];
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (typeof v !== 'string') {
          problems.push({ code: 'WRONG_TYPE', path: `${path}/${i}`, indicator, message: typeProblemMessage(indicator, '清单项名称（文本）', v) });
        } else if (!known.has(v)) {
          problems.push({ code: 'UNKNOWN_ITEM', path: `${path}/${i}`, indicator, message: `指标 ${indicator} 没有清单项“${v}”，可选：${choices()}` });
        }
      });
      return problems;
    }
    if (value === null || typeof value !== 'object') {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, '清单（已具备项的列表，或“项: true/false”对象）', value) }];
    }
    const obj = value as Record<string, unknown>;
    for (const [k, v] of Object.entries(obj)) {
      if (!known.has(k)) problems.push({ code: 'UNKNOWN_ITEM', path: `${path}/${k}`, indicator, message: `指标 ${indicator} 没有清单项“${k}”，可选：${choices()}` });
      else if (typeof v !== 'boolean') problems.push({ code: 'WRONG_TYPE', path: `${path}/${k}`, indicator, message: typeProblemMessage(indicator, '“是/否”答案（true 或 false）', v) });
    }
    // In object form every item must be answered: a missing key would otherwise silently read as "absent".
    const missing = check.items.filter((i) => !(i.id in obj) && !(i.label in obj));
    if (missing.length > 0) {
      problems.push({ code: 'INCOMPLETE_CHECKLIST', path, indicator, message: `指标 ${indicator} 的清单未逐项作答，缺少：${missing.map((i) => i.label).join('、')}` });
    }
    return problems;
  },
  // The list of items present (by id or label), or an object answering every item (by id or label) true or false.
  answerSchema: (check) => {
    const names = [...knownItems(check)];
    return {
      anyOf: [
        { type: 'array', maxItems: 250, items: { type: 'string', enum: names } },
        {
          type: 'object',
          maxProperties: 250,
          propertyNames: { enum: names },
          additionalProperties: { type: 'boolean' },
          allOf: check.items.map((i) => ({ anyOf: [{ required: [i.id] }, { required: [i.label] }] })),
          // The answer wrappers' keys are never a checklist object's.
          not: { anyOf: [{ required: ['status'] }, { required: ['value'] }] },
        },
      ],
    };
  },
  evaluate: evaluateChecklist,
  compile(check) {
    // Conditional items are rare: such a checklist is evaluated as it is.
    if (check.items.some((i) => i.when)) return (value, ctx) => evaluateChecklist(check, value, ctx);
    const { items } = check;
    const requirement = requirementWords(check);
    const need = check.all ? items.length : check.atLeast;
    const index = new Map<string, number>();
    items.forEach((item, i) => index.set(item.id, i).set(item.label, i));
    // Which items this answer has: a mark per item, current when equal to this evaluation's number (no set per answer).
    const mark = new Float64Array(items.length);
    let round = 0;
    const complete: Outcome = Object.freeze({
      levels: Object.freeze([Object.freeze({ tier: null, met: true, requirement })]) as LevelOutcome[],
      missingItems: Object.freeze([]) as unknown as string[],
      defects: 0,
      reasonCode: 'CHECKLIST_MET',
      reason: checklistReason(true, items.length, items.length, [], requirement),
    });
    return (value) => {
      round++;
      let have = 0;
      const keys: readonly unknown[] = Array.isArray(value) ? value : Object.keys(value as object);
      const obj = Array.isArray(value) ? undefined : (value as Record<string, unknown>);
      for (const key of keys) {
        if (obj && obj[key as string] !== true) continue;
        const i = index.get(String(key));
        if (i !== undefined && mark[i] !== round) {
          mark[i] = round;
          have++;
        }
      }
      if (have === items.length) return complete;
      const missing: string[] = [];
      for (let i = 0; i < items.length; i++) if (mark[i] !== round) missing.push(items[i]!.label);
      const met = have >= need;
      return {
        levels: [{ tier: null, met, requirement }],
        missingItems: missing,
        defects: Math.max(0, need - have),
        reasonCode: met ? 'CHECKLIST_MET' : 'CHECKLIST_UNMET',
        reason: checklistReason(met, have, items.length, missing, requirement),
      };
    };
  },
  describe: (check) => requirementWords(check),
  fields: (check) => check.items.map((item) => ({ path: [item.id], label: item.label, input: { type: 'yesno' } })),
  assemble(check, get) {
    // One read per item (an import assembles every checklist of every row).
    const values = check.items.map((i) => get([i.id]));
    const answered = values.filter((v) => v !== undefined).length;
    if (answered === 0) return undefined;
    // Partly answered checklists become the object form, so the engine reports the unanswered items.
    if (answered < check.items.length) return Object.fromEntries(check.items.flatMap((i, n) => (values[n] !== undefined ? [[i.id, values[n]]] : [])));
    return check.items.filter((_, n) => values[n] === true).map((i) => i.id);
  },
  split(check, value, put) {
    const present = Array.isArray(value) ? new Set(value.map(String)) : undefined;
    for (const item of check.items) {
      const v = present ? present.has(item.id) || present.has(item.label) : (value as Record<string, boolean>)[item.id];
      if (v !== undefined) put([item.id], v);
    }
  },
  demo: (check, ok) => (ok ? check.items.map((i) => i.id) : check.items.slice(1).map((i) => i.id)),
  conditions: (check) => check.items.flatMap((i) => (i.when ? [i.when] : [])),
};
