// The only place rubrics are read from disk. Everything below it takes data, not paths.
import { access, readdir } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditError, type Problem } from '../errors.js';
import { readDocument } from '../source/files.js';
import type { Rubric } from './model.js';
import { normalise } from './normalise.js';
import { definitionProblems } from './parse.js';
import { indicatorSites } from './walk.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RUBRICS_DIR = join(PACKAGE_ROOT, 'rubrics');

const display = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
};

export async function loadRubricFile(file: string, root = PACKAGE_ROOT): Promise<Rubric> {
  const shown = display(file);
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无法读取或解析`, problems.map((p) => ({ ...p, file: shown })));
  const checked = definitionProblems(doc.data);
  const found: Problem[] = [...checked.problems];
  if (checked.def) found.push(...(await citationProblems(checked.def, root)));
  if (found.length > 0) {
    throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无效：共 ${found.length} 处问题`, doc.locate(found).map((p) => ({ ...p, file: shown })));
  }
  return normalise(checked.def!);
}

/** Every cited transcription must exist in standards/, so an inspector can always find the source sentence. */
async function citationProblems(def: NonNullable<ReturnType<typeof definitionProblems>['def']>, root: string): Promise<Problem[]> {
  const cited = new Map<string, string>([[def.source.file, '/source/file']]);
  for (const { def: ind, pointer } of indicatorSites(def)) if (!cited.has(ind.source.file)) cited.set(ind.source.file, `${pointer}/source/file`);
  const problems: Problem[] = [];
  for (const [file, path] of cited) {
    try {
      await access(join(root, file));
    } catch {
      problems.push({ code: 'CITATION_MISSING', path, message: `引用的标准原文“${file}”不存在` });
    }
  }
  return problems;
}

export interface RubricListing {
  file: string;
  rubric?: Rubric;
  error?: AuditError;
}

export async function listRubrics(dir = DEFAULT_RUBRICS_DIR): Promise<RubricListing[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return Promise.all(
    names.map(async (n) => {
      const file = join(dir, n);
      try {
        return { file, rubric: await loadRubricFile(file) };
      } catch (e) {
        if (e instanceof AuditError) return { file, error: e };
        throw e;
      }
    }),
  );
}

/** The rubrics that load, by id; those that do not are left out (listRubrics says why). */
export const rubricMap = (listing: readonly RubricListing[]): Map<string, Rubric> => new Map(listing.flatMap((l) => (l.rubric ? [[l.rubric.id, l.rubric] as const] : [])));

/** A rubric by id (looked up in `dir`) or by path to a YAML file. */
export async function resolveRubric(ref: string, dir = DEFAULT_RUBRICS_DIR): Promise<Rubric> {
  if (/\.ya?ml$/.test(ref) || ref.includes('/') || ref.includes('\\')) return loadRubricFile(resolve(ref));
  const direct = join(dir, `${ref}.yaml`);
  try {
    await access(direct);
    return await loadRubricFile(direct);
  } catch (e) {
    if (e instanceof AuditError) throw e;
  }
  const listing = await listRubrics(dir);
  const match = listing.find((l) => l.rubric?.id === ref);
  if (match?.rubric) return match.rubric;
  const known = listing.flatMap((l) => (l.rubric ? [l.rubric.id] : [basename(l.file)]));
  throw new AuditError('RUBRIC_NOT_FOUND', `找不到评分标准“${ref}”`, [
    { code: 'RUBRIC_NOT_FOUND', path: '', message: `找不到评分标准“${ref}”（可用：${known.join('、') || '无'}）` },
  ]);
}
