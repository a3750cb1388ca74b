import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { defaultDatabaseTarget, openEngine, type Database } from '#db/connection.ts'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { createRecord, decideRecord, STALE_MESSAGE } from '#app/hours/workflow.server.ts'
import { DEFAULT_CODE_FORMATS } from '#app/hours/codes.ts'
import { recordSchemaFor } from '#app/hours/schema.ts'
import { createUser, NO_CLIENT, type TestUser } from '#tests/helpers.ts'
import { signOffBy, VERIFIED } from '#tests/support/licenses.ts'

const LICENSES = [
  { license_type: 'LMFT', license_number: '1111', license_state: 'CA', ...VERIFIED },
  { license_type: 'LPCC', license_number: '2222', license_state: 'NY', ...VERIFIED },
]

/** A fellow with two assigned, licensed supervisors, and one submitted sitter record. */
async function raceSetup() {
  const fellow = await createUser(['trainee', 'fellow'])
  const supervisors: TestUser[] = []
  for (const license of LICENSES) {
    const s = await createUser(['supervisor'])
    await db.updateTable('users').set(license).where('id', '=', s.id).execute()
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: fellow.id, supervisor_id: s.id, assigned_at: new Date().toISOString(), assigned_by: null })
      .execute()
    supervisors.push(s)
  }
  const input = recordSchemaFor(DEFAULT_CODE_FORMATS).parse({
    kind: 'sitter',
    occurredOn: daysAgo(4),
    startTime: '09:00',
    endTime: '11:00',
    setting: 'in_person',
    participantCode: 'P-0020',
    sitterRole: 'lead',
    coSitterId: '',
    intent: 'submit',
  })
  const created = await createRecord(fellow, input, NO_CLIENT)
  if (!created.ok) throw new Error(created.message)
  const record = await db.selectFrom('records').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
  expect(record).toMatchObject({ status: 'submitted', version: 2 })
  return { fellow, supervisors: supervisors as [TestUser, TestUser], id: record.id, version: record.version }
}

async function decisionEvents(id: number) {
  return db.selectFrom('record_events').selectAll().where('record_id', '=', id).where('action', 'in', ['approve', 'return']).execute()
}

/** Exactly one decision stands: the record, its single decision event and the loser's refusal agree. */
async function expectOneWinner(
  id: number,
  results: ({ ok: true } | { ok: false; message: string })[],
  who: [TestUser, TestUser],
  decisions: ['approve' | 'return', 'approve' | 'return'],
) {
  const winners = results.flatMap((r, i) => (r.ok ? [i] : []))
  expect(winners, JSON.stringify(results)).toHaveLength(1)
  const w = winners[0]!
  const loser = results[1 - w]!
  expect(loser).toMatchObject({ ok: false, message: STALE_MESSAGE })
  const record = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
  expect(record.status).toBe(decisions[w] === 'approve' ? 'approved' : 'returned')
  expect(record.decided_by).toBe(who[w]!.id)
  expect(record.version).toBe(3)
  if (decisions[w] === 'approve') {
    expect(record.approver_name).toBe(who[w]!.name)
    expect(record.approver_license_number).toBe(LICENSES[w]!.license_number)
  }
  const events = await decisionEvents(id)
  expect(events).toHaveLength(1)
  expect(events[0]).toMatchObject({ actor_id: who[w]!.id, action: decisions[w], from_status: 'submitted' })
}

describe('two supervisors decide the same record at once', () => {
  test('through the app (Promise.all): exactly one wins, the other gets the stale message', async () => {
    const { supervisors, id, version } = await raceSetup()
    const [a, b] = supervisors
    const results = await Promise.all([
      decideRecord(a, id, { decision: 'approve', version, comment: null }, NO_CLIENT, signOffBy(a)),
      decideRecord(b, id, { decision: 'approve', version, comment: null }, NO_CLIENT, signOffBy(b)),
    ])
    await expectOneWinner(id, results, supervisors, ['approve', 'approve'])
  })

  test('approve and return racing: one decision, never both', async () => {
    const { fellow, supervisors, id, version } = await raceSetup()
    const [a, b] = supervisors
    const results = await Promise.all([
      decideRecord(a, id, { decision: 'return', version, comment: 'Add the role.' }, NO_CLIENT, signOffBy(a)),
      decideRecord(b, id, { decision: 'approve', version, comment: null }, NO_CLIENT, signOffBy(b)),
    ])
    await expectOneWinner(id, results, supervisors, ['return', 'approve'])
    // The fellow hears of the decision that won, and only of it (an approval is mailed too).
    const mails = await db.selectFrom('outbox').select('subject').where('to_address', '=', fellow.email).execute()
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toMatch(results[0]!.ok ? / was returned$/ : / approved your /)
  })
})

