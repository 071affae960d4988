// Uploaded workbooks are parsed in a worker thread with its own heap limit and a time limit, so a file that gets
// past the zip scan and still makes exceljs grow or spin costs one terminated worker, not the server. Each job
// gets a fresh worker: nothing a hostile file did to one parse can be seen by the next. A worker costs about a
// second to start (exceljs and the schema validators load), so one spare is kept started and waiting (and, while it
// waits, reads a template of the rubric last imported, so the upload's own read runs warm), and the zip
// scan, which is safe on any input and bounded in memory, runs here first: garbage and zip bombs never use one.
import { type ResourceLimits, Worker } from 'node:worker_threads';
import { AuditError } from '../errors.js';
import { workerEntry } from '../worker-entry.js';
import { importRefusal } from './refusal.js';
import type { Rubric } from '../rubric/model.js';
import type { UnitRecord } from '../domain/units.js';
import type { ImportResult } from './import.js';
import type { Job, Reply, Warmup } from './isolate-worker.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import type { OpenLimits } from './open.js';
import { scanXlsx, XLSX_LIMITS } from './zipscan.js';
import type { CheckedEvidence } from '../evidence/check.js';

export const ISOLATION_DEFAULTS = {
  /** Parse time, counted from when the worker has loaded its modules. */
  timeoutMs: 20_000,
  resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 } satisfies ResourceLimits,
  /** Time a worker may take to load its modules; past it the service is at fault, not the file. */
  startupMs: 60_000,
  /** Parses at once: each may take the heap above, so more would only trade a refusal for swapping. */
  maxConcurrent: 2,
  /** Uploads held waiting for a slot; each holds its bytes, so past this the service says it is busy (503). */
  maxWaiting: 16,
  /** One uploader's share of the waiting places, so one token cannot fill the queue for everyone else. */
  maxWaitingPerOwner: 4,
} as const;

/** How many parse at once and how many may wait: the defaults above unless a deployment (or a test) says otherwise. */
const queueLimits: { maxConcurrent: number; maxWaiting: number; maxWaitingPerOwner: number } = {
  maxConcurrent: ISOLATION_DEFAULTS.maxConcurrent,
  maxWaiting: ISOLATION_DEFAULTS.maxWaiting,
  maxWaitingPerOwner: ISOLATION_DEFAULTS.maxWaitingPerOwner,
};
export function configureIsolationQueue(limits: Partial<typeof queueLimits>): void {
  Object.assign(queueLimits, limits);
}

export interface IsolationOptions {
  timeoutMs?: number;
  resourceLimits?: ResourceLimits;
  /** Limits of the zip scan and of the loaded sheets (open.ts), when not the defaults. */
  limits?: OpenLimits;
  /** Who uploaded (a token's digest): one parse at a time each, and a share of the queue. Unowned jobs are each their own. */
  owner?: string;
}

export interface IsolatedImportOptions {
  /** The rubrics a template may name, by id (ImportOptions.resolve, as data that can cross into the worker). */
  rubrics: ReadonlyMap<string, Rubric>;
  rubric?: Rubric;
  onlyValid?: boolean;
}

/** importWorkbook, run in a worker: the same result, or the same AuditError. */
export async function importWorkbookIsolated(bytes: Uint8Array, opts: IsolatedImportOptions, o: IsolationOptions = {}): Promise<ImportResult> {
  const job: Job = {
    kind: 'assessments',
    bytes: copy(bytes),
    ...(opts.rubric ? { rubric: opts.rubric.definition } : {}),
    rubrics: new Map([...opts.rubrics].map(([id, r]) => [id, r.definition])),
    onlyValid: opts.onlyValid ?? false,
    limits: o.limits ?? {},
  };
  const { rubricId, ...rest } = (await runIsolated(job, o)) as Omit<ImportResult, 'rubric'> & { rubricId: string };
  // The worker normalised its own copy; the caller gets back the very Rubric it passed in.
  const rubric = opts.rubric ?? opts.rubrics.get(rubricId);
  if (!rubric) throw new Error(`import worker answered with unknown rubric ${rubricId}`);
  warmWith(rubric.definition);
  return { ...rest, rubric };
}

/** readUnitList, run in a worker. */
export async function readUnitsIsolated(bytes: Uint8Array, o: IsolationOptions = {}): Promise<Array<Partial<UnitRecord>>> {
  return (await runIsolated({ kind: 'units', bytes: copy(bytes), limits: o.limits ?? {} }, o)) as Array<Partial<UnitRecord>>;
}

/**
 * An evidence file (photo or document), checked in a worker like a workbook: its type from its bytes, and an image
 * decoded to prove it is one. The file itself is not kept there; the caller stores the bytes it sent.
 */
