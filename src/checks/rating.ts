// A rating band the inspector chooses (好/较好/一般/差), each worth its points. Met only at the top band; a lower
// band earns its share of the item.
import type { RatingCheck } from './model.js';
import type { CheckKind } from './types.js';
import { num, typeProblemMessage } from './words.js';

const find = (c: RatingCheck, v: unknown) => c.bands.find((b) => b.id === v || b.label === v);
const top = (c: RatingCheck) => Math.max(...c.bands.map((b) => b.points));
const words = (c: RatingCheck) => c.bands.map((b) => `${b.label} ${num(b.points)} 分`).join('，');

export const ratingCheck: CheckKind<RatingCheck> = {
  normalise: (def) => ({ kind: 'rating', bands: def.bands }),
  consistency(def, at, ctx) {
    ctx.uniqueIds(def.bands, `${at}/bands`, '档次');
    if (Math.max(...def.bands.map((b) => b.points)) <= 0) ctx.add('BOUNDS', `${at}/bands`, '最高一档的分值须大于 0');
  },
  validate(check, value, path, indicator) {
    if (typeof value !== 'string') return [{ code: 'WRONG_TYPE', path, indicator, message: typeProblemMessage(indicator, '一个档次（文本）', value) }];
    if (find(check, value)) return [];
    return [{ code: 'UNKNOWN_ITEM', path, indicator, message: `指标 ${indicator} 没有档次“${value}”，可选：${check.bands.map((b) => `${b.id}（${b.label}）`).join('、')}` }];
  },
  evaluate(check, value) {
    const band = find(check, value)!;
    const best = top(check);
    const met = band.points >= best;
    const requirement = check.bands.find((b) => b.points >= best)!.label;
    return {
      levels: [{ tier: null, met, requirement }],
      missingItems: [],
      defects: met ? 0 : 1,
      credit: band.points / best,
      reasonCode: met ? 'RATING_TOP' : 'RATING_LOWER',
      reason: `评为“${band.label}”（${num(band.points)}/${num(best)} 分；${words(check)}）`,
    };
  },
  describe: (check) => words(check),
  fields: (check) => [{ path: [], label: '', input: { type: 'choice', options: check.bands } }],
  assemble: (_check, get) => get([]),
  split: (_check, value, put) => put([], value),
  demo: (check, ok) => {
    const sorted = [...check.bands].sort((a, b) => b.points - a.points);
    return (ok ? sorted[0] : sorted[Math.min(1, sorted.length - 1)])!.id;
  },
};
