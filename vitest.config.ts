// Two kinds of test: the project's (Node) and the web app's components (happy-dom, built with the web app's Vite
// config, so they run the same aliases the browser bundle does: precompiled validators, the sha256 shim).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'node', include: ['tests/**/*.test.ts', 'web/tests/node/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 120_000 } },
      { extends: './web/vite.config.ts', test: { name: 'web', include: ['web/tests/components/**/*.test.ts', 'web/tests/engine/**/*.test.ts'], environment: 'happy-dom', testTimeout: 30_000, server: { deps: { inline: ['element-plus'] } } } },
    ],
  },
});
