// JSON bodies are measured before they are parsed: parsing alone is linear but not cheap (a 2 MiB body of 150,000
// keys takes over 100 ms, one nested half a million deep longer still), so a body deeper or with more values than
// its route could ever need is refused from a single scan of its text, which stops at the first limit passed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AuditError } from '../errors.js';

export interface JsonShape {
  /** Containers nested inside one another. */
  depth: number;
  /** Values of every kind: objects, arrays and scalars. */
  values: number;
}

/** What a route's body may hold, unless its config says otherwise (`config: { json: {...} }`). */
export const JSON_DEFAULT: JsonShape = { depth: 32, values: 50_000 };
/** A submission: at most one answer per indicator, each small; ten times what any real one holds. */
export const JSON_SUBMISSION: JsonShape = { depth: 16, values: 20_000 };

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The first limit the text passes, or null. Outside strings, each comma and each opening bracket is one more value
 * (an empty container counts one too many: a bound, not a census).
 */
export function pastShape(text: string, limit: JsonShape): 'depth' | 'values' | null {
  let depth = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) i++;
        else if (d === QUOTE) break;
      }
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit.depth) return 'depth';
      if (++values > limit.values) return 'values';
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
    else if (c === COMMA && ++values > limit.values) return 'values';
  }
  return null;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What this route's JSON body may hold (JSON_DEFAULT otherwise). */
    json?: JsonShape;
  }
}

/** Replaces the JSON parser: measure, then parse as Fastify would (refusing __proto__ and constructor keys). */
export function boundedJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req: FastifyRequest, body: string | Buffer, done) => {
    const limit = req.routeOptions.config?.json ?? JSON_DEFAULT;
    const text = String(body);
    const past = pastShape(text, limit);
    if (past) {
      const message = past === 'depth' ? `请求内容嵌套超过 ${limit.depth} 层，本接口用不到这么深的结构` : `请求内容超过 ${limit.values} 个值，本接口用不到这么多内容`;
      done(new AuditError('BAD_REQUEST', message, [{ code: 'TOO_COMPLEX', path: '', message }]), undefined);
      return;
    }
    parse(req, text, done);
  });
}
