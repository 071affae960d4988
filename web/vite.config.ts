import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vite';
import { buildInputs, precompiledSchemas } from './build/plugins.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ROOT = here('..');
/** The API, for `npm run dev -w web` against a running `npm start`. */
const API = ['/me', '/rubrics', '/score', '/assessments', '/reports', '/units', '/tokens', '/audit', '/rectifications', '/exemptions', '/evidence', '/openapi.json', '/health'];

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    // Element Plus components are imported where used (with their styles), so each page's chunk carries only its own.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false, dirs: [] }),
    precompiledSchemas(),
    buildInputs(ROOT, ['package-lock.json', 'web/vite.config.ts', 'web/build/plugins.ts', 'web/build/schemas.ts']),
  ],
  resolve: {
    alias: [
      // The engine's only Node-only import, and Ajv's run-time compiler (see build/schemas.ts).
      { find: /^node:crypto$/, replacement: here('src/shims/node-crypto.ts') },
      // (validate.ts takes Ajv from its sibling ajv.ts; nothing else in the bundle imports a './ajv.js'.)
      { find: /^(ajv|\.\/ajv\.js)$/, replacement: here('src/shims/ajv.ts') },
      // The yaml package by Node's require, on first use (src/source/yaml.ts): imported plainly here.
      { find: /^(?:\.\.\/source|\.)\/yaml\.js$/, replacement: here('src/shims/yaml.ts') },
      // Ajv's run-time compiler by Node's require (src/schema/runtime-ajv.ts): the page has none.
      { find: /^\.\/runtime-ajv\.js$/, replacement: here('src/shims/runtime-ajv.ts') },
    ],
  },
  // The manifest lets bench/web.ts measure what each route loads.
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 1024, reportCompressedSize: false, manifest: true },
  server: { proxy: Object.fromEntries(API.map((p) => [p, 'http://127.0.0.1:3000'])) },
});
