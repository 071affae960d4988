// The inside of an isolated import (isolate.ts): one job per worker, sent once it is ready, answered with one message.
// Only plain data crosses the thread boundary: rubric definitions come in and are normalised again here, and the
// result goes back without its Rubric, which the parent already holds.
import { parentPort, workerData } from 'node:worker_threads';
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

/** What a spare warms its reader with (isolate.ts): a rubric, and its template's bytes once a first spare has made them. */
export interface Warmup {
  rubric: RubricDefinition;
  template?: Uint8Array;
}

export type Reply =
  | { type: 'ready' }
  | { type: 'warmed'; template: Uint8Array }
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

/**
 * Done after the worker says it is ready, while it waits: one import of a rubric's template, so the upload it serves
 * runs through code the JIT has already seen (styles, merges, validation lists, a template's fields); measured, the
 * upload's import then takes about half as long. Skipped once a job has come (it would only compete with it), and
 * only an optimisation: if it fails, the job is served cold. Answers the template's bytes when it made them, so that
 * later spares are given them rather than build them again.
 */
async function warmOn(warmup: Warmup, busy: () => boolean): Promise<Uint8Array | undefined> {
  try {
    const rubric = rubricFromDefinition(warmup.rubric);
    // The template writer is loaded only by the spare that builds it: the others are given its bytes, and a worker
    // started on a job's own path never warms.
    const template = warmup.template ?? new Uint8Array(await (await import('./template.js')).buildTemplate(rubric));
    if (busy()) return undefined;
    // An empty template: every field read and found unanswered, which is an answer, not an error.
    await importWorkbook(template, { resolve: () => rubric, rubric }, {});
    return warmup.template ? undefined : template;
  } catch {
    return undefined;
  }
}

const port = parentPort!;
await warm();
// Loaded and waiting: a worker may be started ahead of the upload it will serve, and still serves only that one.
port.postMessage({ type: 'ready' } satisfies Reply);
let busy = false;
port.once('message', async (job: Job) => {
  busy = true;
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
const warmup = workerData as Warmup | undefined;
if (warmup) {
  const template = await warmOn(warmup, () => busy);
  if (template && !busy) port.postMessage({ type: 'warmed', template } satisfies Reply);
}
