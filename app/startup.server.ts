import cluster from 'node:cluster'
import { migrateToLatest } from '#db/migrate.ts'
import { ensureIssuerKey } from '#app/certificates/keys.server.ts'
import { isEmpty, seedDemo } from '#app/demo/seed.server.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import { instituteTimeZone } from '#app/utils/time-zone.server.ts'
import { getAgreementTemplate } from '#app/supervision/agreements-content.server.ts'
import { getRubric } from '#app/supervision/evaluations-content.server.ts'
import { courseOutline, getCatalog } from './curriculum/content.server.ts'
import { db, engine } from './db.server.ts'
import { startDigestScheduler } from './digest/digest.server.ts'
import { startCalendarScheduler } from './calendar/convert.server.ts'
import { stopScheduledJobs } from './jobs/lease.server.ts'

export function demoSeedingAllowed() {
  return process.env.NODE_ENV !== 'production' || process.env.SEED_DEMO === '1'
}

/** Checks the content, migrates the database and, for the demo, fills an empty one: once, before any worker serves. */
export async function prepare() {
  // Bad content stops the start here, naming the file, the field and the problem.
  const catalog = getCatalog()
  // The learning agreement's fields and the competency rubric are content too.
  getAgreementTemplate()
  getRubric()
  // So does a participant or client code format that cannot be used.
  codeFormats()
  // And an institute time zone (INSTITUTE_TIME_ZONE) that Intl does not know.
  instituteTimeZone()
  await migrateToLatest(db)
  // The institute's credential signing key, made once: on the first start of a new database.
  await ensureIssuerKey()
  if (cluster.isPrimary) console.log(`Database: ${engine.name === 'sqlite' ? 'SQLite' : 'PostgreSQL'} at ${engine.location}`)
  if (demoSeedingAllowed() && (await isEmpty(db))) {
    await seedDemo(db, courseOutline(catalog))
    console.log('Loaded the demo accounts (see README for the sign-ins).')
  }
}

/** A serving process: prepared (a no-op when the primary already did it), with its share of the scheduler. */
export async function startup() {
  await prepare()
  startDigestScheduler()
  startCalendarScheduler()
}

export async function shutdown() {
  stopScheduledJobs()
  await db.destroy()
}
