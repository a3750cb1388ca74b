import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import express from 'express'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { concurrencyLimit, requestLimit } from '../../server/concurrency.ts'

// The limit in front of the app over real HTTP: who is let in, in what order, and when a place is given up.

type Rig = { url: string; started: string[]; ask: (name: string) => Promise<string>; finish: (name: string) => void; server: Server }
let rig: Rig | undefined

/** An app behind concurrencyLimit whose requests (`/work/<name>`) each answer only when the test says so. */
async function serve(limit: number, holdMs: number): Promise<Rig> {
  const started: string[] = []
  const gates = new Map<string, () => void>()
  const opened = new Set<string>()
  const app = express()
  app.get('/work/:name', concurrencyLimit(limit, holdMs), (req, res) => {
    const name = req.params.name!
    started.push(name)
    const answer = () => res.send(`done ${name}`)
    if (opened.has(name)) answer()
    else gates.set(name, answer)
  })
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const finish = (name: string) => {
    if (opened.has(name)) return
    opened.add(name)
    gates.get(name)?.()
  }
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const ask = (name: string) => fetch(`${url}/work/${name}`).then((r) => r.text())
  rig = { url, started, ask, finish, server }
  return rig
}

afterEach(async () => {
  if (!rig) return
  rig.server.closeAllConnections()
  await new Promise((resolve) => rig!.server.close(resolve))
  rig = undefined
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(condition: () => boolean) {
  for (let i = 0; i < 200 && !condition(); i++) await pause(10)
  expect(condition()).toBe(true)
}

describe('concurrencyLimit', () => {
  test('with room for one, the next request waits until the one inside has answered, and the queue goes in arrival order', async () => {
    const { ask, started, finish } = await serve(1, 10_000)
    const a = ask('a')
    await until(() => started.length === 1)
    const b = ask('b')
    await pause(50)
    const c = ask('c')
    await pause(100)
    expect(started).toEqual(['a'])

    finish('a')
    expect(await a).toBe('done a')
    await until(() => started.length === 2)
    await pause(50)
    expect(started).toEqual(['a', 'b'])

    finish('b')
    finish('c')
    expect(await b).toBe('done b')
    expect(await c).toBe('done c')
    expect(started).toEqual(['a', 'b', 'c'])
  })

  test('with room for two, two run at once and the third waits', async () => {
    const { ask, started, finish } = await serve(2, 10_000)
    const answers = ['a', 'b', 'c'].map(ask)
    await until(() => started.length === 2)
    await pause(100)
    expect(started).toHaveLength(2)
    finish(started[0]!)
    await until(() => started.length === 3)
    for (const name of ['a', 'b', 'c']) finish(name)
    expect(await Promise.all(answers)).toEqual(['done a', 'done b', 'done c'])
  })

  test('a request that keeps its place longer than the hold time gives it up, and the next goes in', async () => {
    const { ask, started, finish } = await serve(1, 150)
    const a = ask('a')
    await until(() => started.length === 1)
    const b = ask('b')
    await pause(50)
    expect(started).toEqual(['a'])
    await until(() => started.length === 2)
    expect(started).toEqual(['a', 'b'])
    finish('b')
    expect(await b).toBe('done b')
    finish('a')
    expect(await a).toBe('done a')
  })

  test('a visitor who gives up while queued is never let in; the one after is', async () => {
    const { url, ask, started, finish } = await serve(1, 10_000)
    const a = ask('a')
    await until(() => started.length === 1)
    const leaving = new AbortController()
    const b = fetch(`${url}/work/b`, { signal: leaving.signal }).catch((error: Error) => error.name)
    await pause(100)
    leaving.abort()
    expect(await b).toBe('AbortError')
    await pause(100)
    const c = ask('c')
    await pause(50)
    finish('a')
    expect(await a).toBe('done a')
    await until(() => started.length === 2)
    finish('c')
    expect(await c).toBe('done c')
    expect(started).toEqual(['a', 'c'])
  })
})

describe('requestLimit', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  test('two at a time on SQLite, as many as the pool has connections on PostgreSQL, unless configured', () => {
    vi.stubEnv('MAX_CONCURRENT_REQUESTS', '')
    vi.stubEnv('DATABASE_URL', '')
    expect(requestLimit()).toBe(2)
    vi.stubEnv('DATABASE_URL', 'postgres://kap:kap@localhost:5432/kap')
    vi.stubEnv('DATABASE_POOL_SIZE', '')
    expect(requestLimit()).toBe(10)
    vi.stubEnv('DATABASE_POOL_SIZE', '6')
    expect(requestLimit()).toBe(6)
    vi.stubEnv('MAX_CONCURRENT_REQUESTS', '3')
    expect(requestLimit()).toBe(3)
    vi.stubEnv('MAX_CONCURRENT_REQUESTS', '0')
    expect(requestLimit()).toBeNull()
    vi.stubEnv('MAX_CONCURRENT_REQUESTS', 'many')
    expect(() => requestLimit()).toThrow('MAX_CONCURRENT_REQUESTS must be a whole number, 0 for no limit (it is "many").')
  })
})
