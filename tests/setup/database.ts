import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest'
import { createDatabase, dropDatabase, testingPostgres, uniqueDatabaseName } from '#tests/support/postgres.ts'

// Every test file gets its own real database, built by the real migrations: an SQLite file,
// or with TEST_ENGINE=postgres a PostgreSQL database copied from the run's migrated template.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-test-'))
process.env.DATABASE_PATH = path.join(dir, 'test.db')
const postgresDatabase = testingPostgres() ? uniqueDatabaseName('kap_test') : null
if (postgresDatabase) process.env.DATABASE_URL = await createDatabase(postgresDatabase, { template: process.env.TEST_POSTGRES_TEMPLATE })
process.env.LOGIN_MAX_FAILURES ??= '5'
// Every request of a file comes from one (unknown) client: the reset limit is raised here
// and tested at its real value where it is the subject.
process.env.RESET_MAX_REQUESTS ??= '1000'
// The site's one configured origin; tests/helpers.ts sends requests to it.
process.env.APP_URL = 'http://localhost:3000'

beforeAll(async () => {
  const [{ db }, { migrateToLatest }] = await Promise.all([import('#app/db.server.ts'), import('#db/migrate.ts')])
  await migrateToLatest(db)
})

afterAll(async () => {
  const { db } = await import('#app/db.server.ts')
  await db.destroy()
  delete (globalThis as { __kapDatabase?: unknown }).__kapDatabase
  fs.rmSync(dir, { recursive: true, force: true })
  if (postgresDatabase) await dropDatabase(postgresDatabase)
})

// An unexpected console.error fails the test; a test that expects one replaces the mock's implementation.
let consoleErrors: unknown[][] = []
beforeEach(() => {
  consoleErrors = []
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args)
  })
})
afterEach(() => {
  const errors = consoleErrors
  consoleErrors = []
  if (errors.length) throw new Error(`console.error was called: ${errors.map((a) => a.map(String).join(' ')).join('\n')}`)
})
