// Stands in for Ajv where the schemas were compiled ahead of time: the browser bundle (web/src/shims/ajv.ts) and the
// built package (dist/schema/ajv.js, written by build/ensure.mjs). validate.ts configures it exactly as it configures
// the real Ajv; getSchema returns the validator compiled at build time from that same configuration
// (web/build/schemas.ts), wired to the format and keyword functions registered here.
import type { ErrorObject } from 'ajv';

type Fn = (...args: never[]) => unknown;
export type PrecompiledValidator = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
/**
 * The validators by schema id, calling the given format and keyword functions: at least the one asked for (the web
 * bundle's module makes them all at once; dist/ has a module per schema, so the CLI loads only the submission's).
 */
export type CreateValidators = (runtime: { formats: object; keywords: object }, id: string) => Record<string, unknown>;

export class PrecompiledAjv {
  private readonly formats: Record<string, Fn> = {};
  private readonly keywords: Record<string, Fn> = {};
  private readonly validators: Record<string, PrecompiledValidator | undefined> = {};

  constructor(private readonly create: CreateValidators) {}

  addFormat(name: string, format: Fn): this {
    this.formats[name] = format;
    return this;
  }

  addKeyword(def: { keyword: string; validate?: Fn }): this {
    if (def.validate) this.keywords[def.keyword] = def.validate;
    return this;
  }

  /** The schemas themselves were compiled at build time. */
  addSchema(_schema: object): this {
    return this;
  }

  getSchema(id: string): PrecompiledValidator | undefined {
    if (!Object.hasOwn(this.validators, id)) {
      Object.assign(this.validators, this.create({ formats: this.formats, keywords: this.keywords }, id));
      // An id no module provides stays unknown, as Ajv answers, without asking again.
      this.validators[id] ??= undefined;
    }
    return this.validators[id];
  }
}

/** An Ajv class over these validators: `new Ajv(options)`, as validate.ts calls it (the options were applied at build time). */
export function precompiledAjv(create: CreateValidators): new (options?: object) => PrecompiledAjv {
  return class Ajv extends PrecompiledAjv {
    constructor(_options: object = {}) {
      super(create);
    }
  };
}
