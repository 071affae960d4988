// A rubric flattened into answer fields: one spreadsheet input per field. Each check kind says how its answer
// splits into fields (checklist items, dimensions and composite parts get a field each), so every cell holds
// one simple value (是/否, a number, one option).
import { checkKind, type FieldInput } from '../checks/index.js';
import { conditionText } from '../engine/conditions.js';
import type { Indicator, Rubric, SectionNode } from '../rubric/model.js';

export type { FieldInput } from '../checks/index.js';

export interface Field {
  /** Stable machine key written into hidden cells: "4", "37/first_inquiry", "2/size/width". */
  key: string;
  indicator: Indicator;
  /** Path inside the answer: [] for the whole answer, ["first_inquiry"], ["size", "width"]. */
  path: readonly string[];
  /** Human label of the sub-item, '' for a whole-indicator field. */
  label: string;
  input: FieldInput;
  /** The first field of its indicator carries the indicator-level cells (不适用原因, 备注). */
  first: boolean;
}

/** Keys of one-step paths per indicator, made once: an import looks one up for every cell it reads. */
const STEP_KEYS = new WeakMap<Indicator, Map<string, string>>();

/** The key of a field: "4", "37/first_inquiry", "2/size/width". */
function keyOf(ind: Indicator, path: readonly string[]): string {
  if (path.length === 0) return ind.id;
  if (path.length > 1) return `${ind.id}/${path.join('/')}`;
  let keys = STEP_KEYS.get(ind);
  if (!keys) STEP_KEYS.set(ind, (keys = new Map()));
  let key = keys.get(path[0]!);
  if (key === undefined) keys.set(path[0]!, (key = `${ind.id}/${path[0]}`));
  return key;
}

export function rubricFields(rubric: Rubric): Field[] {
  return rubric.indicators.flatMap((ind) =>
    checkKind(ind.check)
      .fields(ind.check)
      .map((f, i) => ({ key: keyOf(ind, f.path), indicator: ind, path: f.path, label: f.label, input: f.input, first: i === 0 })),
  );
}

/** The requirement of an indicator in words, as templates and reports print it (no period: frequencies say their rule). */
export function requirementText(rubric: Rubric, ind: Indicator): string {
  const tierLabel = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  return checkKind(ind.check).describe(ind.check, {
    holds: () => undefined,
    conditionText: (cond) => conditionText(rubric, cond),
    due: () => undefined,
    thisPeriod: '本期',
    resolve: (req) => {
      if (req.value !== undefined) return req.value;
      if (req.param) {
        const years = rubric.parameters[req.param]!.by_year;
        return years[Object.keys(years).sort().at(-1)!]!;
      }
      return req.derived!.value;
    },
    tierLabel: (t) => tierLabel.get(t) ?? t,
  });
}

/** Builds an answer from field values (keyed by field key), the inverse of splitAnswer; undefined when no field was filled. */
export function assembleAnswer(ind: Indicator, values: ReadonlyMap<string, unknown>): unknown {
  return values.size === 0 ? undefined : checkKind(ind.check).assemble(ind.check, (path) => values.get(keyOf(ind, path)));
}

/** Splits an answer into field values keyed by field key, the inverse of assembleAnswer (used to pre-fill templates). */
export function splitAnswer(ind: Indicator, value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  checkKind(ind.check).split(ind.check, value, (path, v) => out.set(keyOf(ind, path), v));
  return out;
}

/** The header a bulk sheet shows for a field; the importer matches it when the hidden key row is gone. */
export const bulkLabel = (f: Field): string =>
  `${f.indicator.id} ${f.indicator.title}${f.label ? `·${f.label}` : ''}${f.input.type === 'number' ? `（${f.input.unit}）` : ''}`;

/** The most a self-score or hand-written score of an item can be: its points, or a bonus item's cap; none for a rule. */
export const scoreCeiling = (ind: Indicator): number | undefined => (ind.bonus ? ind.bonus.cap : ind.points);

/** Sections a unit can score whole (自评分 of the section): those with an id and points of their own, by heading path. */
export function scoredSections(rubric: Rubric): Map<string, { id: string; budget: number }> {
  const out = new Map<string, { id: string; budget: number }>();
  const walk = (nodes: readonly SectionNode[]): void => {
    for (const n of nodes) {
      if (n.id !== undefined && n.budget !== undefined) out.set(n.path.join(' › '), { id: n.id, budget: n.budget });
      walk(n.sections);
    }
  };
  walk(rubric.sections);
  return out;
}
