import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createDatabase, dropDatabase, testingPostgres, uniqueDatabaseName } from './postgres.ts'

/**
 * A new, empty database for one test's own server, on the engine the run tests
 * (TEST_ENGINE): an SQLite file in a temporary folder, or a PostgreSQL database.
 * `target` is what DATABASE_PATH or DATABASE_URL takes; `file` only exists for SQLite.
 */
export async function throwawayDatabase(label: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `kap-${label}-`))
  const name = testingPostgres() ? uniqueDatabaseName(`kap_${label}`) : null
  const file = name ? null : path.join(dir, `${label}.db`)
  const target = name ? await createDatabase(name) : file!
  return {
    target,
    file,
    dir,
    async remove() {
      fs.rmSync(dir, { recursive: true, force: true })
      if (name) await dropDatabase(name)
    },
  }
}
