// The route matcher the server uses is @remix-run/router with patches/@remix-run+router+*.patch
// applied (a memo of the flattened, ranked route tree, of compiled path patterns and of each tree's answers). These tests
// hold it to the unpatched algorithm, shipped in the same package as its UMD build, for every
// route in app/routes with concrete params, trailing slashes, other cases, encoded and unknown
// paths, over repeated calls (answers kept per tree), fresh trees of the same shape and trees changed in place.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { AgnosticDataRouteObject, AgnosticRouteMatch, AgnosticRouteObject } from '@remix-run/router'
import { UNSAFE_flatRoutes } from '@remix-run/dev'
import { beforeAll, beforeEach, describe, expect, test, vi } from 'vitest'

const require = createRequire(import.meta.url)
// Resolved from the server runtime, as the server resolves it (the browser bundle uses the ESM build).
const serverRuntimeDir = path.dirname(require.resolve('@remix-run/server-runtime'))
const routerFile = require.resolve('@remix-run/router', { paths: [serverRuntimeDir] })
const routerDir = path.dirname(routerFile)
const MARKER = 'Route-matching memo'

type Route = AgnosticRouteObject & { id?: string }
type Match = AgnosticRouteMatch<string, Route>
type Matcher = (routes: Route[], location: string | { pathname: string }, basename?: string) => Match[] | null
type MemoStats = { ranked: number; reused: number; shared: number; uncached: number; compiled: number; answered: number }

const patched = require(routerFile) as {
  matchRoutes: Matcher
  UNSAFE_convertRoutesToDataRoutes: (routes: Route[], mapRouteProperties: (route: Route) => object) => AgnosticDataRouteObject[]
  UNSAFE_routeMatchingMemo?: { stats: MemoStats; clear: () => void }
}
const original = require(path.join(routerDir, 'router.umd.js')) as { matchRoutes: Matcher }
// Loaded lazily by the server runtime itself: how it turns the build's manifest into route trees.
const { createRoutes } = require(path.join(serverRuntimeDir, 'routes.js')) as {
  createRoutes: (manifest: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>) => Route[]
}

// The same route files the Vite plugin reads (vite.config.ts: ignoredRouteFiles), under the root route.
const manifest = { root: { id: 'root', path: '' }, ...UNSAFE_flatRoutes(path.resolve('app'), ['**/*.test.*', '**/*.css']) }
const serverRoutes = () => createRoutes(manifest)
// What each render matches against: children only where there are some (as @remix-run/react's
// createServerRoutes builds them), converted to data routes as createStaticRouter does.
const withoutEmptyChildren = (routes: Route[]): Route[] =>
  routes.map(({ children, ...route }) => (children?.length ? { ...route, children: withoutEmptyChildren(children) } : route) as Route)
const renderRoutes = () => patched.UNSAFE_convertRoutesToDataRoutes(withoutEmptyChildren(createRoutes(manifest)), () => ({}))

function memo() {
  const m = patched.UNSAFE_routeMatchingMemo
  if (!m) throw new Error(`${routerFile} has no route-matching memo: the patch in patches/ was not applied (run npm ci)`)
  return m
}

/** Concrete URLs for a route pattern: each param and splat filled several ways, plus trailing slashes and case variants. */
function concretePaths(pattern: string) {
  const fills: [string, string][] = [
    ['42', 'a/b'],
    ['abc-DEF_9', ''],
    ['x.y', 'deep/er/path.csv'],
    ['A%20b', '%F0%9F%99%82'],
  ]
  const out = new Set<string>()
  for (const [param, splat] of fills) {
    const filled = `/${pattern}`.replace(/:[\w-]+/g, param).replace(/\*$/, splat)
    for (const p of [filled, `${filled}/`, `${filled}//`, filled.toUpperCase(), filled.toLowerCase(), `${filled}/extra`]) out.add(p.replace(/^\/\/+/, '/'))
  }
  return [...out]
}

const unknownPaths = [
  '',
  '/',
  '//',
  '/nope',
  '/staff/nope/deeper',
  '/hours/1/2/3/4',
  '/learn/intro-kap/history/extra',
  '/verify/%E0%A4%A', // malformed percent-encoding
  '/hours/%2F',
  '/hours/a%2Fb',
  '/./hours',
  '/STAFF/COHORTS/7',
  '/staff/reports/cohort.CSV',
  '/staff/reports/cohortXcsv',
  '/review/fellows/',
]

const allPaths = [...new Set([...Object.values(manifest).flatMap((r) => concretePaths(r.path ?? '')), ...unknownPaths])]

