import { beforeAll, describe, expect, test } from 'vitest'
import { courseOutline, getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { DEMO_PEOPLE, seedDemo } from '#app/demo/seed.server.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { generateSummary } from '#app/summaries/summaries.server.ts'
import { parseSummary, summaryById } from '#app/summaries/summaries.server.ts'
import { NO_CLIENT } from '#tests/helpers.ts'

// The demo data says what the README says it does: Avery meets every requirement of every
// program (the fellowship's category minimums included), and records carry the categories
// boards count — mixed, with times that match their minutes and co-sitters who confirmed.

let ids: Record<string, number>
beforeAll(async () => {
  ;({ ids } = await seedDemo(db, courseOutline(getCatalog())))
})

const minutesOf = (start: string, end: string) => {
  const [a, b] = [start, end].map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)))
  return (b! - a! + 24 * 60) % (24 * 60)
}

describe('the demo', () => {
  test('Avery is eligible for all four programs, with room in each category; Bianca, Caleb and Dana are not eligible for the fellowship', async () => {
    const avery = await eligibilityFor(ids['fellow1@kap.test']!)
    expect(avery.map((p) => [p.slug, p.eligible])).toEqual(getCatalog().programs.map((p) => [p.slug, true]))
    const fellowship = avery.find((p) => p.slug === 'practitioner-fellowship')!
    expect(fellowship.requirements.filter((r) => /^(practicum|supervision):/.test(r.key)).map((r) => [r.label, r.have, r.need])).toEqual([
      ['Direct client contact hours', 28, 20],
      ['Individual supervision hours', 7, 6],
    ])
    for (const email of ['fellow2@kap.test', 'fellow3@kap.test', 'fellow4@kap.test']) {
      expect((await eligibilityFor(ids[email]!)).find((p) => p.slug === 'practitioner-fellowship')!.eligible, email).toBe(false)
    }
  })

  test('records fill the categories: supervision types mixed with group sizes, practicum direct and indirect, sitter times and confirmed co-sitters', async () => {
    const records = await db.selectFrom('records').selectAll().execute()
    const supervision = records.filter((r) => r.kind === 'supervision')
    expect(new Set(supervision.map((r) => `${r.supervision_type}/${r.supervision_format}`))).toEqual(
      new Set(['supervision/individual', 'supervision/group', 'consultation/individual', 'consultation/group']),
    )
    for (const r of supervision) expect(r.group_size === null, `record ${r.id}`).toBe(r.supervision_format !== 'group')
    const practicum = records.filter((r) => r.kind === 'practicum')
    expect(new Set(practicum.map((r) => r.practicum_contact))).toEqual(new Set(['direct', 'indirect', null]))
    // The one record "logged before categories": Bianca's first practicum.
    expect(practicum.filter((r) => r.practicum_contact === null).map((r) => r.fellow_id)).toEqual([ids['fellow2@kap.test']])

    const sitter = records.filter((r) => r.kind === 'sitter')
    const fellows = new Set(DEMO_PEOPLE.filter((p) => p.roles.includes('fellow')).map((p) => ids[p.email]))
    for (const r of sitter) {
      expect(minutesOf(r.started_at!, r.ended_at!), `record ${r.id}`).toBe(r.minutes)
      if (r.co_sitter_id !== null) {
        expect(fellows.has(r.co_sitter_id)).toBe(true)
        expect(r.co_sitter_id).not.toBe(r.fellow_id)
        expect(['approved', 'submitted']).toContain(r.status)
        expect(r.co_sitter_confirmed_at).not.toBeNull()
      } else expect(r.co_sitter_confirmed_at).toBeNull()
    }
    expect(sitter.filter((r) => r.co_sitter_id !== null && r.status === 'approved').length).toBeGreaterThan(2)
    expect(sitter.filter((r) => r.co_sitter_id !== null && r.status === 'submitted')).toHaveLength(1)

    // Approvals are signed under the statement in force, with the supervisor's license and its expiry.
    for (const r of records.filter((x) => x.status === 'approved')) {
      expect(r.attestation_version, `record ${r.id}`).toBe(getCatalog().attestations.at(-1)!.version)
      expect(r.signed_name).toBe(r.approver_name)
      expect(r.approver_license_expires_on).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(r.signed_content_sha256).toMatch(/^[0-9a-f]{64}$/)
    }
  })

  test("Avery's summary counts her categories and prints her signers' licenses with their expiry and the statement they signed", async () => {
    const staff = await db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', 'staff@kap.test').executeTakeFirstOrThrow()
    const { id } = await generateSummary({ ...staff, roles: ['staff'] } as never, ids['fellow1@kap.test']!, NO_CLIENT)
    const summary = parseSummary((await summaryById(id))!.content)
    expect(summary.categories).toEqual({
      supervision: {
        individual: { count: 7, minutes: 420 },
        group: { count: 3, minutes: 180 },
        consultation: { count: 2, minutes: 120 },
        notRecorded: { count: 0, minutes: 0 },
      },
      practicum: { direct: { count: 14, minutes: 1680 }, indirect: { count: 6, minutes: 720 }, notRecorded: { count: 0, minutes: 0 } },
      sitter: { coSitterConfirmed: { count: 4, minutes: 720 }, withoutCoSitter: { count: 8, minutes: 1440 }, notRecorded: { count: 0, minutes: 0 } },
    })
    expect(summary.supervisors.map((s) => [s.name, s.license, typeof s.licenseExpiresOn])).toEqual([
      ['Dr. Jonah Lee', 'LPCC 4321 (NY)', 'string'],
      ['Dr. Maya Reyes', 'LMFT 98765 (CA)', 'string'],
    ])
    expect(summary.attestations).toHaveLength(1)
    expect(summary.attestations![0]).toMatchObject({ version: '2026-11', count: 56 })
    expect(summary.attestations![0]!.text).toContain('I attest that I supervised the activity described in this record')
  })
})
