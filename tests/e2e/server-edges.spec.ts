import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from '@playwright/test'
import { openEngine, type Engine } from '#db/connection.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSessionCookie } from '../../scripts/session-cookie.ts'
import { tableContents } from '#tests/support/table-contents.ts'
import { throwawayDatabase } from '#tests/support/throwaway-database.ts'
import { startServer, type ServerProcess } from '../../scripts/server-process.ts'
import { fillPattern, routeManifest } from '../support/route-manifest.ts'
import { UPLOAD_BODY_LIMIT, UPLOAD_PATHS } from '../../server/request-body.ts'

// The CSRF defence and the body limits live in server.ts, in front of the app: only the real
// server shows whether every state-changing route is behind them. No browser here: raw POSTs, so the Origin header is
// exactly what the test says (a browser would always send its own).
test.describe.configure({ mode: 'serial' })

// The module's source, not an import: importing a route module would open a database of its own.
const EXPORTS_ACTION = /^export\s+(?:async\s+function\s+action\b|(?:const|let|function)\s+action\b|\{[^}]*\baction\b[^}]*\})/m
const actionRoutes = routeManifest().filter((route) => EXPORTS_ACTION.test(fs.readFileSync(route.file, 'utf8')))

let database: Awaited<ReturnType<typeof throwawayDatabase>> | undefined
let server: ServerProcess | undefined
let url: string
let port: number
let engine: Engine
let db: Engine['db']
let userId: number
// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a hook needs from an object pattern; this one needs none
test.afterEach(async ({}, testInfo) => {
  if (server && testInfo.status !== testInfo.expectedStatus) await testInfo.attach('server output', { body: server.output(), contentType: 'text/plain' })
})
test.afterAll(async () => {
  await engine?.close()
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL')
    await server.exited
  }
  await database?.remove()
})

// Read once: loading the catalog parses every lesson (about half a second), and the walks below fill some 200 paths.
const course = loadCatalog().courses[0]!

/** Real values for a route's dynamic segments, so an accepted request would reach real rows. */
function paramsFor(params: string[]) {
  const values: Record<string, string> = { course: course.slug, lesson: course.lessons[0]!.slug, slug: 'kap-experiential', '*': 'anything' }
  return Object.fromEntries(params.map((name) => [name, values[name] ?? (name === 'token' || name === 'code' ? 'abcdefghijklmnopqrstuvwxyz234567' : '1')]))
}

test.beforeAll(async () => {
  test.setTimeout(120_000)
  database = await throwawayDatabase('edges')
  // Demo data, so the ids in the URLs below name real records, cohorts, people and certificates.
  server = await startServer({ database: database.target, env: { SEED_DEMO: '1' } })
  ;({ url, port } = server)

  // Signed in with every role: a request that slipped past a check would get as far as it can.
  engine = openEngine(database.target)
  db = engine.db
  ;({ id: userId } = await db
    .insertInto('users')
    .values({
      email: 'everyone@edges.test',
      name: 'Every Role',
      password_hash: await hashPassword('edges test password'),
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow())
  await db
    .insertInto('user_roles')
    .values((['trainee', 'fellow', 'supervisor', 'staff'] as const).map((role) => ({ user_id: userId, role })))
    .execute()
})

async function signIn() {
  const session = await createSessionCookie(db, userId, 'edges test')
  return `${session.name}=${session.value}`
}

type Answer = { status: number; body: string }

/**
 * One raw request on a connection of its own: nothing pooled, so no request lands on a
 * kept-alive socket the server is just closing, and every header is exactly the one given.
 * `send` writes the body; the answer may come before it is all written.
 */
function rawPost(target: string, headers: Record<string, string | number>, send: (req: http.ClientRequest) => void) {
  return new Promise<Answer>((resolve) => {
    const req = http.request(`${url}${target}`, { method: 'POST', agent: false, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: text })
        // A body the server refused to read is never finished: drop the rest of it.
        req.destroy()
      })
      res.on('error', (error) => resolve({ status: 0, body: `no answer: ${error.message}` }))
    })
    // A dropped connection is reported beside the other answers rather than ending the walk.
    req.on('error', (error) => resolve({ status: 0, body: `no answer: ${error.message}` }))
    send(req)
  })
}

