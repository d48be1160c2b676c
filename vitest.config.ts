import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: { 'kernel-sim': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['reflect-metadata'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // vitest's default is one worker per CPU minus one: a single file at a time
    // on the 2-core CI machine. Two at a time halves the suite's wall time; the
    // files that need dist/ share one build through a lock (test/cli/built-cli.ts).
    maxWorkers: 2,
  },
});
