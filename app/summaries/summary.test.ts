import { describe, expect, test } from 'vitest'
import { RECORD_KINDS, type HoursRecord, type RecordKind } from '#db/schema.ts'
import { buildSummary, licenseLabel, type PracticumSummary, type SummaryRecord } from './summary.ts'

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
    ...approver,
  }
}

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
      { name: 'Dr. Jonah Lee', license: 'LPCC 4321 (NY)', count: 3, minutes: 285 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 11111 (OR)', count: 1, minutes: 90 },
      { name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', count: 3, minutes: 420 },
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
      { name: 'Dr. Unlicensed', license: 'license not recorded', count: 1, minutes: 30 },
      { name: 'Unknown supervisor', license: 'license not recorded', count: 1, minutes: 30 },
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
      months: [],
      supervisors: [],
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
  }

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
      started_at: '19:00',
      ended_at: '23:30',
      co_sitter_id: 8,
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
    expect(Object.keys(rec('sitter', '2026-01-01', 60)).sort()).toEqual(
      ['approverLicenseNumber', 'approverLicenseState', 'approverLicenseType', 'approverName', 'kind', 'minutes', 'occurredOn'].sort(),
    )
  })

  test('records built from full DB rows, even carelessly with every column spread in, leak none of them', () => {
    const records: SummaryRecord[] = rows.map((r) => ({
      ...r,
      kind: r.kind,
      occurredOn: r.occurred_on,
      minutes: r.minutes,
      approverName: r.approver_name,
      approverLicenseType: r.approver_license_type,
      approverLicenseNumber: r.approver_license_number,
      approverLicenseState: r.approver_license_state,
    }))
    const summary = buildSummary(records, [], 'Avery Fellow', GENERATED)
    expect(summary.totals.sitter).toEqual({ count: 1, minutes: 180 })
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
      'fellow_id',
      'decided_by',
    ]) {
      expect(json).not.toContain(`"${key}"`)
    }
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
      'months',
      'month',
      'kinds',
      'supervisors',
      'name',
      'license',
      'count',
      'minutes',
      'programs',
      ...RECORD_KINDS,
    ])
    expect([...keys].filter((k) => !allowed.has(k) && !/^\d+$/.test(k))).toEqual([])
  })
})
