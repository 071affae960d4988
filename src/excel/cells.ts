// What people actually type into answer cells, read into one plain value. Every refusal is a Chinese
// message for the import report; nothing is guessed silently.
import type { Cell, CellValue } from 'exceljs';
import { convertLength, LENGTH_MM } from '../checks/dimension.js';
import { periodOf } from '../periods/calendar.js';
import type { Field } from './fields.js';

export type Read =
  | { kind: 'empty' }
  | { kind: 'na'; reason?: string }
  /** `warning`: read, but not as typed (a fraction in a percentage cell), so the importer tells the person. */
  | { kind: 'value'; value: boolean | number | string | number[]; warning?: string }
  | { kind: 'error'; message: string };

/** For matching and parsing only: NFKC turns full-width digits, letters, spaces and ㎡ into plain ones. */
export const normaliseText = (s: string): string => cleanText(s.normalize('NFKC'));
/** A header as typed, compared without its spaces or width variants. */
export const headerText = (s: string): string => normaliseText(s).replace(/\s+/g, '');

/** Free text keeps its characters (full-width Chinese punctuation included); only outer spaces and a leading apostrophe go. */
export const cleanText = (s: string): string => s.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').replace(/^'/, '');

/** The cell's primitive value: formula results, rich text and hyperlinks unwrapped; percent cells scaled to 0–100 by the caller. */
export function rawValue(cell: Cell): { value: unknown; percent: boolean; formulaWithoutResult: boolean } {
  let v: CellValue | undefined = cell.value;
  let formulaWithoutResult = false;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: unknown }).result;
      formulaWithoutResult = result === undefined;
      v = (result as CellValue) ?? null;
    }
    if (v && typeof v === 'object' && 'richText' in v) v = v.richText.map((t) => t.text).join('');
    else if (v && typeof v === 'object' && 'text' in v && 'hyperlink' in v) v = String((v as { text: unknown }).text);
    else if (v && typeof v === 'object' && 'error' in v) v = (v as { error: string }).error;
  }
  const percent = typeof v === 'number' && /%/.test(cell.numFmt ?? '');
  return { value: v, percent, formulaWithoutResult };
}

const NA = /^(不适用|N\/?A|\/)(?:\s*[:：（(]\s*(.*?)\s*[)）]?)?$/i;
const YES = new Set(['是', '√', '✓', '✔', '☑', 'Y', 'YES', '有', '对', 'TRUE', '符合', '达标']);
const NO = new Set(['否', '×', '✗', '✘', 'X', 'N', 'NO', '无', '没有', '错', 'FALSE', '不符合', '未达标']);

/** Unit spellings accepted after a number, per field unit. Lengths convert between mm, cm and m. */
const UNIT_SPELLINGS: Record<string, string[]> = {
  'm²': ['m2', 'm²', '平方米', '平米', '平方'],
  '%': ['%'],
  天: ['天', '日', 'd'],
  次: ['次'],
  人: ['人', '名'],
  名: ['名', '人'],
  '℃': ['℃', '°c', '度', '摄氏度'],
};

/** The reads most cells come to, made once: an import reads every answer cell of every row. */
const EMPTY: Read = Object.freeze({ kind: 'empty' });
const YES_READ: Read = Object.freeze({ kind: 'value', value: true });
const NO_READ: Read = Object.freeze({ kind: 'value', value: false });
const NO_RESULT: Read = Object.freeze({ kind: 'error', message: '公式没有计算结果：请在 Excel 或 WPS 中打开、保存后再导入' });

export function readField(cell: Cell, field: Field): Read {
  // A plain value (most cells) is read as it is; only a formula, rich text or link is unwrapped by rawValue.
  const v = cell.value;
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'boolean' && field.input.type === 'yesno') return v ? YES_READ : NO_READ;
  if (typeof v === 'string' && field.input.type === 'yesno') {
    const t = v.length <= 3 ? v.trim() : '';
    if (t === '是') return YES_READ;
    if (t === '否') return NO_READ;
  }
  return readValue(cell, field);
}

