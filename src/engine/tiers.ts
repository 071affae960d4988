import { checkKind, type LevelOutcome } from '../checks/index.js';
import type { Indicator, Rubric } from '../rubric/model.js';
import type { Blocker, IndicatorResult, TierResult } from '../schema/generated/assessment.js';

/**
 * The outcome that decides tier `tier`: the tier's own requirement, else the nearest lower tier's,
 * else the indicator's general one. Higher tiers inherit lower thresholds; they never borrow higher ones.
 */
export function levelForTier(levels: readonly LevelOutcome[], tier: string, rank: ReadonlyMap<string, number>): LevelOutcome | undefined {
  const r = rank.get(tier) ?? -1;
  let best: LevelOutcome | undefined;
  for (const l of levels) {
    if (l.tier === tier) return l;
    const lr = l.tier === null ? -Infinity : (rank.get(l.tier) ?? Infinity);
    if (lr < r && (best === undefined || lr > (best.tier === null ? -Infinity : (rank.get(best.tier) ?? -Infinity)))) best = l;
  }
  return best;
}

/** Tiers an indicator reports against: those it is necessary for, and those it has its own threshold for. */
export function reportedTiers(ind: Indicator, rubric: Rubric): string[] {
  const own = new Set<string>(ind.necessaryFor);
  for (const t of checkKind(ind.check).tiers?.(ind.check) ?? []) own.add(t);
  return rubric.tiers.map((t) => t.id).filter((t) => own.has(t));
}

/** Per tier (in rubric order), the positions of the indicators necessary for it, in rubric order. */
export const necessaryByTier = (rubric: Rubric): number[][] =>
  rubric.tiers.map((tier) => rubric.indicators.flatMap((ind, i) => (ind.necessaryFor.includes(tier.id) ? [i] : [])));

/**
 * A tier is reached when every indicator necessary for it is answered and met (or legitimately 不适用),
 * its optional min_score is reached, and every lower tier is reached.
 */
export function tierResults(
  rubric: Rubric,
  results: readonly IndicatorResult[],
  score: number | null,
  nothingAssessed: boolean,
  necessary: ReadonlyArray<readonly number[]> = necessaryByTier(rubric),
): TierResult[] {
  let lowerReached = true;
  return rubric.tiers.map((tier, t) => {
    const blocking: Blocker[] = [];
    for (const i of necessary[t]!) {
      const res = results[i]!;
      const status = res.tier_status[tier.id] ?? res.status;
      if (status === 'met' || status === 'not_applicable') continue;
      const shortfall = res.shortfalls.find((s) => s.tier === tier.id) ?? res.shortfalls.find((s) => s.tier === null) ?? res.shortfalls[0];
      blocking.push({
        id: res.id,
        title: res.title,
        status,
        reason: res.reason,
        ...(status === 'unmet' && shortfall ? { shortfall } : {}),
        ...(res.missing_items.length ? { missing_items: res.missing_items } : {}),
      });
    }
    const scoreShort = tier.min_score !== undefined ? Math.max(0, tier.min_score - (score ?? 0)) : 0;
    const reached = lowerReached && !nothingAssessed && blocking.length === 0 && scoreShort === 0;
    lowerReached = reached;
    return {
      id: tier.id,
      label: tier.label,
      reached,
      blocking,
      ...(tier.min_score !== undefined ? { min_score: tier.min_score, score_short: Number(scoreShort.toFixed(2)) } : {}),
    };
  });
}
