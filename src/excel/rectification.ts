// Workbooks of what follows an inspection: the county's 整改台账 (per unit, open, overdue and closed orders with days
// overdue), a unit's 整改通知书 (findings, deadlines, signature lines), and two small sheets other workbooks add: the
// open and overdue counts beside a ranking or circular, and the evidence files of a record with their hashes.
import type ExcelJS from 'exceljs';
import type { EvidenceRecord } from '../domain/rectification.js';
import { LEVEL_ZH } from '../levels.js';
import { periodZh } from '../calendar/period.js';
import type { RectificationCounts } from '../periods/rectification.js';
import type { OrderView, RectificationLedger } from '../rectification/ledger.js';
import type { RectificationNotice } from '../service/rectification.js';
import type { ReportOptions } from './report.js';
import { fill, newWorkbook, STATUS_FILL } from './style.js';
import { workbookBytes } from './pack.js';
import { provenance, tableSheet } from './table.js';

const YELLOW = fill('FFFFEB9C');
const RED = STATUS_FILL.unmet;
const TYPE_ZH: Readonly<Record<EvidenceRecord['media_type'], string>> = { 'image/jpeg': 'JPEG 图片', 'image/png': 'PNG 图片', 'application/pdf': 'PDF 文件' };

/** What an order's finding says, in one cell. */
export const findingText = (o: Pick<OrderView, 'finding'>): string => [o.finding.reason, o.finding.note ? `备注：${o.finding.note}` : ''].filter(Boolean).join('\n');

const deadlineText = (o: OrderView): string => o.due_on ?? `期限无法计算（${o.problem ?? '缺少法定节假日安排'}）`;

function overdueText(o: OrderView): string {
  if (o.exempted) return `已${o.exempted.kind === 'defer' ? '暂缓' : '豁免'}至 ${o.exempted.expires_on}`;
  if (o.overdue === null) return '—';
  if (!o.overdue) return o.status === 'closed' ? '按期完成' : '未逾期';
  const work = o.workdays_overdue === null ? '' : `（${o.workdays_overdue} 个工作日）`;
  return `${o.status === 'closed' ? '逾期完成，' : ''}逾期 ${o.days_overdue} 天${work}`;
}

function closedText(o: OrderView): string {
  if (o.status !== 'closed') return '';
  const day = o.closed_at ? o.closed_at.slice(0, 10) : '';
  return o.closed_by_assessment ? `${day} 后续考核达标，自动销号（考核记录 ${o.closed_by_assessment}）` : `${day} 复查通过销号（${o.closed_by ?? ''}）`;
}

function levelFill(o: OrderView): ExcelJS.Fill | undefined {
  if (o.status === 'closed' || !o.overdue || !o.level) return undefined;
  return o.level.id === 'red' || o.level.label.includes('红') ? RED : YELLOW;
}

const stamp = (opts: ReportOptions): string[] => provenance(opts).map((line) => (line.startsWith('记录链头') ? `${line}（可用 verify --anchor 核对）` : line));

export async function ledgerWorkbook(l: RectificationLedger & { evidence?: EvidenceRecord[] }, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const scope = `${l.county.name}${l.rubric ? ` · ${l.rubric.title}` : ''}`;
  const levels = l.totals.levels.map((x) => `${x.label} ${x.count} 项`).join('，');
  tableSheet(wb, '汇总', {
    title: `整改台账汇总（${scope}）`,
    notes: [
      `截至 ${l.as_of}：未销号 ${l.totals.open} 项，其中逾期 ${l.totals.overdue} 项${levels ? `（${levels}）` : ''}；已销号 ${l.totals.closed} 项。期限按工作日计算，从检查次日起算。`,
      ...l.calendar_problems.map((p) => `注：${p}`),
    ],
    columns: [
      { header: '单位代码', min: 16, max: 16, numFmt: '@' },
      { header: '单位名称', min: 14, max: 28 },
      { header: '层级', min: 6, max: 10 },
      ...['未销号', '其中逾期', '已销号'].map((h) => ({ header: h, min: 7, max: 9, center: true })),
    ],
    rows: l.units.length
      ? l.units.map((u) => ({ values: [u.unit.code, u.unit.name, LEVEL_ZH[u.unit.level], u.open, u.overdue, u.closed], ...(u.overdue > 0 ? { fills: [['其中逾期', RED]] as const } : {}) }))
      : [{ heading: '（没有整改事项）' }],
    footer: stamp(opts),
    orientation: 'portrait',
  });
  tableSheet(wb, '台账', {
    title: `整改台账（${scope}，截至 ${l.as_of}）`,
    notes: [],
    columns: [
      { header: '单位名称', min: 10, max: 16 },
      { header: '考核期间', min: 9, max: 12 },
      { header: '指标', min: 12, max: 16 },
      { header: '整改要求', min: 20, max: 30 },
      { header: '发现的问题', min: 20, max: 30 },
      { header: '整改期限', min: 11, max: 12 },
      { header: '状态', min: 6, max: 8, center: true },
      { header: '逾期情况', min: 10, max: 16 },
      { header: '逾期等级', min: 6, max: 8, center: true },
      { header: '销号', min: 12, max: 20 },
    ],
    rows: l.units.flatMap((u) =>
      u.orders.map((o) => {
        const f = levelFill(o);
        const fills: Array<readonly [string, ExcelJS.Fill]> = [...(f ? [['逾期情况', f] as const, ['逾期等级', f] as const] : []), ...(o.status === 'closed' ? [['状态', STATUS_FILL.met] as const] : [])];
        return {
          values: [u.unit.name, periodZh(o.period), `${o.indicator} ${o.title}`, o.requirement, findingText(o), deadlineText(o), o.status_label, overdueText(o), o.status !== 'closed' && o.overdue ? (o.level?.label ?? '') : '', closedText(o)],
          fills,
        };
      }),
    ),
    orientation: 'landscape',
  });
  if (l.evidence?.length) evidenceSheet(wb, l.evidence, '整改佐证材料', (e) => {
    const o = l.units.flatMap((u) => u.orders).find((x) => x.id === e.target_id);
    return o ? `${o.unit_name} ${o.indicator} ${o.title}` : e.target_id;
  });
  return workbookBytes(wb);
}

