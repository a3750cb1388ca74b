// npm run jobs:digest — the daily reminder job, runnable by cron as well as by the server's scheduler.
import { migrateToLatest } from '#db/migrate.ts'
import { db } from '#app/db.server.ts'
import { runDigest } from './digest.server.ts'

await migrateToLatest(db)
const result = await runDigest()
console.log(`Digest for ${result.day}: ${result.sent} sent, ${result.considered} people considered.`)
await db.destroy()
