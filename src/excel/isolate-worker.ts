// The inside of an isolated import (isolate.ts): one job per worker, sent once it is ready, answered with one message.
// Only plain data crosses the thread boundary: rubric definitions come in and are normalised again here, and the
// result goes back without its Rubric, which the parent already holds.
import { parentPort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AuditError } from '../errors.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import { validateSchema } from '../schema/validate.js';
import { importWorkbook } from './import.js';
import type { OpenLimits } from './open.js';
import { readUnitList } from './units.js';
import { checkEvidence } from '../evidence/check.js';

export type Job =
  | { kind: 'assessments'; bytes: Uint8Array; rubric?: RubricDefinition; rubrics: Map<string, RubricDefinition>; onlyValid: boolean; limits: OpenLimits }
  | { kind: 'units'; bytes: Uint8Array; limits: OpenLimits }
  | { kind: 'evidence'; bytes: Uint8Array; name: string; declared?: string };

export type Reply =
  | { type: 'ready' }
  | { type: 'done'; value: unknown }
  | { type: 'refused'; code: AuditError['code']; message: string; problems: AuditError['problems'] }
  | { type: 'failed'; name: string; message: string; stack?: string };

async function run(job: Job): Promise<unknown> {
  if (job.kind === 'units') return readUnitList(job.bytes, job.limits);
  // Evidence files (photos, PDFs): typed by their bytes, and images decoded to prove they are images.
  if (job.kind === 'evidence') return checkEvidence(job.bytes, job.name, job.declared);
  // Normalised only when asked for: most imports name one rubric of several.
  const normalised = new Map<string, Rubric>();
  const resolve = (id: string): Rubric | undefined => {
    const def = job.rubrics.get(id);
    if (!def) return undefined;
    if (!normalised.has(id)) normalised.set(id, rubricFromDefinition(def));
    return normalised.get(id);
  };
  const res = await importWorkbook(job.bytes, { resolve, ...(job.rubric ? { rubric: rubricFromDefinition(job.rubric) } : {}), onlyValid: job.onlyValid }, job.limits);
  const { rubric, ...rest } = res;
  return { ...rest, rubricId: rubric.id };
}

/**
 * Done before the worker says it is ready, so a spare does it while it waits rather than during the upload: exceljs
 * loads its reader's modules on the first workbook it reads, and the schema validators are made on first use.
 */
async function warm(): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('warm').getCell('A1').value = 1;
  await new ExcelJS.Workbook().xlsx.load(await book.xlsx.writeBuffer());
  validateSchema('rubric', {});
  validateSchema('submission', {});
}

const port = parentPort!;
await warm();
// Loaded and waiting: a worker may be started ahead of the upload it will serve, and still serves only that one.
port.postMessage({ type: 'ready' } satisfies Reply);
port.once('message', async (job: Job) => {
  try {
    port.postMessage({ type: 'done', value: await run(job) } satisfies Reply);
  } catch (e) {
    if (e instanceof AuditError) port.postMessage({ type: 'refused', code: e.code, message: e.message, problems: e.problems } satisfies Reply);
    else {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ type: 'failed', name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } satisfies Reply);
    }
  }
});
