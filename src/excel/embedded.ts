// A template carries its rubric: the definition's canonical JSON, in chunks of the hidden sheet, pinned by the
// content hash beside it. A template made from a county's own rubric file therefore imports without naming the
// rubric again. Only callers that may trust a rubric they have not loaded themselves (the CLI, on the user's own
// files) take it from there; the service looks the hash up in what it knows.
import type { Worksheet } from 'exceljs';
import { canonicalJson, sha256 } from '../canonical.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import { parseText } from '../source/document.js';

const KEY = 'rubric_definition';
/** Below the 32,767 characters a cell may hold. */
const CHUNK = 30_000;

/** Worked out once per rubric: every template of it carries the same rows. */
const made = new WeakMap<Rubric, ReadonlyArray<readonly [string, string]>>();

/** Rows (key, value) that carry the rubric's definition. */
export function embeddedRows(rubric: Rubric): ReadonlyArray<readonly [string, string]> {
  let rows = made.get(rubric);
  if (!rows) {
    const json = canonicalJson(rubric.definition);
    const out: Array<readonly [string, string]> = [];
    for (let i = 0; i * CHUNK < json.length; i++) out.push([`${KEY}:${i}`, json.slice(i * CHUNK, (i + 1) * CHUNK)]);
    made.set(rubric, (rows = out));
  }
  return rows;
}

export function writeEmbedded(ws: Worksheet, rubric: Rubric, firstRow: number): void {
  embeddedRows(rubric).forEach(([k, v], i) => {
    ws.getCell(firstRow + i, 1).value = k;
    ws.getCell(firstRow + i, 2).value = v;
  });
}

/**
 * The rubric a template carries, if it carries one whose content hashes to `hash`; undefined otherwise (an
 * older template, or one whose chunks were edited). It passes the same checks as any rubric definition.
 */
export function readEmbedded(meta: ReadonlyMap<string, string>, hash: string): Rubric | undefined {
  const parts: string[] = [];
  for (let i = 0; meta.has(`${KEY}:${i}`); i++) parts.push(meta.get(`${KEY}:${i}`)!);
  if (parts.length === 0) return undefined;
  const { doc } = parseText(parts.join(''));
  if (!doc) return undefined;
  if (sha256(canonicalJson(doc.data)) !== hash) return undefined;
  try {
    return rubricFromDefinition(doc.data);
  } catch {
    return undefined;
  }
}
