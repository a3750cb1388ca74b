import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true
  }
}

export default defineConfig({
  server: { watch: { ignored: ['**/test-results*/**', '**/build*/**', '**/data/**', '**/playwright-report/**'] } },
  build: { target: 'es2022' },
  plugins: [
    !process.env.VITEST &&
      remix({
        ignoredRouteFiles: ['**/*.test.*', '**/*.css'],
        // A separate build directory lets two builds (say, two test runs) coexist.
        buildDirectory: process.env.BUILD_DIR ?? 'build',
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          // Lazy route discovery matches routes for every path prefix on each document request;
          // with about fifty routes, sending the whole manifest is cheaper than that per-request work.
          v3_lazyRouteDiscovery: false,
        },
      }),
  ],
})
