// npm run jobs:digest — the daily reminder job and the hourly/daily notification summaries,
// runnable by cron (every few minutes: each person still gets at most one reminder a day and
// one summary per their hour or day) as well as by the server's scheduler.
import { migrateToLatest } from '#db/migrate.ts'
import { db } from '#app/db.server.ts'
import { runNotificationSummaries } from '#app/notifications/summaries.server.ts'
import { runDigest } from './digest.server.ts'

await migrateToLatest(db)
const result = await runDigest()
console.log(`Digest for ${result.day}: ${result.sent} sent, ${result.considered} people considered.`)
const summaries = await runNotificationSummaries()
console.log(`Notification summaries: ${summaries.sent} sent, ${summaries.considered} people with unmailed notifications.`)
await db.destroy()
