// The package entry (package.json "exports" -> dist/index.js): score without the service. Load a rubric once, by
// id (a bundled rubric, or one in the folder given) or by path, then assess any number of submissions against it.
//
//   import { assess, loadRubric } from 'bianmin-audit';
//   const rubric = await loadRubric('township-center-2022');
//   const assessment = assess(rubric, submission); // throws AuditError (code SUBMISSION_INVALID, .problems) if invalid
//   const compiled = compileRubric(rubric);        // compiled whole at once, for many submissions
//   compiled.assess(submission);
export { resolveRubric as loadRubric, DEFAULT_RUBRICS_DIR } from './rubric/load.js';
export { assess } from './engine/evaluate.js';
export { compileRubric, type CompiledRubric } from './engine/compile.js';
export { AuditError, type ErrorCode, type Problem } from './errors.js';
export { ENGINE_VERSION } from './engine/version.js';
export type { AssessOptions, ExemptionInput } from './engine/exemptions.js';
export type { Indicator, Rubric } from './rubric/model.js';
export type { Assessment, GradeResult, IndicatorResult, TierResult } from './schema/generated/assessment.js';
export type { Submission } from './schema/generated/submission.js';
export type { RubricDefinition } from './schema/generated/rubric.js';
