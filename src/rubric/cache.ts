// The built package keeps each rubric file it has loaded as its checked definition (node_modules/.cache): loading it
// again, at every start of the service and every CLI run, is then reading JSON instead of parsing YAML, validating it
// and checking every quotation against the standard's text. An entry is used only by the build that wrote it, and
// only while the rubric file and every file its load looked at (the transcriptions it cites, or their absence) hash
// as they did; a tailoring, which looks for the rubric it extends, is not kept. From the sources (tests, tsx) there
// is no cache unless one is set.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RubricDefinition } from '../schema/generated/rubric.js';

/** What a load looked at: each path with its content's SHA-256, or 'missing'; `extends` when it looked for a base. */
export type Reads = Map<string, string>;
export const LOOKED_FOR_BASE = 'extends';

interface Entry {
  reads: Record<string, string>;
  definition: RubricDefinition;
  /** The definition's canonical hash (rubric.hash), kept with it: working it out again is half the cost of a load. */
  hash: string;
}

const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
export const digestOf = async (path: string): Promise<string> => readFile(path).then(sha256, () => 'missing');

let cache: { dir: string; build: string } | undefined = (() => {
  // dist/rubric/cache.js: the build's record of its inputs names the build.
  if (!import.meta.url.endsWith('.js')) return undefined;
  const root = new URL('../../', import.meta.url);
  try {
    return { dir: join(root.pathname, 'node_modules/.cache/bianmin-audit/rubrics'), build: sha256(readFileSync(new URL('dist/build-inputs.json', root))) };
  } catch {
    return undefined;
  }
})();

/** Points the cache somewhere (tests), or turns it off. */
export function setRubricCache(c: { dir: string; build: string } | undefined): void {
  cache = c;
}

const entryFile = (c: { dir: string; build: string }, file: string, digest: string) => join(c.dir, `${sha256(`${c.build}\n${file}\n${digest}`)}.json`);

/** The definition kept for this file and its hash, if every file its load looked at is as it was. */
export async function cachedDefinition(file: string): Promise<{ definition: RubricDefinition; hash: string } | undefined> {
  if (!cache) return undefined;
  try {
    const entry = JSON.parse(await readFile(entryFile(cache, file, await digestOf(file)), 'utf8')) as Entry;
    for (const [path, digest] of Object.entries(entry.reads)) if ((await digestOf(path)) !== digest) return undefined;
    // An entry from before hashes were kept is loaded afresh.
    return typeof entry.hash === 'string' ? { definition: entry.definition, hash: entry.hash } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps a definition that loaded; a cache that cannot be written is no cache, never an error. */
export async function keepDefinition(file: string, reads: Reads, definition: RubricDefinition, hash: string): Promise<void> {
  if (!cache || reads.has(LOOKED_FOR_BASE)) return;
  try {
    mkdirSync(cache.dir, { recursive: true });
    const target = entryFile(cache, file, await digestOf(file));
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ reads: Object.fromEntries(reads), definition, hash } satisfies Entry));
    await rename(temp, target);
  } catch {
    // read-only install, full disk: load from the source next time too
  }
}
