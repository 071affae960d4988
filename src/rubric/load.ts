// The only place rubrics are read from disk. Everything below it takes data, not paths.
import { access, readdir, readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditError, formatProblem } from '../errors.js';
import { readDocument } from '../source/files.js';
import type { Rubric } from './model.js';
import { cachedDefinition, digestOf, keepDefinition, LOOKED_FOR_BASE, type Reads } from './cache.js';
import { normalise } from './normalise.js';
import { rubricSource, type RubricSource } from './source.js';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DEFAULT_RUBRICS_DIR = join(PACKAGE_ROOT, 'rubrics');

const display = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
};

export type { RubricSource } from './source.js';

/**
 * Loads a rubric file. Citations (standards/<file>) are read relative to the rubric's own folder, or the folder
 * above it: a county keeps my-county.yaml beside standards/my-county.md, and the package keeps rubrics/ beside
 * standards/. Every quotation is checked against the text it cites. A tailoring (extends: id@version) finds the
 * rubric it extends beside it, or among the bundled ones.
 */
export async function loadRubricFile(file: string): Promise<Rubric> {
  const path = resolve(file);
  const cached = await cachedDefinition(path);
  if (cached) return normalise(cached.definition, cached.hash);
  const reads: Reads = new Map();
  const { definition } = await readRubricSource(file, 0, reads);
  const rubric = normalise(definition);
  await keepDefinition(path, reads, definition, rubric.hash);
  return rubric;
}

/** `reads` collects what the load looked at besides the file itself (see cache.ts). */
export async function readRubricSource(file: string, depth = 0, reads?: Reads): Promise<RubricSource> {
  const shown = display(file);
  const { doc, problems } = await readDocument(file);
  if (!doc) throw new AuditError('RUBRIC_INVALID', `评分标准 ${shown} 无法读取或解析`, problems.map((p) => ({ ...p, file: shown })));
  const folder = dirname(file);
  return rubricSource(doc, {
    read: (cited) => readCited(folder, cited, reads),
    base: async (id) => {
      reads?.set(LOOKED_FOR_BASE, '');
      // A tailoring of a tailoring is allowed, a few deep; a loop is not.
      if (depth >= 4) return undefined;
      for (const dir of [folder, DEFAULT_RUBRICS_DIR]) {
        const found = await findFile(dir, id);
        if (found && resolve(found) !== resolve(file)) return readRubricSource(found, depth + 1);
      }
      return undefined;
    },
  }, shown);
}

/** The file in `dir` holding rubric `id`: <id>.yaml, else any YAML file whose id line says so. */
async function findFile(dir: string, id: string): Promise<string | undefined> {
  const names = await readdir(dir).catch(() => [] as string[]);
  if (names.includes(`${id}.yaml`)) return join(dir, `${id}.yaml`);
  for (const n of names.filter((x) => /\.ya?ml$/.test(x))) {
    const text = await readFile(join(dir, n), 'utf8').catch(() => '');
    if (new RegExp(`^id:\\s*['"]?${id.replace(/[-]/g, '\\-')}['"]?\\s*$`, 'm').test(text)) return join(dir, n);
  }
  return undefined;
}

/** A cited file, beside the rubric or one folder up; never outside those (a citation is a plain name under standards/). */
async function readCited(folder: string, cited: string, reads?: Reads): Promise<string | undefined> {
  for (const base of [folder, dirname(folder)]) {
    const path = join(base, cited);
    try {
      const text = await readFile(path, 'utf8');
      reads?.set(path, await digestOf(path));
      return text;
    } catch {
      // not here; try the next place
      reads?.set(path, 'missing');
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

/**
 * The rubrics of several folders (the bundled ones, then a county's RUBRICS_DIR), by id. A rubric that does not
 * load, or that reuses an id an earlier folder has, is left out and said why; nothing is replaced silently.
 */
export async function loadRubricSet(dirs: readonly string[]): Promise<{ rubrics: Map<string, Rubric>; refused: string[] }> {
  const rubrics = new Map<string, Rubric>();
  const refused: string[] = [];
  for (const dir of dirs) {
    for (const l of await listRubrics(dir)) {
      if (l.error) refused.push(`${l.file}: ${l.error.message}${l.error.problems.length ? `\n  ${l.error.problems.slice(0, 20).map(formatProblem).join('\n  ')}` : ''}`);
      else if (rubrics.has(l.rubric!.id)) refused.push(`${l.file}: 评分标准 id“${l.rubric!.id}”已由先加载的文件使用，未加载`);
      else rubrics.set(l.rubric!.id, l.rubric!);
    }
  }
  return { rubrics, refused };
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
