import { data } from '@remix-run/node'
import { openEngine, type Database, type Engine } from '#db/connection.ts'

// One engine per process (kept across dev reloads): SQLite by default, PostgreSQL when DATABASE_URL is set.
const globalStore = globalThis as unknown as { __kapDatabase?: ReturnType<typeof openEngine> }
export const engine = (globalStore.__kapDatabase ??= openEngine())

export const db = engine.db
export type { Database, Engine }

/**
 * Runs `work` as the only writer at that moment (see Engine.writeTransaction). `durable`:
 * the commit is on disk before the caller hears "done" (approvals, certificates).
 */
export async function writeTransaction<T>(work: (trx: Database) => Promise<T>, options: { durable?: boolean } = {}): Promise<T> {
  try {
    return await engine.writeTransaction(work, options)
  } catch (error) {
    throw storageFailure(error) ?? error
  }
}

/**
 * A write the storage refused (disk full, I/O error) becomes a 503 that says nothing was
 * saved; the real error goes to the log for whoever runs the server.
 */
function storageFailure(error: unknown) {
  const failure = engine.storageFailure(error)
  if (!failure) return null
  console.error(`Storage failure, the write was rolled back (${failure.code}):`, error)
  const message =
    failure.kind === 'full'
      ? "Nothing was saved: the server's storage is full. Please tell institute staff, and try again later."
      : 'Nothing was saved: the server could not write to its storage. Please tell institute staff, and try again later.'
  return data({ message }, { status: 503 })
}

export function nowIso() {
  return new Date().toISOString()
}