/** What a caller can see of a match list: the route objects by identity, params, pathnames. */
function expectSameMatches(actual: Match[] | null, expected: Match[] | null, where: string) {
  const shown = (ms: Match[] | null) => ms?.map((m) => ({ id: m.route.id, params: { ...m.params }, pathname: m.pathname, pathnameBase: m.pathnameBase }))
  expect(shown(actual), where).toEqual(shown(expected))
  expected?.forEach((m, i) => expect(actual![i]!.route === m.route, `${where}: match ${i} is not the same route object`).toBe(true))
}

function compareAll(routes: Route[], paths: string[], basename?: string) {
  for (const p of paths) expectSameMatches(patched.matchRoutes(routes, p, basename), original.matchRoutes(routes, p, basename), `${basename ?? ''}${p}`)
}

describe('the installed router carries the memo', () => {
  test('the file the server runtime loads is patched, and the reference is not', () => {
    expect(fs.readFileSync(routerFile, 'utf8')).toContain(MARKER)
    expect(typeof memo().clear).toBe('function')
    expect(fs.readFileSync(path.join(routerDir, 'router.umd.js'), 'utf8')).not.toContain(MARKER)
  })

  test('the patch names the installed version, so a version change fails the install instead of going unpatched', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(routerDir, '..', 'package.json'), 'utf8')) as { version: string }
    expect(fs.readdirSync('patches')).toContain(`@remix-run+router+${version}.patch`)
    expect((JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.postinstall).toMatch(/^patch-package\b/)
  })
})