test('every action route refuses a POST without this site’s exact Origin, and changes nothing', async () => {
  test.setTimeout(120_000)
  // A sanity floor: the manifest walk finding no routes would make every check below vacuous.
  expect(actionRoutes.length).toBeGreaterThanOrEqual(20)

  const post = (target: string, cookie: string, origin?: string) => {
    const body = 'intent=anything'
    const headers: Record<string, string | number> = {
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(body),
    }
    if (origin) headers.Origin = origin
    return rawPost(target, headers, (req) => req.end(body))
  }

  const refusedOrigins = {
    'no Origin': undefined,
    'a foreign Origin': 'https://evil.example',
    // Same host and port, other scheme: not this site.
    'the wrong scheme': `https://localhost:${port}`,
  }

  for (const route of actionRoutes) {
    const target = fillPattern(route.pattern, paramsFor(route.params))
    await test.step(`POST ${target} (${route.name})`, async () => {
      const cookie = await signIn()
      const before = await tableContents(engine)
      const refusals: Record<string, { status: number; body: string }> = {}
      for (const [label, origin] of Object.entries(refusedOrigins)) refusals[label] = await post(target, cookie, origin)
      expect
        .soft(Object.fromEntries(Object.entries(refusals).map(([label, r]) => [label, r.status])), `POST ${target}: each refused with 403`)
        .toEqual({ 'no Origin': 403, 'a foreign Origin': 403, 'the wrong scheme': 403 })
      expect.soft(await tableContents(engine), `POST ${target}: nothing changed by the refused requests`).toEqual(before)

      // The refusal is recognised by its body, so the app's own 403 page (a role it lacks) does not count as one.
      const refusalBodies = new Set(
        Object.values(refusals)
          .filter((r) => r.status === 403)
          .map((r) => r.body),
      )
      const accepted = await post(target, cookie, url)
      expect
        .soft(
          accepted.status === 403 && refusalBodies.has(accepted.body),
          `POST ${target} with Origin ${url} answered ${accepted.status}: not the Origin refusal`,
        )
        .toBe(false)
    })
  }
})

test('every action route refuses oversized, non-form and unreadable bodies with a clear page, never a 500', async () => {
  test.setTimeout(180_000)
  const refusals: Record<string, Record<string, number>> = {}
  let formsRead = 0
  for (const route of actionRoutes) {
    const target = fillPattern(route.pattern, paramsFor(route.params))
    const cookie = await signIn()
    const form = { Cookie: cookie, Origin: url }
    const before = await tableContents(engine, 'audit_log')
    const { auditBefore } = await db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('auditBefore'))
      .executeTakeFirstOrThrow()

    // 100 MB announced, one kilobyte sent: the refusal must come from the header alone.
    const announced = await rawPost(target, { ...form, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': 100 * 1024 * 1024 }, (req) =>
      req.write(Buffer.alloc(1024, 'a')),
    )
    // No length given, 80 KB streamed: counted while read, cut off past 64 KB.
    const streamed = await rawPost(target, { ...form, 'Content-Type': 'application/x-www-form-urlencoded', 'Transfer-Encoding': 'chunked' }, (req) => {
      for (let i = 0; i < 80; i++) req.write(`note=${'b'.repeat(1019)}`)
      req.end()
    })
    const json = await rawPost(target, { ...form, 'Content-Type': 'application/json' }, (req) => req.end('{"intent":"save","email":"a@b.c"}'))
    // Signing out reads no form: any POST ends the session, so its answer to a broken body is the redirect.
    if (route.name === 'logout.tsx') {
      refusals[target] = { announced: announced.status, streamed: streamed.status, json: json.status }
      continue
    }
    const multipart = await rawPost(target, { ...form, 'Content-Type': 'multipart/form-data; boundary=expected' }, (req) =>
      req.end('--other\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n--other--\r\n'),
    )

    refusals[target] = { announced: announced.status, streamed: streamed.status, json: json.status, multipart: multipart.status }
    expect.soft(announced.body, `POST ${target}: the 413 page says the limit`).toContain('at most 64 KB')
    expect.soft(json.body, `POST ${target}: the 400 page says why`).toContain('accepts form submissions from its own pages only')
    // A route whose guards pass reads the form and says it could not; one whose guards refuse first (an id it does not know) answers that.
    expect.soft([400, 403, 404], `POST ${target}: a broken multipart body answered ${multipart.status}`).toContain(multipart.status)
    if (multipart.status === 400) {
      expect.soft(multipart.body, `POST ${target}: the 400 page says why`).toContain('We could not read this form')
      formsRead += 1
    }
    // A guard that refused logs who was refused; nothing else may change.
    expect.soft(await tableContents(engine, 'audit_log'), `POST ${target}: nothing changed`).toEqual(before)
    const logged = (await db.selectFrom('audit_log').select('action').where('id', '>', auditBefore).execute()).map((row) => row.action)
    expect
      .soft(
        logged.filter((action) => action !== 'access.denied'),
        `POST ${target}: only refusals logged`,
      )
      .toEqual([])
  }
  expect(Object.values(refusals).filter((r) => r.announced !== 413 || r.streamed !== 413 || r.json !== 400)).toEqual([])
  // Most routes got as far as reading the form: the 400 above is the form reader's, not a guard's.
  expect(formsRead).toBeGreaterThanOrEqual(15)
  // The server is still there and answering.
  expect((await fetch(`${url}/login`)).status).toBe(200)
})

/** The pages whose forms carry a file; every other action route keeps the 64 KB limit for any body. */
const UPLOAD_ROUTES = ['hours.$id.attachments.tsx', 'settings.license-proof.tsx', 'staff.people.$id.tsx']

