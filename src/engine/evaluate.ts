// assess(rubric, submission) -> Assessment. Pure: no files, clock, network or database.
import type { Rubric } from '../rubric/model.js';
import type { Assessment } from '../schema/generated/assessment.js';
import { compiledRubric } from './compile.js';
import type { AssessOptions } from './exemptions.js';

/**
 * options.exemptions: the unit's exemptions (暂缓/豁免) for this period, judged valid or expired by the caller; a
 * valid one makes its indicator 不适用 citing it, and every one given is listed in the assessment. The rubric is
 * compiled on its first assessment and the evaluator kept with it (compile.ts).
 */
export function assess(rubric: Rubric, input: unknown, options?: AssessOptions): Assessment {
  return compiledRubric(rubric).assess(input, options);
}
