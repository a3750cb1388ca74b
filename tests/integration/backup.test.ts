import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, test } from 'vitest'
import { backupDatabase, integrityCheck, pidFileFor, restoreDatabase, RestoreRefused } from '#db/backup.ts'
import { db } from '#app/db.server.ts'

const source = process.env.DATABASE_PATH!
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-backup-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function auditCount(file?: string) {
  if (!file) {
    const row = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
  const other = new Database(file, { readonly: true })
  const { n } = other.prepare('select count(*) as n from audit_log').get() as { n: number }
  other.close()
  return n
}

function writeRows(n: number, tag: string) {
  return db
    .insertInto('audit_log')
    .values(
      Array.from({ length: n }, (_, i) => ({
        at: new Date().toISOString(),
        actor_id: null,
        action: `test.${tag}`,
        subject: `row:${i}`,
        detail: 'x'.repeat(200),
        ip: null,
      })),
    )
    .execute()
}

describe('online backup and restore', () => {
  test('a backup taken while the app keeps writing is consistent, and restores', async () => {
    await writeRows(5000, 'before')
    const before = await auditCount()

    // Keep writing from the app's own connection for the whole backup.
    let writing = true
    let written = 0
    const writer = (async () => {
      while (writing) {
        await writeRows(20, 'during')
        written += 20
        await new Promise((resolve) => setImmediate(resolve))
      }
    })()
    const target = path.join(dir, 'online.db')
    await backupDatabase(source, target)
    writing = false
    await writer
    const after = await auditCount()

    expect(written).toBeGreaterThan(0)
    expect(integrityCheck(target)).toBe('ok')
    const inBackup = await auditCount(target)
    expect(inBackup).toBeGreaterThanOrEqual(before)
    expect(inBackup).toBeLessThanOrEqual(after)
    // Whole write transactions only: every batch of 20 is either in or out.
    expect((inBackup - before) % 20).toBe(0)

    const restoredPath = path.join(dir, 'restored', 'kap.db')
    restoreDatabase(target, restoredPath)
    expect(integrityCheck(restoredPath)).toBe('ok')
    expect(await auditCount(restoredPath)).toBe(inBackup)
  })

  test('restore refuses a file that fails the integrity check', async () => {
    const good = path.join(dir, 'good.db')
    await backupDatabase(source, good)
    const bytes = fs.readFileSync(good)
    // Scribble over pages past the header: a damaged file, still recognisably SQLite.
    for (let i = 4096; i < Math.min(bytes.length, 4096 * 6); i += 7) bytes[i] = (bytes[i]! + 97) % 256
    const damaged = path.join(dir, 'damaged.db')
    fs.writeFileSync(damaged, bytes)
    const target = path.join(dir, 'target-damaged.db')
    expect(() => restoreDatabase(damaged, target)).toThrow(RestoreRefused)
    expect(fs.existsSync(target)).toBe(false)
  })

  test('restore refuses a file that is not a database of this app, and a missing file', async () => {
    const other = path.join(dir, 'other.db')
    const foreign = new Database(other)
    foreign.exec('create table t (x)')
    foreign.close()
    expect(() => restoreDatabase(other, path.join(dir, 't1.db'))).toThrow(/not a KAP Fellowship database/)
    const text = path.join(dir, 'notes.txt')
    fs.writeFileSync(text, 'hello, not sqlite')
    expect(() => restoreDatabase(text, path.join(dir, 't2.db'))).toThrow(RestoreRefused)
    expect(() => restoreDatabase(path.join(dir, 'missing.db'), path.join(dir, 't3.db'))).toThrow(/No such file/)
  })

  test('restore refuses while the app is running on the target', async () => {
    const backup = path.join(dir, 'running.db')
    await backupDatabase(source, backup)
    const target = path.join(dir, 'live.db')
    fs.writeFileSync(pidFileFor(target), String(process.pid)) // this very process is alive
    expect(() => restoreDatabase(backup, target)).toThrow(/The app is running/)
    fs.writeFileSync(pidFileFor(target), '999999999') // a pid nobody has: stale file
    expect(() => restoreDatabase(backup, target)).not.toThrow()
  })
})
