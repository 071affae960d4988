// Stands in for Ajv in the browser bundle (vite.config.ts aliases 'ajv' here). src/schema/validate.ts configures
// it exactly as it configures the real Ajv on the server; getSchema returns the validator compiled at build time
// from that same configuration (web/build/schemas.ts), wired to the format and keyword functions registered here.
import create from 'virtual:precompiled-schemas';

type Fn = (...args: never[]) => unknown;
export type ValidateFunction = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };
export type { ErrorObject } from 'ajv';
import type { ErrorObject } from 'ajv';

export class Ajv {
  private readonly formats: Record<string, Fn> = {};
  private readonly keywords: Record<string, Fn> = {};
  private validators?: Record<string, ValidateFunction>;

  constructor(_options: object = {}) {}

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

  getSchema(id: string): ValidateFunction | undefined {
    this.validators ??= create({ formats: this.formats, keywords: this.keywords }) as Record<string, ValidateFunction>;
    return this.validators[id];
  }
}
