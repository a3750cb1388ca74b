import fontkit from '@pdf-lib/fontkit'
import bidiFactory from 'bidi-js'
import { beforeAll, describe, expect, test } from 'vitest'
import type { Certificate } from '#db/schema.ts'
import { certificatePdf } from '#app/certificates/pdf.server.ts'
import { FACES, loadFont } from '#app/pdf/text.server.ts'
import { summaryPdf } from '#app/summaries/pdf.server.ts'
import type { PracticumSummary } from '#app/summaries/summary.ts'
import { pdfGlyphs, runsOnLine, type DrawnRun } from '#tests/support/pdf-glyphs.ts'
import { NAMES } from '#tests/support/script-names.ts'

const bidi = bidiFactory()
const URL = 'http://localhost:3000/verify/abcdefgh'
const NAME_Y = 595 - 245 // the certificate's holder line

function certificate(name: string, overrides: Partial<Certificate> = {}): Certificate {
  return {
    id: 1,
    serial: 'KAP-2026-000001',
    code: 'abcdefgh',
    user_id: 1,
    program_slug: 'kap-fellowship',
    program_title: name,
    holder_name: name,
    issued_at: '2026-05-01T10:00:00.000Z',
    issued_by: 2,
    issuer_name: name,
    requirements: '[]',
    expires_at: '2028-05-01T10:00:00.000Z',
    revoked_at: null,
    revoked_by: null,
    revocation_reason: null,
    reason_public: 1,
    ...overrides,
  }
}

function summary(name: string): PracticumSummary {
  const none = { count: 0, minutes: 0 }
  return {
    holderName: name,
    generatedAt: '2026-06-01T12:00:00.000Z',
    period: { from: '2026-01-05', to: '2026-03-10' },
    totals: { experiential: { count: 1, minutes: 120 }, sitter: none, practicum: none, supervision: none },
    months: [{ month: '2026-01', kinds: { experiential: { count: 1, minutes: 120 }, sitter: none, practicum: none, supervision: none } }],
    supervisors: [{ name, license: 'LMFT 98765 (CA)', count: 1, minutes: 120 }],
    programs: [{ title: name, met: false, requirements: [{ label: name, met: false, detail: '11 more experiential sessions approved' }] }],
  }
}

// A ligature's glyph maps back to its letters in reading order; in right-to-left script the reader
// meets them the other way round.
const glyphText = (chars: string) => (chars.length > 1 && /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(chars) ? [...chars].reverse().join('') : chars)
const lineText = (runs: DrawnRun[]) => runs.flatMap((r) => r.chars.map(glyphText)).join('')
const visual = (text: string) => bidi.getReorderedString(text, bidi.getEmbeddingLevels(text))

/** Every baseline of a PDF's first page, as a reader sees it left to right. */
function pageLines(runs: DrawnRun[]) {
  const ys = [...new Set(runs.filter((r) => r.page === 0).map((r) => r.y))]
  return ys.map((y) =>
    lineText(
      runsOnLine(
        runs.filter((r) => r.page === 0),
        y,
      ),
    ),
  )
}

const originals = new Map(
  Object.values(FACES)
    .flat()
    .map((file) => [loadFont(file).font.postscriptName, file]),
)

