// Duties due a number of times in the period assessed, counted on the real calendar of that period: named
// weekdays as they fall (December 2026 has five Tuesdays and five Thursdays), calendar weeks (a week belongs to
// the period holding its Thursday), months, or statutory working days (holidays and 调休 make-up days).
// A duty due in each week (`each`: 每星期至少上门走访一次) is answered with the number of weeks it was done in, not a
// total: four visits in the first week of a four-week month are one week done, not four.
import { dueIn } from '../calendar/due.js';
import { WEEKDAY_ZH } from '../calendar/workdays.js';
import type { FrequencyCheck } from './model.js';
import type { CheckKind } from './types.js';
import { typeProblemMessage } from './words.js';

const PER_ZH = { week: '周', month: '月', workday: '个工作日' } as const;
/** What an `each` answer counts: weeks, months or working days. */
const SPAN_ZH = { week: '周', month: '个月', workday: '个工作日' } as const;

/** The rule in words, without the period's count: 每周至少 1 次；每周二、周四 1 天. */
function rule(c: FrequencyCheck): string {
  if ('per' in c.basis) return `每${PER_ZH[c.basis.per]}至少 ${c.times} ${c.unit}${c.each ? `，每${PER_ZH[c.basis.per]}都要做到` : ''}`;
  const days = c.basis.on.map((d) => WEEKDAY_ZH[d]).join('、');
  return `每${days}${c.times > 1 ? `各 ${c.times} ${c.unit}` : ''}${c.basis.exceptHolidays ? '（法定节假日除外）' : ''}`;
}

/** How the period's count was made, for the reason: `spans` weeks, months, working days or named weekdays. */
function basisWords(c: FrequencyCheck, spans: number, period: string): string {
  const b = c.basis;
  if ('on' in b) return `${period}共 ${spans} 个${b.on.map((d) => WEEKDAY_ZH[d]).join('、')}${b.exceptHolidays ? '（不含法定节假日）' : ''}`;
  if (b.per === 'week') return `${period}按 ${spans} 周计`;
  if (b.per === 'workday') return `${period}共 ${spans} 个工作日`;
  return `${period} ${spans} 个月`;
}

/** The unit the answer is given in: the duty's own, or, for `each`, the weeks (months, working days) it was done in. */
export const answerUnit = (c: FrequencyCheck): string => (c.each && 'per' in c.basis ? SPAN_ZH[c.basis.per] : c.unit);

export const frequencyCheck: CheckKind<FrequencyCheck> = {
  normalise: (def) => ({
    kind: 'frequency',
    times: def.times ?? 1,
    basis: def.on ? { on: def.on, exceptHolidays: def.except_holidays ?? false } : { per: def.per! },
    unit: def.unit,
    ...(def.each ? { each: true as const } : {}),
  }),
  consistency(def, at, ctx) {
    if (def.per && def.except_holidays !== undefined) ctx.add('CONFLICT', `${at}/except_holidays`, 'except_holidays 只用于按星期几规定的频次（on）；按工作日计的请写 per: workday');
    if (def.per && def.times === undefined) ctx.add('BOUNDS', `${at}/times`, `按${PER_ZH[def.per]}规定的频次须写明次数 times`);
    // Named weekdays are already due on each such day; `each` would say nothing more.
    if (def.on && def.each !== undefined) ctx.add('CONFLICT', `${at}/each`, 'each 只用于按周、月或工作日规定的频次（per）；按星期几规定的频次（on）本来就逐日计');
  },
  validate(check, value, path, indicator) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      const want = check.each ? `本期做到“${rule(check)}”的${answerUnit(check)}数（非负整数）` : `本期的次数（非负整数，单位：${check.unit}）`;
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
    }
    return [];
  },
  inPeriod(check, value, period, path, indicator) {
    if (!check.each) return [];
    const spans = dueIn(period, check.basis);
    if (spans === undefined || (value as number) <= spans) return [];
    const unit = answerUnit(check);
    const weekRule = 'per' in check.basis && check.basis.per === 'week' ? '（一周从周一到周日，跨期的一周算在包含其周四的那一期）' : '';
    const message = `指标 ${indicator} 填的是做到的${unit}数：${period} 只有 ${spans} ${unit}${weekRule}，不能填 ${value as number}；如填的是次数，请改为做到的${unit}数`;
    return [{ code: 'OUT_OF_RANGE', path, indicator, message }];
  },
  answerSchema: () => ({ type: 'integer', minimum: 0 }),
  evaluate(check, value, ctx) {
    const n = value as number;
    // The engine refuses a period whose calendar is unknown before it evaluates anything.
    const spans = ctx.due(check.basis)!;
    const need = check.each ? spans : spans * check.times;
    const unit = answerUnit(check);
    const met = n >= need;
    const requirement = `${rule(check)}（${basisWords(check, spans, ctx.thisPeriod)}，${check.each ? `${need} ${unit}都要做到` : `至少 ${need} ${unit}`}）`;
    const done = check.each ? `${ctx.thisPeriod}做到的 ${n} ${unit}` : `${ctx.thisPeriod} ${n} ${unit}`;
    return {
      levels: [
        met
          ? { tier: null, met, requirement }
          : { tier: null, met, requirement, shortfall: { tier: null, op: '>=', required: need, value: n, difference: need - n, unit } },
      ],
      missingItems: [],
      defects: Math.max(0, need - n),
      reasonCode: met ? 'FREQUENCY_MET' : 'FREQUENCY_UNMET',
      reason: `${done}，要求${requirement}${met ? '' : `，差 ${need - n} ${unit}`}`,
    };
  },
  describe: (check) => rule(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'number', unit: answerUnit(check), min: 0, integer: true } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  // What the period asks for (enough where its calendar is unknown: 31 days, or 5 weeks); 1 when failing.
  demo(check, ok, period) {
    if (!ok) return 1;
    const spans = dueIn(period, check.basis) ?? ('on' in check.basis ? 5 * check.basis.on.length : check.basis.per === 'week' ? 5 : check.basis.per === 'workday' ? 23 : 1);
    return check.each ? spans : spans * check.times;
  },
  unit: (check) => answerUnit(check),
  calendar: (check) => ('per' in check.basis ? check.basis.per === 'workday' : check.basis.exceptHolidays),
};
