// A rubric document — a definition, or a county's tailoring of one — turned into a checked definition with the
// transcriptions it cites. Where the cited files and extended rubrics come from is the caller's: files beside a
// rubric (load.ts), an upload, or the store.
import { AuditError, type Problem } from '../errors.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import type { Tailoring } from '../schema/generated/tailoring.js';
import { validateSchema } from '../schema/validate.js';
import type { ParsedDocument } from '../source/document.js';
import { authoringProblems } from './consistency.js';
import { definitionProblems } from './parse.js';
import { citedFiles, quoteProblems } from './quotes.js';
import { extendsRef, tailor } from './tailor.js';
import { indicatorSites } from './walk.js';

/** A rubric with the transcriptions it cites, as read: what an upload or a template carries too. */
export interface RubricSource {
  definition: RubricDefinition;
  transcriptions: ReadonlyMap<string, string>;
}

export interface SourceContext {
  /** The text of a cited transcription (standards/<file>), or undefined when it is not there. */
  read(cited: string): Promise<string | undefined>;
  /** The rubric a tailoring extends, by id; its version is checked here. */
  base(id: string): Promise<RubricSource | undefined>;
}

export const isTailoring = (data: unknown): boolean => data !== null && typeof data === 'object' && !Array.isArray(data) && 'extends' in data;

/** Checks a parsed document and returns its definition and transcriptions; every problem is thrown at once, located. */
export async function rubricSource(doc: ParsedDocument, ctx: SourceContext, shown: string): Promise<RubricSource> {
  const invalid = (problems: Problem[], located: Problem[] = []): never => {
    const all = [...doc.locate(problems), ...located].map((p) => ({ ...p, file: shown }));
    throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无效：共 ${all.length} 处问题`, all);
  };
  let definition: RubricDefinition;
  const transcriptions = new Map<string, string>();
  // A tailoring's quotations to check are those it adds; the rubric it extends was checked when it was loaded.
  let added: Set<string> | undefined;
  if (isTailoring(doc.data)) {
    const valid = validateSchema('tailoring', doc.data);
    if (!valid.ok) return invalid(valid.problems);
    const t: Tailoring = valid.value;
    const ref = extendsRef(t);
    const base = await ctx.base(ref.id);
    if (!base) return invalid([{ code: 'EXTENDS', path: '/extends', message: `找不到被调整的评分标准“${ref.id}”（应放在同一文件夹或随软件提供）` }]);
    if (base.definition.version !== ref.version) {
      return invalid([{ code: 'EXTENDS', path: '/extends', message: `评分标准“${ref.id}”现有版本为 ${base.definition.version}，不是 ${ref.version}：请按现有版本重新核对调整内容后改写 extends` }]);
    }
    const tailored = tailor(base.definition, t);
    if (!tailored.definition) return invalid(tailored.problems);
    const checked = definitionProblems(tailored.definition);
    // The adjusted rubric's own problems point into the result, not into this file: said so in each message.
    if (!checked.def) return invalid([], checked.problems.map((p) => ({ ...p, message: `调整后的评分标准 ${p.path}：${p.message}` })));
    definition = checked.def;
    for (const [k, v] of base.transcriptions) transcriptions.set(k, v);
    const before = new Set(indicatorSites(base.definition).map((x) => x.def.id));
    added = new Set(indicatorSites(definition).map((x) => x.def.id).filter((id) => !before.has(id)));
  } else {
    const checked = definitionProblems(doc.data);
    if (!checked.def) return invalid(checked.problems);
    definition = checked.def;
  }
  for (const cited of citedFiles(definition, added).keys()) {
    if (transcriptions.has(cited)) continue;
    const text = await ctx.read(cited);
    if (text !== undefined) transcriptions.set(cited, text);
  }
  const quotes = [...quoteProblems(definition, (f) => transcriptions.get(f), added), ...authoringProblems(definition)];
  if (quotes.length > 0) return isTailoring(doc.data) ? invalid([], quotes) : invalid(quotes);
  return { definition, transcriptions };
}