export async function checkEvidenceIsolated(bytes: Uint8Array, name: string, declared: string | undefined, o: IsolationOptions = {}): Promise<CheckedEvidence> {
  return (await runIsolated({ kind: 'evidence', bytes: copy(bytes), name, ...(declared ? { declared } : {}) }, o)) as CheckedEvidence;
}

// A private copy whose buffer can be moved to the worker (a Buffer may be a view into a shared pool).
const copy = (bytes: Uint8Array) => new Uint8Array(bytes);

// The compiled worker, or from the sources a plain module that loads it through tsx (see worker-entry.ts).
const WORKER = workerEntry(import.meta.url, 'isolate');

const COMPLEX = '请删除无关的工作表、格式和合并单元格，或拆分后分批导入';
const seconds = (ms: number) => (ms / 1000).toLocaleString('zh-CN', { maximumFractionDigits: 3 });

/**
 * The parse slots, shared fairly: an owner has at most one parse running and at most its share of the waiting places,
 * and a freed slot goes to the owner who has waited longest for a turn (round robin), not to whoever sent the most.
 */
const slots = {
  running: new Set<string | symbol>(),
  /** Waiting jobs by owner; the map's order is the order owners get their next turn. */
  waiting: new Map<string | symbol, Array<() => void>>(),
  total: 0,
};

/** Who holds a slot and how many wait per owner (for diagnostics, and tests that must not guess at timing). */
export const isolationQueue = (): { running: Array<string | symbol>; waiting: Array<[string | symbol, number]> } => ({
  running: [...slots.running],
  waiting: [...slots.waiting].map(([owner, jobs]) => [owner, jobs.length]),
});

function dispatch(): void {
  while (slots.running.size < queueLimits.maxConcurrent) {
    let next: string | symbol | undefined;
    for (const owner of slots.waiting.keys()) if (!slots.running.has(owner)) { next = owner; break; }
    if (next === undefined) return;
    const queue = slots.waiting.get(next)!;
    const take = queue.shift()!;
    // To the back of the line: the next free slot goes to another owner first.
    slots.waiting.delete(next);
    if (queue.length) slots.waiting.set(next, queue);
    slots.total--;
    slots.running.add(next);
    take();
  }
}

async function acquire(owner: string | symbol): Promise<void> {
  if (slots.running.size < queueLimits.maxConcurrent && !slots.running.has(owner) && !slots.waiting.has(owner)) {
    slots.running.add(owner);
    return;
  }
  const mine = slots.waiting.get(owner) ?? [];
  if (mine.length >= queueLimits.maxWaitingPerOwner) throw new AuditError('UNAVAILABLE', `您已有 ${mine.length + 1} 个文件在导入或排队，请等前面的文件导入完成后再上传`, []);
  if (slots.total >= queueLimits.maxWaiting) throw new AuditError('UNAVAILABLE', '正在导入的文件过多，请稍后再试', []);
  await new Promise<void>((take) => {
    mine.push(take);
    slots.waiting.set(owner, mine);
    slots.total++;
    dispatch();
  });
}

function release(owner: string | symbol): void {
  slots.running.delete(owner);
  // Whoever just had a turn goes to the back of the line.
  const mine = slots.waiting.get(owner);
  if (mine) {
    slots.waiting.delete(owner);
    slots.waiting.set(owner, mine);
  }
  dispatch();
}

async function runIsolated(job: Job, o: IsolationOptions): Promise<unknown> {
  // Workbooks are zips, scanned before a worker is spent on them; evidence files are not.
  if (job.kind !== 'evidence') await scanXlsx(job.bytes, o.limits?.zip ?? XLSX_LIMITS);
  const owner = o.owner || Symbol('unowned upload');
  await acquire(owner);
  try {
    return await inWorker(job, o.timeoutMs ?? ISOLATION_DEFAULTS.timeoutMs, o.resourceLimits ?? ISOLATION_DEFAULTS.resourceLimits);
  } finally {
    release(owner);
  }
}

interface Started {
  worker: Worker;
  /** True once its modules are loaded and it waits for a job; false if it died first. */
  ready: Promise<boolean>;
}

/** What the next spares warm their reader with (isolate-worker.ts): the rubric of the latest import, else the one given at start. */
let warmup: Warmup | undefined;

/** The warm-up the next spare is given (for diagnostics, and tests that must not guess at timing). */
export const isolationWarmup = (): Readonly<Warmup> | undefined => warmup;

function warmWith(rubric: RubricDefinition): void {
  if (warmup?.rubric !== rubric) warmup = { rubric };
}

