// A rubric definition as YAML a person edits: the key order and layout of the bundled rubrics (text as a block
// literal, short maps and lists in flow style), header comments, and comments before the nodes a person must
// finish. Built with the yaml package's document API, so comments and styles are part of the document.
import type { Node, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../source/yaml.js';
import type { RubricDefinition } from '../schema/generated/rubric.js';

export interface YamlTextOptions {
  /** Lines at the top of the file, without the leading '#'. */
  header?: readonly string[];
  /** Comments before nodes, by JSON pointer (/sections/0/indicators/3). */
  comments?: ReadonlyMap<string, string>;
}

/** Keys in the order the bundled rubrics write them; any other key follows in its own order. */
const ORDER: Record<string, readonly string[]> = {
  rubric: ['$schema', 'id', 'title', 'version', 'issuer', 'source', 'effective', 'applies_to', 'levels', 'period', 'tiers', 'parameters', 'facts', 'scoring', 'notes', 'derived_from', 'sections'],
  section: ['number', 'id', 'title', 'points', 'sections', 'indicators'],
  indicator: ['id', 'title', 'text', 'source', 'check', 'points', 'deduct', 'bonus', 'veto', 'necessary_for', 'requirement', 'weight', 'applies_to', 'applies_when', 'na', 'not_applicable', 'truncated', 'note', 'guidance'],
  scoring: ['method', 'total', 'max', 'bonus_cap', 'floor', 'grades', 'veto_grade', 'bonus_order', 'annual', 'note'],
};

/** Flow style for maps and lists whose one-line form stays this short, and holds no list of maps. */
const FLOW_WIDTH = 100;

export function rubricYaml(def: RubricDefinition, opts: YamlTextOptions = {}): string {
  const doc = new (yaml().Document)(ordered(def, 'rubric'));
  const comments = opts.comments ?? new Map<string, string>();
  style(doc.contents as Node, '', comments);
  if (opts.header?.length) doc.commentBefore = opts.header.map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, singleQuote: true, flowCollectionPadding: true });
}

function ordered(value: unknown, kind: string): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v, kind === 'sections' ? 'section' : kind === 'indicators' ? 'indicator' : 'any'));
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = ORDER[kind] ?? [];
  const out: Record<string, unknown> = {};
  for (const k of [...keys.filter((k) => k in o), ...Object.keys(o).filter((k) => !keys.includes(k))]) {
    if (o[k] !== undefined) out[k] = ordered(o[k], ['sections', 'indicators', 'scoring'].includes(k) ? k : 'any');
  }
  return out;
}

function style(node: Node, pointer: string, comments: ReadonlyMap<string, string>): void {
  const comment = comments.get(pointer);
  if (comment !== undefined) node.commentBefore = comment.split('\n').map((l) => ` ${l}`).join('\n');
  const { isMap, isScalar, isSeq, Scalar } = yaml();
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const value = pair.value as Node | null;
      if (key === 'text' && isScalar(value)) value.type = Scalar.BLOCK_LITERAL;
      if (value) style(value, `${pointer}/${key}`, comments);
      // A comment on a map entry belongs before its key.
      if (value && value.commentBefore && isScalar(pair.key)) {
        pair.key.commentBefore = value.commentBefore;
        value.commentBefore = undefined;
      }
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => style(item as Node, `${pointer}/${i}`, comments));
  }
  if ((isMap(node) || isSeq(node)) && fitsOnALine(node)) node.flow = true;
}

function fitsOnALine(node: YAMLMap | YAMLSeq): boolean {
  const { isMap, isSeq } = yaml();
  const json = node.toJSON() as unknown;
  const nested = (v: unknown): boolean => Array.isArray(v) ? v.some((x) => x !== null && typeof x === 'object') : v !== null && typeof v === 'object' && Object.values(v).some(nested);
  if (isMap(node) && Object.values(json as object).some((v) => Array.isArray(v) && nested(v))) return false;
  if (isSeq(node) && (json as unknown[]).some((x) => x !== null && typeof x === 'object')) return false;
  const texts = JSON.stringify(json);
  // Block literals and comments never go into a flow collection.
  if (texts.includes('\\n') || hasComment(node)) return false;
  return texts.length <= FLOW_WIDTH;
}

function hasComment(node: Node): boolean {
  const { isMap, isScalar, isSeq } = yaml();
  if (node.commentBefore || node.comment) return true;
  if (isMap(node)) return node.items.some((p) => (isScalar(p.key) && (p.key.commentBefore || p.key.comment)) || (p.value && hasComment(p.value as Node)));
  if (isSeq(node)) return node.items.some((i) => hasComment(i as Node));
  return false;
}
