import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import Database from 'better-sqlite3'
import { openDatabase } from '#db/connection.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSessionCookie } from '../../scripts/session-cookie.ts'
import { startServer, type ServerProcess } from '../../scripts/server-process.ts'
import { fillPattern, routeManifest } from '../support/route-manifest.ts'

// The CSRF defence lives in server.ts, in front of the app: only the real server shows whether
// every state-changing route is behind it. No browser here: raw POSTs, so the Origin header is
// exactly what the test says (a browser would always send its own).
test.describe.configure({ mode: 'serial' })

// The module's source, not an import: importing a route module would open a database of its own.
const EXPORTS_ACTION = /^export\s+(?:async\s+function\s+action\b|(?:const|let|function)\s+action\b|\{[^}]*\baction\b[^}]*\})/m
const actionRoutes = routeManifest().filter((route) => EXPORTS_ACTION.test(fs.readFileSync(route.file, 'utf8')))

let dir: string | undefined
let server: ServerProcess | undefined
test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server output', { body: server.output(), contentType: 'text/plain' })
})
test.afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL')
    await server.exited
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
})

/** Every row of every table, schema included: what "nothing changed" is checked against. */
function contents(file: string) {
  const reader = new Database(file, { readonly: true })
  try {
    const tables = reader.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]
    const dump: Record<string, string[]> = { sqlite_master: reader.prepare('select * from sqlite_master').all().map((r) => JSON.stringify(r)).sort() }
    for (const table of tables) dump[table] = reader.prepare(`select * from "${table}"`).all().map((r) => JSON.stringify(r)).sort()
    return dump
  } finally {
    reader.close()
  }
}

/** Real values for a route's dynamic segments, so an accepted request would reach real rows. */
function paramsFor(params: string[]) {
  const course = loadCatalog().courses[0]!
  const values: Record<string, string> = { course: course.slug, lesson: course.lessons[0]!.slug, slug: 'kap-experiential', '*': 'anything' }
  return Object.fromEntries(params.map((name) => [name, values[name] ?? (name === 'token' || name === 'code' ? 'abcdefghijklmnopqrstuvwxyz234567' : '1')]))
}

test('every action route refuses a POST without this site’s exact Origin, and changes nothing', async () => {
  test.setTimeout(120_000)
  // A sanity floor: the manifest walk finding no routes would make every check below vacuous.
  expect(actionRoutes.length).toBeGreaterThanOrEqual(20)

  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-origin-'))
  const databasePath = path.join(dir, 'origin.db')
  // Demo data, so the ids in the URLs below name real records, cohorts, people and certificates.
  server = await startServer({ databasePath, env: { SEED_DEMO: '1' } })
  const { url, port } = server

  // Signed in with every role: a request that slipped past the check would get as far as it can.
  const { db } = openDatabase(databasePath)
  const { id: userId } = await db
    .insertInto('users')
    .values({ email: 'everyone@origin.test', name: 'Every Role', password_hash: await hashPassword('origin test password'), created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('user_roles').values((['trainee', 'fellow', 'supervisor', 'staff'] as const).map((role) => ({ user_id: userId, role }))).execute()
  const signIn = async () => {
    const session = await createSessionCookie(db, userId, 'origin test')
    return `${session.name}=${session.value}`
  }

  // node:http on a connection of its own per request: nothing pooled, so no request lands on a
  // kept-alive socket the server is just closing, and the Origin header is exactly the one given.
  const post = (target: string, cookie: string, origin?: string) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      const body = 'intent=anything'
      const headers: Record<string, string | number> = { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) }
      if (origin) headers.Origin = origin
      const req = http.request(`${url}${target}`, { method: 'POST', agent: false, headers }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
        res.on('error', (error) => resolve({ status: 0, body: `no answer: ${error.message}` }))
      })
      // A dropped connection is reported beside the other answers rather than ending the walk.
      req.on('error', (error) => resolve({ status: 0, body: `no answer: ${error.message}` }))
      req.end(body)
    })

  const refusedOrigins = {
    'no Origin': undefined,
    'a foreign Origin': 'https://evil.example',
    // Same host and port, other scheme: not this site.
    'the wrong scheme': `https://localhost:${port}`,
  }

  try {
    for (const route of actionRoutes) {
      const target = fillPattern(route.pattern, paramsFor(route.params))
      await test.step(`POST ${target} (${route.name})`, async () => {
        const cookie = await signIn()
        const before = contents(databasePath)
        const refusals: Record<string, { status: number; body: string }> = {}
        for (const [label, origin] of Object.entries(refusedOrigins)) refusals[label] = await post(target, cookie, origin)
        expect
          .soft(Object.fromEntries(Object.entries(refusals).map(([label, r]) => [label, r.status])), `POST ${target}: each refused with 403`)
          .toEqual({ 'no Origin': 403, 'a foreign Origin': 403, 'the wrong scheme': 403 })
        expect.soft(contents(databasePath), `POST ${target}: nothing changed by the refused requests`).toEqual(before)

        // The refusal is recognised by its body, so the app's own 403 page (a role it lacks) does not count as one.
        const refusalBodies = new Set(Object.values(refusals).filter((r) => r.status === 403).map((r) => r.body))
        const accepted = await post(target, cookie, url)
        expect
          .soft(accepted.status === 403 && refusalBodies.has(accepted.body), `POST ${target} with Origin ${url} answered ${accepted.status}: not the Origin refusal`)
          .toBe(false)
      })
    }
  } finally {
    await db.destroy()
  }
})
