import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

/** `PRAGMA integrity_check` on a file, opened read-only: 'ok' or the first problems found. */
export function integrityCheck(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[]
    return rows.map((r) => r.integrity_check).join('; ')
  } finally {
    db.close()
  }
}

/**
 * An online, consistent copy made with SQLite's backup API: it may run while the
 * app serves and writes; the copy is a snapshot of one moment.
 */
export async function backupDatabase(source: string, target: string) {
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const db = new Database(source, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    // After the first step, copy everything left in one step: a write from another
    // connection restarts a backup, and small steps under steady writes could restart forever.
    await db.backup(target, { progress: () => 1_000_000 })
  } finally {
    db.close()
  }
  const check = integrityCheck(target)
  if (check !== 'ok') throw new Error(`The backup failed its integrity check: ${check}`)
  return target
}

export class RestoreRefused extends Error {}

/** Whether a process with this pid is alive (the server writes its pid next to the database). */
function running(pidFile: string) {
  if (!fs.existsSync(pidFile)) return null
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim())
  if (!Number.isInteger(pid) || pid <= 0) return null
  try {
    process.kill(pid, 0)
    return pid
  } catch {
    return null
  }
}

export function pidFileFor(databaseFile: string) {
  return `${databaseFile}.pid`
}

/**
 * Replaces the database with a backup, only while the app is stopped and only
 * with a file that passes SQLite's integrity check and holds this app's schema.
 */
export function restoreDatabase(backupFile: string, target: string) {
  if (!fs.existsSync(backupFile)) throw new RestoreRefused(`No such file: ${backupFile}`)
  const pid = running(pidFileFor(target))
  if (pid) throw new RestoreRefused(`The app is running (pid ${pid}) on ${target}. Stop it first, then restore.`)
  let check: string
  try {
    check = integrityCheck(backupFile)
  } catch (error) {
    throw new RestoreRefused(`${backupFile} is not a readable SQLite database: ${(error as Error).message}`)
  }
  if (check !== 'ok') throw new RestoreRefused(`${backupFile} fails PRAGMA integrity_check: ${check}`)
  const probe = new Database(backupFile, { readonly: true })
  const hasSchema = probe.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get()
  probe.close()
  if (!hasSchema) throw new RestoreRefused(`${backupFile} is not a KAP Fellowship database (no migrations table).`)

  fs.mkdirSync(path.dirname(target), { recursive: true })
  const temp = `${target}.restoring`
  fs.copyFileSync(backupFile, temp)
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true })
  fs.renameSync(temp, target)
  return target
}
