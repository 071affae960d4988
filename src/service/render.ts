// Every workbook the service hands out is rendered here, and only here: routes send what this returns. Each one
// prints when it was made and the chain head at that moment, anchoring the record chain outside the database.
import type { AssessmentRecord } from '../domain/records.js';
import { assessmentWorkbook, annualWorkbook, countyWorkbook, quarterlyWorkbook } from '../excel/report.js';
import { buildBulkTemplate, buildTemplate } from '../excel/template.js';
import { LEVEL_ZH } from '../levels.js';
import type { AnnualAccumulation } from '../periods/annual.js';
import type { CountySummary } from '../periods/county.js';
import type { QuarterlyCircular } from '../periods/quarter.js';
import type { Rubric } from '../rubric/model.js';
import type { Unit } from '../schema/generated/submission.js';
import type { ChainService } from './chain.js';

/** A file to send: its bytes and the name it is offered under. */
export interface Download {
  bytes: Buffer;
  name: string;
}

export interface TemplateRequest {
  bulk: boolean;
  unit?: Unit;
  period?: string;
  units?: Unit[];
}

export class Renderer {
  constructor(
    private readonly chain: ChainService,
    private readonly now: () => Date,
  ) {}

  /** The graded workbook of one record, with the rubric it was scored with. */
  async assessment(rec: AssessmentRecord, rubric: Rubric): Promise<Download> {
    return { bytes: await assessmentWorkbook(rec.assessment, rubric, await this.stamp()), name: `考核结果-${rec.assessment.unit.name}-${rec.period}.xlsx` };
  }

  async county(summary: CountySummary): Promise<Download> {
    return { bytes: await countyWorkbook(summary, await this.stamp()), name: `县级汇总-${summary.rubric.title}-${summary.period}.xlsx` };
  }

  async quarterly(q: QuarterlyCircular): Promise<Download> {
    return { bytes: await quarterlyWorkbook(q, await this.stamp()), name: `季度通报-${q.rubric.title}-${q.year}Q${q.quarter}.xlsx` };
  }

  async annual(y: AnnualAccumulation): Promise<Download> {
    return { bytes: await annualWorkbook(y, await this.stamp()), name: `年度累计-${y.rubric.title}-${y.year}.xlsx` };
  }

  /** A blank inspection workbook (or a bulk sheet for a whole county month). */
  async template(r: Rubric, t: TemplateRequest): Promise<Download> {
    const period = t.period ? { period: t.period } : {};
    const bytes = t.bulk ? await buildBulkTemplate(r, { ...period, units: t.units ?? [] }) : await buildTemplate(r, { ...(t.unit ? { unit: t.unit } : {}), ...period });
    return { bytes, name: `${r.title}${t.bulk ? '批量录入表' : '检查表'}${t.unit ? `-${t.unit.name}(${LEVEL_ZH[t.unit.level]})` : ''}${t.period ? `-${t.period}` : ''}.xlsx` };
  }

  /** The chain head is read only when a workbook is made: a JSON answer prints none. */
  private async stamp(): Promise<{ generatedAt: Date; chainHead: string }> {
    return { generatedAt: this.now(), chainHead: await this.chain.head() };
  }
}
