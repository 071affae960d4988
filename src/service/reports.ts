// Reports over stored inspections: the county period (a month, or the quarter or half year the rubric assesses),
// the quarterly circular, the annual accumulation, a unit's change between two periods, and one record's graded
// workbook. Each report is data, with its workbook rendered on request by the renderer. Circulars and rankings
// count inspections only: a township's self-check never ranks it.
import { previousPeriod } from '../calendar/period.js';
import type { Principal } from '../domain/people.js';
import type { AssessmentRecord } from '../domain/records.js';
import type { Unit } from '../schema/generated/submission.js';
import { annualAccumulation } from '../periods/annual.js';
import { chinaPeriod, quarterWindow, requirePeriodKind, yearRange } from '../periods/calendar.js';
import { countySummary, type RecordBasis } from '../periods/county.js';
import { diffAssessments } from '../periods/diff.js';
import { quarterlyCircular } from '../periods/quarter.js';
import type { Store } from '../store/types.js';
import { periodDays } from '../calendar/period.js';
import { rectificationCounts, type RectificationCounts } from '../periods/rectification.js';
import type { RectificationService } from './rectification.js';
import type { Access } from './access.js';
import type { AssessmentService } from './assessments.js';
import { fail } from './fail.js';
import type { Download, Renderer } from './render.js';
import type { RubricService } from './rubrics.js';

/** Which of the records read are drafts, for reports that must say so. */
const basis = (records: readonly AssessmentRecord[], finalOnly: boolean): RecordBasis => ({
  finalOnly,
  drafts: new Set(records.filter((r) => r.status === 'draft').map((r) => r.assessment)),
});

/** A report's data, and its workbook when one is asked for. */
export interface Report<T> {
  data: T;
  workbook(): Promise<Download>;
}

export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly rubrics: RubricService,
    private readonly assessments: AssessmentService,
    private readonly access: Access,
    private readonly render: Renderer,
    private readonly now: () => Date,
    /** Open and overdue orders beside rankings and circulars; evidence in a record's workbook. */
    private readonly rectification: RectificationService,
  ) {}

  /** The graded workbook of one record, rendered with the rubric the record was scored with, not today's. */
  async assessment(id: string, actor: Principal): Promise<Download> {
    const rec = await this.assessments.get(id, actor);
    return this.render.assessment(rec, await this.rubrics.pinned(rec), await this.rectification.evidenceChain(rec));
  }

  /** Drafts count unless `finalOnly`, and every report says which records it holds. */
  async county(rubricId: string, period: string, county: string, actor: Principal, finalOnly = false) {
    const rubric = this.rubrics.get(rubricId);
    requirePeriodKind(rubric, period, '/period');
    const units = await this.access.readableSubtree(actor, county);
    const status = finalOnly ? { status: 'final' as const } : {};
    const [current, previous] = await Promise.all([
      this.store.listAssessments({ rubric: rubricId, period, units, origin: 'inspection', ...status }),
      this.store.listAssessments({ rubric: rubricId, period: previousPeriod(period), units, origin: 'inspection', ...status }),
    ]);
    const summary = countySummary(rubric, current.map((r) => r.assessment), previous.map((r) => r.assessment), basis(current, finalOnly));
    const data = { ...summary, rectification: await this.counts(summary.units, units, rubricId, periodDays(period).last) };
    return this.report(data, () => this.render.county(data));
  }

  async quarterly(rubricId: string, year: number, quarter: number, county: string, actor: Principal, finalOnly = false) {
    const rubric = this.rubrics.get(rubricId);
    // Refused before anything is read when the rubric has no quarters (a half-yearly one).
    const { months, before } = quarterWindow(year, quarter, rubric);
    const units = await this.access.readableSubtree(actor, county);
    // The circular compares with the previous quarter, so both are read.
    const records = await this.store.listAssessments({ rubric: rubricId, from: before[0]!, to: months.at(-1)!, units, origin: 'inspection', ...(finalOnly ? { status: 'final' as const } : {}) });
    const circular = quarterlyCircular(rubric, records.map((r) => r.assessment), year, quarter, basis(records, finalOnly));
    const data = { ...circular, rectification: await this.counts(circular.units, units, rubricId, periodDays(`${year}-Q${quarter}`).last) };
    return this.report(data, () => this.render.quarterly(data));
  }

  async annual(rubricId: string, year: number, county: string, actor: Principal, finalOnly = false) {
    const rubric = this.rubrics.get(rubricId);
    const units = await this.access.readableSubtree(actor, county);
    const records = await this.store.listAssessments({ rubric: rubricId, ...yearRange(rubric.period, year), units, origin: 'inspection', ...(finalOnly ? { status: 'final' as const } : {}) });
    // A year still running counts its periods through the one it is now, in China (annual.ts).
    const now = chinaPeriod(this.now());
    const data = annualAccumulation(rubric, records.map((r) => r.assessment), year, now.startsWith(`${year}-`) ? now : undefined, basis(records, finalOnly));
    return this.report(data, () => this.render.annual(data));
  }

  async diff(rubricId: string, unit: string, from: string, to: string, actor: Principal) {
    const rubric = this.rubrics.get(rubricId);
    requirePeriodKind(rubric, from, '/from');
    requirePeriodKind(rubric, to, '/to');
    await this.access.unit(actor, unit, 'read');
    const find = async (period: string) =>
      (await this.store.listAssessments({ rubric: rubricId, units: [unit], period, origin: 'inspection' }))[0] ?? fail('NOT_FOUND', `单位 ${unit} 在 ${period} 没有“${rubricId}”的考核记录`);
    return diffAssessments((await find(from)).assessment, (await find(to)).assessment);
  }

  /** The ranked units' orders found up to the period's end that are open, and overdue, on the day the report is made. */
  private async counts(ranked: ReadonlyArray<{ unit: Unit }>, units: readonly string[], rubric: string, last: string): Promise<RectificationCounts> {
    const { as_of, counts } = await this.rectification.counts(units, rubric, last);
    return rectificationCounts(ranked, counts, as_of);
  }

  private report<T>(data: T, workbook: () => Promise<Download>): Report<T> {
    return { data, workbook };
  }
}
