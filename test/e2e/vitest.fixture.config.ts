// Runs only the browser tests, against the hand-built fixture twin (no demo generation, no tiler):
//   npx vitest run -c test/e2e/vitest.fixture.config.ts
// The full suite (`npx vitest run`) runs the same tests against the real app and the generated Demostad.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'),
    include: ['test/e2e/**/*.test.ts'],
    env: { TWEELING_E2E_SERVER: 'fixture' },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
  },
});
