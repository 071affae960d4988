// Results to workbooks people print, sign and file: a graded workbook per assessment, and the county month, the
// quarterly circular and the annual accumulation. Reporters are functions from results to bytes; writing them to
// disk is the caller's business. Every sheet is laid out for A4 by print.ts.
import type ExcelJS from 'exceljs';
import type { CellValue } from 'exceljs';
import { periodKindOf, periodListZh, periodShort, PERIOD_WORDS, periodZh } from '../calendar/period.js';
import { checkKind } from '../checks/index.js';
import type { AnnualAccumulation } from '../periods/annual.js';
import { chinaTime } from '../periods/calendar.js';
import type { CountySummary, RecordsNote, UnmetIndicator } from '../periods/county.js';
import type { QuarterlyCircular } from '../periods/quarter.js';
import { gradeQualifier, STATUS_ZH, tierStanding } from '../format/labels.js';
import { tailoringNotes } from '../format/text.js';
import type { Rubric } from '../rubric/model.js';
import type { Assessment, IndicatorResult } from '../schema/generated/assessment.js';
import type { UnitLevel } from '../schema/generated/rubric.js';
import type { Unit } from '../schema/generated/submission.js';
import { LEVEL_ZH } from '../levels.js';
import { contentUnits, pageSetup, textHeight } from './print.js';
import { BOLD, BORDER, FONT, HEADER_FILL, newWorkbook, STATUS_FILL, title, WRAP } from './style.js';
import { workbookBytes } from './pack.js';
import { type Column, provenance, type Row, shown, tableSheet } from './table.js';
import { countsSheet, evidenceSheet } from './rectification.js';
import type { EvidenceRecord } from '../domain/rectification.js';

export interface ReportOptions {
  /** When the report was made; the caller supplies the clock. */
  generatedAt?: Date;
  /** Head of the tamper-evident log when the report was made, printed so it is anchored outside the database. */
  chainHead?: string;
  /** The stored record's status (unit reports); absent when the report was made from a file. */
  status?: 'draft' | 'final' | 'superseded';
  /** A record's evidence files, listed with their hashes. */
  evidence?: readonly EvidenceRecord[];
}

export const SIGNATURES = ['检查人（签字）：', '被检查单位负责人（签字）：', '日期：'] as const;

// --- what the records were ---------------------------------------------------------------------------------------

const DRAFT_MARK = '草稿：含未定稿的考核记录，结果可能变动，不作为正式结果';

/** The sentence every sheet of a ranking carries about the records it was made from. */
export function recordsText(records: RecordsNote): string {
  if (records === null) return '依据提交文件计算，不是本系统中登记的考核记录。';
  if (records.finalOnly) return `仅统计已定稿的正式考核记录（共 ${records.total} 条）。`;
  if (records.drafts === 0) return `全部为已定稿的正式考核记录（共 ${records.total} 条）。`;
  if (records.drafts === records.total) return `全部 ${records.total} 条均为未定稿的草稿记录：本表为临时结果，不作为正式通报；定稿后请重新生成。`;
  return `共 ${records.total} 条记录，其中 ${records.drafts} 条为未定稿的草稿（标“草稿”）：本表为临时结果；只统计正式记录时请选“仅已定稿记录”（接口参数 final=true）。`;
}

const hasDrafts = (records: RecordsNote) => records !== null && !records.finalOnly && records.drafts > 0;

/** Units split by the level they are ranked among: one sheet each when the rubric ranks levels separately. */
function byGroup<T extends { unit: Unit }>(units: readonly T[], separate: boolean): Array<[UnitLevel | null, T[]]> {
  if (!separate) return [[null, [...units]]];
  const groups = new Map<UnitLevel, T[]>();
  for (const u of units) {
    const list = groups.get(u.unit.level) ?? [];
    list.push(u);
    groups.set(u.unit.level, list);
  }
  return groups.size > 1 ? [...groups] : [[null, [...units]]];
}

