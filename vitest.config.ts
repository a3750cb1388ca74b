import os from 'node:os'
import { defineConfig } from 'vitest/config'

// Files about SQLite's own machinery (its query planner, its file backup): with
// TEST_ENGINE=postgres they have nothing to test. tests/integration/engines.test.ts covers
// PostgreSQL's side of both.
const SQLITE_ONLY = ['tests/integration/query-plans.test.ts', 'tests/integration/backup.test.ts']

export default defineConfig({
  test: {
    include: ['app/**/*.test.{ts,tsx}', 'db/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...(process.env.TEST_ENGINE === 'postgres' ? SQLITE_ONLY : [])],
    globalSetup: ['./tests/setup/postgres-template.ts'],
    setupFiles: ['./tests/setup/database.ts'],
    pool: 'forks',
    // Vitest leaves a core to its own process by default, which on a 2-core machine is one test process at a
    // time; that process mostly waits, so every core runs test files.
    maxWorkers: os.availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    restoreMocks: true,
  },
})