describe('memoized matching returns exactly what the original returns', () => {
  beforeAll(() => memo().clear())
  // Both matchers warn (console.warn) about the malformed percent-encoding among the paths, on every call.
  beforeEach(() => void vi.spyOn(console, 'warn').mockImplementation(() => {}))

  test('the manifest is the app’s: every route file, more than a handful of paths', () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(40)
    expect(allPaths.length).toBeGreaterThan(500)
  })

  test('every path, on the server runtime’s tree, three times over (ranked once, then reused)', () => {
    const routes = serverRoutes()
    const before = { ...memo().stats }
    for (let round = 0; round < 3; round++) compareAll(routes, allPaths)
    // Ranked at most once for this shape; every later call reused the same branches.
    expect(memo().stats.ranked - before.ranked).toBeLessThanOrEqual(1)
    expect(memo().stats.reused - before.reused).toBeGreaterThanOrEqual(3 * allPaths.length - 1)
    expect(memo().stats.uncached).toBe(before.uncached)
    // From the second round on, each path's answer came from the tree's record.
    expect(memo().stats.answered - before.answered).toBeGreaterThanOrEqual(2 * allPaths.length)
  })

  test('a kept answer is handed out as a copy: what one caller does to its matches, the next never sees', () => {
    const routes = serverRoutes()
    const expected = original.matchRoutes(routes, '/staff/cohorts/7')
    // The first answer is worked out, the later ones kept: each is changed by its caller in turn.
    const answers = [0, 1, 2].map((round) => {
      const answer = patched.matchRoutes(routes, '/staff/cohorts/7')!
      expectSameMatches(answer, expected, `answer ${round}, after earlier callers changed theirs`)
      // As the original does, the matches of one answer share one params object.
      expect(new Set(answer.map((m) => m.params)).size).toBe(1)
      ;(answer.at(-1)!.params as Record<string, string>).id = 'changed'
      answer.at(-1)!.pathname = '/changed'
      answer.pop()
      return answer
    })
    expect(new Set(answers).size).toBe(3)
  })

  test('a fresh tree of the same shape for every call (as each render builds) gets its own route objects back', () => {
    const before = { ...memo().stats }
    for (const p of allPaths) {
      const routes = renderRoutes()
      expectSameMatches(patched.matchRoutes(routes, p), original.matchRoutes(routes, p), p)
    }
    expect(memo().stats.shared - before.shared).toBeGreaterThanOrEqual(allPaths.length - 1)
  })

  test('location objects and a basename', () => {
    const routes = serverRoutes()
    for (const p of allPaths.slice(0, 100)) {
      expectSameMatches(patched.matchRoutes(routes, { pathname: p }), original.matchRoutes(routes, { pathname: p }), p)
    }
    compareAll(routes, ['/app', '/app/', '/app/hours', '/app/staff/cohorts/3', '/hours', '/application'], '/app')
  })

  test('different trees used in turn never see each other’s ranking', () => {
    const app = serverRoutes()
    // The same routes with the root's children reversed: same paths, other sibling order.
    const reversed = serverRoutes()
    reversed[0]!.children!.reverse()
    // A tree with a static route that outranks a dynamic one, and a case-sensitive route.
    const extra = serverRoutes()
    extra[0]!.children!.push({ id: 'extra-new', path: 'hours/special' }, { id: 'extra-case', path: 'Staff/Exact', caseSensitive: true })
    // Optional segments, an absolute child path and an index route under a layout.
    const optional: Route[] = [
      {
        id: 'layout',
        path: '/',
        children: [
          { id: 'opt', path: ':lang?/hours/:id?' },
          { id: 'abs', path: '/docs/*' },
          { id: 'layout-index', index: true },
          { id: 'pathless', children: [{ id: 'inner', path: 'inner' }] },
        ],
      },
    ]
    const extraPaths = [
      '/hours/special',
      '/hours/special/',
      '/Staff/Exact',
      '/staff/exact',
      '/en/hours',
      '/en/hours/3',
      '/hours/3',
      '/docs',
      '/docs/a/b',
      '/inner',
    ]
    for (let round = 0; round < 2; round++) {
      for (const routes of [app, reversed, extra, optional, app]) compareAll(routes, [...allPaths, ...extraPaths])
    }
    // Trees alike in everything but one flag, used in turn: the flag is part of what is cached.
    for (const flag of ['index', 'caseSensitive'] as const) {
      const pair = (which: 0 | 1): Route[] => [
        { id: 'first', path: 'Ab', [flag]: which === 0 },
        { id: 'second', path: 'Ab', [flag]: which === 1 },
      ]
      for (let round = 0; round < 2; round++) for (const which of [0, 1] as const) compareAll(pair(which), ['/Ab', '/ab', '/AB/'])
    }
    expect(patched.matchRoutes(extra, '/hours/special')!.at(-1)!.route.id).toBe('extra-new')
    expect(patched.matchRoutes(app, '/hours/special')!.at(-1)!.route.id).toBe('routes/hours.$id._index')
  })

  test('a tree changed in place after it was ranked is ranked afresh', () => {
    const routes = serverRoutes()
    compareAll(routes, allPaths)
    const children = routes[0]!.children!
    // A new child, then a path edited in place, then a route object replaced by an equal-looking one.
    children.push({ id: 'late', path: 'hours/late' })
    compareAll(routes, [...allPaths, '/hours/late'])
    expect(patched.matchRoutes(routes, '/hours/late')!.at(-1)!.route.id).toBe('late')

    const login = children.find((r) => r.id === 'routes/login')!
    login.path = 'sign-in'
    compareAll(routes, [...allPaths, '/sign-in'])
    expect(patched.matchRoutes(routes, '/sign-in')!.at(-1)!.route.id).toBe('routes/login')

    const i = children.indexOf(login)
    const replacement = { ...login }
    children[i] = replacement
    expect(patched.matchRoutes(routes, '/sign-in')!.at(-1)!.route).toBe(replacement)

    // Children added to a leaf (as lazy route discovery patches them in).
    const license = children.find((r) => r.id === 'routes/settings.license')!
    license.children = []
    compareAll(routes, allPaths)
    license.children.push({ id: 'license-child', path: 'deep' })
    compareAll(routes, [...allPaths, '/settings/license/deep'])
    expect(patched.matchRoutes(routes, '/settings/license/deep')!.at(-1)!.route.id).toBe('license-child')

    // The same route objects, moved: `c` leaves the layout's children for `a`'s (walked in the same order, nested otherwise).
    const top: Route[] = [
      {
        id: 'layout',
        path: '/',
        children: [
          { id: 'a', path: 'a', children: [{ id: 'b', path: 'b' }] },
          { id: 'c', path: 'c' },
        ],
      },
    ]
    const layoutPaths = ['/a', '/a/b', '/a/c', '/c', '/b']
    compareAll(top, layoutPaths)
    const c = top[0]!.children!.pop()!
    top[0]!.children![0]!.children!.push(c)
    compareAll(top, layoutPaths)
    expect(patched.matchRoutes(top, '/a/c')!.at(-1)!.route).toBe(c)
    expect(patched.matchRoutes(top, '/c')).toBeNull()

    // Meanwhile a fresh tree of the original shape still matches as the original does.
    compareAll(serverRoutes(), allPaths)
  })

  test('anything the memo does not describe goes through the original algorithm, errors included', () => {
    const bad: Route[] = [{ id: 'bad', index: true, children: [{ id: 'child', path: 'x' }] } as unknown as Route]
    expect(() => patched.matchRoutes(bad, '/x')).toThrow(/Index routes must not have child routes/)
    expect(() => patched.matchRoutes(bad, '/x')).toThrow(/Index routes must not have child routes/)
    const odd = [{ id: 'num', path: 5 as unknown as string }]
    expect(() => patched.matchRoutes(odd, '/5')).toThrow()
  })
})
