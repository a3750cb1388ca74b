import crypto from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import fs from 'node:fs'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import { CLIENT_IP_HEADER } from './app/audit/client-ip.ts'
import { appHost, appOrigin, missingAppUrlMessage, parseAppUrl } from './app/env.server.ts'
import { isAllowedOrigin, requestedHost } from './app/security/origin.ts'
import { refuse } from './server/refusals.ts'
import { remixHandler } from './server/remix-handler.ts'
import { boundedBody } from './server/request-body.ts'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '0.0.0.0'
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const BUILD_PATH = path.join(BUILD_DIR, 'server/index.js')

// Links in mails, QR codes and credentials are built from APP_URL, and requests for any other
// host are refused: a deployment must say where it lives.
if (production && !process.env.APP_URL) {
  console.error(missingAppUrlMessage())
  process.exit(1)
}
if (process.env.APP_URL) {
  try {
    parseAppUrl(process.env.APP_URL)
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}
const trustProxy = Boolean(process.env.TRUST_PROXY)

type AppEntry = { startup?: () => Promise<void>; shutdown?: () => Promise<void> }

const vite = production ? undefined : await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))

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
if (trustProxy) app.set('trust proxy', process.env.TRUST_PROXY)

app.use((req, res, next) => {
  const host = requestedHost(req.headers, trustProxy)
  if (host === appHost()) return next()
  refuse(res, 400, 'Wrong address', `This site answers at ${appOrigin()} only. Open that address instead.`)
})

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
        scriptSrc: ["'self'", (_req: IncomingMessage, res: ServerResponse) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
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
  if (isAllowedOrigin(req.method, req.headers.origin, appOrigin())) return next()
  refuse(
    res,
    403,
    'Refused',
    'This request did not come from a page of this site (its Origin header is missing or names another site). Open the page on this site and send the form from there.',
  )
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
  boundedBody(),
  remixHandler({
    build: vite ? loadBuild : build,
    mode: production ? 'production' : 'development',
    origin: appOrigin,
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
