import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['pipelines/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'data/**/*.test.ts', 'notebooks/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB tests open their own databases in temp dirs; two workers fit the 2-core machine.
    maxWorkers: 2,
    // Every temporary file of the run under one folder, removed at the end (scripts/vitest-tmp.ts).
    globalSetup: ['./scripts/vitest-tmp.ts'],
  },
});