const groupName = (level: UnitLevel | null, what: string) => (level ? `${LEVEL_ZH[level]}${what}` : what);
const vetoText = (items: readonly string[]) => (items.length ? `否决：${items.join('、')}` : '');
/** The 单项否决 column, for rubrics that have veto items. */
const VETO = '单项否决';
const vetoColumn = (rubric: { vetoItems: readonly string[] }, max: number): Column[] => (rubric.vetoItems.length ? [{ header: VETO, min: 8, max }] : []);
const when = <T,>(cond: boolean, ...xs: T[]): T[] => (cond ? xs : []);
/**
 * A period as reports print it: a month as its label (2026-11), as they always have; a quarter or half year in
 * words (2026年第三季度, 2026年上半年), since 2026-H1 is no way people write it.
 */
const periodText = (label: string): string => (periodKindOf(label) === 'month' ? label : periodZh(label));
/** Veto items over several periods, each item once with its periods: 7.4（1、2、3月）. */
function periodVetoText(veto: ReadonlyArray<{ period: string; items: string[] }>): string {
  const periods = new Map<string, string[]>();
  for (const v of veto) for (const item of v.items) periods.set(item, [...(periods.get(item) ?? []), v.period]);
  return [...periods].map(([item, list]) => `${item}（${periodListZh(list)}）`).join('；');
}
const CODE: Column = { header: '单位代码', min: 16, max: 16, numFmt: '@' };
const RANK: Column = { header: '名次', min: 4, max: 5, center: true };
const NAME: Column = { header: '单位名称', min: 12, max: 24 };

// --- unit report ------------------------------------------------------------------------------------------------

export async function assessmentWorkbook(a: Assessment, rubric: Rubric, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const status = statusText(opts.status);
  summarySheet(wb, a, rubric, opts, status);
  if (a.sections?.length) sectionSheet(wb, a, status);
  detailSheet(wb, a, rubric, status);
  gapSheet(wb, a, rubric, status);
  if (opts.evidence?.length) evidenceSheet(wb, opts.evidence);
  return workbookBytes(wb);
}

/** A unit report says what kind of record it shows; a draft says so on every page. */
function statusText(status: ReportOptions['status']): { line: string; suffix: string; mark?: string } | undefined {
  switch (status) {
    case 'draft': return { line: '草稿：本记录尚未定稿，结果可能修改，不作为正式考核结果。', suffix: '（草稿）', mark: '草稿：未定稿的考核记录' };
    case 'superseded': return { line: '本记录已被更正后的新版本取代，仅供查阅。', suffix: '（已被取代）', mark: '已被取代的考核记录' };
    case 'final': return { line: '已定稿的正式考核记录。', suffix: '' };
    default: return undefined;
  }
}

type Status = ReturnType<typeof statusText>;

function summarySheet(wb: ExcelJS.Workbook, a: Assessment, rubric: Rubric, opts: ReportOptions, status: Status): void {
  const ws = wb.addWorksheet('汇总');
  // A points rubric with its own tiers (一星–五星) shows both its grade and the tier reached; the first is the headline.
  const standing: Array<[string, CellValue]> = [];
  if (a.grade) {
    const why = gradeQualifier(a.grade);
    standing.push(['考核等级', `${a.grade.label}${why ? `（${why}）` : ''}`]);
  }
  if (!rubric.implicitTier) standing.push(['达到等级', tierStanding(a)]);
  else if (!a.grade) standing.push(['结论', a.result.label]);
  const headline = standing[0]![0];
  const rows: Array<[string, CellValue, string?]> = [
    ['被检查单位', a.unit.name],
    ['单位代码', a.unit.code, '@'],
    ['单位层级', LEVEL_ZH[a.unit.level]],
    ['考核期间', periodText(a.period)],
    ['检查人', a.inspector ?? ''],
    ['检查日期', a.inspected_on ?? ''],
    ...(status ? [['记录状态', status.line] as [string, CellValue]] : []),
    ['评分标准', `${rubric.title}（${rubric.id}，版本 ${rubric.version}）`],
    ['标准内容指纹', a.rubric.hash],
    ['评分引擎版本', a.engine_version],
    ...standing,
    ['得分', a.score, '0.00'],
    ...scoreRows(a),
    ['达标项', a.counts.met, '0'],
    ['未达标项', a.counts.unmet, '0'],
    ['不适用项', a.counts.not_applicable, '0'],
    ['未检查项', a.counts.not_assessed, '0'],
    ['指标总数', a.counts.total, '0'],
  ];
  const changes = tailoringNotes(rubric);
  if (changes.length) rows.push(['本县调整', changes.join('\n')]);
  if (opts.chainHead) rows.push(['记录链头', opts.chainHead]);
  if (opts.generatedAt) rows.push(['生成时间', chinaTime(opts.generatedAt)]);
  const widths = [20, 70];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  title(ws, `${rubric.title} 考核结果${status?.suffix ?? ''}`, 2);
  rows.forEach(([label, value, numFmt], i) => {
    const r = ws.getRow(3 + i);
    Object.assign(r.getCell(1), { value: label, font: BOLD, fill: HEADER_FILL, border: BORDER, alignment: WRAP });
    Object.assign(r.getCell(2), { value, font: FONT, border: BORDER, alignment: WRAP, ...(numFmt ? { numFmt } : {}) });
    r.height = Math.max(textHeight(label, widths[0]!), textHeight(shown(value, numFmt), widths[1]!));
    if (label === headline) Object.assign(r.getCell(2), { fill: a.result.passed ? STATUS_FILL.met : STATUS_FILL.unmet, font: BOLD });
  });
  // Signature lines: a label and a line to sign on.
  SIGNATURES.forEach((label, i) => {
    const r = ws.getRow(3 + rows.length + 2 + i * 2);
    Object.assign(r.getCell(1), { value: label, font: BOLD, alignment: { vertical: 'bottom' } });
    r.getCell(2).border = { bottom: { style: 'thin' } };
    r.height = 28;
  });
  pageSetup(ws, { orientation: 'portrait', scale: 100, ...(status?.mark ? { header: status.mark } : {}) });
}

