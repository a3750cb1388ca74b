import os from 'node:os'
import { db } from '#app/db.server.ts'

/**
 * Claims the job `name` for `holder` until `ttlMs` from now, if nobody else holds an
 * unexpired lease on it. One atomic upsert: of two workers asking at once, one gets it.
 */
export async function tryLease(name: string, holder: string, ttlMs: number, now = new Date()) {
  const at = now.toISOString()
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString()
  const result = await db
    .insertInto('job_leases')
    .values({ name, holder, expires_at: expiresAt })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expiresAt })
        .where((eb) => eb.or([eb('job_leases.expires_at', '<=', at), eb('job_leases.holder', '=', holder)])),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function releaseLease(name: string, holder: string) {
  await db.deleteFrom('job_leases').where('name', '=', name).where('holder', '=', holder).execute()
}

// Who holds a job's lease: this process on this machine.
const holder = `${os.hostname()}:${process.pid}`

/** A process's scheduled jobs, by name: starting one twice is a no-op. */
const timers = new Map<string, NodeJS.Timeout>()

/**
 * Every serving process ticks every `everyMs`; the one that takes the job's lease runs it, so
 * with several workers (or machines) it still runs once per interval.
 */
export function scheduleLeasedJob(name: string, everyMs: number, job: () => Promise<unknown>) {
  if (timers.has(name)) return
  const tick = async () => {
    try {
      // A little under the interval, so the next tick (of whichever process) finds it free.
      if (await tryLease(name, holder, everyMs - Math.floor(everyMs / 12))) await job()
    } catch (error) {
      console.error(`The ${name} job failed:`, error)
    }
  }
  const timer = setInterval(() => void tick(), everyMs)
  timer.unref()
  timers.set(name, timer)
  setTimeout(() => void tick(), Number(process.env.DIGEST_FIRST_RUN_MS ?? 10_000)).unref()
}

export function stopScheduledJobs() {
  for (const timer of timers.values()) clearInterval(timer)
  timers.clear()
}
