// The floor's server: Express, compression, static assets and Remix's own Express adapter,
// nothing else. FLOOR_BUILD_DIR names the build to serve, PORT the port.
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'

const buildDir = path.resolve(process.env.FLOOR_BUILD_DIR ?? path.join(import.meta.dirname, 'build-2'))
const build = (await import(path.join(buildDir, 'server/index.js'))) as ServerBuild

const app = express()
app.disable('x-powered-by')
app.use(compression())
app.use('/assets', express.static(path.join(buildDir, 'client/assets'), { immutable: true, maxAge: '1y' }))
app.use(express.static(path.join(buildDir, 'client'), { maxAge: '1h' }))
app.all('*', createRequestHandler({ build, mode: 'production' }))
app.listen(Number(process.env.PORT ?? 3500), () => console.log(`floor listening on ${process.env.PORT ?? 3500}`))
