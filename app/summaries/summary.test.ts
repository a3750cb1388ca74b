import { describe, expect, test } from 'vitest'
import { RECORD_KINDS, type HoursRecord, type RecordKind } from '#db/schema.ts'
import {
  buildSummary,
  categoryLines,
  emptyCategories,
  licenseLabel,
  licenseWithExpiry,
  summaryRecordOf,
  type AttestationText,
  type PracticumSummary,
  type SummaryRecord,
} from './summary.ts'

const GENERATED = '2026-06-01T12:00:00.000Z'

const maya = { approverName: 'Dr. Maya Reyes', approverLicenseType: 'LMFT', approverLicenseNumber: '98765', approverLicenseState: 'CA' }
const jonah = { approverName: 'Dr. Jonah Lee', approverLicenseType: 'LPCC', approverLicenseNumber: '4321', approverLicenseState: 'NY' }
// The same person after moving state: a new license, so a separate line on the summary.
const mayaNewLicense = { ...maya, approverLicenseNumber: '11111', approverLicenseState: 'OR' }

function rec(kind: RecordKind, occurredOn: string, minutes: number, approver: Partial<SummaryRecord> = maya): SummaryRecord {
  return {
    kind,
    occurredOn,
    minutes,
    approverName: null,
    approverLicenseType: null,
    approverLicenseNumber: null,
    approverLicenseState: null,
    approverLicenseExpiresOn: null,
    attestationVersion: null,
    attestationSha256: null,
    supervisionType: null,
    supervisionFormat: null,
    practicumContact: null,
    sitterTimesRecorded: false,
    coSitterConfirmed: false,
    ...approver,
  }
}

/** A statement as the catalog holds it; rows signed under it recorded this hash. */
const STATEMENT: AttestationText = {
  version: '2026-11',
  title: 'Supervisor’s attestation',
  effective: '2026-11-01',
  text: 'I attest that I supervised the activity described in this record.',
  sha256: 'ab'.repeat(32),
}
const NEXT_STATEMENT: AttestationText = {
  version: '2027-03',
  title: 'Supervisor’s attestation (revised)',
  effective: '2027-03-01',
  text: 'I attest that I supervised this activity and that it meets the board’s rules.',
  sha256: 'ef'.repeat(32),
}
const signedUnder = (a: AttestationText) => ({ attestationVersion: a.version, attestationSha256: a.sha256 })

const programs: PracticumSummary['programs'] = [
  {
    title: 'KAP experiential training',
    met: false,
    requirements: [{ label: 'Experiential sessions', met: false, detail: '10 more experiential sessions approved' }],
  },
]

