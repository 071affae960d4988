// Compiles the JSON Schemas once and turns Ajv's errors into located, Chinese problems.
import { Ajv, type ErrorObject, type ValidateFunction } from './ajv.js';
import type { Ajv as RuntimeAjv } from 'ajv';
import { runtimeAjv } from './runtime-ajv.js';
import { describeValue, type Problem } from '../errors.js';
import { SCHEMA_NAMES, schemaId, type SchemaName } from './ids.js';
import assessmentSchema from './assessment.schema.json' with { type: 'json' };
import rubricSchema from './rubric.schema.json' with { type: 'json' };
import submissionSchema from './submission.schema.json' with { type: 'json' };
import tailoringSchema from './tailoring.schema.json' with { type: 'json' };
import type { Assessment } from './generated/assessment.js';
import type { RubricDefinition } from './generated/rubric.js';
import type { Submission } from './generated/submission.js';
import type { Tailoring } from './generated/tailoring.js';

export const UNIT_CODE_HINT = '单位代码只能由数字、字母和连字符组成（统计用区划代码为 12 位数字）';

/** Patterns other layers check too (query strings, unit records), read from the submission schema, their one source. */
export const PATTERNS = {
  period: submissionSchema.properties.period.pattern,
  unitCode: submissionSchema.definitions.Unit.properties.code.pattern,
} as const;

export const SCHEMAS: Readonly<Record<SchemaName, object>> = {
  rubric: rubricSchema,
  submission: submissionSchema,
  assessment: assessmentSchema,
  tailoring: tailoringSchema,
};

const ajv = new Ajv({ allErrors: true, discriminator: true, strict: true, strictRequired: false, verbose: true });
// The only format we use; a real calendar date, so 2026-02-30 is refused.
const date = (s: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
};
// `exactlyOneOf: [a, b, c]`: exactly one of these properties is present. Declarative, so the schema stays
// the single source of truth, and unlike oneOf-of-required it keeps the generated types clean.
const exactlyOneOf = Object.assign(
  (fields: string[], data: Record<string, unknown>): boolean => {
    const present = fields.filter((f) => f in data);
    exactlyOneOf.errors = present.length === 1 ? [] : [{ keyword: 'exactlyOneOf', message: 'exactly one', params: { fields, present } }];
    return present.length === 1;
  },
  { errors: [] as Array<Partial<ErrorObject>> },
);
const withOurKeywords = <A extends Pick<RuntimeAjv, 'addFormat' | 'addKeyword'>>(a: A): A => {
  a.addFormat('date', date);
  a.addKeyword({ keyword: 'exactlyOneOf', type: 'object', schemaType: 'array', errors: true, validate: exactlyOneOf });
  return a;
};
withOurKeywords(ajv);
for (const name of SCHEMA_NAMES) ajv.addSchema(SCHEMAS[name]);

/**
 * Checks that only need a yes or no, stopping at the first error: a rubric's own submission schema (engine/screen.ts),
 * whose errors are never shown (a refused submission is checked again by the schemas above, to phrase its problems).
 * They compile at run time, so this is Ajv itself, from the sources and built alike, made on the first quick check.
 */
let quick: RuntimeAjv | undefined;

/** A yes-or-no check compiled from a schema of its own (self-contained: no $id, no references outside it); null in the browser. */
const loadAjv = runtimeAjv;
export const compileQuickCheck: ((schema: object) => (data: unknown) => boolean) | null = loadAjv
  ? (schema) => (quick ??= withOurKeywords(new (loadAjv())({ allErrors: false, discriminator: true, strict: false, strictNumbers: true, inlineRefs: false }))).compile(schema)
  : null;

const compiled = new Map<SchemaName, ValidateFunction>();
function validator(name: SchemaName): ValidateFunction {
  let fn = compiled.get(name);
  if (!fn) {
    fn = ajv.getSchema(schemaId(name)) as ValidateFunction;
    compiled.set(name, fn);
  }
  return fn;
}

