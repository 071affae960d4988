// The only place rubrics are read from disk. Everything below it takes data, not paths.
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditError, type Problem } from '../errors.js';
import { readDocument } from '../source/files.js';
import type { Rubric } from './model.js';
import { normalise } from './normalise.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { definitionProblems } from './parse.js';
import { citedFiles, quoteProblems } from './quotes.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RUBRICS_DIR = join(PACKAGE_ROOT, 'rubrics');

const display = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
};

/** A rubric with the transcriptions it cites, as read: what an upload or a template carries too. */
export interface RubricSource {
  definition: RubricDefinition;
  transcriptions: ReadonlyMap<string, string>;
}

/**
 * Loads a rubric file. Citations (standards/<file>) are read relative to the rubric's own folder, or the folder
 * above it: a county keeps my-county.yaml beside standards/my-county.md, and the package keeps rubrics/ beside
 * standards/. Every quotation is checked against the text it cites.
 */
export async function loadRubricFile(file: string): Promise<Rubric> {
  return normalise((await readRubricSource(file)).definition);
}

export async function readRubricSource(file: string): Promise<RubricSource> {
  const shown = display(file);
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无法读取或解析`, problems.map((p) => ({ ...p, file: shown })));
  const checked = definitionProblems(doc.data);
  const found: Problem[] = [...checked.problems];
  const transcriptions = new Map<string, string>();
  if (checked.def) {
    for (const cited of citedFiles(checked.def).keys()) {
      const text = await readCited(dirname(file), cited);
      if (text !== undefined) transcriptions.set(cited, text);
    }
    found.push(...quoteProblems(checked.def, (f) => transcriptions.get(f)));
  }
  if (found.length > 0) {
    throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无效：共 ${found.length} 处问题`, doc.locate(found).map((p) => ({ ...p, file: shown })));
  }
  return { definition: checked.def!, transcriptions };
}

/** A cited file, beside the rubric or one folder up; never outside those (a citation is a plain name under standards/). */
async function readCited(folder: string, cited: string): Promise<string | undefined> {
  for (const base of [folder, dirname(folder)]) {
    try {
      return await readFile(join(base, cited), 'utf8');
    } catch {
      // not here; try the next place
    }
  }
  return undefined;
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
