// The yaml package, loaded when a text is first parsed or written as YAML rather than when the modules that do so
// are: rubrics come from the cache of checked definitions (rubric/cache.ts), so a CLI command that reads no file of
// the user's (rubrics, deadline, …) never needs it, and loading it was about 25 ms of such a run. (The service loads
// it anyway: @fastify/swagger requires it.) Loaded by require, so parsing stays synchronous for its callers; under
// Node the package's `node` export is its CommonJS build either way, so this is the same module an import would give.
// The web bundle replaces this module with a plain import (web/src/shims/yaml.ts).
import { createRequire } from 'node:module';

type Yaml = typeof import('yaml');

let loaded: Yaml | undefined;

export const yaml = (): Yaml => (loaded ??= createRequire(import.meta.url)('yaml') as Yaml);
