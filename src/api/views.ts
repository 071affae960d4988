// What POST /score answers, in two views, each written by a Fastify response schema (fast-json-stringify):
// - full (the default): the assessment as the engine made it, every indicator result whole;
// - compact (?view=compact): each indicator result without what its rubric says of it and every result repeats
//   (title, section heading chain, the tiers it is necessary for, requirement, veto mark, weight), which
//   GET /rubrics/:id holds once. Everything judged from the submission stays: status, value, note, reason and its
//   code, credit, tier outcomes, shortfalls, missing items, points, computed values, self-scores.
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

/** The two response schemas, added to the app as shared schemas. */
export const SCORE_SCHEMAS: Readonly<Record<ScoreView, object>> = { full: viewSchema('full'), compact: viewSchema('compact') };

/** References to them, for a route's response and for compiling a serialiser once. */
export const SCORE_RESPONSE: Readonly<Record<ScoreView, { $ref: string }>> = {
  full: { $ref: `${SCHEMA_BASE}assessment-full.json#` },
  compact: { $ref: `${SCHEMA_BASE}assessment-compact.json#` },
};
