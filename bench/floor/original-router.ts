// Preloaded (node --import) by `npm run bench` for one more floor: the same app with the router
// as published, unpatched. Every require of @remix-run/router gets the package's UMD build —
// the same version and the same code as the CommonJS build before patches/ changed it.
import Module, { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const original = path.join(path.dirname(require.resolve('@remix-run/router')), 'router.umd.js')
type Resolve = (request: string, ...rest: unknown[]) => string
const loader = Module as unknown as { _resolveFilename: Resolve }
const resolve = loader._resolveFilename
loader._resolveFilename = function (this: unknown, request, ...rest) {
  return request === '@remix-run/router' ? original : resolve.call(this, request, ...rest)
}
