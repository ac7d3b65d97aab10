import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    // Two cores: keep the browser tests from competing with each other for SwiftShader.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
