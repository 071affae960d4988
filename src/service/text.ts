// Characters refused in anything stored: C0 controls (tab, line feed and carriage return aside), lone surrogates and
// the noncharacters U+FFFE/U+FFFF, which XML cannot carry (exceljs silently drops them, so a workbook would show a
// different name from the record), and the bidirectional embedding, override and isolate controls, which make text
// display in another order than it is stored ("Trojan Source").
import { AuditError, pointerSegment, type Problem } from '../errors.js';

// eslint-disable-next-line no-control-regex
const REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

function describe(found: string): string {
  return BIDI.test(found) ? `文字方向控制符（${codePoint(found)}），它会让文字显示的顺序与实际内容不同` : `不可见的控制字符（${codePoint(found)}），表格中无法显示`;
}

/** Whether any string (or key) in the value holds a refused character: one walk that builds no paths. */
function holdsRefused(value: unknown): boolean {
  // Without recursion: a body may nest deeper than the stack.
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (REFUSED.test(v)) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (REFUSED.test(k)) return true;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return false;
}

/** Every string (and key) in the value that holds a refused character, with its JSON pointer, in document order. */
export function controlCharacterProblems(value: unknown, path = ''): Problem[] {
  // Nearly every input holds none: found out without making a pointer for every value.
  if (!holdsRefused(value)) return [];
  const out: Problem[] = [];
  const problem = (at: string, found: string, prefix = '') => out.push({ code: 'CONTROL_CHARACTER', path: at, message: `${prefix}含有${describe(found)}，请删除后重新提交` });
  // Without recursion: a body may nest deeper than the stack. Each entry carries the key it sits under, if any.
  const stack: Array<[unknown, string, string | null]> = [[value, path, null]];
  while (stack.length) {
    const [v, at, key] = stack.pop()!;
    const inKey = key === null ? null : REFUSED.exec(key);
    if (inKey) problem(at, inKey[0], '字段名');
    if (typeof v === 'string') {
      const m = REFUSED.exec(v);
      if (m) problem(at, m[0]);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}/${i}`, null]);
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push([entries[i]![1], `${at}/${pointerSegment(entries[i]![0])}`, entries[i]![0]]);
    }
  }
  return out;
}

/** Refuses the input (400) naming every place that holds such a character. */
export function refuseControlCharacters(value: unknown, what: string, path = ''): void {
  const problems = controlCharacterProblems(value, path);
  if (problems.length) throw new AuditError('BAD_REQUEST', `${what}中有 ${problems.length} 处含不可见的控制字符或文字方向控制符，请删除后重新提交`, problems);
}
