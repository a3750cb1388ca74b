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
