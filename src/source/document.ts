// Parses YAML or JSON text (JSON is a subset of YAML 1.2) into plain data while keeping the
// positions, so that every later problem, found by JSON pointer, can name its line and column.
import type { Document, Node } from 'yaml';
import { pointer, type Problem } from '../errors.js';
import { yaml } from './yaml.js';

export interface ParsedDocument {
  data: unknown;
  /** Adds file, line and column to problems located by JSON pointer. */
  locate(problems: readonly Problem[]): Problem[];
}

/** Keys that could reach Object.prototype if some consumer merged the data naively. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const MAX_DEPTH = 64;

export function parseText(text: string, file?: string): { doc?: ParsedDocument; problems: Problem[] } {
  return plainJson(text, file) ?? parseYaml(text, file);
}

/**
 * Most submissions are JSON: read by JSON.parse when that gives exactly what the YAML parser would (no duplicate key,
 * no forbidden key, not too deep), and parsed again as YAML only to place a problem found later. Loading the yaml
 * package and parsing with positions was about a sixth of a CLI `score` run. Anything else (YAML, invalid JSON, a
 * duplicate or forbidden key, deep nesting) takes the YAML path, which words and places the problem.
 */
function plainJson(text: string, file: string | undefined): { doc: ParsedDocument; problems: Problem[] } | undefined {
  // JSON text starts with an object or array here (a submission or a rubric is an object); YAML rarely does.
  if (!/^\s*[[{]/.test(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  // JSON.parse keeps the last of two equal keys where the YAML parser refuses them: the text's members (one colon
  // each, outside strings) must all be in the data.
  const members = plainMembers(data, 0);
  if (members < 0 || members !== colonsOutsideStrings(text)) return undefined;
  let positions: ((list: readonly Problem[]) => Problem[]) | undefined;
  // Should the YAML parser refuse what JSON.parse read (none is known: it reads lone carriage returns differently, but
  // without refusing), problems keep their file and pointer, without a line.
  const locate = (list: readonly Problem[]): Problem[] =>
    (positions ??= parseYaml(text, file).doc?.locate ?? ((l) => l.map((p) => withFile(p, file))))(list);
  return { doc: { data, locate }, problems: [] };
}

/** How many object members the data holds, or −1 when it nests too deep or uses a forbidden key (the YAML path says where). */
function plainMembers(value: unknown, depth: number): number {
  // As walkKeys counts: a value of any kind past the depth limit.
  if (depth > MAX_DEPTH) return -1;
  if (value === null || typeof value !== 'object') return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const v of value) {
      const m = plainMembers(v, depth + 1);
      if (m < 0) return -1;
      n += m;
    }
    return n;
  }
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return -1;
    const m = plainMembers((value as Record<string, unknown>)[key], depth + 1);
    if (m < 0) return -1;
    n += m + 1;
  }
  return n;
}

/** The colons of a JSON text outside its strings: one per object member. */
function colonsOutsideStrings(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x3a) n++;
  }
  return n;
}

function parseYaml(text: string, file: string | undefined): { doc?: ParsedDocument; problems: Problem[] } {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, {
      version: '1.2',
      schema: 'core',
      merge: false,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter,
    });
  } catch (e) {
    // Crafted input can throw RangeError and friends rather than YAMLParseError.
    return { problems: [withFile({ code: 'SYNTAX', path: '', message: `无法解析文件：${(e as Error).message}` }, file)] };
  }
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const problems: Problem[] = [];
  const seen = new Set<string>();
  const syntax = (prefix: string, e: { message: string; pos: [number, number] }) => {
    const first = e.message.split('\n')[0] ?? '';
    const message = /call stack/i.test(first) ? '嵌套层级过深' : `${prefix}${first}`;
    if (seen.has(message)) return; // a runaway input repeats one problem thousands of times
    seen.add(message);
    problems.push(withFile({ code: 'SYNTAX', path: '', message, ...at(e.pos[0]) }, file));
  };
  for (const err of document.errors) syntax('语法错误：', err);
  // Unknown tags (e.g. !foo, !!js/function) arrive as warnings; we refuse them.
  for (const warn of document.warnings) syntax('不支持的写法：', warn);
  if (problems.length > 0) return { problems };

  walkKeys(document.contents as Node | null, [], 0, (segments, node, code) => {
    const pos = node.range ? at(node.range[0]) : {};
    const message =
      code === 'FORBIDDEN_KEY'
        ? `不允许使用字段名“${String(segments.at(-1))}”`
        : code === 'TAG'
          ? `不允许使用 YAML 标签“${String((node as { tag?: string }).tag)}”`
          : `嵌套层级过深（超过 ${MAX_DEPTH} 层）`;
    problems.push(withFile({ code: code === 'FORBIDDEN_KEY' ? 'FORBIDDEN_KEY' : 'SYNTAX', path: pointer(...segments), message, ...pos }, file));
  });
  if (problems.length > 0) return { problems };

  let data: unknown;
  try {
    // maxAliasCount 0 refuses every alias, which also rules out billion-laughs expansion.
    data = document.toJS({ maxAliasCount: 0 });
  } catch {
    return { problems: [withFile({ code: 'SYNTAX', path: '', message: '不允许使用 YAML 别名或引用（&/*）' }, file)] };
  }
  const locate = (list: readonly Problem[]): Problem[] =>
    list.map((p) => {
      const node = nearestNode(document, p.path);
      const pos = node?.range ? at(node.range[0]) : {};
      return withFile({ ...pos, ...p }, file);
    });
  return { doc: { data, locate }, problems: [] };
}

function withFile(p: Problem, file: string | undefined): Problem {
  return file === undefined || p.file !== undefined ? p : { ...p, file };
}

type KeyVisitor = (segments: Array<string | number>, node: Node, code: 'FORBIDDEN_KEY' | 'TOO_DEEP' | 'TAG') => void;

function walkKeys(node: Node | null, segments: Array<string | number>, depth: number, report: KeyVisitor): void {
  if (node === null) return;
  if (depth > MAX_DEPTH) {
    report(segments, node, 'TOO_DEEP');
    return;
  }
  // Rubrics and submissions are plain data: any explicit tag (!!binary, !!set, !custom) is refused.
  if ('tag' in node && typeof node.tag === 'string') report(segments, node, 'TAG');
  const { isMap, isPair, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (FORBIDDEN_KEYS.has(key)) report([...segments, key], pair.key as Node, 'FORBIDDEN_KEY');
      walkKeys(pair.value as Node | null, [...segments, key], depth + 1, report);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walkKeys(item as Node | null, [...segments, i], depth + 1, report));
  }
}

/** The node at a JSON pointer, or its nearest existing ancestor (a missing field is reported at its parent). */
function nearestNode(document: Document.Parsed, path: string): Node | undefined {
  const segments = path === '' ? [] : path.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  for (let n = segments.length; n >= 0; n--) {
    const node = n === 0 ? (document.contents as Node | null) : (document.getIn(segments.slice(0, n), true) as Node | undefined);
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return undefined;
}