interface Shapes {
  rubric: RubricDefinition;
  submission: Submission;
  assessment: Assessment;
  tailoring: Tailoring;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export function validateSchema<N extends SchemaName>(name: N, data: unknown): Validation<Shapes[N]> {
  const fn = validator(name);
  if (fn(data)) return { ok: true, value: data as Shapes[N] };
  return { ok: false, problems: translate(fn.errors ?? []) };
}

const TYPE_ZH: Record<string, string> = {
  string: '文本', number: '数值', integer: '整数', boolean: '是/否（true/false）', object: '对象', array: '列表', null: '空值',
};

const FORMAT_ZH: Record<string, string> = { date: '日期（YYYY-MM-DD）', uuid: '记录编号（UUID）' };

// Field-specific hints where a bare regular expression would mean nothing to a reader.
const PATTERN_HINTS: Array<[RegExp, string]> = [
  [/\/period$/, '期间格式应为 YYYY-MM（如 2026-11）；按季度或半年考核的写 YYYY-Qn（如 2026-Q3）或 YYYY-Hn（如 2026-H1）'],
  [/\/unit\/code$|^\/(code|unit|county|scope)$/, UNIT_CODE_HINT],
  [/(^|\/)(rubric|id)$/, 'id 只能由小写字母、数字和连字符组成'],
];

/** Ajv errors as located Chinese problems; the HTTP layer uses it for query strings and path parameters too. */
export function translate(errors: readonly ErrorObject[]): Problem[] {
  // A failed anyOf/oneOf explains itself; the branch errors beneath it are noise. Each error looks up its own path and
  // the paths above it in a set, so the work grows with the errors, not with errors times unions.
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  const underUnion = (e: ErrorObject) => {
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || unions.size === 0) return false;
    for (let at = e.instancePath; ; at = at.slice(0, at.lastIndexOf('/'))) {
      if (unions.has(at)) return true;
      if (at === '') return false;
    }
  };

  const out: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // Errors raised inside propertyNames repeat the propertyNames error itself.
    if (e.keyword === 'if' || underUnion(e) || 'propertyName' in e) continue;
    const p = describe(e);
    const key = `${p.path}\u0000${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  }
  return out;
}

function describe(e: ErrorObject): Problem {
  const at = e.instancePath;
  const params = e.params as Record<string, unknown>;
  const problem = (message: string, path = at): Problem => ({ code: 'SCHEMA', path, message });
  switch (e.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return problem(`缺少必填字段“${field}”`, `${at}/${field}`);
    }
    case 'exactlyOneOf': {
      const names = (params.fields as string[]).map((f) => `“${f}”`).join('、');
      const present = params.present as string[];
      return problem(present.length === 0 ? `需要 ${names} 之一` : `${present.map((f) => `“${f}”`).join('与')}不能同时出现，${names} 只能选一个`);
    }
    case 'not':
      return problem('取值不被允许');
    case 'additionalProperties':
      return problem(`不认识的字段“${String(params.additionalProperty)}”`, `${at}/${String(params.additionalProperty)}`);
    case 'propertyNames':
      return problem(`字段名“${String(params.propertyName)}”格式不正确`, `${at}/${String(params.propertyName)}`);
    case 'type': {
      const want = String(params.type).split(',').map((t) => TYPE_ZH[t] ?? t).join('或');
      return problem(`类型错误：应为${want}，实际为${describeValue(e.data)}`);
    }
    case 'pattern': {
      const hint = PATTERN_HINTS.find(([re]) => re.test(at))?.[1];
      return problem(hint ? `${hint}，实际为“${String(e.data)}”` : `格式不正确：“${String(e.data)}”不符合 ${String(params.pattern)}`);
    }
    case 'enum':
      return problem(`取值“${String(e.data)}”无效，应为以下之一：${(params.allowedValues as unknown[]).join('、')}`);
    case 'const':
      return problem(`取值应为“${String(params.allowedValue)}”`);
    case 'minimum':
    case 'exclusiveMinimum':
      return problem(`数值不能${e.keyword === 'minimum' ? '小于' : '小于或等于'} ${String(params.limit)}`);
    case 'maximum':
    case 'exclusiveMaximum':
      return problem(`数值不能${e.keyword === 'maximum' ? '大于' : '大于或等于'} ${String(params.limit)}`);
    case 'minLength':
      return problem(Number(params.limit) <= 1 ? '不能为空' : `长度不能少于 ${String(params.limit)}`);
    case 'minItems':
      return problem(`至少需要 ${String(params.limit)} 项`);
    case 'minProperties':
      return problem(`至少需要 ${String(params.limit)} 个字段`);
    case 'uniqueItems':
      return problem(`列表有重复项（第 ${Number(params.j) + 1} 项与第 ${Number(params.i) + 1} 项相同）`);
    case 'format':
      return problem(`格式应为${FORMAT_ZH[String(params.format)] ?? String(params.format)}，实际为“${String(e.data)}”`);
    case 'discriminator':
      return params.error === 'tag'
        ? problem('缺少检查类型“kind”')
        : problem(`检查类型“${String(params.tagValue)}”未知`, `${at}/kind`);
    case 'anyOf':
    case 'oneOf':
      return problem(`取值形式无法识别：${describeValue(e.data)}`);
    default:
      return problem(`不符合规范（${e.keyword}）`);
  }
}