/**
 * 满分 is what the table is out of (基本分); where bonus can pass it the 最高分 is printed too, or that there is none
 * (加分无上限). Points rubrics add what was deducted and added; a unit's own 自评 goes beside the score with the 差额.
 */
function scoreRows(a: Assessment): Array<[string, CellValue, string?]> {
  const d = a.score_detail;
  const rows: Array<[string, CellValue, string?]> = [['满分', d.total ?? d.max, '0.##']];
  if (d.total !== undefined && d.max !== d.total) rows.push(['最高分', d.max ?? '不设上限', '0.##']);
  if (d.method === 'points') rows.push(['扣分', d.deducted ?? 0, '0.##'], ['加分', d.bonus ?? 0, '0.##']);
  const self = a.self_assessment;
  if (self) {
    rows.push(['单位自评分', self.total, '0.##']);
    rows.push(['考核与自评差额', self.difference ?? '自评未覆盖全部计分项目，不计差额', '+0.##;-0.##;0']);
  }
  return rows;
}

/** Every section's subtotal (扣完为止 within its own points), nested as the rubric nests them, with the unit's own. */
function sectionSheet(wb: ExcelJS.Workbook, a: Assessment, status: Status): void {
  const self = a.self_assessment !== undefined;
  const rows: Row[] = a.sections!.map((s) => ({
    values: [
      `${'　'.repeat(s.depth)}${s.path.at(-1)}`,
      s.budget ?? null,
      s.max,
      s.deducted,
      s.subtotal,
      ...(self ? [s.self_score ?? null, s.self_difference ?? null] : []),
    ],
  }));
  tableSheet(wb, '分项得分', {
    title: `${a.unit.name} ${periodText(a.period)} 分项得分${status?.suffix ?? ''}`,
    notes: [
      ...(status && status.suffix ? [status.line] : []),
      '有分值的部分，扣分在本部分分值内扣完为止；可得分为分值减去不适用项目的分值。',
    ],
    columns: [
      { header: '部分', min: 16, max: 40 },
      ...['分值', '可得分', '扣分', '小计'].map((h) => ({ header: h, min: 6, max: 7, numFmt: '0.##', center: true })),
      ...(self ? [{ header: '自评', min: 6, max: 7, numFmt: '0.##', center: true }, { header: '差额', min: 6, max: 7, numFmt: '+0.##;-0.##;0', center: true }] : []),
    ],
    rows,
    orientation: 'portrait',
    ...(status?.mark ? { mark: status.mark } : {}),
  });
}

