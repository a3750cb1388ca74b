import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { batchedStream } from '#app/utils/batched-stream.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'

export { prepare, startup, shutdown } from '#app/startup.server.ts'

const ABORT_DELAY = 5_000

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? ''
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || remixContext.isSpaMode
  return new Promise((resolve, reject) => {
    let shellRendered = false
    // The render is given ABORT_DELAY to finish. The timer is cleared once it has: left running, it
    // held every finished render (its tree, its stream) in memory for the full delay and then
    // aborted a render that had already ended.
    let finished = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const finish = () => {
      finished = true
      clearTimeout(timer)
    }
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          finish()
          if (waitForAll) respond()
        },
        onShellReady() {
          if (!waitForAll) respond()
        },
        onShellError(error: unknown) {
          finish()
          reject(error)
        },
        onError(error: unknown) {
          responseStatusCode = 500
          if (shellRendered) console.error(error)
        },
      },
    )
    function respond() {
      shellRendered = true
      const body = batchedStream()
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      )
      pipe(body)
    }
    if (!finished) timer = setTimeout(abort, ABORT_DELAY)
  })
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return
  console.error(error)
}
