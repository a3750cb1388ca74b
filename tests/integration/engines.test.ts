import { spawnSync } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { openEngine } from '#db/connection.ts'
import { copyDatabase } from '#db/copy.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { courseOutline, loadCatalog } from '#app/curriculum/content.server.ts'
import { seedDemo } from '#app/demo/seed.server.ts'
import { audit } from '#app/audit/audit.server.ts'
import { db } from '#app/db.server.ts'
import { createUser, NO_CLIENT } from '#tests/helpers.ts'
import { createDatabase, dropDatabase, testingPostgres, uniqueDatabaseName } from '#tests/support/postgres.ts'

// What only exists where there are two engines: one schema from one set of migrations,
// the move from SQLite to PostgreSQL, and the backup commands pointing to pg_dump.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-engines-'))
const databases: string[] = []
afterAll(async () => {
  for (const name of databases) await dropDatabase(name)
  fs.rmSync(dir, { recursive: true, force: true })
})

async function emptyPostgres() {
  const name = uniqueDatabaseName('kap_copy')
  databases.push(name)
  return createDatabase(name)
}

/** A migrated SQLite institute with every kind of row the demo holds: people, records with their events, audit, certificates, summaries. */
async function sqliteInstitute() {
  const file = path.join(dir, 'institute.db')
  const engine = openEngine(file)
  await migrateToLatest(engine.db)
  await seedDemo(engine.db, courseOutline(loadCatalog()))
  const staff = await engine.db.selectFrom('users').select('id').where('email', '=', 'staff@kap.test').executeTakeFirstOrThrow()
  // A document as staff generate it: the practicum summary's frozen content.
  const fellows = await engine.db.selectFrom('user_roles').select('user_id').where('role', '=', 'fellow').execute()
  for (const [i, { user_id }] of fellows.entries()) {
    await engine.db
      .insertInto('practicum_summaries')
      .values({
        code: `SUM-${i}`,
        user_id,
        generated_by: staff.id,
        generated_at: new Date().toISOString(),
        holder_name: `Fellow ${i} — Ωμέγα`,
        content: JSON.stringify({ hours: i }),
      })
      .execute()
  }
  for (let i = 0; i < 40; i++) {
    await audit({ ip: '192.0.2.1', userAgent: 'vitest' }, { actorId: staff.id, action: 'user.roles', subject: `user:${i}`, detail: { n: i } }, engine.db)
  }
  // Documents near the 10 MB limit (the demo's own are small): more bytes than one insert statement of the copy carries.
  for (let i = 0; i < 4; i++) {
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n%'), randomBytes(9 * 1024 * 1024)])
    await engine.db
      .insertInto('documents')
      .values({
        owner_id: staff.id,
        kind: 'license_proof',
        clearance_id: null,
        record_id: null,
        content_type: 'application/pdf',
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        original_name: `large-${i}.pdf`,
        content,
        uploaded_by: staff.id,
        uploaded_at: new Date().toISOString(),
      })
      .execute()
  }
  await engine.close()
  return file
}

type Columns = Record<string, string[]>

