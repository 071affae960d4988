// Duties due a number of times in the period assessed, counted on the real calendar of that period: named
// weekdays as they fall (December 2026 has five Tuesdays and five Thursdays), calendar weeks (a week belongs to
// the period holding its Thursday), months, or statutory working days (holidays and 调休 make-up days).
import { WEEKDAY_ZH } from '../calendar/workdays.js';
import type { FrequencyCheck } from './model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

const PER_ZH = { week: '周', month: '月', workday: '个工作日' } as const;

/** The rule in words, without the period's count: 每周至少 1 次；每周二、周四 1 天. */
function rule(c: FrequencyCheck): string {
  if ('per' in c.basis) return `每${PER_ZH[c.basis.per]}至少 ${c.times} ${c.unit}`;
  const days = c.basis.on.map((d) => WEEKDAY_ZH[d]).join('、');
  return `每${days}${c.times > 1 ? `各 ${c.times} ${c.unit}` : ''}${c.basis.exceptHolidays ? '（法定节假日除外）' : ''}`;
}

/** How the period's count was made, for the reason. */
function basisWords(c: FrequencyCheck, due: number, period: string): string {
  const b = c.basis;
  if ('on' in b) return `${period}共 ${due / c.times} 个${b.on.map((d) => WEEKDAY_ZH[d]).join('、')}${b.exceptHolidays ? '（不含法定节假日）' : ''}`;
  if (b.per === 'week') return `${period}按 ${due / c.times} 周计`;
  if (b.per === 'workday') return `${period}共 ${due / c.times} 个工作日`;
  return `${period} ${due / c.times} 个月`;
}

export const frequencyCheck: CheckKind<FrequencyCheck> = {
  normalise: (def) => ({
    kind: 'frequency',
    times: def.times ?? 1,
    basis: def.on ? { on: def.on, exceptHolidays: def.except_holidays ?? false } : { per: def.per! },
    unit: def.unit,
  }),
  consistency(def, at, ctx) {
    if (def.per && def.except_holidays !== undefined) ctx.add('CONFLICT', `${at}/except_holidays`, 'except_holidays 只用于按星期几规定的频次（on）；按工作日计的请写 per: workday');
    if (def.per && def.times === undefined) ctx.add('BOUNDS', `${at}/times`, `按${PER_ZH[def.per]}规定的频次须写明次数 times`);
  },
  validate(check, value, path, indicator) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, `本期的次数（非负整数，单位：${check.unit}）`, value) }];
    }
    return [];
  },
  answerSchema: () => ({ type: 'integer', minimum: 0 }),
  evaluate(check, value, ctx) {
    const n = value as number;
    // The engine refuses a period whose calendar is unknown before it evaluates anything.
    const need = ctx.due(check.basis)! * check.times;
    const met = n >= need;
    const requirement = `${rule(check)}（${basisWords(check, need, ctx.thisPeriod)}，至少 ${need} ${check.unit}）`;
    return {
      levels: [
        met
          ? { tier: null, met, requirement }
          : { tier: null, met, requirement, shortfall: { tier: null, op: '>=', required: need, value: n, difference: need - n, unit: check.unit } },
      ],
      missingItems: [],
      defects: Math.max(0, need - n),
      reasonCode: met ? 'FREQUENCY_MET' : 'FREQUENCY_UNMET',
      reason: `${ctx.thisPeriod} ${n} ${check.unit}，要求${requirement}${met ? '' : `，差 ${need - n} ${check.unit}`}`,
    };
  },
  describe: (check) => rule(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'number', unit: check.unit, min: 0, integer: true } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  // Enough for any month: 31 days, or 5 weeks; 1 when failing.
  demo: (check, ok) => (ok ? check.times * ('on' in check.basis ? 5 * check.basis.on.length : check.basis.per === 'week' ? 5 : check.basis.per === 'workday' ? 23 : 1) : 1),
  unit: (check) => check.unit,
  calendar: (check) => ('per' in check.basis ? check.basis.per === 'workday' : check.basis.exceptHolidays),
};
