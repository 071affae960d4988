// Every workbook the service hands out is rendered here, and only here: routes send what this returns. Each one
// prints when it was made and the chain head at that moment, anchoring the record chain outside the database. The
// work itself runs in a worker thread (render-worker.ts): exceljs builds a workbook synchronously, and a 58-indicator
// template or a county's year would otherwise hold every other request up for 150 ms or more.
import { Worker } from 'node:worker_threads';
import type { AssessmentRecord } from '../domain/records.js';
import { LEVEL_ZH } from '../levels.js';
import { workerEntry } from '../worker-entry.js';
import type { AnnualAccumulation } from '../periods/annual.js';
import type { CountySummary } from '../periods/county.js';
import type { QuarterlyCircular } from '../periods/quarter.js';
import type { Rubric } from '../rubric/model.js';
import type { Unit } from '../schema/generated/submission.js';
import type { ChainService } from './chain.js';
import type { RenderJob, RenderReply } from './render-worker.js';
import type { EvidenceRecord } from '../domain/rectification.js';
import type { RectificationLedger } from '../rectification/ledger.js';
import type { RectificationNotice } from './rectification.js';

/** A file to send: its bytes and the name it is offered under. */
export interface Download {
  bytes: Buffer;
  name: string;
}

export interface TemplateRequest {
  bulk: boolean;
  /** A per-unit print workbook (pre-filled or blank), not for importing. */
  print?: boolean;
  unit?: Unit;
  period?: string;
  units?: Unit[];
}

export class Renderer {
  constructor(
    private readonly chain: ChainService,
    private readonly now: () => Date,
  ) {}

  /** The graded workbook of one record, with the rubric it was scored with (and its evidence files, by hash). */
  async assessment(rec: AssessmentRecord, rubric: Rubric, evidence: readonly EvidenceRecord[] = []): Promise<Download> {
    // A draft says so on every sheet.
    const bytes = await rendered({ kind: 'assessment', assessment: rec.assessment, rubric: ref(rubric), opts: { ...(await this.stamp()), status: rec.status, ...(evidence.length ? { evidence } : {}) } });
    return { bytes, name: `考核结果-${rec.assessment.unit.name}-${rec.period}.xlsx` };
  }

  async county(data: CountySummary): Promise<Download> {
    return { bytes: await rendered({ kind: 'county', data, opts: await this.stamp() }), name: `县级汇总-${data.rubric.title}-${data.period}.xlsx` };
  }

  async quarterly(data: QuarterlyCircular): Promise<Download> {
    return { bytes: await rendered({ kind: 'quarterly', data, opts: await this.stamp() }), name: `季度通报-${data.rubric.title}-${data.year}Q${data.quarter}.xlsx` };
  }

  async annual(data: AnnualAccumulation): Promise<Download> {
    return { bytes: await rendered({ kind: 'annual', data, opts: await this.stamp() }), name: `年度累计-${data.rubric.title}-${data.year}.xlsx` };
  }

  /** The county's 整改台账. */
  async ledger(data: RectificationLedger & { evidence?: EvidenceRecord[] }): Promise<Download> {
    return { bytes: await rendered({ kind: 'ledger', data, opts: await this.stamp() }), name: `整改台账-${data.county.name}${data.rubric ? `-${data.rubric.title}` : ''}-${data.as_of}.xlsx` };
  }

  /** A unit's 整改通知书. */
  async notice(data: RectificationNotice & { evidence?: EvidenceRecord[] }): Promise<Download> {
    return { bytes: await rendered({ kind: 'notice', data, opts: await this.stamp() }), name: `整改通知书-${data.unit.name}-${data.issued_on}.xlsx` };
  }

  /** A blank inspection workbook (or a bulk sheet for a whole county month). */
  async template(r: Rubric, t: TemplateRequest): Promise<Download> {
    const bytes = await rendered({ kind: 'template', rubric: ref(r), bulk: t.bulk, ...(t.print ? { print: true } : {}), ...(t.unit ? { unit: t.unit } : {}), ...(t.period ? { period: t.period } : {}), ...(t.units ? { units: t.units } : {}) });
    const kind = t.print ? '逐单位打印表' : t.bulk ? '批量录入表' : '检查表';
    return { bytes, name: `${r.title}${kind}${t.unit ? `-${t.unit.name}(${LEVEL_ZH[t.unit.level]})` : ''}${t.period ? `-${t.period}` : ''}.xlsx` };
  }

  /** The chain head is read only when a workbook is made: a JSON answer prints none. */
  private async stamp(): Promise<{ generatedAt: Date; chainHead: string }> {
    return { generatedAt: this.now(), chainHead: await this.chain.head() };
  }
}

const ref = (r: Rubric) => ({ hash: r.hash, definition: r.definition });

// One worker for the process, started on the first render and kept (unreferenced while idle, so it never keeps the
// process alive); jobs queue in its message port. If it dies, what it held fails and the next job starts another.
const ENTRY = workerEntry(import.meta.url, 'render');
interface RenderThread {
  worker: Worker;
  pending: Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>;
}
let thread: RenderThread | undefined;
let nextJob = 1;

function renderThread(): RenderThread {
  if (thread) return thread;
  const worker = new Worker(ENTRY);
  worker.unref();
  const t: RenderThread = { worker, pending: new Map() };
  const fail = (e: Error) => {
    if (thread === t) thread = undefined;
    for (const p of t.pending.values()) p.reject(e);
    t.pending.clear();
  };
  worker.on('message', (m: RenderReply) => {
    const p = t.pending.get(m.id);
    t.pending.delete(m.id);
    if (t.pending.size === 0) worker.unref();
    if (!p) return;
    if (m.ok) p.resolve(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    else p.reject(Object.assign(new Error(`rendering failed: ${m.message}`), m.stack ? { stack: m.stack } : {}));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`render worker exited with code ${code}`)));
  return (thread = t);
}

function rendered(job: RenderJob): Promise<Buffer> {
  const t = renderThread();
  const id = nextJob++;
  t.worker.ref();
  return new Promise((resolve, reject) => {
    t.pending.set(id, { resolve, reject });
    t.worker.postMessage({ ...job, id });
  });
}

/**
 * Starts the render worker now rather than on the first download (the server calls this once listening), and has it
 * build one template of the rubric given, whose bytes are dropped: the first workbook asked for after a start then
 * waits neither for exceljs to load nor for its writer to run cold. A warm-up that fails costs nothing but itself.
 */
export function prewarmRendering(rubric?: Rubric): void {
  if (!rubric) return void renderThread();
  rendered({ kind: 'template', rubric: ref(rubric), bulk: false }).catch(() => undefined);
}

/** Ends the render worker, for a clean shutdown (a later render starts a new one). */
export async function stopRendering(): Promise<void> {
  const t = thread;
  thread = undefined;
  if (t) await t.worker.terminate();
}

