// Rubrics as the API gives them, fetched once per page load: the list, and each definition with the ladder of
// standings it judges by and its indicator titles.
import { computed, type ComputedRef, type Ref, watch } from 'vue';
import { api } from './api.js';
import { indicatorSites, parsePeriod, type PeriodKind, periodHolding } from './engine/light.js';
import type { RubricDefinition } from './engine/index.js';
import type { RubricSummary } from './types.js';

let list: Promise<RubricSummary[]> | undefined;
const definitions = new Map<string, Promise<{ id: string; hash: string; definition: RubricDefinition }>>();

export const rubricList = (): Promise<RubricSummary[]> => (list ??= api.get<RubricSummary[]>('/rubrics').catch((e) => ((list = undefined), Promise.reject(e))));

/**
 * The chosen rubric's period kind (a month, quarter or half year), with a period that follows it: choosing a
 * half-yearly rubric in November turns 2026-11 into 2026-H2. `follow` says when the period may be changed (not
 * while a stored record is shown).
 */
export function rubricPeriodKind(rubrics: Ref<RubricSummary[]>, rubric: () => string, period: Ref<string>, follow: () => boolean = () => true): ComputedRef<PeriodKind> {
  const kind = computed<PeriodKind>(() => rubrics.value.find((r) => r.id === rubric())?.period ?? 'month');
  watch(kind, (k) => {
    if (follow() && parsePeriod(period.value)?.kind !== k) period.value = periodHolding(k, period.value);
  });
  return kind;
}

export function rubricDefinition(id: string): Promise<{ id: string; hash: string; definition: RubricDefinition }> {
  let p = definitions.get(id);
  if (!p) {
    p = api.get<{ id: string; hash: string; definition: RubricDefinition }>(`/rubrics/${encodeURIComponent(id)}`);
    p.catch(() => definitions.delete(id));
    definitions.set(id, p);
  }
  return p;
}

export type Tone = 'top' | 'mid' | 'low' | 'fail' | 'none';

/** How a standing is coloured: the best tier or grade green, the next blue, other passing ones amber, failing red. */
export function toneOf(def: RubricDefinition | undefined, s: { tier: string | null; grade: { id: string; vetoed?: boolean } | null; result: { passed: boolean } } | null): Tone {
  if (!s) return 'none';
  if (!s.result.passed || s.grade?.vetoed) return 'fail';
  const ladder = def?.scoring.grades ? def.scoring.grades.map((g) => g.id) : [...(def?.tiers ?? [])].reverse().map((t) => t.id);
  const at = s.grade ? ladder.indexOf(s.grade.id) : s.tier ? ladder.indexOf(s.tier) : 0;
  return at <= 0 ? 'top' : at === 1 ? 'mid' : 'low';
}

/** The standings a rubric can give, best first, for legends and counts. */
export function standings(def: RubricDefinition): string[] {
  if (def.scoring.grades) return def.scoring.grades.map((g) => g.label);
  if (def.tiers?.length) return [...def.tiers].reverse().map((t) => t.label).concat('未达到任何等级');
  return ['达标', '未达标'];
}

export const titlesOf = (def: RubricDefinition): Map<string, string> => new Map(indicatorSites(def).map((s) => [s.def.id, s.def.title]));
