import { defineConfig } from 'vitest/config';

/**
 * Three projects by file suffix (DESIGN §6):
 *  - unit:    `*.test.ts`, pure and fast;
 *  - db:      `*.db.test.ts`, each file gets a fresh migrated database (PGlite, or PostgreSQL when
 *             TEST_DATABASE_URL is set);
 *  - browser: `*.browser.test.ts`, real Chromium driving the real server, with axe.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', '**/*.browser.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