describe.skipIf(!testingPostgres())('PostgreSQL beside SQLite', () => {
  let institute: string
  beforeAll(async () => {
    institute = await sqliteInstitute()
  }, 120_000)

  test('the migrations build the same tables and columns, with the same NOT NULLs, on both engines', async () => {
    const file = path.join(dir, 'schema.db')
    const lite = openEngine(file)
    await migrateToLatest(lite.db)
    await lite.close()
    const reader = new BetterSqlite3(file, { readonly: true })
    const sqliteColumns: Columns = {}
    for (const table of reader
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite%' order by name`)
      .pluck()
      .all() as string[]) {
      const columns = reader.prepare('select name, "notnull", pk from pragma_table_info(?) order by cid').all(table) as {
        name: string
        notnull: number
        pk: number
      }[]
      // A primary key is never null in PostgreSQL; SQLite lets a non-integer one be (see schema-types.test.ts).
      sqliteColumns[table] = columns.map((c) => `${c.name}${c.notnull || c.pk ? ' not null' : ''}`)
    }
    reader.close()

    const { rows } = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() order by table_name, ordinal_position`.execute(db)
    const postgresColumns: Columns = {}
    for (const row of rows) (postgresColumns[row.table_name] ??= []).push(`${row.column_name}${row.is_nullable === 'NO' ? ' not null' : ''}`)

    expect(Object.keys(postgresColumns).sort()).toEqual(Object.keys(sqliteColumns).sort())
    expect(postgresColumns).toEqual(sqliteColumns)
  })

  test('both append-only tables refuse UPDATE, DELETE and TRUNCATE in PostgreSQL', async () => {
    // Row triggers fire only for rows: give each table one.
    const fellow = await createUser(['fellow'])
    const now = new Date().toISOString()
    const record = await db
      .insertInto('records')
      .values({
        fellow_id: fellow.id,
        kind: 'practicum',
        status: 'draft',
        occurred_on: now.slice(0, 10),
        minutes: 60,
        setting: 'virtual',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('record_events')
      .values({ record_id: record.id, actor_id: fellow.id, action: 'create', from_status: null, to_status: 'draft', at: now })
      .execute()
    await audit(NO_CLIENT, { actorId: fellow.id, action: 'test.append-only' })
    for (const table of ['audit_log', 'record_events']) {
      for (const statement of [`update ${table} set id = id`, `delete from ${table}`, `truncate ${table} cascade`]) {
        await expect(sql.raw(statement).execute(db), statement).rejects.toThrow(`${table} is append-only`)
      }
    }
  })

  test('db:copy moves an SQLite institute into an empty PostgreSQL database: every count and a sample of rows match', async () => {
    const url = await emptyPostgres()
    const report = await copyDatabase({ from: institute, to: url })
    const reader = new BetterSqlite3(institute, { readonly: true })
    const target = openEngine(url)
    try {
      const tables = reader
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'kysely%'`)
        .pluck()
        .all() as string[]
      expect(report.map((r) => r.table).sort()).toEqual([...tables].sort())
      for (const table of ['records', 'record_events', 'audit_log', 'certificates', 'users', 'practicum_summaries', 'medical_clearances', 'documents']) {
        expect(report.find((r) => r.table === table)?.rows, table).toBeGreaterThan(0)
      }
      for (const table of tables) {
        const expected = reader.prepare(`select count(*) from "${table}"`).pluck().get() as number
        const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(target.db)
        expect(rows[0]!.n, table).toBe(expected)
      }
      // Every 17th row of the tables that carry the program's history, column for column.
      for (const table of ['records', 'record_events', 'audit_log', 'certificates', 'practicum_summaries', 'users', 'medical_clearances', 'documents']) {
        const sample = reader.prepare(`select * from "${table}" where rowid % 17 = 1 order by rowid`).all() as { id: number }[]
        expect(sample.length, table).toBeGreaterThan(0)
        const copied = await target.db
          .selectFrom(table as 'records')
          .selectAll()
          .where(
            'id',
            'in',
            sample.map((row) => row.id),
          )
          .orderBy('id')
          .execute()
        expect(copied, table).toEqual(sample)
      }
      // The board categories travel with their records, column for column: a sitter session's clock times and
      // co-sitter (with the confirmation), direct or indirect practicum, supervision or consultation and a group's size.
      const CATEGORY_COLUMNS = [
        'id',
        'kind',
        'started_at',
        'ended_at',
        'co_sitter_id',
        'co_sitter_confirmed_at',
        'practicum_contact',
        'supervision_type',
        'supervision_format',
        'group_size',
      ] as const
      const categorised = reader
        .prepare(
          `select ${CATEGORY_COLUMNS.join(', ')} from records
           where started_at is not null or co_sitter_id is not null or practicum_contact is not null or supervision_type is not null order by id`,
        )
        .all() as Record<(typeof CATEGORY_COLUMNS)[number], string | number | null>[]
      for (const column of [
        'started_at',
        'ended_at',
        'co_sitter_id',
        'co_sitter_confirmed_at',
        'practicum_contact',
        'supervision_type',
        'group_size',
      ] as const) {
        expect(
          categorised.some((r) => r[column] !== null),
          `the demo has a record with ${column}`,
        ).toBe(true)
      }
      const copiedCategories = await target.db
        .selectFrom('records')
        .select([...CATEGORY_COLUMNS])
        .where(
          'id',
          'in',
          categorised.map((r) => r.id as number),
        )
        .orderBy('id')
        .execute()
      expect(copiedCategories).toEqual(categorised)
      // Every document's bytes arrive whole, as bytea: the hash stored beside them still matches.
      const { rows: documents } = await sql<{ sha256: string; computed: string; size: number; length: number }>`
        select sha256, encode(sha256(content), 'hex') as computed, size, length(content) as length from documents`.execute(target.db)
      expect(documents.length).toBe(reader.prepare('select count(*) from documents').pluck().get())
      for (const row of documents) expect({ computed: row.computed, length: row.length }).toEqual({ computed: row.sha256, length: row.size })
      // The ids go on from the copied ones: a new row neither collides nor reuses a number.
      const lastRecord = reader.prepare('select max(id) from records').pluck().get() as number
      const fellow = reader.prepare(`select user_id from user_roles where role = 'fellow' limit 1`).pluck().get() as number
      const now = new Date().toISOString()
      const added = await target.db
        .insertInto('records')
        .values({
          fellow_id: fellow,
          kind: 'practicum',
          status: 'draft',
          occurred_on: now.slice(0, 10),
          minutes: 60,
          setting: 'virtual',
          phase: 'integration',
          practicum_contact: 'direct',
          client_code: 'C-0001',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect(added.id).toBe(lastRecord + 1)
    } finally {
      reader.close()
      await target.close()
    }
  }, 120_000)

  test('db:copy refuses a database that already holds an institute, and leaves it as it was', async () => {
    const url = await emptyPostgres()
    await copyDatabase({ from: institute, to: url })
    const target = openEngine(url)
    const before = await target.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    await expect(copyDatabase({ from: institute, to: url })).rejects.toThrow(/is not empty \(\w+ has rows\)/)
    const after = await target.db
      .selectFrom('records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    await target.close()
  }, 120_000)

  test('db:backup and db:restore name pg_dump and pg_restore when the data is in PostgreSQL', () => {
    for (const [script, tool] of [
      ['db/cli/backup.ts', 'pg_dump'],
      ['db/cli/restore.ts', 'pg_restore'],
    ] as const) {
      const result = spawnSync(process.execPath, ['--import', 'tsx', script, path.join(dir, 'x.db')], { encoding: 'utf8', env: process.env })
      expect(result.status, result.stderr).toBe(2)
      expect(result.stderr).toContain("the institute's data is in PostgreSQL")
      expect(result.stderr).toContain(tool)
      expect(result.stderr).not.toContain(':kap@') // the password never reaches the terminal
    }
  })
})
