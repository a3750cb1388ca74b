import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib'

/**
 * The text drawn on a PDF's pages, mapped back from subset glyph ids through
 * each font's ToUnicode CMap — what a reader (or a copy-paste) would get.
 */
export async function pdfText(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes)
  const pages: string[] = []
  const lines: string[] = []
  for (const page of doc.getPages()) {
    const cmaps = new Map<string, Map<string, string>>()
    for (const [name, ref] of page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict)?.entries() ?? []) {
      const toUnicode = doc.context.lookup(ref, PDFDict).lookup(PDFName.of('ToUnicode'))
      const map = new Map<string, string>()
      if (toUnicode instanceof PDFRawStream) {
        const cmap = new TextDecoder().decode(decodePDFRawStream(toUnicode).decode())
        for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
          for (const [, gid, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
            map.set(gid!.toLowerCase(), String.fromCharCode(...uni!.match(/.{4}/g)!.map((h) => parseInt(h, 16))))
          }
        }
      }
      cmaps.set(name.decodeText(), map)
    }
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents]
    const ops = streams
      .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
      .map((s) => new TextDecoder('latin1').decode(decodePDFRawStream(s).decode()))
      .join('\n')
    const pageLines: string[] = []
    let current = new Map<string, string>()
    for (const m of ops.matchAll(/\/([^\s/]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>\s*Tj/g)) {
      if (m[1]) current = cmaps.get(m[1]) ?? new Map()
      else pageLines.push((m[2]!.match(/.{4}/g) ?? []).map((gid) => current.get(gid.toLowerCase()) ?? '\uFFFD').join(''))
    }
    lines.push(...pageLines)
    pages.push(pageLines.join('\n'))
  }
  return { doc, lines, pages, text: pages.join('\n\f\n') }
}
