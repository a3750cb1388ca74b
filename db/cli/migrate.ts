import { defaultDatabasePath, openDatabase } from '../connection.ts'
import { migrateToLatest } from '../migrate.ts'

const file = defaultDatabasePath()
const { db } = openDatabase(file)
const results = await migrateToLatest(db)
for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
console.log(results.length ? `Migrated ${file}` : `${file} is up to date`)
await db.destroy()
