import { describe, expect, test } from 'vitest'
import { batchedStream } from './batched-stream.server.ts'

const read = (stream: ReturnType<typeof batchedStream>) => {
  const chunks: string[] = []
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString()))
  return new Promise<string[]>((resolve) => stream.on('end', () => resolve(chunks)))
}
const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

describe('batchedStream', () => {
  test('what is written in one go comes out as one chunk, byte for byte', async () => {
    const stream = batchedStream()
    const chunks = read(stream)
    const pieces = Array.from({ length: 50 }, (_, i) => `<tr><td>${i}</td><td>héllo ✓</td></tr>`)
    for (const piece of pieces) stream.write(new TextEncoder().encode(piece))
    await nextTurn()
    stream.end()
    expect(await chunks).toEqual([pieces.join('')])
  })

  test('writes in later turns (data streamed after the shell) come out as they come, and the end releases what is left', async () => {
    const stream = batchedStream()
    const chunks = read(stream)
    stream.write('<html>')
    stream.write('<body>')
    await nextTurn()
    stream.write('<script>1</script>')
    await nextTurn()
    stream.write('</body>')
    stream.end('</html>')
    expect(await chunks).toEqual(['<html><body>', '<script>1</script>', '</body></html>'])
  })
})
