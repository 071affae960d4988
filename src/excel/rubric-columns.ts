// The columns of a county's scoring table (考核细则, 赋分表): what each heading means, as counties write them, and the
// layout the export writes. Shared by the rubric-table import and export so the two can never disagree.
import type { Indicator, UnitLevel } from '../schema/generated/rubric.js';
import { headerText } from './cells.js';

export type Role =
  /** 序号 */
  | 'number'
  /** 考核项目, 指标, 一级指标 …: the short label; several such columns nest (一级 › 二级 › 三级). */
  | 'item'
  /** 考核内容: the requirement's words (or the label, where a 考核标准 column holds the requirement). */
  | 'content'
  /** 考核标准: the requirement's words. */
  | 'standard'
  /** 分值 */
  | 'points'
  /** 扣分标准, 评分标准, 赋分标准, 扣分加分情况: the deduction wording. */
  | 'rule'
  /** 考核办法: how the inspector checks. */
  | 'method'
  /** 评定依据: the evidence. */
  | 'evidence'
  /** 责任科室 */
  | 'office'
  /** 备注 */
  | 'remark'
  /** 自评分, 考核分, 得分: filled in when scoring, never part of the rubric. */
  | 'score'
  /** Our export's hidden machine key: a row's indicator or section id. */
  | 'key';

/** Heading words per role, compared as typed without spaces or width variants (headerText). Exact matches first, then these as prefixes. */
const HEADINGS: ReadonlyArray<readonly [Role, readonly string[]]> = [
  ['key', ['_key']],
  ['number', ['序号', '编号', '序', '项次', '条目']],
  ['item', ['考核项目', '项目', '指标', '考核指标', '评价指标', '一级指标', '二级指标', '三级指标', '四级指标', '指标名称', '考核类别', '类别', '考评项目', '评分项目', '考核要素', '要素', '考核事项', '事项']],
  ['content', ['考核内容', '内容', '工作内容', '具体内容', '指标内容', '考评内容', '工作要求', '考核要求', '要求', '规则', '评价内容', '检查内容', '检查项目']],
  ['standard', ['考核标准', '标准', '考评标准', '指标要求', '建设标准', '具体标准', '标准要求', '指标说明']],
  ['points', ['分值', '分数', '标准分', '满分', '基础分', '基本分', '权重', '分值(分)', '分值（分）', '标准分值', '赋分', '配分']],
  ['rule', ['扣分标准', '评分标准', '赋分标准', '扣分加分情况', '扣分情况', '评分细则', '计分办法', '计分方法', '扣分', '扣分办法', '扣分细则', '评分办法', '评分方法', '考核评分标准', '扣分说明', '加减分标准', '扣分及加分标准']],
  ['method', ['考核办法', '考核方法', '考核方式', '检查方法', '考评方法', '考评办法', '检查方式', '核查方式', '考核途径']],
  ['evidence', ['评定依据', '考核依据', '依据', '佐证材料', '考核资料', '检查资料', '数据来源', '评分依据', '资料来源']],
  ['office', ['责任科室', '责任单位', '责任部门', '牵头单位', '牵头科室', '考核科室', '考核单位', '考评单位']],
  ['remark', ['备注', '说明']],
  ['score', ['自评分', '自评得分', '自评', '考核分', '考核得分', '得分', '实得分', '扣分情况说明', '评分', '考评得分', '实际得分', '扣分值', '加分', '最终得分']],
];

const EXACT = new Map<string, Role>(HEADINGS.flatMap(([role, words]) => words.map((w) => [headerText(w), role] as const)));

/** The role of a heading as typed, or undefined for a column the importer does not use. */
export function roleOf(heading: string): Role | undefined {
  const h = headerText(heading).replace(/[(（][^)）]*[)）]$/, (m) => (/分/.test(m) ? '' : m));
  const exact = EXACT.get(h) ?? EXACT.get(headerText(heading));
  if (exact) return exact;
  // 扣分标准（手工录入）, 考核内容及要求: a known heading followed by more words.
  for (const [role, words] of HEADINGS) if (role !== 'key' && words.some((w) => w.length >= 2 && h.startsWith(headerText(w)))) return role;
  return undefined;
}

/** The export's columns, in order: the layout of a county table, with the score columns left to fill in. */
export const EXPORT_COLUMNS = [
  { role: 'number', label: '序号', width: 7 },
  { role: 'content', label: '考核内容', width: 14 },
  { role: 'standard', label: '考核标准', width: 40 },
  { role: 'points', label: '分值', width: 6 },
  { role: 'rule', label: '扣分标准', width: 28 },
  { role: 'method', label: '考核办法', width: 24 },
  { role: 'evidence', label: '评定依据', width: 13 },
  { role: 'score', label: '自评分', width: 7 },
  { role: 'score', label: '考核分', width: 7 },
  { role: 'key', label: '_key', width: 10 },
] as const satisfies ReadonlyArray<{ role: Role; label: string; width: number }>;

/** How the import marks an indicator whose rule a person must still write (its note begins so). */
export const DRAFT_NOTE = '待补充：';

/** The export's hidden sheet naming the rubric the table was written from. */
export const TABLE_META = { sheet: '_rubric', format: 'bianmin-audit-rubric-table', version: '1' } as const;

/**
 * Key cell values: a section row and an indicator row of the export. An indicator's key also carries what the table's
 * words cannot: the machine ids of its checklist items or tally counts (so submissions keep working after a round
 * trip) and the unit levels it is narrowed to.
 */
export const sectionKey = (depth: number, id?: string) => `section:${depth}${id !== undefined ? `:${id}` : ''}`;

export interface IndicatorKey {
  indicator: string;
  /** Ids of the checklist items or tally counts, in order. */
  ids?: string[];
  levels?: UnitLevel[];
}

export function indicatorKey(ind: Pick<Indicator, 'id' | 'check' | 'applies_to'>): string {
  const c = ind.check;
  const ids = c.kind === 'checklist' ? c.items.map((i) => i.id) : c.kind === 'tally' ? c.counts.map((i) => i.id) : [];
  return [`indicator:${ind.id}`, ...(ids.length > 0 ? [`ids=${ids.join(',')}`] : []), ...(ind.applies_to ? [`levels=${ind.applies_to.join(',')}`] : [])].join(';');
}

const LEVELS: readonly string[] = ['county', 'township', 'village'];

export function parseKey(text: string): { section: { depth: number; id?: string } } | IndicatorKey | undefined {
  const s = /^section:(\d+)(?::(.+))?$/.exec(text);
  if (s) return { section: { depth: Number(s[1]), ...(s[2] !== undefined ? { id: s[2] } : {}) } };
  const [head, ...rest] = text.split(';');
  const i = /^indicator:(.+)$/.exec(head!);
  if (!i) return undefined;
  const extra = new Map(rest.map((p) => p.split('=') as [string, string]));
  const ids = extra.get('ids')?.split(',').filter((x) => /^[a-z][a-z0-9_]*$/.test(x));
  const levels = extra.get('levels')?.split(',').filter((x): x is UnitLevel => LEVELS.includes(x));
  return { indicator: i[1]!, ...(ids?.length ? { ids } : {}), ...(levels?.length ? { levels } : {}) };
}
