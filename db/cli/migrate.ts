import { openEngine } from '../connection.ts'
import { migrateToLatest } from '../migrate.ts'

const { db, location } = openEngine()
const results = await migrateToLatest(db)
for (const r of results) console.log(`${r.status === 'Success' ? 'applied' : r.status}: ${r.migrationName}`)
console.log(results.length ? `Migrated ${location}` : `${location} is up to date`)
await db.destroy()
