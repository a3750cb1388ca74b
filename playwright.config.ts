import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { defineConfig } from '@playwright/test'
import { freePort } from './scripts/free-port.ts'
import { createDatabase, testingPostgres, uniqueDatabaseName } from './tests/support/postgres.ts'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!fs.existsSync(CHROMIUM)) {
  throw new Error(
    `End-to-end tests drive Debian's Chromium at ${CHROMIUM}, which is missing. Install it with ` +
      '`sudo apt-get update && sudo apt-get install -y chromium` (or set CHROMIUM_PATH).',
  )
}

// Chosen once in the main process (a fixed port collides with anything else on the machine);
// workers inherit it through the environment, as they do the database path below.
process.env.E2E_PORT ??= String(await freePort())
const port = Number(process.env.E2E_PORT)
// Set once in the main process; workers inherit it, so all share one fresh database:
// with TEST_ENGINE=postgres a new PostgreSQL database (the global teardown drops it), else an SQLite file.
if (testingPostgres() && !process.env.E2E_DATABASE_URL) {
  process.env.E2E_POSTGRES_DATABASE = uniqueDatabaseName('kap_e2e')
  process.env.E2E_DATABASE_URL = await createDatabase(process.env.E2E_POSTGRES_DATABASE)
}
if (!process.env.E2E_DATABASE_PATH) {
  // Only a folder made here is removed by the global teardown, never one the caller named.
  process.env.E2E_TEMP_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-e2e-'))
  process.env.E2E_DATABASE_PATH = path.join(process.env.E2E_TEMP_DIR, 'e2e.db')
  // The global teardown does not run when the web server fails to start (or for --list): remove it on exit too.
  const dir = process.env.E2E_TEMP_DIR
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }))
}

export default defineConfig({
  testDir: 'tests/e2e',
  globalTeardown: './tests/setup/e2e-teardown.ts',
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    // The production build, served by the real server, on its own database.
    command: 'npx tsx server.ts',
    url: `http://localhost:${port}/login`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_PATH: process.env.E2E_DATABASE_PATH,
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      SEED_DEMO: '1',
      // Every e2e sign-in comes from 127.0.0.1: raise the per-IP limit through configuration.
      LOGIN_MAX_FAILURES: '1000',
      DIGEST_SCHEDULER: 'off',
    },
  },
})
