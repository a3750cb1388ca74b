// npm run db:backup [file] — an online backup; safe while the app is serving.
import path from 'node:path'
import { backupDatabase } from '../backup.ts'
import { defaultDatabasePath } from '../connection.ts'
import { refuseOnPostgres } from './postgres-note.ts'

refuseOnPostgres('backup')

const source = defaultDatabasePath()
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = path.resolve(process.argv[2] ?? path.join(path.dirname(source), 'backups', `kap-${stamp}.db`))
await backupDatabase(source, target)
console.log(`Backed up ${source} to ${target} (integrity check: ok).`)
