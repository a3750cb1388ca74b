import type { Kysely } from 'kysely'
import type { DB } from '../schema.ts'

export type Database = Kysely<DB>

export type EngineName = 'sqlite' | 'postgres'

/** Why a write failed in the storage itself rather than in our rules. */
export type StorageFailure = 'full' | 'io'

/**
 * What differs between the two databases, behind one shape. Domain code talks to
 * `db` through Kysely's builder and never asks which engine it has.
 */
export interface Engine {
  name: EngineName
  db: Database
  /** Where the data lives, for logs and messages (never includes a password). */
  location: string
  /**
   * Runs `work` as the only writer at that moment: a check followed by a write inside
   * it sees no other transaction's write in between, on either engine. `durable`: the
   * commit is on disk before the caller hears "done".
   */
  writeTransaction<T>(work: (trx: Database) => Promise<T>, options?: { durable?: boolean }): Promise<T>
  /** A storage-level failure (disk full, I/O) in `error`, or null for anything else. */
  storageFailure(error: unknown): { kind: StorageFailure; code: string } | null
  close(): Promise<void>
}
