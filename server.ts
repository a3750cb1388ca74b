import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import { missingAppUrlMessage, parseAppUrl } from './app/env.server.ts'
import { createApp } from './server/app.ts'
import { runPrimary } from './server/cluster.ts'
import { requestLimit } from './server/concurrency.ts'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const BUILD_PATH = path.join(BUILD_DIR, 'server/index.js')
const WORKERS = Number(process.env.WORKERS ?? 1)
// Lets `npm run db:restore` refuse to replace the SQLite file under a running app (PostgreSQL has its own tools and locks).
const pidFile = process.env.DATABASE_URL ? null : `${path.resolve(process.env.DATABASE_PATH || 'data/kap.db')}.pid`
const writePidFile = () => pidFile && fs.writeFileSync(pidFile, String(process.pid))
const removePidFile = () => pidFile && fs.rmSync(pidFile, { force: true })

function refuseToStart(message: string): never {
  console.error(message)
  process.exit(1)
}

// Links in mails, QR codes and credentials are built from APP_URL, and requests for any other
// host are refused: a deployment must say where it lives.
if (production && !process.env.APP_URL) refuseToStart(missingAppUrlMessage())
if (process.env.APP_URL) {
  try {
    parseAppUrl(process.env.APP_URL)
  } catch (error) {
    refuseToStart((error as Error).message)
  }
}
if (!Number.isInteger(WORKERS) || WORKERS < 1) refuseToStart(`WORKERS must be a whole number of at least 1 (it is "${process.env.WORKERS}").`)
const REQUEST_LIMIT = (() => {
  try {
    return requestLimit()
  } catch (error) {
    refuseToStart((error as Error).message)
  }
})()
if (WORKERS > 1 && !production) refuseToStart('WORKERS above 1 serves the production build: use `npm run serve` (development reloads in one process).')

type AppEntry = { prepare?: () => Promise<void>; startup?: () => Promise<void>; shutdown?: () => Promise<void> }

const vite = production ? undefined : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))

async function loadBuild(): Promise<ServerBuild> {
  if (vite) return (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
  return (await import(BUILD_PATH)) as ServerBuild
}

const build = await loadBuild()
const entry = build.entry.module as unknown as AppEntry

if (WORKERS > 1 && cluster.isPrimary) {
  // Migrations and the demo seed run once, here, before any worker serves; then the workers share the port.
  await entry.prepare?.()
  await entry.shutdown?.()
  writePidFile()
  runPrimary({ workers: WORKERS, onStopped: removePidFile })
  console.log(`KAP Fellowship listening on http://localhost:${port} with ${WORKERS} workers (production)`)
} else {
  await serve()
}

async function serve() {
  // Creates and migrates the database (and loads demo accounts when asked) before the first request.
  await entry.startup?.()
  const app = createApp({ build, loadBuild, vite, production, buildDir: BUILD_DIR, trustProxy: Boolean(process.env.TRUST_PROXY), requestLimit: REQUEST_LIMIT })
  if (cluster.isPrimary) writePidFile()

  const server = app.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`KAP Fellowship listening on http://localhost:${port} (${production ? 'production' : 'development'})`)
  })

  // Finish what is in flight, then close the database cleanly.
  let stopping = false
  async function shutdown(signal: string) {
    if (stopping) return
    stopping = true
    if (cluster.isPrimary) console.log(`${signal} received: finishing in-flight requests`)
    const forceExit = setTimeout(() => process.exit(1), 10_000)
    forceExit.unref()
    server.close(async () => {
      await entry.shutdown?.()
      await vite?.close()
      if (cluster.isPrimary) removePidFile()
      process.exit(0)
    })
    server.closeIdleConnections()
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
