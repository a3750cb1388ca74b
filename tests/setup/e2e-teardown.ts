import fs from 'node:fs'

/** Removes the folder playwright.config.ts made for the run's database, so runs leave nothing in the temp folder. */
export default function removeE2eFolder() {
  const dir = process.env.E2E_TEMP_DIR
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
}
