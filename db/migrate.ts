import { Migrator, type Migration, type MigrationProvider } from 'kysely'
import type { Database } from './connection.ts'
import { migrations } from './migrations/index.ts'

/** Migrations are listed in code, not read from disk, so the bundled server carries them. */
class ListedMigrations implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations
  }
}

export async function migrateToLatest(db: Database) {
  const migrator = new Migrator({ db, provider: new ListedMigrations() })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, {
      cause: error,
    })
  }
  return results ?? []
}
