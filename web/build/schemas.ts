// The JSON Schema validators the engine uses, compiled ahead of time into plain JavaScript for the browser.
//
// Why: Ajv compiles a schema by generating code and running it with `new Function`, which the page's
// Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids, and compiling the 1,000-line rubric
// schema on a phone costs time too. So the build runs src/schema/validate.ts itself, under Node, captures the Ajv
// instance it configures (its options, its `date` format and its `exactlyOneOf` keyword), and emits that
// instance's validators as standalone code. In the browser, web/src/engine/ajv.ts stands in for Ajv: it hands
// those validators the format and keyword functions validate.ts registers at run time, so no rule is written
// twice. tests/web/schemas.test.ts checks that the emitted validators answer exactly as Ajv does.
import { _, Ajv, type KeywordDefinition } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

interface Captured {
  instances: Set<Ajv>;
  keywords: Map<unknown, string>;
}

/** Runs validate.ts with Ajv's prototype instrumented, and returns the instance it gives our schemas (its quick checker compiles at run time and is not precompiled). */
async function captureValidateTs(): Promise<{ ajv: Ajv; keywords: Map<unknown, string> }> {
  const captured: Captured = { instances: new Set(), keywords: new Map() };
  const proto = Ajv.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = { addSchema: proto.addSchema!, addKeyword: proto.addKeyword! };
  proto.addSchema = function (this: Ajv, ...args: unknown[]) {
    // Every Ajv adds its meta-schema (the third argument, _meta); only our schemas mark the instance to precompile.
    if (args[2] !== true) captured.instances.add(this);
    return original.addSchema.apply(this, args);
  };
  proto.addKeyword = function (this: Ajv, ...args: unknown[]) {
    const def = args[0] as KeywordDefinition;
    if (typeof def === 'object' && 'validate' in def && typeof def.validate === 'function') captured.keywords.set(def.validate, String(def.keyword));
    return original.addKeyword.apply(this, args);
  };
  try {
    // A fresh module instance per call: the query string makes the loader evaluate validate.ts again.
    await import(`../../src/schema/validate.js?precompile=${Date.now()}`);
  } finally {
    Object.assign(proto, original);
  }
  const [ajv, ...more] = captured.instances;
  if (!ajv || more.length > 0) throw new Error(`expected validate.ts to configure one Ajv instance, found ${captured.instances.size}`);
  return { ajv, keywords: captured.keywords };
}

/**
 * A module exporting `create(runtime)` (its default export as an ES module, module.exports as CommonJS), which returns
 * the validators by schema id. `runtime.formats` and `runtime.keywords` are the functions validate.ts registers (by
 * name); the generated code calls them. CommonJS is for dist/, which loads it only when a schema is first used.
 */
export async function precompiledSchemasModule(ids: readonly string[], format: 'esm' | 'commonjs' = 'esm'): Promise<string> {
  const { ajv, keywords } = await captureValidateTs();
  // Read when each schema is compiled, which validate.ts leaves until first use: keep the source, and refer to
  // formats through the runtime object instead of Ajv's own table.
  ajv.opts.code.source = true;
  ajv.opts.code.formats = _`runtime.formats`;
  for (const id of ids) if (!ajv.getSchema(id)) throw new Error(`no schema ${id}`);
  // A keyword given as a function has no source Ajv can print; point the generated code at the runtime's copy.
  const scope = (ajv as unknown as { scope: { _values: Record<string, Map<unknown, { value?: { ref: unknown; code?: unknown } }>> } }).scope;
  for (const name of scope._values.keyword?.values() ?? []) {
    const keyword = name.value && keywords.get(name.value.ref);
    if (keyword && name.value) name.value.code = _`runtime.keywords[${keyword}]`;
  }
  const code = standaloneCode(ajv, Object.fromEntries(ids.map((id) => [id, id])));
  // The standalone code is CommonJS: it `require`s Ajv's small runtime helpers and assigns `exports[id]`.
  const modules = [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))];
  // With the file's extension, which Node's own ES module loader needs (dist/ runs this module without a bundler).
  const file = (m: string) => JSON.stringify(/\.[cm]?js$/.test(m) ? m : `${m}.js`);
  return [
    '// Generated at build time by web/build/schemas.ts from src/schema/validate.ts. Do not edit.',
    ...modules.map((m, i) => (format === 'esm' ? `import * as m${i} from ${file(m)};` : `const m${i} = require(${file(m)});`)),
    `const modules = {${modules.map((m, i) => `${JSON.stringify(m)}: m${i}`).join(', ')}};`,
    format === 'esm' ? 'export default function create(runtime) {' : 'module.exports = function create(runtime) {',
    // A CommonJS helper's exports.default, whichever way the importer interoperates (the bundler, or Node in tests).
    '  const require = (name) => { const m = modules[name]; return m.default && m.default.__esModule ? m.default : m; };',
    '  const exports = {};',
    // Ajv's code calls a keyword's function with its instance as `this`, named `self`: none of ours reads it, and
    // Node, unlike the browser, has no global `self`.
    '  const self = undefined;',
    code,
    '  return exports;',
    '}',
  ].join('\n');
}
