import { defineConfig } from 'vitest/config';

// Slow tests (*.slow.test.ts) are excluded from the default run; `npm run test:slow` runs them.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.slow.test.ts', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