/** The column of indicator ids: as wide as the longest, so an id is never broken over two lines. */
const idColumn = (ids: readonly string[]): Column => {
  const w = Math.min(14, Math.max(5, ...ids.map((id) => contentUnits(id))));
  return { header: '序号', min: w, max: w };
};

const detailColumns = (points: boolean, self: boolean, ids: readonly string[]): Column[] => [
  idColumn(ids),
  { header: '指标', min: 10, max: 16 },
  { header: '要求（原文）', min: 22, max: 40 },
  { header: '答案', min: 8, max: 14 },
  { header: '结果', min: 6, max: 7, center: true },
  { header: '说明', min: 18, max: 32 },
  { header: '备注', min: 8, max: 14 },
  ...(points ? ['分值', '得分', '扣分', '加分'].map((h) => ({ header: h, min: 5, max: 6, numFmt: '0.##', center: true })) : []),
  ...(self ? [{ header: '自评', min: 5, max: 6, numFmt: '0.##', center: true }, { header: '差额', min: 5, max: 6, numFmt: '+0.##;-0.##;0', center: true }] : []),
];

function detailSheet(wb: ExcelJS.Workbook, a: Assessment, rubric: Rubric, status: Status): void {
  const points = a.score_detail.method === 'points';
  const self = a.self_assessment !== undefined;
  // A heading carries its section's subtotal, so a printed page shows what each part came to.
  const subtotal = new Map((a.sections ?? []).map((s) => [s.path.join(' › '), `（小计 ${s.subtotal}/${s.max} 分${s.budget !== undefined ? '，扣完为止' : ''}）`]));
  const rows: Row[] = [];
  let section = '';
  for (const res of a.results) {
    const ind = rubric.byId.get(res.id)!;
    const heading = res.section.join(' › ');
    if (heading && heading !== section) rows.push({ heading: heading + (subtotal.get(heading) ?? '') });
    section = heading;
    const [answer, fmt] = answerCell(res, checkKind(ind.check).unit?.(ind.check));
    // A rule without points of its own shows only what it took: its 分值 and 得分 belong to its section.
    const p = res.points;
    const scored = points ? (p ? (ind.points === undefined && !ind.bonus ? [null, null, p.deducted, p.bonus] : [p.max, p.earned, p.deducted, p.bonus]) : [null, null, null, null]) : [];
    rows.push({
      values: [res.id, res.title + (res.veto ? '［否决项］' : ''), ind.text, answer, STATUS_ZH[res.status], res.reason, res.note ?? '',
        ...scored, ...(self ? [res.self_score ?? null, res.self_difference ?? null] : [])],
      fills: [[5, STATUS_FILL[res.status]]],
      ...(fmt ? { numFmts: [[4, fmt]] as const } : {}),
    });
  }
  tableSheet(wb, '明细', {
    title: `${a.unit.name} ${periodText(a.period)} 逐项结果${status?.suffix ?? ''}`,
    notes: status && status.suffix ? [status.line] : [],
    columns: detailColumns(points, self, a.results.map((x) => x.id)),
    rows,
    orientation: 'landscape',
    ...(status?.mark ? { mark: status.mark } : {}),
  });
}

/** A number is written as a number with its unit in the format; anything else as readable text. */
function answerCell(res: IndicatorResult, unit: string | undefined): [CellValue, string?] {
  const v = res.value;
  if (res.status === 'not_applicable' && v === undefined) return ['不适用'];
  if (v === undefined) return [''];
  if (typeof v === 'number') return [v, unit ? `0.##"${unit === '%' ? '%' : ` ${unit}`}"` : '0.##'];
  if (typeof v === 'boolean') return [v ? '是' : '否'];
  if (Array.isArray(v)) return [v.length ? `已具备 ${v.length} 项` : '均不具备'];
  if (typeof v === 'object') return [Object.entries(v).map(([k, x]) => `${k}: ${typeof x === 'object' ? JSON.stringify(x) : String(x)}`).join('；')];
  return [String(v)];
}