function readValue(cell: Cell, field: Field): Read {
  const { value, percent, formulaWithoutResult } = rawValue(cell);
  if (formulaWithoutResult) return NO_RESULT;
  if (value === null || value === undefined || (typeof value === 'string' && normaliseText(value) === '')) return EMPTY;
  if (value instanceof Date) return { kind: 'error', message: `此处填的是日期：请改填${expected(field)}` };
  if (typeof value === 'string') {
    const text = normaliseText(value);
    if (NA.test(text)) {
      const reason = NA.exec(cleanText(value))?.[2] ?? NA.exec(text)?.[2];
      return { kind: 'na', ...(reason ? { reason } : {}) };
    }
    return readText(text, field);
  }
  if (field.input.type === 'numbers') return readNumbers(value, field.input);
  if (typeof value === 'boolean') return field.input.type === 'yesno' ? (value ? YES_READ : NO_READ) : { kind: 'error', message: `填的是逻辑值：请改填${expected(field)}` };
  if (typeof value === 'number') {
    if (field.input.type === 'number') {
      // A cell formatted as a percentage stores 30% as 0.3; the rubric counts percentages 0–100.
      if (percent && field.input.unit === '%') return { kind: 'value', value: Number((value * 100).toFixed(9)) };
      return fraction(value, field);
    }
    if (field.input.type === 'yesno' && (value === 1 || value === 0)) return value === 1 ? YES_READ : NO_READ;
    return { kind: 'error', message: `填的是数字 ${value}：请改填${expected(field)}` };
  }
  return { kind: 'error', message: `无法识别单元格内容：请改填${expected(field)}` };
}

/**
 * A bare number under 1 in a percentage field (0.6 in a General cell, or typed as text) is a fraction someone wrote
 * for 60%: percentages here are 0–100, and a rate below 1% is rare enough to be written with its sign. It is read
 * as 60 and the person is told, cell by cell.
 */
function fraction(n: number, field: Field): Read {
  if (field.input.type !== 'number' || field.input.unit !== '%' || !(n > 0 && n < 1)) return { kind: 'value', value: n };
  const pct = Number((n * 100).toFixed(9));
  return { kind: 'value', value: pct, warning: `百分比填的是 ${n}，已按比例读作 ${pct}%：如实际是 ${n}%，请改填“${n}%”后重新导入` };
}

