import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { CLIENT_IP_HEADER } from './app/audit/client-ip.ts'
import { isAllowedOrigin } from './app/security/origin.ts'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const BUILD_PATH = path.join(BUILD_DIR, 'server/index.js')

type AppEntry = { startup?: () => Promise<void>; shutdown?: () => Promise<void> }

const vite = production
  ? undefined
  : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))

async function loadBuild(): Promise<ServerBuild> {
  if (vite) return (await vite.ssrLoadModule('virtual:remix/server-build')) as ServerBuild
  return (await import(BUILD_PATH)) as ServerBuild
}

const build = await loadBuild()
const entry = build.entry.module as unknown as AppEntry
// Creates and migrates the database (and loads demo accounts when asked) before the first request.
await entry.startup?.()

const app = express()
app.disable('x-powered-by')
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)

app.use((req, res, next) => {
  // Overwrites any client-sent value: the audit log trusts only the socket (or a configured proxy).
  req.headers[CLIENT_IP_HEADER] = req.ip ?? req.socket.remoteAddress ?? ''
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
  next()
})

app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: [
          "'self'",
          (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as express.Response).locals.cspNonce}'`,
        ],
        styleSrc: production ? ["'self'"] : ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: production ? ["'self'"] : ["'self'", 'ws:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    strictTransportSecurity: production && process.env.INSECURE_COOKIES !== '1',
    referrerPolicy: { policy: 'same-origin' },
  }),
)
app.use(compression())

app.use((req, res, next) => {
  if (isAllowedOrigin(req.method, req.headers.origin, req.headers.host)) return next()
  res
    .status(403)
    .type('text/plain')
    .send('Refused: this request did not come from a page of this site (missing or foreign Origin header).')
})

if (vite) {
  app.use(vite.middlewares)
} else {
  app.use('/assets', express.static(path.join(BUILD_DIR, 'client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
  // Only the files public/ ships go to the disk; every other path goes straight to the app.
  const publicFiles = new Set(fs.readdirSync(path.join(BUILD_DIR, 'client')).filter((f) => f !== 'assets'))
  const staticFiles = express.static(path.join(BUILD_DIR, 'client'), { maxAge: '1h' })
  app.use((req, res, next) => (publicFiles.has(req.path.slice(1)) ? staticFiles(req, res, next) : next()))
}

app.all(
  '*',
  createRequestHandler({
    build: vite ? loadBuild : build,
    mode: production ? 'production' : 'development',
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
  }),
)

// Lets `npm run db:restore` refuse to replace the database under a running app.
const pidFile = `${path.resolve(process.env.DATABASE_PATH || 'data/kap.db')}.pid`
fs.writeFileSync(pidFile, String(process.pid))

const server = app.listen(port, host, () => {
  console.log(`KAP Fellowship listening on http://localhost:${port} (${production ? 'production' : 'development'})`)
})

// Finish what is in flight, then close the database cleanly.
let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  console.log(`${signal} received: finishing in-flight requests`)
  const forceExit = setTimeout(() => process.exit(1), 10_000)
  forceExit.unref()
  server.close(async () => {
    await entry.shutdown?.()
    await vite?.close()
    fs.rmSync(pidFile, { force: true })
    process.exit(0)
  })
  server.closeIdleConnections()
}
process.on('SIGTERM', () => void shutdown('SIGTERM'))
process.on('SIGINT', () => void shutdown('SIGINT'))