function gapSheet(wb: ExcelJS.Workbook, a: Assessment, rubric: Rubric, status: Status): void {
  const rows: Row[] = [];
  const put = (values: CellValue[], state?: IndicatorResult['status']) => rows.push({ values, ...(state ? { fills: [[5, STATUS_FILL[state]]] as const } : {}) });
  for (const t of a.tiers.filter((x) => !x.reached)) {
    // Veto items first, then the other necessary conditions, in source order.
    const blockers = [...t.blocking].sort((x, y) => Number(!!rubric.byId.get(y.id)?.veto) - Number(!!rubric.byId.get(x.id)?.veto));
    for (const b of blockers) {
      const ind = rubric.byId.get(b.id)!;
      const kind = ind.veto ? (b.status === 'not_assessed' ? '否决项' : '单项否决') : rubric.implicitTier ? '必须项' : '必要条件';
      put([t.label, b.id, b.title, kind, STATUS_ZH[b.status], b.missing_items?.length ? `缺少：${b.missing_items.join('、')}` : b.reason, b.shortfall?.difference ?? null, b.shortfall?.unit ?? ''], b.status);
    }
    if (t.score_short) put([t.label, '', '总分', '分数线', '未达标', `得分还差 ${t.score_short} 分（要求 ≥${t.min_score}）`, t.score_short, '分'], 'unmet');
  }
  if (a.grade?.next && !a.grade.vetoed) put([a.grade.next.label, '', '总分', '等级分数线', '—', `距“${a.grade.next.label}”（≥${a.grade.next.min} 分）还差 ${a.grade.next.points_short} 分`, a.grade.next.points_short, '分']);
  // Points rubrics: every deduction, largest first, is something to fix.
  const deductions = a.results.filter((r) => r.points && r.points.deducted > 0).sort((x, y) => y.points!.deducted - x.points!.deducted);
  for (const d of deductions) put(['扣分项', d.id, d.title, '扣分', STATUS_ZH[d.status], d.reason, d.points!.deducted, '分'], d.status);
  if (rows.length === 0) put(['—', '', '', '', '', '已达到最高等级，没有差距', null, '']);
  tableSheet(wb, '差距', {
    title: `${a.unit.name} ${periodText(a.period)} 差距与整改${status?.suffix ?? ''}`,
    notes: status && status.suffix ? [status.line] : [],
    columns: [
      { header: '目标', min: 8, max: 12 },
      idColumn(rows.flatMap((x) => ('values' in x && typeof x.values[1] === 'string' ? [x.values[1]] : []))),
      { header: '指标', min: 10, max: 18 },
      { header: '类别', min: 8, max: 9 },
      { header: '状态', min: 6, max: 7, center: true },
      { header: '差距说明', min: 24, max: 60 },
      { header: '差距数值', min: 8, max: 8, numFmt: '0.##' },
      { header: '单位', min: 5, max: 6 },
    ],
    rows,
    orientation: 'landscape',
    ...(status?.mark ? { mark: status.mark } : {}),
  });
}

// --- county month -----------------------------------------------------------------------------------------------

export async function countyWorkbook(summary: CountySummary, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const records = recordsText(summary.records);
  const mark = hasDrafts(summary.records) ? { mark: DRAFT_MARK } : {};
  const showDrafts = summary.records !== null && !summary.records.finalOnly;
  const MOVE: Record<string, string> = { up: '↑ 上升', down: '↓ 下降', same: '持平' };
  const heading = `${summary.rubric.title} ${periodText(summary.period)} 考核排名`;
  const totals = `共 ${summary.totals.units} 个单位，达标 ${summary.totals.passed} 个；平均分 ${summary.totals.meanScore ?? '—'}${summary.previousPeriod ? `；与 ${periodText(summary.previousPeriod)} 比较` : ''}。`;
  for (const [level, units] of byGroup(summary.units, summary.ranking.levels === 'separate')) {
    tableSheet(wb, groupName(level, '排名'), {
      title: level ? `${heading}（${LEVEL_ZH[level]}）` : heading,
      notes: [totals, summary.rule, records],
      columns: [
        RANK, CODE, NAME,
        { header: '得分', min: 7, max: 8, numFmt: '0.00' },
        { header: '等级/结论', min: 8, max: 12 },
        ...vetoColumn(summary.rubric, 14),
        ...when(showDrafts, { header: '记录', min: 5, max: 6, center: true }),
        { header: '上期得分', min: 7, max: 8, numFmt: '0.00' },
        { header: '得分变化', min: 7, max: 8, numFmt: '+0.00;-0.00;0.00' },
        { header: '上期等级/结论', min: 8, max: 12 },
        { header: '等级变化', min: 7, max: 8 },
      ],
      rows: units.map((u) => {
        const values: CellValue[] = [u.rank, u.unit.code, u.unit.name, u.score, u.standing, ...when(summary.rubric.vetoItems.length > 0, vetoText(u.veto)), ...when(showDrafts, u.draft ? '草稿' : '定稿'), u.previous?.score ?? null, u.change, u.previous?.standing ?? '—', u.movement ? MOVE[u.movement]! : '—'];
        return { values, fills: [['等级/结论', u.passed ? STATUS_FILL.met : STATUS_FILL.unmet], ...when(u.veto.length > 0, [VETO, STATUS_FILL.unmet] as const), ...when(u.movement === 'down', ['等级变化', STATUS_FILL.unmet] as const)] };
      }),
      footer: provenance(opts),
      orientation: 'landscape',
      ...mark,
    });
  }
  unmetSheet(wb, `${periodText(summary.period)} 未达标最多的指标`, summary.unmet, records, mark);
  if (summary.rectification) countsSheet(wb, summary.rectification, mark);
  return workbookBytes(wb);
}

