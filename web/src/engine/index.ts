// The one engine, client and server: the browser scores with the same modules the API runs (src/engine and the
// rubric built from the definition the API returns), so a live score equals what the server stores. Only this
// folder reaches into ../src; it imports the engine, the rubric builder, the answer-field model and generated types,
// never the server's internals.
export { assess } from '../../../src/engine/evaluate.js';
export type { AssessOptions, ExemptionInput } from '../../../src/engine/exemptions.js';
export { readAnswer } from '../../../src/engine/answers.js';
export { rubricFromDefinition } from '../../../src/rubric/parse.js';
// The field model (a check split into simple inputs); the generic form input is driven by it.
export { assembleAnswer, requirementText, rubricFields, splitAnswer, type Field, type FieldInput } from '../../../src/excel/fields.js';
export { AuditError } from '../../../src/errors.js';
export * from './light.js';
export type { Indicator, NormCheck, Rubric } from '../../../src/rubric/model.js';
export type { Assessment, IndicatorResult, TierResult } from '../../../src/schema/generated/assessment.js';
export type { AnswerValue, Submission } from '../../../src/schema/generated/submission.js';
export type { RubricDefinition } from '../../../src/schema/generated/rubric.js';
export { convertLength } from '../../../src/checks/dimension.js';
export { answerUnit as frequencyUnit } from '../../../src/checks/frequency.js';
