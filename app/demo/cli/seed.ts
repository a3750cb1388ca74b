import { openEngine } from '#db/connection.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { courseOutline, loadCatalog } from '#app/curriculum/content.server.ts'
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo } from '../seed.server.ts'

const { db, location } = openEngine()
await migrateToLatest(db)
await seedDemo(db, courseOutline(loadCatalog()))
console.log(`Demo accounts loaded into ${location} (password for all: ${DEMO_PASSWORD}):`)
for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(24)} ${p.roles.join(', ')}`)
await db.destroy()