function unmetSheet(wb: ExcelJS.Workbook, heading: string, unmet: readonly UnmetIndicator[], records: string, mark: { mark?: string }): void {
  // Names, with the code only where two units share a name (one pass over every unit listed, nothing made per name).
  const codeOf = new Map<string, string>();
  const shared = new Set<string>();
  for (const x of unmet) {
    for (const u of x.units) {
      const code = codeOf.get(u.name);
      if (code === undefined) codeOf.set(u.name, u.code);
      else if (code !== u.code) shared.add(u.name);
    }
  }
  const label = (u: { code: string; name: string }) => (shared.has(u.name) ? `${u.name}（${u.code}）` : u.name);
  tableSheet(wb, '常见问题', {
    title: heading,
    notes: [records],
    columns: [
      idColumn(unmet.map((u) => u.id)),
      { header: '指标', min: 12, max: 24 },
      { header: '未达标次数', min: 7, max: 7, center: true },
      { header: '占比', min: 7, max: 8, numFmt: '0.0%', center: true },
      { header: '未达标单位', min: 30, max: 70 },
    ],
    rows: unmet.map((u) => ({ values: [u.id, u.title, u.unmet, u.share, u.units.map(label).join('、')] })),
    orientation: 'landscape',
    ...mark,
  });
}

// --- quarterly circular -----------------------------------------------------------------------------------------

export async function quarterlyWorkbook(q: QuarterlyCircular, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const records = recordsText(q.records);
  const mark = hasDrafts(q.records) ? { mark: DRAFT_MARK } : {};
  const showDrafts = q.records !== null && !q.records.finalOnly;
  const heading = `${q.rubric.title} ${q.year}年第${q.quarter}季度通报`;
  // A quarterly rubric's quarter is one period: its score is the quarter's, with no months, means or gaps to show.
  const monthly = q.periodKind === 'month';
  const value = monthly ? '季度平均分' : '季度得分';
  for (const [level, units] of byGroup(q.units, q.ranking.levels === 'separate')) {
    tableSheet(wb, groupName(level, '季度排名'), {
      title: level ? `${heading}（${LEVEL_ZH[level]}）` : heading,
      notes: [q.rule, records],
      columns: [
        RANK, CODE, NAME,
        { header: value, min: 8, max: 11, numFmt: '0.00' },
        ...when(monthly, ...q.months.map((m) => ({ header: `${periodShort(m)}得分`, min: 7, max: 9, numFmt: '0.00' }))),
        { header: '季度等级/结论', min: 8, max: 12 },
        ...vetoColumn(q.rubric, 14),
        ...when(monthly, { header: '缺考月份', min: 8, max: 12 }, { header: '最近等级/结论', min: 8, max: 12 }),
        ...when(showDrafts, monthly ? { header: '草稿月份', min: 7, max: 10 } : { header: '记录', min: 5, max: 6, center: true }),
      ],
      rows: units.map((u) => ({
        values: [u.rank, u.unit.code, u.unit.name, u.mean, ...when(monthly, ...q.months.map((m) => u.months.find((x) => x.period === m)?.score ?? null)), u.quarterStanding, ...when(q.rubric.vetoItems.length > 0, periodVetoText(u.veto)),
          ...when(monthly, periodListZh(u.missing) || '—', u.standing), ...when(showDrafts, draftText(u.months, monthly))],
        fills: [['季度等级/结论', u.passed ? STATUS_FILL.met : STATUS_FILL.unmet], ...when(u.veto.length > 0, [VETO, STATUS_FILL.unmet] as const)],
      })),
      footer: provenance(opts),
      orientation: 'landscape',
      ...mark,
    });
  }
  tableSheet(wb, '未达标与下降', {
    title: '未达标单位与等级下降单位',
    notes: [records],
    columns: [
      { header: '类别', min: 8, max: 10 },
      CODE, NAME,
      { header: '情况', min: 16, max: 24 },
      { header: '期间', min: 16, max: 28 },
    ],
    rows: [
      ...q.belowStandard.map((b) => ({ values: ['未达标', b.unit.code, b.unit.name, b.standing, periodText(b.period)] })),
      ...q.dropped.map((d) => ({ values: ['等级下降', d.unit.code, d.unit.name, `${d.from.standing} → ${d.to.standing}`, `${periodText(d.from.period)} → ${periodText(d.to.period)}`] })),
    ],
    orientation: 'landscape',
    ...mark,
  });
  unmetSheet(wb, `${q.year}年第${q.quarter}季度未达标最多的指标`, q.unmet, records, mark);
  if (q.rectification) countsSheet(wb, q.rectification, mark);
  return workbookBytes(wb);
}