describe.each(Object.entries(NAMES))('%s', (script, name) => {
  let cert: Uint8Array
  let sum: Uint8Array
  beforeAll(async () => {
    cert = await certificatePdf(certificate(name), URL)
    sum = await summaryPdf(summary(name), URL.replace('verify/', 'verify/summary/'), 'abcdefgh')
  })

  test('certificate and summary: every glyph is a real one, from a subset font embedded in the file', async () => {
    for (const [which, bytes] of [
      ['certificate', cert],
      ['summary', sum],
    ] as const) {
      const { runs, fonts } = await pdfGlyphs(bytes)
      for (const run of runs) {
        expect(run.gids, `${which}: ${run.font.baseFont} drawing ${run.chars.join('')}`).not.toContain(0)
        // …and a reader copying the text gets the letters back.
        expect(run.chars.join(''), `${which}: ${run.font.baseFont}`).not.toContain('\uFFFD')
      }
      for (const font of fonts) {
        const [, tag, postscriptName] = /^([A-Z]{6})\+(.+)$/.exec(font.baseFont) ?? []
        expect(tag, `${which}: ${font.baseFont} is named as a subset`).toBeDefined()
        const file = originals.get(postscriptName!)
        expect(file, font.baseFont).toBeDefined()
        expect(font.program, `${which}: ${font.baseFont} is embedded`).not.toBeNull()
        expect(font.program!.length, `${which}: ${font.baseFont} is a subset`).toBeLessThan(loadFont(file!).bytes.length / 4)
      }
      // A name in any script keeps the file small (the CJK font alone is 4.6 MB).
      expect(bytes.length, which).toBeLessThan(120_000)
    }
  })

  test('the name is printed whole and in reading order', async () => {
    const certRuns = (await pdfGlyphs(cert)).runs
    expect(lineText(runsOnLine(certRuns, NAME_Y)), script).toBe(visual(name))
    const certLines = pageLines(certRuns)
    expect(certLines, 'program title').toContain(visual(name))
    expect(
      certLines.some((l) => l.includes(visual(name)) && l.startsWith('Issued by ')),
      'issuer',
    ).toBe(true)

    const sumLines = pageLines((await pdfGlyphs(sum)).runs)
    expect(sumLines, 'holder').toContain(visual(name))
    expect(
      sumLines.some((l) => l.startsWith(visual(name)) && l.includes('LMFT 98765 (CA)')),
      'supervisor',
    ).toBe(true)
    expect(sumLines, 'program').toContain(`○ ${visual(name)}`)
  })
})

describe('right to left in the PDF', () => {
  test('an Arabic name is shaped: the glyphs drawn are the joined forms, not the letters standing alone', async () => {
    const name = NAMES.Arabic
    const runs = runsOnLine((await pdfGlyphs(await certificatePdf(certificate(name), URL))).runs, NAME_Y)
    expect(runs.map((r) => r.font.baseFont.replace(/^[A-Z]{6}\+/, ''))).toEqual(['NotoNaskhArabic-Bold'])
    const run = runs[0]!
    // The subset keeps each glyph's outline: compare outlines with the original font's.
    const subset = fontkit.create(run.font.program!)
    const original = loadFont('NotoNaskhArabic-Bold.ttf').font
    const outline = (font: typeof original, gid: number) => font.getGlyph(gid).path.toSVG()
    const drawn = run.gids.map((gid) => outline(subset, gid))
    const shaped = original.layout(name).glyphs.map((g) => outline(original, g.id))
    const isolated = [...name].reverse().map((c) => outline(original, original.glyphForCodePoint(c.codePointAt(0)!).id))
    expect(drawn).toEqual(shaped)
    expect(drawn).not.toEqual(isolated)
    // The rightmost glyph is the first letter: an initial meem, not the isolated one.
    expect(drawn.at(-1)).not.toBe(isolated.at(-1))
    expect(drawn.at(-1)).toBe(outline(original, original.layout('محمد').glyphs.at(-1)!.id))
  })

  test('a name followed by its serial: the serial reads left to right, the brackets face the right way', async () => {
    const holder = 'محمد عبد الله (KAP-2026-000001)'
    const runs = runsOnLine((await pdfGlyphs(await certificatePdf(certificate(holder, { program_title: 'KAP Fellowship' }), URL))).runs, NAME_Y)
    expect(lineText(runs)).toBe('(KAP-2026-000001) هللا دبع دمحم')
    // Drawn left to right without overlaps: each run starts where the one before it ends.
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.x).toBeGreaterThan(runs[i - 1]!.x)
  })

  test('a Hebrew issuer inside the English sentence leaves the sentence in order', async () => {
    const runs = (await pdfGlyphs(await certificatePdf(certificate('Zoë O’Brien-Ngata', { issuer_name: NAMES.Hebrew, program_title: 'KAP Fellowship' }), URL)))
      .runs
    expect(pageLines(runs)).toContain(`Issued by ${visual(NAMES.Hebrew)} for the institute`)
  })
})
