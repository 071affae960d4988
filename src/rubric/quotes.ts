// A rubric is faithful to its source: every line of every indicator's text is a verbatim sentence of the cited
// transcription, and every heading a hierarchical citation names (heading › heading › item) is in it. Pure: the
// caller supplies the transcriptions (from files beside the rubric, an upload, or the store).
import type { Problem } from '../errors.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { indicatorSites } from './walk.js';

/**
 * Every cited file, with the JSON pointer of its first citation (for a missing-file problem). With `only`, just the
 * files those indicators cite (a tailoring's additions: the rubric it extends was checked when it was loaded).
 */
export function citedFiles(def: RubricDefinition, only?: ReadonlySet<string>): Map<string, string> {
  const cited = new Map<string, string>(only ? [] : [[def.source.file, '/source/file']]);
  for (const { def: ind, pointer } of indicatorSites(def)) if ((!only || only.has(ind.id)) && !cited.has(ind.source.file)) cited.set(ind.source.file, `${pointer}/source/file`);
  return cited;
}

/** Problems with the quotations, given the text of each cited file (undefined when it could not be found). */
export function quoteProblems(def: RubricDefinition, text: (file: string) => string | undefined, only?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const [file, path] of citedFiles(def, only)) {
    if (text(file) === undefined) problems.push({ code: 'CITATION_MISSING', path, message: `引用的标准原文“${file}”不存在（应放在评分标准所在文件夹的 ${file}）` });
  }
  for (const { def: ind, pointer } of indicatorSites(def)) {
    if (only && !only.has(ind.id)) continue;
    const source = text(ind.source.file);
    if (source === undefined) continue;
    ind.text.split('\n').forEach((line, i) => {
      const at = { path: `${pointer}/text`, indicator: ind.id };
      if (line === '' || line !== line.trim()) problems.push({ code: 'QUOTE_NOT_FOUND', ...at, message: `指标 ${ind.id} 原文第 ${i + 1} 行为空或首尾有空格：每行应是原文中的一句` });
      else if (!source.includes(line)) problems.push({ code: 'QUOTE_NOT_FOUND', ...at, message: `指标 ${ind.id} 引用的“${line.length > 30 ? `${line.slice(0, 30)}…` : line}”在 ${ind.source.file} 中找不到：须逐字引用原文` });
    });
    for (const heading of ind.source.part.split(' › ').slice(0, -1)) {
      if (!source.includes(heading)) problems.push({ code: 'QUOTE_NOT_FOUND', path: `${pointer}/source/part`, indicator: ind.id, message: `出处中的标题“${heading}”在 ${ind.source.file} 中找不到` });
    }
  }
  return problems;
}
