// Stands in for Ajv in the browser bundle (vite.config.ts aliases 'ajv' and src/schema/ajv.ts here): the validators
// compiled at build time (web/build/schemas.ts) behind Ajv's interface (src/schema/precompiled-ajv.ts).
import create from 'virtual:precompiled-schemas';
import { precompiledAjv, type PrecompiledValidator } from '../../../src/schema/precompiled-ajv.js';

export type ValidateFunction = PrecompiledValidator;
export type { ErrorObject } from 'ajv';

export const Ajv = precompiledAjv(create);
