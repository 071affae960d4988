// The inside of the renderer (render.ts): a long-lived worker thread that turns report data into workbook bytes, so
// exceljs's synchronous work (a county's year is hundreds of milliseconds) never holds the server's event loop.
// Plain data crosses the boundary; rubrics come in as definitions and are normalised here once per hash.
import { parentPort } from 'node:worker_threads';
import type { Assessment } from '../schema/generated/assessment.js';
import { annualWorkbook, assessmentWorkbook, countyWorkbook, quarterlyWorkbook, type ReportOptions } from '../excel/report.js';
import { buildBulkTemplate, buildPrintWorkbook, buildTemplate } from '../excel/template.js';
import { ledgerWorkbook, noticeWorkbook } from '../excel/rectification.js';
import type { EvidenceRecord } from '../domain/rectification.js';
import type { RectificationLedger } from '../rectification/ledger.js';
import type { RectificationNotice } from './rectification.js';
import type { AnnualAccumulation } from '../periods/annual.js';
import type { CountySummary } from '../periods/county.js';
import type { QuarterlyCircular } from '../periods/quarter.js';
import type { Rubric } from '../rubric/model.js';
import { rubricFromDefinition } from '../rubric/parse.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';
import type { Unit } from '../schema/generated/submission.js';

/** A rubric as it crosses: its definition, and its hash to know it by. */
export interface RubricRef {
  hash: string;
  definition: RubricDefinition;
}

export type RenderJob =
  | { kind: 'assessment'; assessment: Assessment; rubric: RubricRef; opts: ReportOptions }
  | { kind: 'county'; data: CountySummary; opts: ReportOptions }
  | { kind: 'quarterly'; data: QuarterlyCircular; opts: ReportOptions }
  | { kind: 'annual'; data: AnnualAccumulation; opts: ReportOptions }
  | { kind: 'template'; rubric: RubricRef; bulk: boolean; print?: boolean; unit?: Unit; period?: string; units?: Unit[] }
  | { kind: 'ledger'; data: RectificationLedger & { evidence?: EvidenceRecord[] }; opts: ReportOptions }
  | { kind: 'notice'; data: RectificationNotice & { evidence?: EvidenceRecord[] }; opts: ReportOptions };

export type RenderReply = { id: number } & ({ ok: true; bytes: Uint8Array } | { ok: false; message: string; stack?: string });

/** Normalised once per content hash (a handful of rubrics, each a few hundred kilobytes at most). */
const rubrics = new Map<string, Rubric>();
const rubricOf = (ref: RubricRef): Rubric => {
  let r = rubrics.get(ref.hash);
  if (!r) rubrics.set(ref.hash, (r = rubricFromDefinition(ref.definition)));
  return r;
};

function render(job: RenderJob): Promise<Buffer> {
  switch (job.kind) {
    case 'assessment':
      return assessmentWorkbook(job.assessment, rubricOf(job.rubric), job.opts);
    case 'county':
      return countyWorkbook(job.data, job.opts);
    case 'quarterly':
      return quarterlyWorkbook(job.data, job.opts);
    case 'annual':
      return annualWorkbook(job.data, job.opts);
    case 'ledger':
      return ledgerWorkbook(job.data, job.opts);
    case 'notice':
      return noticeWorkbook(job.data, job.opts);
    case 'template': {
      const r = rubricOf(job.rubric);
      const period = job.period ? { period: job.period } : {};
      if (job.bulk || job.print) return (job.print ? buildPrintWorkbook : buildBulkTemplate)(r, { ...period, units: job.units ?? (job.unit ? [job.unit] : []) });
      return buildTemplate(r, { ...(job.unit ? { unit: job.unit } : {}), ...period });
    }
  }
}

const port = parentPort!;
port.on('message', async (job: RenderJob & { id: number }) => {
  try {
    const bytes = new Uint8Array(await render(job));
    port.postMessage({ id: job.id, ok: true, bytes } satisfies RenderReply, [bytes.buffer as ArrayBuffer]);
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    port.postMessage({ id: job.id, ok: false, message: err.message, ...(err.stack ? { stack: err.stack } : {}) } satisfies RenderReply);
  }
});
