import crypto from 'node:crypto'
import fs from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import helmet from 'helmet'
import type { ViteDevServer } from 'vite'
import { CLIENT_IP_HEADER } from '../app/audit/client-ip.ts'
import { appHost, appOrigin } from '../app/env.server.ts'
import { isAllowedOrigin, requestedHost } from '../app/security/origin.ts'
import { refuse } from './refusals.ts'
import { remixHandler } from './remix-handler.ts'
import { concurrencyLimit } from './concurrency.ts'
import { boundedBody } from './request-body.ts'

/**
 * The Express app in front of Remix, in the order a request meets it: host check, client IP
 * and CSP nonce, security headers, compression, Origin check, static files, bounded body, request
 * limit, Remix.
 */
export function createApp({
  build,
  loadBuild,
  vite,
  production,
  buildDir,
  trustProxy,
  requestLimit,
}: {
  build: ServerBuild
  loadBuild: () => Promise<ServerBuild>
  vite: ViteDevServer | undefined
  production: boolean
  buildDir: string
  trustProxy: boolean
  /** Requests let into the app at once (server/concurrency.ts), or null for no limit. */
  requestLimit: number | null
}) {
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
    app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y', fallthrough: false }))
    // Only the files public/ ships go to the disk; every other path goes straight to the app.
    const publicFiles = new Set(fs.readdirSync(path.join(buildDir, 'client')).filter((f) => f !== 'assets'))
    const staticFiles = express.static(path.join(buildDir, 'client'), { maxAge: '1h' })
    app.use((req, res, next) => (publicFiles.has(req.path.slice(1)) ? staticFiles(req, res, next) : next()))
  }

  app.all(
    '*',
    boundedBody(),
    // After the body is read: a slow sender holds no place.
    ...(requestLimit ? [concurrencyLimit(requestLimit)] : []),
    remixHandler({
      build: vite ? loadBuild : build,
      mode: production ? 'production' : 'development',
      origin: appOrigin,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  )
  return app
}