describe('buildSummary', () => {
  const records = [
    rec('practicum', '2026-03-10', 120, maya),
    rec('experiential', '2026-01-05', 150, maya),
    rec('sitter', '2026-02-20', 180, jonah),
    rec('practicum', '2026-03-02', 90, mayaNewLicense),
    rec('supervision', '2026-02-01', 60, jonah),
    rec('experiential', '2026-02-03', 150, maya),
    rec('supervision', '2025-12-31', 45, jonah),
  ]
  const summary = buildSummary(records, programs, 'Avery Fellow', GENERATED)

  test('keeps the holder, the time it was generated and the program requirements as given', () => {
    expect(summary.holderName).toBe('Avery Fellow')
    expect(summary.generatedAt).toBe(GENERATED)
    expect(summary.programs).toEqual(programs)
  })

  test('totals per kind: records and minutes, every kind present', () => {
    expect(Object.keys(summary.totals).sort()).toEqual([...RECORD_KINDS].sort())
    expect(summary.totals).toEqual({
      experiential: { count: 2, minutes: 300 },
      sitter: { count: 1, minutes: 180 },
      practicum: { count: 2, minutes: 210 },
      supervision: { count: 2, minutes: 105 },
    })
    const allMinutes = RECORD_KINDS.reduce((sum, k) => sum + summary.totals[k].minutes, 0)
    expect(allMinutes).toBe(records.reduce((sum, r) => sum + r.minutes, 0))
  })

  test('months are sorted oldest first, each with the tallies of its own records', () => {
    expect(summary.months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03'])
    const month = (m: string) => summary.months.find((x) => x.month === m)!.kinds
    expect(month('2025-12')).toEqual({
      experiential: { count: 0, minutes: 0 },
      sitter: { count: 0, minutes: 0 },
      practicum: { count: 0, minutes: 0 },
      supervision: { count: 1, minutes: 45 },
    })
    expect(month('2026-01').experiential).toEqual({ count: 1, minutes: 150 })
    expect(month('2026-02')).toEqual({
      experiential: { count: 1, minutes: 150 },
      sitter: { count: 1, minutes: 180 },
      practicum: { count: 0, minutes: 0 },
      supervision: { count: 1, minutes: 60 },
    })
    expect(month('2026-03').practicum).toEqual({ count: 2, minutes: 210 })
    // Month tallies add up to the totals.
    for (const k of RECORD_KINDS) {
      expect(summary.months.reduce((sum, m) => sum + m.kinds[k].minutes, 0)).toBe(summary.totals[k].minutes)
      expect(summary.months.reduce((sum, m) => sum + m.kinds[k].count, 0)).toBe(summary.totals[k].count)
    }
  })

  test('months sort across years whatever the input order', () => {
    const shuffled = buildSummary(
      [rec('sitter', '2027-01-02', 10), rec('sitter', '2025-11-30', 10), rec('sitter', '2026-10-01', 10), rec('sitter', '2026-09-15', 10)],
      [],
      'X',
      GENERATED,
    )
    expect(shuffled.months.map((m) => m.month)).toEqual(['2025-11', '2026-09', '2026-10', '2027-01'])
  })

  test('the period runs from the earliest to the latest approved record', () => {
    expect(summary.period).toEqual({ from: '2025-12-31', to: '2026-03-10' })
    const one = buildSummary([rec('practicum', '2026-04-04', 60)], [], 'X', GENERATED)
    expect(one.period).toEqual({ from: '2026-04-04', to: '2026-04-04' })
  })

  test('totals per supervisor, grouped by name and the license as it was; a changed license is a second line', () => {
    expect(summary.supervisors).toEqual([
      { name: 'Dr. Jonah Lee', license: 'LPCC 4321 (NY)', licenseExpiresOn: null, count: 3, minutes: 285 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 11111 (OR)', licenseExpiresOn: null, count: 1, minutes: 90 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', licenseExpiresOn: null, count: 3, minutes: 420 },
    ])
    expect(summary.supervisors.filter((s) => s.name === 'Dr. Maya Reyes')).toHaveLength(2)
    expect(summary.supervisors.reduce((sum, s) => sum + s.minutes, 0)).toBe(records.reduce((sum, r) => sum + r.minutes, 0))
  })

  test('two supervisors with the same license details but different names stay apart', () => {
    const s = buildSummary(
      [rec('practicum', '2026-01-01', 60, maya), rec('practicum', '2026-01-02', 60, { ...maya, approverName: 'Dr. Maya Reyes-Ortiz' })],
      [],
      'X',
      GENERATED,
    )
    expect(s.supervisors.map((x) => [x.name, x.count])).toEqual([
      ['Dr. Maya Reyes', 1],
      ['Dr. Maya Reyes-Ortiz', 1],
    ])
  })

  test('a record without a recorded approver or license is still counted, and says so', () => {
    const s = buildSummary([rec('sitter', '2026-01-01', 30, {}), rec('sitter', '2026-01-02', 30, { approverName: 'Dr. Unlicensed' })], [], 'X', GENERATED)
    expect(s.supervisors).toEqual([
      { name: 'Dr. Unlicensed', license: 'license not recorded', licenseExpiresOn: null, count: 1, minutes: 30 },
      { name: 'Unknown supervisor', license: 'license not recorded', licenseExpiresOn: null, count: 1, minutes: 30 },
    ])
    expect(licenseLabel({ approverLicenseType: 'LCSW', approverLicenseNumber: null, approverLicenseState: null })).toBe('LCSW')
    expect(licenseLabel({ approverLicenseType: 'LMFT', approverLicenseNumber: '1', approverLicenseState: 'CA' })).toBe('LMFT 1 (CA)')
  })

  test('empty input: zero totals, no months, no supervisors, no period', () => {
    const empty = buildSummary([], [], 'Newcomer', GENERATED)
    expect(empty).toEqual({
      holderName: 'Newcomer',
      generatedAt: GENERATED,
      period: null,
      totals: Object.fromEntries(RECORD_KINDS.map((k) => [k, { count: 0, minutes: 0 }])),
      categories: emptyCategories(),
      months: [],
      supervisors: [],
      attestations: [],
      unsigned: { count: 0, minutes: 0 },
      programs: [],
    })
  })

  test('does not mutate its input', () => {
    const input = [rec('practicum', '2026-03-10', 120), rec('practicum', '2026-01-10', 60)]
    const copy = structuredClone(input)
    buildSummary(input, programs, 'X', GENERATED)
    expect(input).toEqual(copy)
  })
})

describe('categories boards count', () => {
  const supervision = (minutes: number, supervisionType: 'supervision' | 'consultation' | null, supervisionFormat: string | null) =>
    rec('supervision', '2026-02-01', minutes, { ...maya, supervisionType, supervisionFormat })
  const practicum = (minutes: number, practicumContact: 'direct' | 'indirect' | null) => rec('practicum', '2026-02-02', minutes, { ...maya, practicumContact })
  const sitter = (minutes: number, sitterTimesRecorded: boolean, coSitterConfirmed: boolean) =>
    rec('sitter', '2026-02-03', minutes, { ...maya, sitterTimesRecorded, coSitterConfirmed })
  const records = [
    supervision(60, 'supervision', 'individual'),
    supervision(90, 'supervision', 'group'),
    supervision(45, 'consultation', 'individual'),
    supervision(30, 'consultation', 'group'),
    supervision(20, null, 'individual'), // logged before the type existed
    supervision(25, 'supervision', null),
    practicum(120, 'direct'),
    practicum(100, 'direct'),
    practicum(50, 'indirect'),
    practicum(70, null),
    sitter(180, true, true),
    sitter(150, true, false),
    sitter(120, false, false),
  ]
  const summary = buildSummary(records, [], 'Avery Fellow', GENERATED)

  test('consultation is counted apart from supervision, whatever its format; unrecorded types are "not recorded"', () => {
    expect(summary.categories!.supervision).toEqual({
      individual: { count: 1, minutes: 60 },
      group: { count: 1, minutes: 90 },
      consultation: { count: 2, minutes: 75 },
      notRecorded: { count: 2, minutes: 45 },
    })
    // The kind's total still counts every supervision record, the not-recorded ones included.
    expect(summary.totals.supervision).toEqual({ count: 6, minutes: 270 })
  })

  test('practicum as direct or indirect contact; sitter sessions by their confirmed co-sitter', () => {
    expect(summary.categories!.practicum).toEqual({
      direct: { count: 2, minutes: 220 },
      indirect: { count: 1, minutes: 50 },
      notRecorded: { count: 1, minutes: 70 },
    })
    expect(summary.totals.practicum).toEqual({ count: 4, minutes: 340 })
    expect(summary.categories!.sitter).toEqual({
      coSitterConfirmed: { count: 1, minutes: 180 },
      withoutCoSitter: { count: 1, minutes: 150 },
      notRecorded: { count: 1, minutes: 120 },
    })
  })

  test('every record of these kinds is in exactly one category; experiential sessions in none', () => {
    const withExperiential = buildSummary([...records, rec('experiential', '2026-01-01', 150)], [], 'X', GENERATED)
    for (const kind of ['supervision', 'practicum', 'sitter'] as const) {
      const parts = Object.values(withExperiential.categories![kind])
      expect(parts.reduce((sum, t) => sum + t.minutes, 0)).toBe(withExperiential.totals[kind].minutes)
      expect(parts.reduce((sum, t) => sum + t.count, 0)).toBe(withExperiential.totals[kind].count)
    }
  })

  test('the lines every view prints, in one order and wording', () => {
    expect(categoryLines(summary.categories!).map((l) => [l.section, l.label, l.tally.count, l.tally.minutes])).toEqual([
      ['Supervision and consultation', 'Individual supervision', 1, 60],
      ['Supervision and consultation', 'Group supervision', 1, 90],
      ['Supervision and consultation', 'Consultation', 2, 75],
      ['Supervision and consultation', 'Not recorded', 2, 45],
      ['Practicum', 'Direct client contact', 2, 220],
      ['Practicum', 'Indirect', 1, 50],
      ['Practicum', 'Not recorded', 1, 70],
      ['Sitter sessions', 'With a confirmed co-sitter', 1, 180],
      ['Sitter sessions', 'Without a confirmed co-sitter', 1, 150],
      ['Sitter sessions', 'Not recorded', 1, 120],
    ])
  })

  test('summaryRecordOf: a co-sitter named but not confirmed is not a confirmed co-sitter', () => {
    const row = {
      kind: 'sitter' as const,
      occurred_on: '2026-01-01',
      minutes: 120,
      approver_name: null,
      approver_license_type: null,
      approver_license_number: null,
      approver_license_state: null,
      approver_license_expires_on: null,
      attestation_version: null,
      attestation_sha256: null,
      supervision_type: null,
      supervision_format: null,
      practicum_contact: null,
      started_at: '10:00',
      co_sitter_id: 5,
      co_sitter_confirmed_at: null,
    }
    expect(summaryRecordOf(row)).toMatchObject({ sitterTimesRecorded: true, coSitterConfirmed: false })
    expect(summaryRecordOf({ ...row, co_sitter_confirmed_at: '2026-01-01T20:00:00.000Z' }).coSitterConfirmed).toBe(true)
    expect(summaryRecordOf({ ...row, started_at: null, co_sitter_id: null })).toMatchObject({ sitterTimesRecorded: false, coSitterConfirmed: false })
  })
})

describe('signers: license with its expiry, and the statement they signed', () => {
  const withExpiry = (expires: string | null) => ({ ...maya, approverLicenseExpiresOn: expires })

  test("each signer's license with its expiry as snapshotted at approval; a renewed license (new expiry) is its own line", () => {
    const summary = buildSummary(
      [
        rec('practicum', '2026-01-01', 60, withExpiry('2028-03-31')),
        rec('practicum', '2026-01-02', 60, withExpiry('2028-03-31')),
        rec('practicum', '2028-05-01', 90, withExpiry('2030-03-31')),
        rec('sitter', '2026-01-03', 120, { ...jonah, approverLicenseExpiresOn: null }),
      ],
      [],
      'X',
      GENERATED,
    )
    expect(summary.supervisors).toEqual([
      { name: 'Dr. Jonah Lee', license: 'LPCC 4321 (NY)', licenseExpiresOn: null, count: 1, minutes: 120 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', licenseExpiresOn: '2028-03-31', count: 2, minutes: 120 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', licenseExpiresOn: '2030-03-31', count: 1, minutes: 90 },
    ])
    expect(summary.supervisors.map(licenseWithExpiry)).toEqual([
      'LPCC 4321 (NY), expiry not recorded',
      'LMFT 98765 (CA), expires Mar 31, 2028',
      'LMFT 98765 (CA), expires Mar 31, 2030',
    ])
    // A summary generated before expiries were kept has no such field: the license alone, as it printed then.
    expect(licenseWithExpiry({ license: 'LMFT 98765 (CA)' })).toBe('LMFT 98765 (CA)')
  })

  test('each statement version signed is listed once, with its title, text and the records signed under it', () => {
    const summary = buildSummary(
      [
        rec('practicum', '2026-11-02', 60, { ...maya, ...signedUnder(STATEMENT) }),
        rec('sitter', '2026-11-03', 180, { ...jonah, ...signedUnder(STATEMENT) }),
        rec('supervision', '2027-03-05', 45, { ...maya, ...signedUnder(NEXT_STATEMENT) }),
        rec('supervision', '2026-01-05', 30, maya), // approved before approvals were signed
      ],
      [],
      'X',
      GENERATED,
      [STATEMENT, NEXT_STATEMENT],
    )
    expect(summary.attestations).toEqual([
      { version: '2026-11', title: STATEMENT.title, effective: '2026-11-01', text: STATEMENT.text, sha256: STATEMENT.sha256, count: 2, minutes: 240 },
      {
        version: '2027-03',
        title: NEXT_STATEMENT.title,
        effective: '2027-03-01',
        text: NEXT_STATEMENT.text,
        sha256: NEXT_STATEMENT.sha256,
        count: 1,
        minutes: 45,
      },
    ])
    expect(summary.unsigned).toEqual({ count: 1, minutes: 30 })
  })

  test('a version whose text on file no longer hashes to what was signed, or is gone, is listed without a text', () => {
    const summary = buildSummary(
      [
        rec('practicum', '2026-11-02', 60, { ...maya, attestationVersion: '2026-11', attestationSha256: '00'.repeat(32) }),
        rec('practicum', '2026-11-03', 60, { ...maya, attestationVersion: '2025-01', attestationSha256: '11'.repeat(32) }),
      ],
      [],
      'X',
      GENERATED,
      [STATEMENT],
    )
    expect(summary.attestations).toEqual([
      { version: '2025-01', title: null, effective: null, text: null, sha256: '11'.repeat(32), count: 1, minutes: 60 },
      { version: '2026-11', title: null, effective: null, text: null, sha256: '00'.repeat(32), count: 1, minutes: 60 },
    ])
  })
})

describe('nothing private can reach a summary', () => {
  const SECRETS = {
    participant_code: 'P-SECRET-101',
    client_code: 'C-SECRET-202',
    preparation_notes: 'PRIVATE preparation: my fear of losing control',
    integration_notes: 'PRIVATE reflection: memories of my father',
    notes: 'PRIVATE sitter notes about the participant',
    return_comment: 'PRIVATE return comment from the supervisor',
    medical_team: 'PRIVATE Dr. Priya Natarajan, MD',
    supervisor_name: 'PRIVATE consult group',
    // Who sat with whom and when: a summary counts confirmed co-sitting, never names it or gives times.
    started_at: '19:07',
    ended_at: '23:31',
  }
  const CO_SITTER_ID = 81_234

  /** Full rows as the records table holds them, participant codes and reflections included. */
  function fullRow(id: number, kind: RecordKind, occurredOn: string, minutes: number): HoursRecord {
    return {
      id,
      fellow_id: 7,
      kind,
      status: 'approved',
      version: 3,
      occurred_on: occurredOn,
      minutes,
      setting: 'in_person',
      route: 'intramuscular',
      medical_team: SECRETS.medical_team,
      preparation_notes: SECRETS.preparation_notes,
      integration_notes: SECRETS.integration_notes,
      participant_code: SECRETS.participant_code,
      sitter_role: 'lead',
      phase: 'integration',
      client_code: SECRETS.client_code,
      supervision_format: 'group',
      supervisor_name: SECRETS.supervisor_name,
      supervision_type: 'consultation',
      group_size: 6,
      practicum_contact: 'direct',
      started_at: SECRETS.started_at,
      ended_at: SECRETS.ended_at,
      co_sitter_id: CO_SITTER_ID,
      co_sitter_confirmed_at: `${occurredOn}T23:45:00.000Z`,
      notes: SECRETS.notes,
      submitted_at: `${occurredOn}T21:00:00.000Z`,
      decided_at: `${occurredOn}T23:00:00.000Z`,
      decided_by: 3,
      return_comment: SECRETS.return_comment,
      approver_name: 'Dr. Maya Reyes',
      approver_license_type: 'LMFT',
      approver_license_number: '98765',
      approver_license_state: 'CA',
      approver_license_expires_on: '2028-03-31',
      approver_license_verified_at: '2026-01-05T09:00:00.000Z',
      attestation_version: '2026-11',
      attestation_sha256: 'ab'.repeat(32),
      signed_name: 'Maya Reyes',
      signed_content_sha256: 'cd'.repeat(32),
      created_at: `${occurredOn}T20:00:00.000Z`,
      updated_at: `${occurredOn}T23:00:00.000Z`,
    }
  }

  const rows = [
    fullRow(1, 'sitter', '2026-02-01', 180),
    fullRow(2, 'practicum', '2026-02-10', 120),
    fullRow(3, 'experiential', '2026-01-15', 150),
    fullRow(4, 'supervision', '2026-03-01', 60),
  ]

  test('the input type has no field for them', () => {
    const record: SummaryRecord = rec('sitter', '2026-01-01', 60)
    // @ts-expect-error participant codes are not part of a summary record
    record.participant_code = 'x'
    // @ts-expect-error reflections are not part of a summary record
    record.integration_notes = 'x'
    // @ts-expect-error who the co-sitter was is not part of a summary record, only that one confirmed
    record.co_sitter_id = 1
    // @ts-expect-error nor the free-text name of who gave supervision
    record.supervisor_name = 'x'
    const keys = [
      'approverLicenseExpiresOn',
      'approverLicenseNumber',
      'approverLicenseState',
      'approverLicenseType',
      'approverName',
      'attestationSha256',
      'attestationVersion',
      'coSitterConfirmed',
      'kind',
      'minutes',
      'occurredOn',
      'practicumContact',
      'sitterTimesRecorded',
      'supervisionFormat',
      'supervisionType',
    ]
    expect(Object.keys(rec('sitter', '2026-01-01', 60)).sort()).toEqual(keys)
    expect(Object.keys(summaryRecordOf(rows[0]!)).sort()).toEqual(keys)
  })

  /** Every way the summary could carry a secret: its values and its keys. */
  function expectNothingPrivate(summary: PracticumSummary) {
    const json = JSON.stringify(summary)
    for (const [key, value] of Object.entries(SECRETS)) {
      expect(json, key).not.toContain(`"${key}"`)
      expect(json, key).not.toContain(value)
    }
    for (const key of [
      'participantCode',
      'clientCode',
      'reflection',
      'reflections',
      'integrationNotes',
      'preparationNotes',
      'returnComment',
      'supervisorName',
      'startedAt',
      'endedAt',
      'coSitterId',
      'co_sitter_id',
      'coSitterConfirmedAt',
      'co_sitter_confirmed_at',
      'groupSize',
      'group_size',
      'signed_name',
      'signedName',
      'fellow_id',
      'decided_by',
    ]) {
      expect(json).not.toContain(`"${key}"`)
    }
    expect(json).not.toContain(String(CO_SITTER_ID))
    expect(json).not.toContain('PRIVATE')
    expect(json).not.toContain('SECRET')
    // Every key anywhere in the summary is one the summary defines.
    const keys = new Set<string>()
    JSON.parse(json, (key, value) => {
      if (key !== '') keys.add(key)
      return value
    })
    const allowed = new Set([
      'holderName',
      'generatedAt',
      'period',
      'from',
      'to',
      'totals',
      'categories',
      'individual',
      'group',
      'consultation',
      'notRecorded',
      'direct',
      'indirect',
      'coSitterConfirmed',
      'withoutCoSitter',
      'months',
      'month',
      'kinds',
      'supervisors',
      'name',
      'license',
      'licenseExpiresOn',
      'count',
      'minutes',
      'attestations',
      'version',
      'title',
      'effective',
      'text',
      'sha256',
      'unsigned',
      'programs',
      ...RECORD_KINDS,
    ])
    expect([...keys].filter((k) => !allowed.has(k) && !/^\d+$/.test(k))).toEqual([])
  }

  test('records made from full DB rows by summaryRecordOf (what generateSummary does) leak none of them, the categories included', () => {
    const summary = buildSummary(rows.map(summaryRecordOf), [], 'Avery Fellow', GENERATED, [STATEMENT])
    // What the rows say is counted: the sitter session's confirmed co-sitter, the practicum's direct contact, the consultation.
    expect(summary.categories!.sitter.coSitterConfirmed).toEqual({ count: 1, minutes: 180 })
    expect(summary.categories!.practicum.direct).toEqual({ count: 1, minutes: 120 })
    expect(summary.categories!.supervision.consultation).toEqual({ count: 1, minutes: 60 })
    expect(summary.supervisors).toEqual([{ name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', licenseExpiresOn: '2028-03-31', count: 4, minutes: 510 }])
    expectNothingPrivate(summary)
  })

  test('records built from full DB rows, even carelessly with every column spread in, leak none of them', () => {
    const records: SummaryRecord[] = rows.map((r) => ({ ...r, ...summaryRecordOf(r) }))
    const summary = buildSummary(records, [], 'Avery Fellow', GENERATED, [STATEMENT])
    expect(summary.totals.sitter).toEqual({ count: 1, minutes: 180 })
    expectNothingPrivate(summary)
  })
})
