// npm run db:restore <file> — replaces the database with a backup; the app must be stopped.
import path from 'node:path'
import { restoreDatabase, RestoreRefused } from '../backup.ts'
import { defaultDatabasePath } from '../connection.ts'
import { refuseOnPostgres } from './postgres-note.ts'

refuseOnPostgres('restore')

const file = process.argv[2]
if (!file) {
  console.error('Usage: npm run db:restore <backup-file>')
  process.exit(2)
}
try {
  const target = restoreDatabase(path.resolve(file), defaultDatabasePath())
  console.log(`Restored ${file} into ${target}. Start the app to use it.`)
} catch (error) {
  if (error instanceof RestoreRefused) {
    console.error(`Refused: ${error.message}`)
    process.exit(1)
  }
  throw error
}
