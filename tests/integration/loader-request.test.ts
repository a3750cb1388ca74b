// The server runtime runs with patches/@remix-run+server-runtime+*.patch: a loader or action is
// handed the request itself when there is no `index`, `_routes` or `_data` parameter to strip,
// where the published package built a copy (with its own AbortSignal) for every loader. With the
// copy, the root loader and the page's loader never shared the per-request session lookup.
import { createRequire } from 'node:module'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { getSession } from '#app/auth/guard.server.ts'

const require = createRequire(import.meta.url)
const serverRuntimeDir = path.dirname(require.resolve('@remix-run/server-runtime'))
type Call = (args: {
  loadContext: object
  params: object
  routeId: string
  singleFetch: boolean
  request: Request
  loader?: (args: { request: Request }) => unknown
  action?: (args: { request: Request }) => unknown
}) => Promise<unknown>
const { callRouteLoader, callRouteAction } = require(path.join(serverRuntimeDir, 'data.js')) as { callRouteLoader: Call; callRouteAction: Call }

/** The request a loader of this route receives, as the server runtime calls it. */
async function requestSeenByLoader(request: Request, singleFetch = true) {
  let seen: Request | undefined
  await callRouteLoader({
    loadContext: {},
    params: {},
    routeId: 'routes/test',
    singleFetch,
    request,
    loader: ({ request }) => {
      seen = request
      return null
    },
  })
  return seen!
}

describe('the request a loader receives', () => {
  test('is the request itself when there is nothing to strip, for every loader of it', async () => {
    const request = new Request('http://localhost/hours?page=2&kind=sitter', { headers: { cookie: 'kap_session=abc' } })
    expect(await requestSeenByLoader(request)).toBe(request)
    expect(await requestSeenByLoader(request)).toBe(request)
    expect(await requestSeenByLoader(request, false)).toBe(request)
  })

  test('is a copy without `index` and `_routes` when they are present; other parameters and the headers stay', async () => {
    const request = new Request('http://localhost/review?index&_routes=root,routes/review&size=100', { headers: { cookie: 'kap_session=abc' } })
    const seen = await requestSeenByLoader(request)
    expect(seen).not.toBe(request)
    expect(seen.url).toBe('http://localhost/review?size=100')
    expect(seen.headers.get('cookie')).toBe('kap_session=abc')
  })

  test('keeps a non-empty `index` value, as published (only the bare flag is the index route’s marker)', async () => {
    const seen = await requestSeenByLoader(new Request('http://localhost/learn?index=intro&index'))
    expect(seen.url).toBe('http://localhost/learn?index=intro')
  })

  test('drops `_data` on the classic (not single fetch) path', async () => {
    const seen = await requestSeenByLoader(new Request('http://localhost/hours?_data=routes%2Fhours&page=3'), false)
    expect(seen.url).toBe('http://localhost/hours?page=3')
  })

  test('an action gets the posted request itself, and its body is still there to read', async () => {
    const request = new Request('http://localhost/hours/new', { method: 'POST', body: new URLSearchParams({ minutes: '90' }) })
    let form: FormData | undefined
    let seen: Request | undefined
    await callRouteAction({
      loadContext: {},
      params: {},
      routeId: 'routes/hours.new',
      singleFetch: true,
      request,
      action: async ({ request }) => {
        seen = request
        form = await request.formData()
        return null
      },
    })
    expect(seen).toBe(request)
    expect(form?.get('minutes')).toBe('90')
  })

  test('so the root loader and the page’s loader share one session lookup', async () => {
    const request = new Request('http://localhost/', { headers: { cookie: 'kap_session=not-a-real-token' } })
    const lookups: Promise<unknown>[] = []
    for (const routeId of ['root', 'routes/_index']) {
      await callRouteLoader({
        loadContext: {},
        params: {},
        routeId,
        singleFetch: true,
        request,
        loader: ({ request }) => {
          lookups.push(getSession(request))
          return null
        },
      })
    }
    expect(lookups[1]).toBe(lookups[0])
    expect(await lookups[0]).toBeNull()
  })
})
