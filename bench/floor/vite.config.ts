// The framework's floor for `npm run bench`: a minimal Remix app built with the same Remix, Vite
// and React as the real one. FLOOR_ROUTES=2 is the root and one page; FLOOR_ROUTES=50 adds 48
// more routes shaped like ours (lists, "new" forms, records by id, their edit pages), so the
// page is the same and only the size of the route table differs.
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

const ROUTES = Number(process.env.FLOOR_ROUTES ?? 2)
const SECTIONS = ['people', 'records', 'reviews', 'cohorts', 'lessons', 'courses', 'programs', 'reports', 'invites', 'audits', 'outbox', 'badges']

export default defineConfig({
  // Built from the repository's root (`remix vite:build --config bench/floor/vite.config.ts`),
  // with its own app folder and build folder and none of the app's public files.
  publicDir: false,
  build: { target: 'es2022' },
  plugins: [
    remix({
      appDirectory: 'bench/floor/app',
      buildDirectory: process.env.FLOOR_BUILD_DIR ?? `bench/floor/build-${ROUTES}`,
      ignoredRouteFiles: ['**/*'],
      routes: async (defineRoutes) =>
        defineRoutes((route) => {
          route('', 'routes/table.tsx', { index: true })
          // The root and the table page are two routes; the rest share one small module.
          for (let i = 0; i < ROUTES - 2; i++) {
            const section = `${SECTIONS[Math.floor(i / 4) % SECTIONS.length]}${i >= 4 * SECTIONS.length ? Math.floor(i / (4 * SECTIONS.length)) : ''}`
            const path = [section, `${section}/new`, `${section}/:id`, `${section}/:id/edit`][i % 4]
            route(path, 'routes/other.tsx', { id: `routes/other-${i}` })
          }
        }),
      // The same future flags as the app (vite.config.ts at the repository's root).
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: false,
      },
    }),
  ],
})
