// The server renders documents with react-dom's Node build, patched (patches/react-dom+*.patch) to
// join a page's pieces as text and encode each write once, instead of encoding every tag,
// attribute and text into a byte buffer as it comes. These tests hold it to the same renderer's
// browser build, shipped unpatched in the same package, which still encodes piece by piece: the
// bytes must be the same, in the same order, whatever the page holds and however it streams.
// The unpatched Node build fails them: it writes NUL bytes where a multi-byte character (’, —)
// did not fit at the end of its 2 KB buffer (facebook/react#26228, fixed only in React 19).
import { createRequire } from 'node:module'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { createElement as h, Suspense, type ReactNode } from 'react'
import { describe, expect, test, vi } from 'vitest'

const require = createRequire(import.meta.url)
// The production builds, as the server runs them (the test runner would pick the development ones).
const builds = path.join(path.dirname(require.resolve('react-dom/package.json')), 'cjs')
const node = require(path.join(builds, 'react-dom-server.node.production.min.js')) as typeof import('react-dom/server')
const browser = require(path.join(builds, 'react-dom-server.browser.production.min.js')) as typeof import('react-dom/server')

type Streamed = { bytes: Buffer; writes: number }

/**
 * A page whose suspended parts wait for `release()`, which the renderers call once the shell is
 * ready: each part is then certain to stream in after it, however slow the machine. (Timers started
 * with the render could fire before the renderer reached the boundary, which then rendered inline.)
 */
type Staged = { tree: ReactNode; release: () => void; suspends: boolean }
type Later = (ms: number, children: ReactNode) => ReactNode

function staged(make: (later: Later) => ReactNode): Staged {
  const parts: { ms: number; resolve: () => void }[] = []
  /** A child that suspends until `ms` after the shell, the way data loaded during a render does. */
  const later: Later = (ms, children) => {
    let ready = false
    const waiting = new Promise<void>((resolve) => parts.push({ ms, resolve: () => ((ready = true), resolve()) }))
    function Later() {
      if (!ready) throw waiting
      return h('div', { className: 'later' }, children)
    }
    return h(Later)
  }
  const tree = make(later)
  return { tree, release: () => parts.forEach(({ ms, resolve }) => setTimeout(resolve, ms)), suspends: parts.length > 0 }
}

/** The patched Node renderer's output once all is ready, and how many writes it took. */
function renderWithNode({ tree, release }: Staged, options: { bootstrapScripts?: string[] } = {}): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    const sink = new PassThrough()
    const chunks: Buffer[] = []
    let writes = 0
    const write = sink.write.bind(sink)
    sink.write = ((chunk: unknown, ...rest: never[]) => {
      writes++
      return write(chunk as Buffer, ...rest)
    }) as typeof sink.write
    sink.on('data', (chunk: Buffer) => chunks.push(chunk))
    sink.on('end', () => resolve({ bytes: Buffer.concat(chunks), writes }))
    // Piped at the shell, as the app's entry.server does: what suspended streams in afterwards.
    const onShellReady = () => {
      stream.pipe(sink)
      release()
    }
    const stream = node.renderToPipeableStream(tree, { ...options, onShellReady, onShellError: reject, onError: reject })
  })
}

/** The unpatched browser renderer's output for the same tree. */
async function renderWithBrowser({ tree, release }: Staged, options: { bootstrapScripts?: string[] } = {}) {
  const stream = await browser.renderToReadableStream(tree, options)
  release()
  return Buffer.from(await new Response(stream).arrayBuffer())
}

const rows = (n: number, text: (i: number) => string) =>
  h(
    'table',
    null,
    h('tbody', null, ...Array.from({ length: n }, (_, i) => h('tr', { key: i }, h('td', { 'aria-label': `Row ${i}` }, text(i)), h('td', null, i)))),
  )

const page = (body: ReactNode) => h('html', { lang: 'en' }, h('head', null, h('title', null, 'Queue')), h('body', null, body))

// Text of one, two, three and four UTF-8 bytes a character, so joins and writes fall mid-way through every width.
const MIXED = 'Fellow’s sitter session — Zoë, 日本語, 🧪 & <b>"quoted"</b> '

const cases: Record<string, (later: Later) => ReactNode> = {
  'an empty page': () => page(null),
  'a table of 300 rows': () => page(rows(300, (i) => `Record ${i}`)),
  'text of every UTF-8 width in every row': () => page(rows(200, (i) => MIXED.repeat((i % 7) + 1))),
  'one text far longer than a write': () => page(h('p', null, MIXED.repeat(400))),
  'attributes that need escaping': () =>
    page(h('form', null, ...Array.from({ length: 50 }, (_, i) => h('input', { key: i, name: `n${i}`, defaultValue: `"${MIXED}" ${i}`, 'data-x': '<&>' })))),
  'a boundary that streams in after the shell': (later) =>
    page(
      h(
        'main',
        null,
        rows(40, (i) => `Before ${i}`),
        h(
          Suspense,
          { fallback: h('p', null, 'Loading…') },
          later(
            20,
            rows(120, (i) => `${MIXED}${i}`),
          ),
        ),
      ),
    ),
  'boundaries that resolve out of order': (later) =>
    page(
      h(
        'main',
        null,
        h(Suspense, { fallback: 'first…' }, later(40, MIXED.repeat(60))),
        h(
          Suspense,
          { fallback: 'second…' },
          later(
            10,
            rows(60, (i) => `Second ${i}`),
          ),
        ),
        h('footer', null, MIXED),
      ),
    ),
}

describe('the patched Node renderer', () => {
  for (const [name, tree] of Object.entries(cases))
    test(`writes the same bytes as the unpatched renderer: ${name}`, async () => {
      const [withNode, withBrowser] = [staged(tree), staged(tree)]
      const [patched, original] = await Promise.all([renderWithNode(withNode), renderWithBrowser(withBrowser)])
      expect(patched.bytes.includes(0)).toBe(false)
      // A page that suspends had its fallback in the shell, and the rest streamed in after it.
      if (withNode.suspends) expect(patched.bytes.toString('utf8')).toMatch(/<template id="B:0"><\/template>[^]*\$RC\("B:0"/)
      expect(patched.bytes.toString('utf8')).toBe(original.toString('utf8'))
      expect(patched.bytes.equals(original)).toBe(true)
    })

  test('writes the bootstrap scripts as the unpatched renderer does', async () => {
    const options = { bootstrapScripts: ['/build/entry.client.js'] }
    const [patched, original] = await Promise.all([
      renderWithNode(
        staged(() => page(MIXED)),
        options,
      ),
      renderWithBrowser(
        staged(() => page(MIXED)),
        options,
      ),
    ])
    expect(patched.bytes.equals(original)).toBe(true)
  })

  test('encodes a page once per write, not once per piece', async () => {
    const encodeInto = vi.spyOn(TextEncoder.prototype, 'encodeInto')
    const encode = vi.spyOn(TextEncoder.prototype, 'encode')
    const { bytes, writes } = await renderWithNode(staged(() => page(rows(300, (i) => `${MIXED}${i}`))))
    // The unpatched renderer calls the encoder for every piece of the page: thousands of calls here.
    expect(encodeInto).not.toHaveBeenCalled()
    expect(encode).not.toHaveBeenCalled()
    // And still writes in pieces of about 2 KB, so a long page streams rather than arriving whole.
    expect(bytes.length).toBeGreaterThan(40_000)
    expect(writes).toBeGreaterThan(bytes.length / 8192)
    expect(writes).toBeLessThan(bytes.length / 1024)
  })
})
