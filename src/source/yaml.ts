// The yaml package, loaded when a text is first parsed or written as YAML rather than when the modules that do so
// are: the service and the CLI read rubrics from the cache of normalised ones (rubric/cache.ts) and need yaml only
// for a rubric that changed, one uploaded or exported, and loading it was about 40 ms of a half-second start.
// Loaded by require, so parsing stays synchronous for its callers; under Node the package's `node` export is its
// CommonJS build either way, so this is the same module an import would give.
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export const yaml = (): Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
