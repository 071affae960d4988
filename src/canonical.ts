import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth: the same data always gives the same bytes.
 *
 * Written straight out, without building a sorted copy first (a record's submission and result are tens of
 * kilobytes, and copying them cost as much as scoring). The bytes are exactly those of the earlier definition,
 * `JSON.stringify` of a key-sorted copy made of prototype-less objects, on which stored hashes rest:
 * - keys that are array indices ("0", "7", "12", up to 2³² − 2) come first in numeric order, as JavaScript
 *   enumerates them on any object, then the other keys in code-unit order (`Array.prototype.sort`);
 * - in an object, a key whose value is undefined, a function or a symbol is left out; in an array such a value,
 *   or a hole, is `null`;
 * - numbers that are not finite are `null`; strings are escaped by `JSON.stringify`;
 * - every other object is read through its own enumerable keys (a Date is `{}`: its prototype's `toJSON` is not used).
 * `tests/store/canonical.test.ts` keeps the earlier definition and compares the two.
 */
export function canonicalJson(value: unknown): string {
  // A top-level undefined (or function or symbol) has no JSON text, as JSON.stringify says.
  return text(value) as string;
}

/** The value's canonical text; undefined for what JSON leaves out of an object. */
function text(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      // As JSON.stringify does.
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += `${i > 0 ? ',' : ''}${text(value[i]) ?? 'null'}`;
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const { keys, labels } = order(Object.keys(obj));
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const v = text(obj[keys[i]!]);
    if (v !== undefined) out += out.length > 1 ? `,${labels[i]}${v}` : `${labels[i]}${v}`;
  }
  return `${out}}`;
}

/** A set of keys in canonical order, each with its label (`"key":`). */
interface Order {
  keys: string[];
  labels: string[];
}

/** Orders by the keys as enumerated, one step per key (no string is built to look one up). */
interface Shape {
  next: Map<string, Shape>;
  order?: Order;
}

/**
 * Objects of one shape (every indicator result, say) share an order: it is sorted once and remembered. The memory is
 * bounded: past a number of shapes, what is remembered is forgotten and learnt again.
 */
let shapes: Shape = { next: new Map() };
let known = 0;
const MAX_SHAPES = 8192;

function order(keys: string[]): Order {
  let node = shapes;
  for (const k of keys) {
    let child = node.next.get(k);
    if (!child) {
      if (++known > MAX_SHAPES) {
        shapes = { next: new Map() };
        known = 0;
        return sorted(keys);
      }
      child = { next: new Map() };
      node.next.set(k, child);
    }
    node = child;
  }
  return (node.order ??= sorted(keys));
}

function sorted(keys: string[]): Order {
  const numeric = keys.filter(isIndex);
  const rest = keys.filter((k) => !isIndex(k)).sort();
  const all = numeric.length ? numeric.sort((a, b) => Number(a) - Number(b)).concat(rest) : rest;
  return { keys: all, labels: all.map((k) => `${quote(k)}:`) };
}

/** What JSON.stringify escapes: quotes, backslashes, control characters, and (lone) surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it; most need no escaping, and a regular expression says so faster than the call. */
const quote = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/** 2³² − 2: the largest array index, the last key JavaScript orders as a number. */
const MAX_INDEX = 4294967294;
const isIndex = (k: string) => /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) <= MAX_INDEX;

export const sha256 = (text: string): string => `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
