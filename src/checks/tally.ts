// Occurrences counted by kind, severity or who found them: 黄牌/红牌, 一般/时间长的, 乡/区/省市. The rubric's
// deduction (or bonus) rates name these counts, so one rule can deduct at several rates.
import { assembleCounts, countFields, countProblems, countsText, splitCounts } from './counts.js';
import type { TallyCheck } from './model.js';
import { atMost } from './threshold.js';
import type { CheckKind } from './types.js';

const words = (c: TallyCheck) => (c.max === 0 ? '不得发生' : `合计不超过 ${c.max} ${c.unit}`);

export const tallyCheck: CheckKind<TallyCheck> = {
  normalise: (def) => ({ kind: 'tally', unit: def.unit, counts: def.counts, max: def.max ?? 0 }),
  consistency: (def, at, ctx) => void ctx.uniqueIds(def.counts, `${at}/counts`, '计数项'),
  validate: (check, value, path, indicator) => countProblems(check.counts, value, path, indicator, check.unit),
  evaluate(check, value) {
    const counts = value as Record<string, number>;
    const n = check.counts.reduce((s, c) => s + counts[c.id]!, 0);
    const met = n <= check.max;
    const requirement = words(check);
    return {
      levels: [atMost(n, check.max, check.unit, requirement)],
      missingItems: [],
      defects: n,
      counts,
      reasonCode: met ? 'TALLY_MET' : 'TALLY_UNMET',
      reason: `发现 ${countsText(check.counts, counts, check.unit)}${met ? '' : `，要求${requirement}`}`,
    };
  },
  describe: (check) => words(check),
  fields: (check) => countFields(check.counts, check.unit),
  assemble: (check, get) => assembleCounts(check.counts, get),
  split: (check, value, put) => splitCounts(check.counts, value, put),
  demo: (check, ok) => Object.fromEntries(check.counts.map((c, i) => [c.id, ok || i > 0 ? 0 : check.max + 1])),
  countIds: (check) => check.counts.map((c) => c.id),
};
