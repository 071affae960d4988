// The fixed vocabulary shared by the template writer and the importer: sheet names, hidden keys, labels.

export const SHEET = { guide: '说明', single: '检查表', bulk: '批量录入', meta: '_meta', lists: '_lists' } as const;
/** Hidden field keys of the single sheet's rows that hold no answer (a section heading, the signature lines). */
export const SECTION_KEY = 'section';
export const SIGNATURE_KEY = 'signature';
export const TEMPLATE_FORMAT = 'bianmin-audit-template';
export const TEMPLATE_VERSION = '1';

/** Header fields of a submission, with their hidden key, label and defined name (single template). */
export const HEADER_FIELDS = [
  { key: 'unit.code', label: '单位代码', name: 'bm_unit_code' },
  { key: 'unit.name', label: '单位名称', name: 'bm_unit_name' },
  { key: 'unit.level', label: '单位层级', name: 'bm_unit_level' },
  { key: 'period', label: '考核期间', name: 'bm_period' },
  { key: 'inspector', label: '检查人', name: 'bm_inspector' },
  { key: 'inspected_on', label: '检查日期', name: 'bm_inspected_on' },
] as const;
export type HeaderKey = (typeof HEADER_FIELDS)[number]['key'];

export const factKey = (name: string) => `fact.${name}`;
export const factName = (name: string) => `bm_fact_${name}`;

/**
 * Column keys of the single inspection sheet, written into its hidden key row. The section (一级/二级) is a heading
 * row above its indicators rather than two columns, so the page has room for the text people read.
 */
export const SINGLE_COLUMNS = [
  { key: 'id', label: '序号' },
  { key: 'title', label: '指标' },
  { key: 'text', label: '要求（原文）与判定' },
  { key: 'inspect', label: '检查要点' },
  { key: 'item', label: '检查项' },
  { key: 'answer', label: '答案' },
  { key: 'na', label: '不适用原因' },
  { key: 'note', label: '备注' },
] as const;
export const POINT_COLUMNS = [
  { key: 'points', label: '分值' },
  { key: 'self', label: '自评分' },
  { key: 'assessed', label: '考核分' },
] as const;
/** The hidden column holding each row's field key. */
export const FIELD_KEY_COLUMN = { key: 'field', label: '字段' } as const;
