// src/schema/runtime-ajv.ts loads Ajv's run-time compiler through Node's require; the page has none (its
// Content-Security-Policy forbids generated code), so there are no quick checks here and every submission is
// checked in full by the validators compiled at build time.
import type { Ajv } from 'ajv';

export const runtimeAjv: (() => typeof Ajv) | null = null;
