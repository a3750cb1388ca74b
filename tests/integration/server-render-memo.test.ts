// The server renders with patches/@remix-run+react+*.patch and patches/react-router-dom+*.patch:
// the route tree RemixServer builds from the build's manifest, and its conversion to data routes,
// are made once and reused while the route modules stay the same, where the published packages
// rebuilt both on every document request. These tests hold the memo to the unmemoized tree, and
// show it rebuilt when a module or the manifest changes.
import { createRequire } from 'node:module'
import path from 'node:path'
import type { AgnosticDataRouteObject } from '@remix-run/router'
import { UNSAFE_flatRoutes } from '@remix-run/dev'
import { describe, expect, test } from 'vitest'

const require = createRequire(import.meta.url)
// Resolved as the server build resolves them: @remix-run/react's CommonJS build, and the
// react-router-dom it requires.
const remixReactDir = path.dirname(require.resolve('@remix-run/react'))
type ManifestRoute = { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; hasLoader: boolean; hasClientLoader: boolean }
type Manifest = Record<string, ManifestRoute>
type RouteModules = Record<string, { default: () => null; handle?: unknown; ErrorBoundary?: () => null }>
type ServerRoute = {
  id: string
  path?: string
  index?: boolean
  caseSensitive?: boolean
  handle?: unknown
  Component?: unknown
  loader?: unknown
  children?: ServerRoute[]
}
const { createServerRoutes } = require(path.join(remixReactDir, 'routes.js')) as {
  createServerRoutes: (manifest: Manifest, modules: RouteModules, future: object, isSpaMode: boolean, ...rest: unknown[]) => ServerRoute[]
}
const { createStaticRouter } = require(require.resolve('react-router-dom/server', { paths: [remixReactDir] })) as {
  createStaticRouter: (
    routes: ServerRoute[],
    context: object,
  ) => { routes: AgnosticDataRouteObject[]; state: { location: { pathname: string }; loaderData: object; matches: { route: AgnosticDataRouteObject }[] } }
}

// The app's own route files under the root route, as the Vite plugin reads them.
function appManifest(): Manifest {
  const routes = { root: { id: 'root', path: '' }, ...UNSAFE_flatRoutes(path.resolve('app'), ['**/*.test.*', '**/*.css']) }
  return Object.fromEntries(Object.values(routes).map((r, i) => [r.id, { ...r, hasLoader: i % 3 !== 0, hasClientLoader: false } as ManifestRoute]))
}
function modulesFor(manifest: Manifest): RouteModules {
  return Object.fromEntries(Object.keys(manifest).map((id) => [id, { default: () => null, handle: { id } }]))
}
/** What a render reads from each route, children included. */
function shape(routes: ServerRoute[]): unknown[] {
  return routes.map((r) => ({
    id: r.id,
    path: r.path,
    index: r.index,
    caseSensitive: r.caseSensitive,
    handle: r.handle,
    Component: r.Component,
    loader: typeof r.loader,
    children: r.children ? shape(r.children) : undefined,
  }))
}
const future = { v3_singleFetch: true }
const unmemoized = (manifest: Manifest, modules: RouteModules) => createServerRoutes(manifest, modules, future, false, '')

describe('the route tree a document render builds', () => {
  const manifest = appManifest()
  const modules = modulesFor(manifest)

  test('is built once: the next request, with its own object of the same modules, gets the same tree', () => {
    const first = createServerRoutes(manifest, modules, future, false)
    expect(createServerRoutes(manifest, { ...modules }, future, false)).toBe(first)
    expect(Object.keys(manifest).length).toBeGreaterThan(50)
  })

  test('is the tree the unmemoized build makes, route for route', () => {
    const memoized = createServerRoutes(manifest, { ...modules }, future, false)
    const fresh = unmemoized(manifest, modules)
    expect(fresh).not.toBe(memoized)
    expect(shape(memoized)).toEqual(shape(fresh))
  })

  test('is built again when a route module changes (a hot update), and then shows the new module', () => {
    const before = createServerRoutes(manifest, modules, future, false)
    const changed = { ...modules, 'routes/review._index': { default: () => null, handle: { changed: true } } }
    const after = createServerRoutes(manifest, changed, future, false)
    expect(after).not.toBe(before)
    expect(shape(after)).toEqual(shape(unmemoized(manifest, changed)))
    expect(JSON.stringify(shape(after))).toContain('"changed":true')
  })

  test('is its own for another manifest (a new build)', () => {
    const other = appManifest()
    expect(createServerRoutes(other, modulesFor(other), future, false)).not.toBe(createServerRoutes(manifest, modules, future, false))
  })
})

describe('the static router of each render', () => {
  const manifest = appManifest()
  const modules = modulesFor(manifest)
  const routes = createServerRoutes(manifest, modules, future, false)
  const contextAt = (pathname: string, loaderData: object) => ({
    basename: '/',
    location: { pathname, search: '', hash: '', state: null, key: 'default' },
    matches: [{ params: {}, pathname: '/', pathnameBase: '/', route: { id: 'root' } }],
    loaderData,
    actionData: null,
    errors: null,
    statusCode: 200,
    loaderHeaders: {},
    actionHeaders: {},
  })

  test('shares the data routes between renders, and keeps each render’s own location and data', () => {
    const one = createStaticRouter(routes, contextAt('/hours', { root: { user: 'one' } }))
    const two = createStaticRouter(routes, contextAt('/review', { root: { user: 'two' } }))
    expect(two.routes).toBe(one.routes)
    expect(one.state.location.pathname).toBe('/hours')
    expect(two.state.location.pathname).toBe('/review')
    expect(one.state.loaderData).toEqual({ root: { user: 'one' } })
    expect(two.state.loaderData).toEqual({ root: { user: 'two' } })
  })

  test('matches point at the data routes, with the element a render needs', () => {
    const router = createStaticRouter(routes, contextAt('/', {}))
    const root = router.state.matches[0]!.route as AgnosticDataRouteObject & { element?: unknown }
    expect(root).toBe(router.routes[0])
    expect(root.id).toBe('root')
    expect(root.element).toBeTruthy()
  })
})