/**
 * A worker; a spare (warm) is given the warm-up, which is worth it only ahead of time: done on the job's own path it
 * costs more than it saves, and a job with limits of its own may not have room for it.
 */
function start(resourceLimits: ResourceLimits, warm = false): Started {
  const given = warm ? warmup : undefined;
  const worker = new Worker(WORKER, { resourceLimits, ...(given ? { workerData: given } : {}) });
  // An idle spare must not keep the process alive; a worker with a job is ref'd again.
  worker.unref();
  // The template the first spare made is handed to the next ones, which then need not build it.
  if (given && !given.template) worker.on('message', (m: Reply) => m.type === 'warmed' && warmup === given && (given.template ??= m.template));
  const ready = new Promise<boolean>((resolve) => {
    worker.once('message', (m: Reply) => resolve(m.type === 'ready'));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  return { worker, ready };
}

/** One fresh worker started ahead (default limits only), so an upload does not wait the second a start takes. */
let spare: Started | undefined;

const sameLimits = (a: ResourceLimits) =>
  a.maxOldGenerationSizeMb === ISOLATION_DEFAULTS.resourceLimits.maxOldGenerationSizeMb && a.maxYoungGenerationSizeMb === ISOLATION_DEFAULTS.resourceLimits.maxYoungGenerationSizeMb && a.codeRangeSizeMb === undefined && a.stackSizeMb === undefined;

/**
 * Starts the spare now (the server calls this at start-up); later ones are started as each job ends. With a rubric,
 * spares warm their reader on its template until an import names another.
 */
export function prewarmIsolation(rubric?: RubricDefinition): void {
  if (rubric) warmWith(rubric);
  spare ??= start(ISOLATION_DEFAULTS.resourceLimits, true);
}

/** Ends the spare, for a clean shutdown. */
export async function stopIsolation(): Promise<void> {
  const s = spare;
  spare = undefined;
  if (s) await s.worker.terminate();
}

/** The spare when it fits; the next spare is started once this job is over (inWorker), not to compete with it. */
function take(resourceLimits: ResourceLimits): Started {
  if (!sameLimits(resourceLimits)) return start(resourceLimits);
  const taken = spare ?? start(resourceLimits);
  spare = undefined;
  return taken;
}

async function inWorker(job: Job, timeoutMs: number, resourceLimits: ResourceLimits): Promise<unknown> {
  const { worker, ready } = take(resourceLimits);
  worker.ref();
  let timer: NodeJS.Timeout | undefined;
  const loaded = await Promise.race([ready, new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ISOLATION_DEFAULTS.startupMs)))]);
  clearTimeout(timer);
  if (!loaded) {
    await worker.terminate();
    // Not the file's fault: the service could not start a reader.
    throw new Error(`import worker did not become ready within ${ISOLATION_DEFAULTS.startupMs} ms`);
  }
  return new Promise((resolve, reject) => {
    let settled = false;
    // The worker is gone before the caller hears anything, whatever the outcome.
    const finish = (error: Error | null, value?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const answer = () => (error ? reject(error) : resolve(value));
      void worker.terminate().then(answer, answer);
      prewarmIsolation();
    };
    // Anything the reader did not foresee is still this file's fault once the worker is running; the
    // cause is kept for the log.
    const evidence = job.kind === 'evidence';
    const unreadable = (cause: Error) => {
      const e = evidence ? new AuditError('BAD_REQUEST', '文件内容无法识别为完好的图片或 PDF', []) : importRefusal('NOT_XLSX', '文件内容无法识别：请在 Excel 或 WPS 中重新保存为 .xlsx 后再导入');
      e.cause = cause;
      return e;
    };
    const tooComplex = (why: string) => (evidence ? new AuditError('BAD_REQUEST', `图片过于复杂，${why}：请缩小或另存后再上传`, []) : importRefusal('TOO_COMPLEX', `文件过于复杂，${why}：${COMPLEX}`));
    worker.on('message', (m: Reply) => {
      switch (m.type) {
        case 'ready':
        case 'warmed':
          return;
        case 'done':
          return finish(null, m.value);
        case 'refused':
          return finish(new AuditError(m.code, m.message, m.problems));
        case 'failed':
          return finish(unreadable(Object.assign(new Error(m.message), { name: m.name, stack: m.stack })));
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') finish(tooComplex('读取时超出了内存上限'));
      else finish(unreadable(e));
    });
    worker.on('exit', (code) => finish(unreadable(new Error(`import worker exited with code ${code} without an answer`))));
    timer = setTimeout(() => finish(tooComplex(`未能在 ${seconds(timeoutMs)} 秒内读完`)), timeoutMs);
    worker.postMessage(job, [job.bytes.buffer as ArrayBuffer]);
  });
}
