import fs from 'node:fs'
import path from 'node:path'

/**
 * The app's route manifest as Remix builds it: every module under app/routes,
 * by the flat-routes convention. Read from the file system each time, so a new
 * route file shows up in every test that walks the manifest.
 */

export const ROUTES_DIR = path.resolve('app/routes')

// Mirrors `ignoredRouteFiles` in vite.config.ts.
const IGNORED = [/\.test\.[^.]+$/, /\.css$/]
const MODULE = /\.(tsx?|jsx?)$/
const FOLDER_ROUTE_FILES = ['route.tsx', 'route.ts', 'route.jsx', 'route.js']

export type RouteEntry = {
  /** The file (or, for a folder route, folder) name under app/routes: the key tests use. */
  name: string
  /** Absolute path of the module to import. */
  file: string
  /** URL pattern, e.g. `/hours/:id/edit`, `/staff/reports/hours.csv`, `/*`. */
  pattern: string
  /** Names of the pattern's dynamic segments (`*` for a splat). */
  params: string[]
}

export function routeManifest(dir = ROUTES_DIR): RouteEntry[] {
  const entries: RouteEntry[] = []
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && MODULE.test(entry.name) && !IGNORED.some((re) => re.test(entry.name))) {
      const id = entry.name.replace(MODULE, '')
      entries.push({ name: entry.name, file: path.join(dir, entry.name), ...patternOf(id) })
    } else if (entry.isDirectory()) {
      const inner = FOLDER_ROUTE_FILES.find((f) => fs.existsSync(path.join(dir, entry.name, f)))
      if (inner) entries.push({ name: entry.name, file: path.join(dir, entry.name, inner), ...patternOf(entry.name) })
    }
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

/** Splits a route id on the dots that separate segments (not those escaped in `[...]`). */
function segmentsOf(id: string) {
  const segments: string[] = []
  let current = ''
  let escaped = false
  for (const ch of id) {
    if (ch === '[') escaped = true
    else if (ch === ']') escaped = false
    if (ch === '.' && !escaped) {
      segments.push(current)
      current = ''
    } else current += ch
  }
  segments.push(current)
  return segments
}

/** Remix flat routes: `.` → `/`, `$x` → `:x`, `$` → splat, `_index` → index, `_x` → pathless, `x_` → not nested, `[..]` → literal. */
export function patternOf(routeId: string): { pattern: string; params: string[] } {
  const params: string[] = []
  const parts: string[] = []
  for (const raw of segmentsOf(routeId)) {
    if (raw === '_index' || raw === 'route') continue
    if (raw.startsWith('_')) continue // pathless layout
    let segment = raw.endsWith('_') && !raw.endsWith('[_]') ? raw.slice(0, -1) : raw
    const optional = /^\(.*\)$/.test(segment)
    if (optional) segment = segment.slice(1, -1)
    if (segment === '$') {
      params.push('*')
      parts.push('*')
    } else if (segment.startsWith('$')) {
      params.push(segment.slice(1))
      parts.push(`:${segment.slice(1)}${optional ? '?' : ''}`)
    } else {
      parts.push(segment.replace(/\[([^\]]*)\]/g, '$1') + (optional ? '?' : ''))
    }
  }
  return { pattern: `/${parts.join('/')}`, params }
}

/** The pattern with its params filled in (each segment URL-encoded; a splat as given). */
export function fillPattern(pattern: string, params: Record<string, string>) {
  return (
    pattern
      .split('/')
      .map((part) => {
        if (part === '*') return params['*'] ?? ''
        if (part.startsWith(':')) {
          const name = part.slice(1).replace(/\?$/, '')
          return params[name] === undefined ? '' : encodeURIComponent(params[name])
        }
        return part.replace(/\?$/, '')
      })
      .filter((part, i) => i === 0 || part !== '')
      .join('/') || '/'
  )
}
