import type { Migration } from 'kysely'
import * as foundation from './2026-11-25T0900-foundation.ts'
import * as curriculum from './2026-11-25T1000-curriculum.ts'

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0900-foundation': foundation,
  '2026-11-25T1000-curriculum': curriculum,
}
