import { createRequestHandler, writeReadableStreamToWritable, type ServerBuild } from '@remix-run/node'
import type express from 'express'

/**
 * Remix's Express adapter, but handing the app the body already read (and bounded)
 * by `boundedBody` instead of the raw socket stream.
 */
export function remixHandler({
  build,
  mode,
  origin,
  getLoadContext,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>)
  mode: string
  /** The site's configured origin: the app sees every request addressed to it. */
  origin: () => string
  getLoadContext: (req: express.Request, res: express.Response) => Record<string, unknown>
}): express.RequestHandler {
  const handle = createRequestHandler(build, mode)
  return async (req, res, next) => {
    try {
      const response = await handle(toFetchRequest(req, res, origin()), getLoadContext(req, res))
      await send(res, response)
    } catch (error) {
      next(error)
    }
  }
}

function toFetchRequest(req: express.Request, res: express.Response, origin: string) {
  const headers = new Headers()
  for (const [key, value] of Object.entries(req.headers)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(key, v)
  }
  // Concatenated, not resolved: a path like `//evil.example` stays a path on this site.
  const url = new URL(`${origin}${req.originalUrl}`)
  const controller = new AbortController()
  // A client that hangs up before the answer stops the loaders and actions still running.
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const body =
    req.method === 'GET' || req.method === 'HEAD'
      ? undefined
      : Buffer.isBuffer(req.body)
        ? // A view of the bytes already read, not a second copy of them.
          new Uint8Array(req.body.buffer as ArrayBuffer, req.body.byteOffset, req.body.byteLength)
        : new Uint8Array()
  return new Request(url, { method: req.method, headers, body, signal: controller.signal })
}

async function send(res: express.Response, response: Response) {
  res.statusMessage = response.statusText
  res.status(response.status)
  for (const [key, value] of response.headers.entries()) res.append(key, value)
  if (response.body) await writeReadableStreamToWritable(response.body, res)
  else res.end()
}
