// Prints the precompiled validators module (schemas.ts) for the Vite build, which runs its config as plain
// JavaScript and so cannot load src/schema/validate.ts itself: `node --import tsx web/build/print-schemas.ts <id>…`.
import { precompiledSchemasModule } from './schemas.js';

process.stdout.write(await precompiledSchemasModule(process.argv.slice(2)));