function readText(text: string, field: Field): Read {
  const input = field.input;
  switch (input.type) {
    case 'yesno': {
      const t = text.toUpperCase();
      if (YES.has(t)) return YES_READ;
      if (NO.has(t)) return NO_READ;
      return { kind: 'error', message: `“${text}”不是是/否：请填写“是”或“否”（也可填 √/×、Y/N、有/无；允许不适用的指标可填“不适用”）` };
    }
    case 'choice': {
      const option = input.options.find((o) => normaliseText(o.label) === text || o.id === text);
      return option ? { kind: 'value', value: option.id } : { kind: 'error', message: `“${text}”不在可选项中：请从下拉列表中选择（${input.options.map((o) => o.label).join('、')}）` };
    }
    case 'number': {
      // Exponents too: a tiny or huge value written out by a program reads as 5e-7.
      const m = /^((?:[+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/i.exec(text);
      if (!m) return { kind: 'error', message: `“${text}”不是数字：请填写${expected(field)}` };
      let n = Number(m[1]!.replace(/,/g, ''));
      const suffix = m[2]!.toLowerCase();
      if (suffix !== '') {
        if (Object.hasOwn(LENGTH_MM, suffix) && Object.hasOwn(LENGTH_MM, input.unit)) n = convertLength(n, suffix, input.unit);
        else if (!(UNIT_SPELLINGS[input.unit] ?? [input.unit.toLowerCase()]).includes(suffix)) {
          return { kind: 'error', message: `单位“${m[2]}”与要求的单位“${input.unit}”不符：请按“${input.unit}”填写数字` };
        }
      }
      return suffix === '' ? fraction(n, field) : { kind: 'value', value: n };
    }
    case 'numbers':
      return readNumbers(text, input);
  }
}

/** A score cell (自评分, 考核分): a number of points, 分 allowed after it; a formula's result is read like any answer. */
export function readScore(cell: Cell): Read {
  const { value, formulaWithoutResult } = rawValue(cell);
  if (formulaWithoutResult) return { kind: 'error', message: '公式没有计算结果：请在 Excel 或 WPS 中打开、保存后再导入' };
  if (value === null || value === undefined || (typeof value === 'string' && normaliseText(value) === '')) return { kind: 'empty' };
  if (typeof value === 'number') return { kind: 'value', value };
  const text = typeof value === 'string' ? normaliseText(value) : String(value);
  const m = /^([+-]?\d+(?:\.\d+)?)\s*分?$/.exec(text);
  return m ? { kind: 'value', value: Number(m[1]) } : { kind: 'error', message: `“${text}”不是分数：请填写数字（单位：分），没有的留空` };
}

function expected(field: Field): string {
  const i = field.input;
  if (i.type === 'yesno') return '“是”或“否”';
  if (i.type === 'choice') return `下拉列表中的选项（${i.options.map((o) => o.label).join('、')}）`;
  if (i.type === 'numbers') return `逐次的数值（单位：${i.unit}），用顿号分隔，没有填“无”`;
  return `${i.integer ? '整数' : '数值'}（单位：${i.unit}）`;
}

const NONE = new Set(['无', '没有', '0', '-', '—']);

/** A list of numbers, one per case: a number cell is one case (0 is none); text is split on 、,， and spaces. */
function readNumbers(value: unknown, input: Extract<Field['input'], { type: 'numbers' }>): Read {
  if (typeof value === 'number') return { kind: 'value', value: value === 0 ? [] : [value] };
  const text = normaliseText(String(value));
  if (NONE.has(text)) return { kind: 'value', value: [] };
  const parts = text.split(/[、,，;；\s]+/).filter((p) => p !== '');
  const unit = input.unit.toLowerCase();
  const out: number[] = [];
  for (const p of parts) {
    const m = /^(\d+(?:\.\d+)?)\s*(.*)$/.exec(p);
    if (!m || (m[2] !== '' && m[2]!.toLowerCase() !== unit && !(UNIT_SPELLINGS[input.unit] ?? []).includes(m[2]!.toLowerCase()))) {
      return { kind: 'error', message: `“${p}”不是数值：应逐次填写数值（单位：${input.unit}），用顿号分隔，如“20、45”；没有填“无”` };
    }
    out.push(Number(m[1]));
  }
  return { kind: 'value', value: out };
}

/** A unit code as text. Codes typed as numbers keep their leading zeros when the cell format shows them. */
export function readCode(cell: Cell): string | undefined {
  const { value } = rawValue(cell);
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    const zeros = /^0+$/.exec(cell.numFmt ?? '');
    const s = String(value);
    return zeros ? s.padStart(zeros[0].length, '0') : s;
  }
  const text = normaliseText(String(value));
  return text === '' ? undefined : text;
}

export function readPlain(cell: Cell): string | undefined {
  const { value } = rawValue(cell);
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const text = cleanText(String(value));
  return text === '' ? undefined : text;
}

// A quarter or half year as people write it: 2026-Q3, 2026Q3, 2026年第三季度, 2026年3季度; 2026-H1, 2026年上半年.
const QUARTER_TEXT = /^(\d{4})\s*(?:[-/.年]\s*)?(?:Q\s*([1-4])|第?\s*([1-4一二三四])\s*季度)$/i;
const HALF_TEXT = /^(\d{4})\s*(?:[-/.年]\s*)?(?:H\s*([12])|([上下])半年度?)$/i;

/**
 * A period cell: text like 2026-11, 2026年11月, 2026/11, or a date Excel made of it (dates are read in UTC); a
 * quarter or half year as 2026-Q3 or 2026年第三季度, 2026-H1 or 2026年上半年. Whether it is of the rubric's kind is
 * the engine's to say.
 */
export function readPeriod(cell: Cell): string | undefined {
  const { value } = rawValue(cell);
  if (value === null || value === undefined) return undefined;
  if (value instanceof Date) return periodOf(value);
  // East Asian date formats (numFmt ids 27–36, 50–58) are unknown to exceljs and arrive as bare serials.
  if (typeof value === 'number' && value > 36526 && value < 73051) return periodOf(new Date(Math.round((value - 25569) * 86400000)));
  const text = normaliseText(String(value));
  const m = /^(\d{4})\s*(?:[-/.年]\s*)?(\d{1,2})\s*月?$/.exec(text);
  if (m) return `${m[1]}-${m[2]!.padStart(2, '0')}`;
  const q = QUARTER_TEXT.exec(text);
  if (q) return `${q[1]}-Q${q[2] ?? (/\d/.test(q[3]!) ? q[3] : '一二三四'.indexOf(q[3]!) + 1)}`;
  const h = HALF_TEXT.exec(text);
  if (h) return `${h[1]}-H${h[2] ?? (h[3] === '上' ? 1 : 2)}`;
  return text;
}
