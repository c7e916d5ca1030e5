import vue from '@vitejs/plugin-vue'
import { defineConfig } from 'vitest/config'

/** One runner for everything: API (both databases), web units, and browser end-to-end tests. */
export default defineConfig({
  test: {
    reporters: ['default', './scripts/summary-reporter.ts'],
    // 2 cores: two workers keep the machine responsive and the database servers uncontended.
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'api',
          include: ['apps/api/test/**/*.test.ts', 'packages/db/test/**/*.test.ts'],
          globalSetup: ['apps/api/test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        plugins: [vue()],
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})