// --- annual accumulation ----------------------------------------------------------------------------------------

export async function annualWorkbook(y: AnnualAccumulation, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const records = recordsText(y.records);
  const mark = hasDrafts(y.records) ? { mark: DRAFT_MARK } : {};
  const showDrafts = y.records !== null && !y.records.finalOnly;
  const label = y.method === 'mean' ? '年平均分' : '扣分合计';
  const heading = `${y.rubric.title} ${y.year}年度累计`;
  const words = PERIOD_WORDS[y.periodKind];
  // One decimal, so twelve months fit the width of the page at a readable size; quarters and halves have room.
  const width = y.periodKind === 'month' ? 6 : 9;
  for (const [level, units] of byGroup(y.units, y.ranking.levels === 'separate')) {
    tableSheet(wb, groupName(level, '年度累计'), {
      title: level ? `${heading}（${LEVEL_ZH[level]}）` : heading,
      notes: [y.rule, `${words.each}数值保留一位小数，精确值见${words.each}考核结果。`, records],
      columns: [
        RANK, CODE, NAME,
        { header: label, min: 8, max: 8, numFmt: '0.00' },
        ...y.months.map((m) => ({ header: periodShort(m), min: width, max: width, numFmt: '0.0', center: true })),
        { header: '年度等级/结论', min: 8, max: 10 },
        ...vetoColumn(y.rubric, 12),
        { header: `缺考${words.unit}`, min: 10, max: 14 },
        ...when(showDrafts, { header: `草稿${words.unit}`, min: 7, max: 10 }),
      ],
      rows: units.map((u) => ({
        values: [u.rank, u.unit.code, u.unit.name, u.value, ...y.months.map((m) => {
          const x = u.months.find((v) => v.period === m);
          return x ? (y.method === 'mean' ? x.score : x.deducted) : null;
        }), u.standing, ...when(y.rubric.vetoItems.length > 0, periodVetoText(u.veto)), periodListZh(u.missing) || '—',
        ...when(showDrafts, draftText(u.months, true))],
        fills: when(u.veto.length > 0, [VETO, STATUS_FILL.unmet] as const),
      })),
      footer: provenance(opts),
      orientation: 'landscape',
      ...mark,
    });
  }
  return workbookBytes(wb);
}

/** The drafts among a unit's periods: listed (12月; 上半年), or for a single period 草稿/定稿 as the county ranking says. */
function draftText(periods: ReadonlyArray<{ period: string; draft: boolean }>, list: boolean): string {
  if (!list) return periods.some((m) => m.draft) ? '草稿' : '定稿';
  return periodListZh(periods.filter((m) => m.draft).map((m) => m.period));
}