export async function noticeWorkbook(n: RectificationNotice & { evidence?: EvidenceRecord[] }, opts: ReportOptions = {}): Promise<Buffer> {
  const wb = newWorkbook(opts.generatedAt);
  const sources = n.sources.map((s) => `${periodZh(s.period)}“${s.rubric.title}”考核${s.inspected_on ? `（${s.inspected_on}${s.inspector ? `，${s.inspector}` : ''}）` : ''}`).join('、');
  tableSheet(wb, '整改通知书', {
    title: '整改通知书',
    notes: [
      `${n.unit.name}（${LEVEL_ZH[n.unit.level]}，代码 ${n.unit.code}）：`,
      `　　根据${sources}，你单位以下 ${n.orders.length} 项未达到要求。请在整改期限内整改到位，并报送整改情况（可附照片或文件作为佐证）。整改期限按工作日计算，从检查次日起算，法定节假日和调休按国务院办公厅当年的通知执行。逾期未整改的，按规定给予黄牌、红牌警示。`,
    ],
    columns: [
      { header: '序号', min: 4, max: 5, center: true },
      { header: '指标', min: 12, max: 16 },
      { header: '整改要求', min: 20, max: 34 },
      { header: '发现的问题', min: 20, max: 34 },
      { header: '整改期限', min: 11, max: 14 },
      { header: '当前状态', min: 6, max: 10, center: true },
    ],
    rows: n.orders.map((o, i) => ({ values: [i + 1, `${o.indicator} ${o.title}`, o.requirement, findingText(o), deadlineText(o), o.status_label] })),
    // The inspector who found it and the unit's head who receives it sign under the list, kept on its last page.
    footer: [`发出日期：${n.issued_on}`, '', `检查人（签字）：${SIGN_LINE}　　被检查单位负责人（签字）：${SIGN_LINE}`, '', `日期：${SIGN_LINE}　　　　　　　　　日期：${SIGN_LINE}`, ...stamp(opts)],
    orientation: 'portrait',
  });
  if (n.evidence?.length) evidenceSheet(wb, n.evidence, '整改佐证材料', (e) => n.orders.find((o) => o.id === e.target_id)?.title ?? e.target_id);
  return workbookBytes(wb);
}

const SIGN_LINE = '＿＿＿＿＿＿＿＿';

/** The open and overdue orders per unit, beside a ranking or circular (marked as the ranking is, when it holds drafts). */
export function countsSheet(wb: ExcelJS.Workbook, c: RectificationCounts, mark: { mark?: string } = {}): void {
  tableSheet(wb, '整改情况', {
    title: `整改情况（截至 ${c.as_of}）：未销号 ${c.totals.open} 项，逾期 ${c.totals.overdue} 项`,
    notes: [],
    columns: [
      { header: '单位代码', min: 16, max: 16, numFmt: '@' },
      { header: '单位名称', min: 14, max: 28 },
      { header: '未销号整改事项', min: 8, max: 14, center: true },
      { header: '其中逾期', min: 7, max: 9, center: true },
    ],
    rows: c.units.map((u) => ({ values: [u.unit.code, u.unit.name, u.open, u.overdue], ...(u.overdue > 0 ? { fills: [['其中逾期', RED]] as const } : {}) })),
    orientation: 'portrait',
    ...mark,
  });
}

/** Evidence files with their hashes, so a printed copy names exactly which files it stands on. */
export function evidenceSheet(wb: ExcelJS.Workbook, files: readonly EvidenceRecord[], name = '佐证材料', about: (e: EvidenceRecord) => string = (e) => (e.indicator ? `指标 ${e.indicator}` : '')): void {
  tableSheet(wb, name, {
    title: `${name}（共 ${files.length} 个，以 SHA-256 标识内容）`,
    notes: [],
    columns: [
      { header: '序号', min: 4, max: 5, center: true },
      { header: '所证明的事项', min: 12, max: 18 },
      { header: '文件名', min: 12, max: 20 },
      { header: '类型', min: 8, max: 10 },
      { header: '大小（KB）', min: 8, max: 9, numFmt: '0.0' },
      // 64 hex digits on two lines.
      { header: 'SHA-256', min: 36, max: 36 },
      { header: '拍摄位置', min: 10, max: 16 },
      { header: '上传人', min: 6, max: 10 },
      { header: '上传时间（UTC）', min: 11, max: 12 },
    ],
    rows: files.map((e, i) => ({
      values: [i + 1, about(e), e.name, TYPE_ZH[e.media_type], Math.round((e.size / 1024) * 10) / 10, e.sha256.replace(/^sha256:/, ''), e.location ? `${e.location.lat}, ${e.location.lon}` : '—', e.uploaded_by, e.uploaded_at.replace('T', ' ').slice(0, 19)],
    })),
    orientation: 'landscape',
  });
}
