// A rubric flattened into answer fields: one spreadsheet input per field. Checklist items, dimensions and
// composite parts get a field each, so every cell holds one simple value (是/否, a number, one option).
import { convertLength } from '../checks/dimension.js';
import { checkKind } from '../checks/index.js';
import type { Indicator, NormCheck, Rubric } from '../rubric/model.js';

export type FieldInput =
  | { type: 'yesno' }
  | { type: 'number'; unit: string; min?: number; max?: number; integer: boolean }
  | { type: 'choice'; options: ReadonlyArray<{ id: string; label: string }> };

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

export function rubricFields(rubric: Rubric): Field[] {
  return rubric.indicators.flatMap((ind) => {
    const fields = checkFields(ind, ind.check, [], '');
    return fields.map((f, i) => ({ ...f, first: i === 0 }));
  });
}

function checkFields(ind: Indicator, c: NormCheck, path: string[], label: string): Omit<Field, 'first'>[] {
  const field = (input: FieldInput, sub = path, subLabel = label) => ({ key: [ind.id, ...sub].join('/'), indicator: ind, path: sub, label: subLabel, input });
  const join = (a: string, b: string) => (a ? `${a}·${b}` : b);
  switch (c.kind) {
    case 'boolean':
      return [field({ type: 'yesno' })];
    case 'number':
    case 'range':
      return [field({ type: 'number', unit: c.unit, min: c.minimum, max: c.maximum, integer: c.integer })];
    case 'frequency':
    case 'count':
      return [field({ type: 'number', unit: c.unit, min: 0, integer: true })];
    case 'choice':
      return [field({ type: 'choice', options: c.options })];
    case 'checklist':
      return c.items.map((item) => field({ type: 'yesno' }, [...path, item.id], join(label, item.label)));
    case 'dimension':
      return c.dims.map((d) => field({ type: 'number', unit: c.unit, min: 0, integer: false }, [...path, d.id], join(label, d.label)));
    case 'composite':
      return c.parts.flatMap((p) => checkFields(ind, p.check, [...path, p.id], join(label, p.label)));
  }
}

/** The requirement of an indicator in words, as templates and reports print it. */
export function requirementText(rubric: Rubric, ind: Indicator): string {
  const tierLabel = new Map(rubric.tiers.map((t) => [t.id, t.label]));
  return checkKind(ind.check).describe(ind.check, {
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

/** Builds an answer from field values, the inverse of the field split; undefined when no field was filled. */
export function assembleAnswer(ind: Indicator, values: ReadonlyMap<string, unknown>): unknown {
  return values.size === 0 ? undefined : assemble(ind.check, ind.id, values);
}

function assemble(c: NormCheck, prefix: string, values: ReadonlyMap<string, unknown>): unknown {
  const at = (sub: string) => values.get(`${prefix}/${sub}`);
  switch (c.kind) {
    case 'checklist': {
      const answered = c.items.filter((i) => at(i.id) !== undefined);
      if (answered.length === 0) return undefined;
      // Partly answered checklists become the object form, so the engine reports the unanswered items.
      if (answered.length < c.items.length) return Object.fromEntries(answered.map((i) => [i.id, at(i.id)]));
      return c.items.filter((i) => at(i.id) === true).map((i) => i.id);
    }
    case 'dimension': {
      const dims = c.dims.filter((d) => at(d.id) !== undefined);
      if (dims.length === 0) return undefined;
      return { unit: c.unit, ...Object.fromEntries(dims.map((d) => [d.id, at(d.id)])) };
    }
    case 'composite': {
      const parts = c.parts.map((p) => [p.id, assemble(p.check, `${prefix}/${p.id}`, values)] as const).filter(([, v]) => v !== undefined);
      return parts.length === 0 ? undefined : Object.fromEntries(parts);
    }
    default:
      return values.get(prefix);
  }
}

/** Splits an answer into field values, the inverse of assembleAnswer (used to pre-fill templates). */
export function splitAnswer(ind: Indicator, value: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  split(ind.check, [ind.id], value, out);
  return out;
}

function split(c: NormCheck, prefix: string[], value: unknown, out: Map<string, unknown>): void {
  const key = (sub: string[]) => [...prefix, ...sub].join('/');
  switch (c.kind) {
    case 'checklist': {
      const present = Array.isArray(value) ? new Set(value.map(String)) : undefined;
      for (const item of c.items) {
        const v = present ? present.has(item.id) || present.has(item.label) : (value as Record<string, boolean>)[item.id];
        if (v !== undefined) out.set(key([item.id]), v);
      }
      return;
    }
    case 'dimension': {
      const obj = value as Record<string, number> & { unit: string };
      for (const d of c.dims) if (obj[d.id] !== undefined) out.set(key([d.id]), convertLength(obj[d.id]!, obj.unit, c.unit));
      return;
    }
    case 'composite':
      for (const p of c.parts) {
        const v = (value as Record<string, unknown>)[p.id];
        if (v !== undefined) split(p.check, [...prefix, p.id], v, out);
      }
      return;
    default:
      out.set(key([]), value);
  }
}

/** The header a bulk sheet shows for a field; the importer matches it when the hidden key row is gone. */
export const bulkLabel = (f: Field): string =>
  `${f.indicator.id} ${f.indicator.title}${f.label ? `·${f.label}` : ''}${f.input.type === 'number' ? `（${f.input.unit}）` : ''}`;
