// Vitest global setup: on PostgreSQL, one migrated template per run that every test file copies.
import { openEngine } from '#db/connection.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { createDatabase, dropDatabase, testingPostgres, uniqueDatabaseName } from '#tests/support/postgres.ts'

export async function setup() {
  if (!testingPostgres()) return
  const template = uniqueDatabaseName('kap_template')
  const engine = openEngine(await createDatabase(template))
  try {
    await migrateToLatest(engine.db)
  } finally {
    await engine.close()
  }
  // Test files run in forked workers, which inherit this environment.
  process.env.TEST_POSTGRES_TEMPLATE = template
  return () => dropDatabase(template)
}