describe('a second connection to the same database', () => {
  let other: ReturnType<typeof openEngine>
  beforeAll(() => {
    other = openEngine(defaultDatabaseTarget())
  })
  afterAll(async () => {
    await other.db.destroy()
  })

  /** The decision as another server process would run it: read, then update only the version that was read. */
  async function decideOn(conn: Database, supervisor: TestUser, id: number, version: number) {
    return conn.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('records')
        .set({
          status: 'approved',
          version: sql`version + 1`,
          decided_by: supervisor.id,
          decided_at: new Date().toISOString(),
          approver_name: supervisor.name,
          approver_license_type: 'LPCC',
          approver_license_number: '2222',
          approver_license_state: 'NY',
        })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'submitted')
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, message: STALE_MESSAGE }
      await trx
        .insertInto('record_events')
        .values({
          record_id: id,
          actor_id: supervisor.id,
          action: 'approve',
          from_status: 'submitted',
          to_status: 'approved',
          comment: null,
          detail: null,
          at: new Date().toISOString(),
        })
        .execute()
      return { ok: true as const }
    })
  }

  test('both read version 2; the other connection commits first; the app’s decision is refused as stale', async () => {
    const { supervisors, id, version } = await raceSetup()
    const [a, b] = supervisors
    // Both open the record page and see the same version.
    const seenByOther = await other.db.selectFrom('records').select('version').where('id', '=', id).executeTakeFirstOrThrow()
    const seenByApp = await db.selectFrom('records').select('version').where('id', '=', id).executeTakeFirstOrThrow()
    expect(seenByOther.version).toBe(version)
    expect(seenByApp.version).toBe(version)

    const first = await decideOn(other.db, b, id, seenByOther.version)
    const second = await decideRecord(a, id, { decision: 'approve', version: seenByApp.version, comment: null }, NO_CLIENT, signOffBy(a))
    await expectOneWinner(id, [second, first], [a, b], ['approve', 'approve'])
  })

  test('the app commits first; the other connection’s update with the old version changes nothing', async () => {
    const { supervisors, id, version } = await raceSetup()
    const [a, b] = supervisors
    const first = await decideRecord(a, id, { decision: 'approve', version, comment: null }, NO_CLIENT, signOffBy(a))
    const second = await decideOn(other.db, b, id, version)
    await expectOneWinner(id, [first, second], [a, b], ['approve', 'approve'])
  })
})

describe('two server processes', () => {
  /** Runs decideRecord in a separate Node process (its own SQLite connection), released by a "go" line. */
  function decider(dir: string, supervisor: TestUser, id: number, version: number, decision: 'approve' | 'return', comment: string) {
    const script = path.join(dir, 'decide.mts')
    if (!fs.existsSync(script)) {
      fs.writeFileSync(
        script,
        [
          "import { createInterface } from 'node:readline'",
          'const [workflowUrl, dbUrl, userJson, id, version, decision, comment] = process.argv.slice(2)',
          'const { decideRecord } = await import(workflowUrl)',
          'const { db } = await import(dbUrl)',
          "await db.selectFrom('records').select('id').limit(1).execute()",
          "process.stdout.write('ready\\n')",
          "await new Promise((resolve) => createInterface({ input: process.stdin }).once('line', resolve))",
          'const user = JSON.parse(userJson)',
          "const signOff = { attestationVersion: '2026-11', attestationSha256: 'f'.repeat(64), signedName: user.name }",
          'const result = await decideRecord(user, Number(id), { decision, version: Number(version), comment: comment || null }, { ip: null, userAgent: null }, signOff)',
          "process.stdout.write(JSON.stringify(result) + '\\n')",
          'await db.destroy()',
          'process.exit(0)',
        ].join('\n'),
      )
    }
    const app = (file: string) => pathToFileURL(path.resolve(import.meta.dirname, '../../app', file)).href
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        script,
        app('hours/workflow.server.ts'),
        app('db.server.ts'),
        JSON.stringify(supervisor),
        String(id),
        String(version),
        decision,
        comment,
      ],
      { cwd: path.resolve(import.meta.dirname, '../..'), env: { ...process.env, SMTP_URL: '', NODE_ENV: 'test' }, stdio: ['pipe', 'pipe', 'pipe'] },
    )
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk) => (out += chunk))
    child.stderr.on('data', (chunk) => (err += chunk))
    const ready = new Promise<void>((resolve, reject) => {
      const check = () => (out.includes('ready\n') ? resolve() : undefined)
      child.stdout.on('data', check)
      child.on('exit', (code) => reject(new Error(`decider exited early (${code}): ${err}`)))
    })
    const done = new Promise<{ ok: true } | { ok: false; message: string }>((resolve, reject) => {
      child.on('exit', (code) => {
        const last = out.trim().split('\n').at(-1) ?? ''
        if (code !== 0 || !last.startsWith('{')) reject(new Error(`decider failed (${code}): ${out}\n${err}`))
        else resolve(JSON.parse(last))
      })
    })
    return { ready, done, go: () => child.stdin.write('go\n') }
  }

  test('two supervisors in two processes decide at the same moment: exactly one decision event', async () => {
    const { supervisors, id, version } = await raceSetup()
    const [a, b] = supervisors
    const dir = path.dirname(process.env.DATABASE_PATH!)
    const one = decider(dir, a, id, version, 'approve', '')
    const two = decider(dir, b, id, version, 'return', 'Needs the participant code checked.')
    await Promise.all([one.ready, two.ready])
    one.go()
    two.go()
    const results = await Promise.all([one.done, two.done])
    await expectOneWinner(id, results, supervisors, ['approve', 'return'])
  }, 60_000)
})
