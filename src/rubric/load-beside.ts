// A rubric file whose transcriptions are kept beside it: my-county.yaml with standards/my-county.md.
import { dirname } from 'node:path';
import { loadRubricFile } from './load.js';
import type { Rubric } from './model.js';

/**
 * Loads a rubric citing the standards/ folder beside it. loadRubricFile here takes the folder citations are read
 * from as its second argument; once citations are read relative to the rubric's own folder in load.ts (issue 10),
 * it takes only the file and this is loadRubricFile(file): the extra argument is then ignored.
 */
export const loadBeside = (file: string): Promise<Rubric> => (loadRubricFile as (file: string, root?: string) => Promise<Rubric>)(file, dirname(file));
