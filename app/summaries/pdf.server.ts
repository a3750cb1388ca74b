import { RECORD_KINDS } from '#db/schema.ts'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { ACCENT, createDocument, drawQrCode, INK, MUTED } from '#app/pdf/document.server.ts'
import { baseDirection, isolate, wrap, type Face } from '#app/pdf/text.server.ts'
import { formatterFor, hours } from '#app/utils/format.ts'
import { categoryLines, type PracticumSummary } from './summary.ts'

const A4: [number, number] = [595, 842]
const MARGIN = 50

/** The practicum summary as a PDF: totals, months, supervisors with licenses, programs, verification. */
/** `timeZone`: the reader's, for when it was generated (the period's dates are calendar days). */
export async function summaryPdf(summary: PracticumSummary, verifyUrl: string, code: string, timeZone = 'UTC') {
  const { formatDate } = formatterFor(timeZone)
  const { doc, pen } = await createDocument(`Practicum summary — ${summary.holderName}`)
  doc.setSubject(`Practicum summary ${code}`)
  let page = doc.addPage(A4)
  let y = A4[1] - MARGIN

  const ensure = (space: number) => {
    if (y - space < MARGIN) {
      page = doc.addPage(A4)
      y = A4[1] - MARGIN
    }
  }
  const text = async (
    t: string,
    { face = 'sans', size = 10, color = INK, x = MARGIN }: { face?: Face; size?: number; color?: typeof INK; x?: number } = {},
  ) => {
    // Every line of a wrapped paragraph keeps the paragraph's direction.
    const direction = baseDirection(t)
    for (const line of wrap(t, face, size, A4[0] - x - MARGIN)) {
      ensure(size + 4)
      await pen.drawText(page, line, { face, size, x, y, color, direction })
      y -= size + 4
    }
  }
  const heading = async (t: string) => {
    y -= 8
    ensure(30)
    await text(t, { face: 'serifBold', size: 13, color: ACCENT })
    y -= 2
  }
  const table = async (columns: { label: string; width: number; align?: 'right' }[], rows: string[][]) => {
    const draw = async (cells: string[], color = INK) => {
      ensure(16)
      let x = MARGIN
      for (const [i, cell] of cells.entries()) {
        const col = columns[i]!
        const right = col.align === 'right'
        await pen.drawText(page, cell, { face: 'sans', size: 9, x: right ? x + col.width - 4 : x, align: right ? 'right' : 'left', y, color })
        x += col.width
      }
      y -= 14
    }
    await draw(
      columns.map((c) => c.label),
      MUTED,
    )
    for (const row of rows) await draw(row)
  }

  await text('KAP FELLOWSHIP', { size: 10, color: ACCENT })
  y -= 4
  await text('Practicum summary', { face: 'serifBold', size: 22 })
  await text(summary.holderName, { face: 'serif', size: 15 })
  await text(
    `Generated ${formatDate(summary.generatedAt)}${summary.period ? ` · approved records from ${formatDate(summary.period.from)} to ${formatDate(summary.period.to)}` : ' · no approved records yet'}`,
    { color: MUTED },
  )
  const qrTop = y
  await text(`Verification code: ${code}`, { size: 9 })
  await text(verifyUrl, { size: 9, color: ACCENT })
  await text('Only records approved by a supervisor are included. Participant and client codes and private reflections are never included.', {
    size: 8,
    color: MUTED,
    x: MARGIN,
  })
  await drawQrCode(doc, page, verifyUrl, { x: A4[0] - MARGIN - 80, y: qrTop - 40, size: 80 })

  await heading('Totals by kind')
  await table(
    [
      { label: 'Kind', width: 250 },
      { label: 'Records', width: 80, align: 'right' },
      { label: 'Hours', width: 80, align: 'right' },
    ],
    RECORD_KINDS.map((k) => [KIND_LABELS[k], String(summary.totals[k].count), hours(summary.totals[k].minutes)]),
  )

  // Summaries generated before categories were counted have none: the section is left out.
  if (summary.categories) {
    await heading('Hours by category (as licensing boards count them)')
    await table(
      [
        { label: 'Category', width: 250 },
        { label: 'Records', width: 80, align: 'right' },
        { label: 'Hours', width: 80, align: 'right' },
      ],
      categoryLines(summary.categories).map((l) => [`${l.section}: ${l.label.toLowerCase()}`, String(l.tally.count), hours(l.tally.minutes)]),
    )
    await text('"Not recorded": records logged before categories were recorded. They count toward their kind\'s totals above, not toward a category.', {
      size: 8,
      color: MUTED,
    })
  }

  await heading('By month')
  await table(
    [{ label: 'Month', width: 95 }, ...RECORD_KINDS.map((k) => ({ label: KIND_LABELS[k].split(' ')[0]!, width: 100, align: 'right' as const }))],
    summary.months.map((m) => [m.month, ...RECORD_KINDS.map((k) => (m.kinds[k].count ? `${m.kinds[k].count} · ${hours(m.kinds[k].minutes)} h` : '—'))]),
  )

  await heading('Approving supervisors (license as on the day of approval)')
  await table(
    [
      { label: 'Supervisor', width: 150 },
      { label: 'License', width: 125 },
      { label: 'License expires', width: 100 },
      { label: 'Records', width: 60, align: 'right' },
      { label: 'Hours', width: 60, align: 'right' },
    ],
    summary.supervisors.map((s) => [
      s.name,
      s.license,
      // Absent from summaries generated before the expiry was kept; null when the approval did not record it.
      s.licenseExpiresOn === undefined ? '' : s.licenseExpiresOn ? formatDate(s.licenseExpiresOn) : 'not recorded',
      String(s.count),
      hours(s.minutes),
    ]),
  )

  if (summary.attestations) {
    await heading('Statements the approvals were signed under')
    for (const a of summary.attestations) {
      await text(`${isolate(a.title ?? 'Supervisor’s attestation')} — version ${a.version}${a.effective ? `, in force from ${formatDate(a.effective)}` : ''}`, {
        face: 'serifBold',
        size: 10,
      })
      await text(`${a.count} record${a.count === 1 ? '' : 's'} (${hours(a.minutes)} h) signed under it · SHA-256 ${a.sha256 ?? 'not recorded'}`, {
        size: 8,
        color: MUTED,
      })
      for (const paragraph of (a.text ?? 'The text of this version, as signed, is no longer on file.').split(/\n\s*\n/)) {
        await text(paragraph.replace(/\s+/g, ' ').trim(), { size: 9, x: MARGIN + 14 })
        y -= 3
      }
      y -= 4
    }
    if (summary.unsigned?.count) {
      await text(
        `${summary.unsigned.count} record${summary.unsigned.count === 1 ? ' was' : 's were'} approved before approvals were signed under a statement.`,
        { size: 9, color: MUTED },
      )
    }
  }

  await heading('Program requirements')
  for (const p of summary.programs) {
    await text(`${p.met ? '✓' : '○'} ${isolate(p.title)}${p.met ? ' — all requirements met' : ''}`, { size: 10 })
    for (const r of p.requirements) await text(`${r.met ? '✓' : '○'} ${isolate(r.label)}: ${isolate(r.detail)}`, { size: 9, color: MUTED, x: MARGIN + 14 })
  }
  return doc.save()
}
