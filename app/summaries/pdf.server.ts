import type { PDFFont } from 'pdf-lib'
import { RECORD_KINDS } from '#db/schema.ts'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { ACCENT, createDocument, drawQrCode, INK, MUTED, wrap } from '#app/pdf/document.server.ts'
import { formatDate, hours } from '#app/utils/format.ts'
import type { PracticumSummary } from './summary.ts'

const A4: [number, number] = [595, 842]
const MARGIN = 50

/** The practicum summary as a PDF: totals, months, supervisors with licenses, programs, verification. */
export async function summaryPdf(summary: PracticumSummary, verifyUrl: string, code: string) {
  const { doc, fonts } = await createDocument(`Practicum summary — ${summary.holderName}`)
  doc.setSubject(`Practicum summary ${code}`)
  let page = doc.addPage(A4)
  let y = A4[1] - MARGIN

  const ensure = (space: number) => {
    if (y - space < MARGIN) {
      page = doc.addPage(A4)
      y = A4[1] - MARGIN
    }
  }
  const text = (t: string, { font = fonts.sans, size = 10, color = INK, x = MARGIN }: { font?: PDFFont; size?: number; color?: typeof INK; x?: number } = {}) => {
    for (const line of wrap(t, font, size, A4[0] - x - MARGIN)) {
      ensure(size + 4)
      page.drawText(line, { x, y, size, font, color })
      y -= size + 4
    }
  }
  const heading = (t: string) => {
    y -= 8
    ensure(30)
    text(t, { font: fonts.serifBold, size: 13, color: ACCENT })
    y -= 2
  }
  const table = (columns: { label: string; width: number; align?: 'right' }[], rows: string[][]) => {
    const draw = (cells: string[], font: PDFFont, color = INK) => {
      ensure(16)
      let x = MARGIN
      cells.forEach((cell, i) => {
        const col = columns[i]!
        const w = font.widthOfTextAtSize(cell, 9)
        page.drawText(cell, { x: col.align === 'right' ? x + col.width - w - 4 : x, y, size: 9, font, color })
        x += col.width
      })
      y -= 14
    }
    draw(columns.map((c) => c.label), fonts.sans, MUTED)
    for (const row of rows) draw(row, fonts.sans)
  }

  text('KAP FELLOWSHIP', { size: 10, color: ACCENT })
  y -= 4
  text('Practicum summary', { font: fonts.serifBold, size: 22 })
  text(summary.holderName, { font: fonts.serif, size: 15 })
  text(
    `Generated ${formatDate(summary.generatedAt)}${summary.period ? ` · approved records from ${formatDate(summary.period.from)} to ${formatDate(summary.period.to)}` : ' · no approved records yet'}`,
    { color: MUTED },
  )
  const qrTop = y
  text(`Verification code: ${code}`, { size: 9 })
  text(verifyUrl, { size: 9, color: ACCENT })
  text('Only records approved by a supervisor are included. Participant and client codes and private reflections are never included.', { size: 8, color: MUTED, x: MARGIN })
  await drawQrCode(doc, page, verifyUrl, { x: A4[0] - MARGIN - 80, y: qrTop - 40, size: 80 })

  heading('Totals by kind')
  table(
    [
      { label: 'Kind', width: 250 },
      { label: 'Records', width: 80, align: 'right' },
      { label: 'Hours', width: 80, align: 'right' },
    ],
    RECORD_KINDS.map((k) => [KIND_LABELS[k], String(summary.totals[k].count), hours(summary.totals[k].minutes)]),
  )

  heading('By month')
  table(
    [{ label: 'Month', width: 95 }, ...RECORD_KINDS.map((k) => ({ label: KIND_LABELS[k].split(' ')[0]!, width: 100, align: 'right' as const }))],
    summary.months.map((m) => [m.month, ...RECORD_KINDS.map((k) => (m.kinds[k].count ? `${m.kinds[k].count} · ${hours(m.kinds[k].minutes)} h` : '—'))]),
  )

  heading('Approving supervisors (license as on the day of approval)')
  table(
    [
      { label: 'Supervisor', width: 170 },
      { label: 'License', width: 170 },
      { label: 'Records', width: 70, align: 'right' },
      { label: 'Hours', width: 70, align: 'right' },
    ],
    summary.supervisors.map((s) => [s.name, s.license, String(s.count), hours(s.minutes)]),
  )

  heading('Program requirements')
  for (const p of summary.programs) {
    text(`${p.met ? '✓' : '○'} ${p.title}${p.met ? ' — all requirements met' : ''}`, { font: fonts.sans, size: 10 })
    for (const r of p.requirements) text(`${r.met ? '✓' : '○'} ${r.label}: ${r.detail}`, { size: 9, color: MUTED, x: MARGIN + 14 })
  }
  return doc.save()
}

