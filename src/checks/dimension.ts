import type { Problem } from '../errors.js';
import type { Shortfall } from '../schema/generated/assessment.js';
import type { DimensionCheck, LengthUnit } from './model.js';
import type { CheckKind } from './types.js';
import { num, typeProblemMessage } from './words.js';

/**
 * Length units an answer (or a spreadsheet cell) may use, in millimetres: the one table for the engine, the
 * template pre-fill and the importer. Anything else (寸, m², a typo) is refused, never guessed.
 */
export const LENGTH_MM: Readonly<Record<string, number>> = { mm: 1, 毫米: 1, cm: 10, 厘米: 10, 公分: 10, m: 1000, 米: 1000 };
const UNITS_ACCEPTED = 'mm、cm、m（或毫米、厘米、公分、米）';

/** A length in `from` units expressed in `to` units; untouched when they are the same unit, so nothing is rounded. */
export function convertLength(value: number, from: string, to: string): number {
  const a = LENGTH_MM[from];
  const b = LENGTH_MM[to];
  if (a === undefined || b === undefined) throw new Error(`unknown length unit ${a === undefined ? from : to}`);
  // Rounded to 9 places so 1.2 m does not become 1199.9999999999998 mm.
  return a === b ? value : Number(((value * a) / b).toFixed(9));
}
const UNIT_ZH: Record<LengthUnit, string> = { mm: '毫米', cm: '厘米', m: '米' };

const words = (c: DimensionCheck) =>
  `${c.dims.map((d) => `${d.label} ${num(d.value)}`).join('、')} ${UNIT_ZH[c.unit]}${c.tolerance ? `（允许误差 ±${num(c.tolerance)} ${UNIT_ZH[c.unit]}）` : ''}`;

export const dimensionCheck: CheckKind<DimensionCheck> = {
  normalise: (def) => ({ kind: 'dimension', unit: def.unit, dims: def.dims, tolerance: def.tolerance ?? 0 }),
  consistency: (def, at, ctx) => void ctx.uniqueIds(def.dims, `${at}/dims`, '尺寸'),
  validate(check, value, path, indicator) {
    const want = `尺寸（如 {"unit": "${check.unit}", ${check.dims.map((d) => `"${d.id}": ${d.value}`).join(', ')}}）`;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, want, value) }];
    }
    const obj = value as Record<string, unknown>;
    const problems: Problem[] = [];
    if (!('unit' in obj)) {
      problems.push({ code: 'WRONG_UNIT', path: `${path}/unit`, indicator, message: `指标 ${indicator} 的尺寸缺少单位“unit”（${UNITS_ACCEPTED}）` });
    } else if (typeof obj.unit !== 'string' || !Object.hasOwn(LENGTH_MM, obj.unit)) {
      problems.push({ code: 'WRONG_UNIT', path: `${path}/unit`, indicator, message: `指标 ${indicator} 的尺寸单位“${String(obj.unit)}”无效：只接受长度单位 ${UNITS_ACCEPTED}` });
    }
    for (const d of check.dims) {
      const v = obj[d.id];
      if (v === undefined) problems.push({ code: 'INCOMPLETE_CHECKLIST', path: `${path}/${d.id}`, indicator, message: `指标 ${indicator} 缺少尺寸“${d.label}”（${d.id}）` });
      else if (typeof v !== 'number' || !Number.isFinite(v)) {
        problems.push({ code: 'WRONG_TYPE', path: `${path}/${d.id}`, indicator, message: typeProblemMessage(indicator, `“${d.label}”的数值（不带单位，单位写在 unit）`, v) });
      } else if (v <= 0) problems.push({ code: 'OUT_OF_RANGE', path: `${path}/${d.id}`, indicator, message: `指标 ${indicator} 的“${d.label}”必须大于 0` });
    }
    for (const k of Object.keys(obj)) {
      if (k !== 'unit' && !check.dims.some((d) => d.id === k)) {
        problems.push({ code: 'UNKNOWN_ITEM', path: `${path}/${k}`, indicator, message: `指标 ${indicator} 没有尺寸“${k}”，应为：${check.dims.map((d) => `${d.id}（${d.label}）`).join('、')}` });
      }
    }
    return problems;
  },
  evaluate(check, value) {
    const obj = value as Record<string, number> & { unit: string };
    const shortfalls: Shortfall[] = [];
    const parts = check.dims.map((d) => {
      const actual = Number(convertLength(obj[d.id]!, obj.unit, check.unit).toFixed(6));
      const off = Number(Math.abs(actual - d.value).toFixed(6));
      const ok = off <= check.tolerance;
      if (!ok) shortfalls.push({ tier: null, op: '==', required: d.value, value: actual, difference: off, unit: check.unit });
      return { d, actual, ok, off };
    });
    const met = parts.every((p) => p.ok);
    const requirement = words(check);
    const unitZh = UNIT_ZH[check.unit];
    return {
      levels: [{ tier: null, met, requirement, ...(shortfalls[0] ? { shortfall: shortfalls[0] } : {}) }],
      missingItems: parts.filter((p) => !p.ok).map((p) => p.d.label),
      defects: parts.filter((p) => !p.ok).length,
      reasonCode: met ? 'DIMENSION_MET' : 'DIMENSION_UNMET',
      reason:
        `实测 ${parts.map((p) => `${p.d.label} ${num(p.actual)}`).join('、')} ${unitZh}` +
        (met ? '，符合规格' : `；${parts.filter((p) => !p.ok).map((p) => `${p.d.label}应为 ${num(p.d.value)} ${unitZh}，相差 ${num(p.off)} ${unitZh}`).join('；')}`),
    };
  },
  describe: (check) => words(check),
  fields: (check) => check.dims.map((d) => ({ path: [d.id], label: d.label, input: { type: 'number', unit: check.unit, min: 0, integer: false } })),
  assemble(check, get) {
    const dims = check.dims.filter((d) => get([d.id]) !== undefined);
    return dims.length === 0 ? undefined : { unit: check.unit, ...Object.fromEntries(dims.map((d) => [d.id, get([d.id])])) };
  },
  split(check, value, put) {
    const obj = value as Record<string, number> & { unit: string };
    for (const d of check.dims) if (obj[d.id] !== undefined) put([d.id], convertLength(obj[d.id]!, obj.unit, check.unit));
  },
  // A failing demo misses by ten tolerances (or 10%).
  demo: (check, ok) => ({ unit: check.unit, ...Object.fromEntries(check.dims.map((d, i) => [d.id, ok || i > 0 ? d.value : d.value + Math.max(10 * check.tolerance, d.value / 10)])) }),
};
