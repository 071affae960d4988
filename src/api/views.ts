// What POST /score answers, in two views, each declared by a Fastify response schema (and so in the OpenAPI document):
// - full (the default): the assessment as the engine made it, every indicator result whole;
// - compact (?view=compact): each indicator result without what its rubric says of it and every result repeats
//   (title, section heading chain, the tiers it is necessary for, requirement, veto mark, weight), which
//   GET /rubrics/:id holds once. Everything judged from the submission stays: status, value, note, reason and its
//   code, credit, tier outcomes, shortfalls, missing items, points, computed values, self-scores.
// The app compiles their serialisers itself (scoreSerializer, as Fastify's serialiser factory): fast-json-stringify, Fastify's
// default, wrote this payload 4.5 times slower than JSON.stringify (it escapes long Chinese strings in JavaScript and
// tests every union of types), and what a schema asks of it here is only which fields an indicator result keeps.
import { SCHEMA_BASE } from '../schema/ids.js';
import { SCHEMAS } from '../schema/validate.js';

export const SCORE_VIEWS = ['full', 'compact'] as const;
export type ScoreView = (typeof SCORE_VIEWS)[number];

/** Fields of an indicator result that come from the rubric alone, the same in every assessment. */
export const STATIC_RESULT_FIELDS = ['title', 'section', 'necessary_for', 'requirement', 'veto', 'weight'] as const;

interface ObjectSchema {
  $id?: string;
  title?: string;
  description?: string;
  required?: string[];
  properties: Record<string, unknown>;
  definitions: Record<string, ObjectSchema>;
}

function viewSchema(view: ScoreView): ObjectSchema {
  const s = structuredClone(SCHEMAS.assessment) as ObjectSchema;
  s.$id = `${SCHEMA_BASE}assessment-${view}.json`;
  const result = s.definitions.IndicatorResult!;
  // An answer is written back as it was sent. The submission schema's anyOf only describes it, and under it an object
  // answer (a dimension, a composite, counts) would be written as {}, the serialiser keeping only declared keys.
  result.properties.value = { description: (result.properties.value as { description?: string }).description };
  if (view === 'compact') {
    s.title = 'AssessmentCompact';
    s.description = `${s.description ?? ''} Compact view: indicator results without the rubric's static fields (${STATIC_RESULT_FIELDS.join(', ')}), which GET /rubrics/:id holds.`;
    for (const f of STATIC_RESULT_FIELDS) delete result.properties[f];
    result.required = (result.required ?? []).filter((f) => !(STATIC_RESULT_FIELDS as readonly string[]).includes(f));
  }
  return s;
}

const SCHEMAS_BY_VIEW = { full: viewSchema('full'), compact: viewSchema('compact') };

/** The two response schemas, added to the app as shared schemas. */
export const SCORE_SCHEMAS: Readonly<Record<ScoreView, object>> = SCHEMAS_BY_VIEW;

/** References to them, for a route's response and for compiling a serialiser once. */
export const SCORE_RESPONSE: Readonly<Record<ScoreView, { $ref: string }>> = {
  full: { $ref: `${SCHEMA_BASE}assessment-full.json#` },
  compact: { $ref: `${SCHEMA_BASE}assessment-compact.json#` },
};

type Serializer = (data: unknown) => string;

/**
 * The serialiser of a view's response schema, for the app's serialiser factory (app.ts): the fields of an indicator result
 * its schema declares, the rest of the assessment as it is, written by JSON.stringify. Undefined for any other schema.
 */
export function scoreSerializer(schema: unknown): Serializer | undefined {
  const ref = (schema as { $ref?: unknown } | null)?.$ref;
  const view = SCORE_VIEWS.find((v) => SCORE_RESPONSE[v].$ref === ref);
  if (!view) return undefined;
  const declared = Object.keys(SCHEMAS_BY_VIEW[view].definitions.IndicatorResult!.properties);
  // The full view declares every field the engine writes: nothing to leave out.
  if (view === 'full') return (data) => JSON.stringify(data);
  const keep = new Set(declared);
  const pick = (r: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const k in r) if (keep.has(k)) out[k] = r[k];
    return out;
  };
  return (data) => {
    const a = data as { results: Array<Record<string, unknown>> };
    return JSON.stringify({ ...a, results: a.results.map(pick) });
  };
}