/**
 * A well-formed multipart body of exactly `size` bytes: one file part (padded to fit) under a
 * field no form has, so an upload page that reads it refuses the field and stores nothing.
 */
function multipartOf(size: number) {
  const boundary = 'edges-boundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="not-a-field"; filename="padding.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`
  const tail = `\r\n--${boundary}--\r\n`
  const padding = size - Buffer.byteLength(head) - Buffer.byteLength(tail)
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([Buffer.from(head), Buffer.alloc(padding, 0x20), Buffer.from(tail)]) }
}

test('upload pages take a file of up to 10 MB in a multipart body, and no more; every other page refuses a multipart body past 64 KB', async () => {
  test.setTimeout(180_000)
  // The server's list of upload paths names exactly the routes whose forms carry a file.
  const uploads = actionRoutes.filter((route) => UPLOAD_PATHS.some((path) => path.test(fillPattern(route.pattern, paramsFor(route.params)))))
  expect(uploads.map((route) => route.name).sort()).toEqual(UPLOAD_ROUTES)
  expect(UPLOAD_BODY_LIMIT).toBe(10 * 1024 * 1024 + 64 * 1024)

  // One session for the whole walk, opened before the snapshot: nothing below may write but a refusal's log row.
  const form = { Cookie: await signIn(), Origin: url }
  const before = await tableContents(engine, 'audit_log')
  const answers: Record<string, Record<string, number>> = {}
  for (const route of actionRoutes.filter((r) => r.name !== 'logout.tsx')) {
    const target = fillPattern(route.pattern, paramsFor(route.params))
    const upload = UPLOAD_ROUTES.includes(route.name)
    const send = (size: number, headers: Record<string, string | number> = {}) => {
      const { type, body } = multipartOf(size)
      return rawPost(target, { ...form, 'Content-Type': type, 'Content-Length': body.length, ...headers }, (req) => req.end(body))
    }
    // Announced one byte over the upload limit: refused from the header alone, with the limit that applies here.
    const announced = await rawPost(target, { ...form, 'Content-Type': multipartOf(1024).type, 'Content-Length': UPLOAD_BODY_LIMIT + 1 }, (req) =>
      req.write(Buffer.alloc(1024, 'a')),
    )
    expect.soft(announced.body, `POST ${target}: the 413 page says the limit`).toContain(upload ? 'accepts a file of at most 10 MB' : 'at most 64 KB')
    // A megabyte: a file an upload page reads (and refuses here for its field), anywhere else too much.
    const megabyte = await send(1024 * 1024)
    answers[target] = { announced: announced.status, megabyte: megabyte.status }
    if (upload) {
      // Exactly at the limit, announced: read whole; streamed past it without a length: cut off while read.
      answers[target]!.atLimit = (await send(UPLOAD_BODY_LIMIT)).status
      const streamed = await rawPost(target, { ...form, 'Content-Type': multipartOf(1024).type, 'Transfer-Encoding': 'chunked' }, (req) => {
        const { body } = multipartOf(UPLOAD_BODY_LIMIT + 1024)
        for (let at = 0; at < body.length; at += 1024 * 1024) req.write(body.subarray(at, at + 1024 * 1024))
        req.end()
      })
      answers[target]!.streamedPast = streamed.status
    }
  }
  // Read, then refused by the page itself (a field no form has, a role or a record it refuses): never a 413 or a 500.
  const PAGE = 'read, then refused by the page'
  const label = (status: number) => ([400, 403, 404].includes(status) ? PAGE : status)
  const seen = Object.fromEntries(
    Object.entries(answers).map(([target, got]) => [target, Object.fromEntries(Object.entries(got).map(([k, v]) => [k, label(v)]))]),
  )
  const expected = Object.fromEntries(
    Object.entries(answers).map(([target, got]) => [
      target,
      'atLimit' in got ? { announced: 413, megabyte: PAGE, atLimit: PAGE, streamedPast: 413 } : { announced: 413, megabyte: 413 },
    ]),
  )
  expect(seen).toEqual(expected)
  // Refusals only: no document, no clearance, nothing else (an access.denied row is the only write allowed).
  expect(await tableContents(engine, 'audit_log')).toEqual(before)
})

test('a request for another host is refused before the app sees it, so no link can be built from it', async () => {
  const forged = await new Promise<Answer>((resolve) => {
    const req = http.request(`${url}/forgot-password`, { method: 'GET', agent: false, headers: { Host: 'evil.example' } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }))
    })
    req.end()
  })
  expect(forged.status).toBe(400)
  expect(forged.body).toContain(`This site answers at ${url} only`)
  expect((await fetch(`${url}/forgot-password`)).status).toBe(200)
})

test('a deployment without APP_URL refuses to start and says why', async () => {
  const refusedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-edges-'))
  try {
    await expect(startServer({ database: path.join(refusedDir, 'none.db'), env: { APP_URL: '' } })).rejects.toThrow(
      /APP_URL is not set\. A deployment must name its public address/,
    )
  } finally {
    fs.rmSync(refusedDir, { recursive: true, force: true })
  }
})
