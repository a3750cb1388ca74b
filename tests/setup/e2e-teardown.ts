import fs from 'node:fs'
import { dropDatabase } from '../support/postgres.ts'

/** Removes what playwright.config.ts made for the run's database (its folder, its PostgreSQL database), so runs leave nothing behind. */
export default async function removeE2eDatabase() {
  const dir = process.env.E2E_TEMP_DIR
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
  if (process.env.E2E_POSTGRES_DATABASE) await dropDatabase(process.env.E2E_POSTGRES_DATABASE)
}
