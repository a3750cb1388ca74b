import { describe, expect, test } from 'vitest'
import type { RecordKind } from '#db/schema.ts'
import { fieldErrorsOf } from '#app/utils/forms.ts'
import { DEFAULT_CODE_FORMATS } from './codes.ts'
import { BIRTH_DATE_IN_TEXT, EMAIL_IN_TEXT, PHONE_IN_TEXT } from './privacy.ts'
import { latestToday } from './rules.ts'
import { amendSchema, bulkApproveSchema, decisionSchema, recordSchemaFor } from './schema.ts'

const recordSchema = recordSchemaFor(DEFAULT_CODE_FORMATS)

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
const PAST = daysFromNow(-10)

/** A valid form post (all strings, as the browser sends them) for each kind. */
const VALID: Record<RecordKind, Record<string, string>> = {
  experiential: {
    kind: 'experiential',
    occurredOn: PAST,
    minutes: '150',
    setting: 'in_person',
    route: 'intramuscular',
    medicalTeam: 'Dr. Priya Natarajan, MD',
    preparationNotes: 'Intentions: steadiness.',
    integrationNotes: '',
    intent: 'save',
  },
  sitter: {
    kind: 'sitter',
    occurredOn: PAST,
    startTime: '09:30',
    endTime: '11:30',
    setting: 'virtual',
    participantCode: 'P-0014',
    sitterRole: 'co-sitter',
    coSitterId: '',
    notes: 'Held silence.',
    intent: 'submit',
  },
  practicum: {
    kind: 'practicum',
    occurredOn: PAST,
    minutes: '45',
    setting: 'in_person',
    phase: 'integration',
    contact: 'direct',
    clientCode: 'C-0203',
    notes: '',
  },
  supervision: {
    kind: 'supervision',
    occurredOn: PAST,
    minutes: '60',
    setting: 'virtual',
    supervisionType: 'supervision',
    supervisionFormat: 'group',
    groupSize: '6',
    supervisorName: 'Dr. Maya Reyes',
  },
}
const KINDS = Object.keys(VALID) as RecordKind[]

function errorsOf(input: Record<string, unknown>) {
  const result = recordSchema.safeParse(input)
  return result.success ? null : fieldErrorsOf(result.error)
}
const withField = (kind: RecordKind, field: string, value: unknown) => ({ ...VALID[kind], [field]: value })

describe('recordSchema: valid records', () => {
  test('experiential parses to typed values, blank optional notes become null', () => {
    expect(recordSchema.parse(VALID.experiential)).toEqual({
      kind: 'experiential',
      occurredOn: PAST,
      minutes: 150,
      setting: 'in_person',
      route: 'intramuscular',
      medicalTeam: 'Dr. Priya Natarajan, MD',
      preparationNotes: 'Intentions: steadiness.',
      integrationNotes: null,
      notes: null,
      intent: 'save',
      differentSession: false,
    })
  })

  test('sitter, practicum and supervision parse; intent defaults to save', () => {
    expect(recordSchema.parse(VALID.sitter)).toMatchObject({
      kind: 'sitter',
      startTime: '09:30',
      endTime: '11:30',
      minutes: 120,
      participantCode: 'P-0014',
      sitterRole: 'co-sitter',
      coSitterId: null,
      notes: 'Held silence.',
      intent: 'submit',
      differentSession: false,
    })
    expect(recordSchema.parse(VALID.practicum)).toMatchObject({
      kind: 'practicum',
      minutes: 45,
      phase: 'integration',
      contact: 'direct',
      clientCode: 'C-0203',
      notes: null,
      intent: 'save',
    })
    expect(recordSchema.parse(VALID.supervision)).toMatchObject({
      kind: 'supervision',
      minutes: 60,
      supervisionType: 'supervision',
      supervisionFormat: 'group',
      groupSize: 6,
      supervisorName: 'Dr. Maya Reyes',
    })
  })

  test('today (and the latest today anywhere) is not in the future', () => {
    expect(errorsOf(withField('sitter', 'occurredOn', new Date().toISOString().slice(0, 10)))).toBeNull()
    expect(errorsOf(withField('sitter', 'occurredOn', latestToday()))).toBeNull()
  })
})

describe('recordSchema: minutes per kind', () => {
  const MINUTES = 'Enter the duration in whole minutes.'
  test.each([
    ['experiential', '59', 'At least 60 minutes for this kind of record.'],
    ['practicum', '14', 'At least 15 minutes for this kind of record.'],
    ['supervision', '14', 'At least 15 minutes for this kind of record.'],
    ['experiential', '601', 'At most 600 minutes (10 hours) per record.'],
    ['practicum', '601', 'At most 600 minutes (10 hours) per record.'],
    ['practicum', '-5', 'At least 15 minutes for this kind of record.'],
    ['experiential', '0', 'At least 60 minutes for this kind of record.'],
    ['practicum', 'abc', MINUTES],
    ['practicum', '1.5', MINUTES],
    ['experiential', '90.5', MINUTES],
    ['supervision', '45.5', MINUTES],
    ['practicum', '', MINUTES],
    ['practicum', '   ', MINUTES],
    ['practicum', '99999999999', 'At most 600 minutes (10 hours) per record.'],
  ] as [RecordKind, string, string][])('%s with minutes %j is refused: %s', (kind, minutes, message) => {
    expect(errorsOf(withField(kind, 'minutes', minutes))).toEqual({ minutes: message })
  })

  test('a missing duration is refused', () => {
    const { minutes: _, ...rest } = VALID.practicum
    expect(errorsOf(rest)).toEqual({ minutes: MINUTES })
  })

  test.each([
    ['practicum', '15', 15],
    ['supervision', '15', 15],
    ['experiential', '60', 60],
    ['experiential', '600', 600],
  ] as [RecordKind, string, number][])('%s with minutes %j is accepted', (kind, minutes, parsed) => {
    expect(recordSchema.parse(withField(kind, 'minutes', minutes)).minutes).toBe(parsed)
  })
})

describe('recordSchema: a sitter session’s clock times', () => {
  const span = (startTime: string, endTime: string) => ({ ...VALID.sitter, startTime, endTime })
  const tooLong = (from: string, to: string, minutes: number) =>
    `A sitter session lasts 60–600 minutes; ${from} to ${to} is ${minutes} minutes. (An end before the start is the next day.)`

  test.each([
    ['09:00', '10:00', 60],
    ['08:00', '18:00', 600],
    ['09:30', '11:30', 120],
    ['22:30', '01:00', 150],
    ['23:00', '00:00', 60],
    ['20:00', '06:00', 600],
  ])('%s to %s is %i minutes, the minutes every record carries', (startTime, endTime, minutes) => {
    expect(recordSchema.parse(span(startTime, endTime))).toMatchObject({ startTime, endTime, minutes })
  })

  test.each([
    ['09:00', '09:59', 59],
    ['09:00', '09:15', 15],
    ['09:00', '09:00', 1440],
    ['09:00', '19:01', 601],
    ['22:30', '22:00', 1410],
    ['22:30', '08:31', 601],
  ])('%s to %s (%i minutes) is refused beside the end time', (startTime, endTime, minutes) => {
    expect(errorsOf(span(startTime, endTime))).toEqual({ endTime: tooLong(startTime, endTime, minutes) })
  })

  test('times not on a 24-hour clock are refused beside the field', () => {
    const START = 'Enter the start time, such as 09:30.'
    const END = 'Enter the end time, such as 14:00.'
    for (const time of ['25:00', '24:00', '9:30', '09:60', '0930', '09:30:00', '9.30 pm', 'noon', '']) {
      expect(errorsOf(withField('sitter', 'startTime', time))).toMatchObject({ startTime: START })
      expect(errorsOf(withField('sitter', 'endTime', time))).toEqual({ endTime: END })
    }
    const { startTime: _s, ...noStart } = VALID.sitter
    expect(errorsOf(noStart)).toEqual({ startTime: START })
    const { endTime: _e, ...noEnd } = VALID.sitter
    expect(errorsOf(noEnd)).toEqual({ endTime: END })
    expect(recordSchema.parse(span(' 09:30 ', '11:30'))).toMatchObject({ startTime: '09:30', minutes: 120 })
  })

  test('a sitter session takes no typed minutes: a posted duration is refused, never used', () => {
    expect(errorsOf({ ...VALID.sitter, minutes: '120' })).toEqual({ form: expect.stringContaining('minutes') })
    expect(errorsOf({ ...VALID.sitter, minutes: '30' })).toEqual({ form: expect.stringContaining('minutes') })
  })

  test('the co-sitter is nobody (empty) or a person’s id', () => {
    expect(recordSchema.parse(VALID.sitter)).toMatchObject({ coSitterId: null })
    const { coSitterId: _, ...noCoSitter } = VALID.sitter
    expect(recordSchema.parse(noCoSitter)).toMatchObject({ coSitterId: null })
    expect(recordSchema.parse(withField('sitter', 'coSitterId', '42'))).toMatchObject({ coSitterId: 42 })
    for (const id of ['abc', '0', '-3', '4.5', '1234567890', 'Jane Doe']) {
      expect(errorsOf(withField('sitter', 'coSitterId', id))).toEqual({ coSitterId: 'Choose a fellow from the list.' })
    }
  })
})

describe('recordSchema: board categories', () => {
  const GROUP = 'Enter how many people were in the group, you included.'
  test('a practicum record says whether the client was present: direct or indirect contact', () => {
    expect(recordSchema.parse(withField('practicum', 'contact', 'indirect'))).toMatchObject({ contact: 'indirect' })
    const { contact: _, ...noContact } = VALID.practicum
    for (const input of [noContact, withField('practicum', 'contact', ''), withField('practicum', 'contact', 'both')]) {
      expect(errorsOf(input)).toEqual({ contact: 'Choose direct or indirect client contact.' })
    }
  })

  test('a supervision record says supervision or consultation', () => {
    expect(recordSchema.parse(withField('supervision', 'supervisionType', 'consultation'))).toMatchObject({ supervisionType: 'consultation' })
    const { supervisionType: _, ...noType } = VALID.supervision
    for (const input of [noType, withField('supervision', 'supervisionType', ''), withField('supervision', 'supervisionType', 'peer')]) {
      expect(errorsOf(input)).toEqual({ supervisionType: 'Choose supervision or consultation.' })
    }
  })

  test('a group has a size, 2 to 50, you included', () => {
    expect(recordSchema.parse(withField('supervision', 'groupSize', '2'))).toMatchObject({ supervisionFormat: 'group', groupSize: 2 })
    expect(recordSchema.parse(withField('supervision', 'groupSize', '50'))).toMatchObject({ groupSize: 50 })
    const { groupSize: _, ...noSize } = VALID.supervision
    expect(errorsOf(noSize)).toEqual({ groupSize: GROUP })
    expect(errorsOf(withField('supervision', 'groupSize', ''))).toEqual({ groupSize: GROUP })
    expect(errorsOf(withField('supervision', 'groupSize', 'many'))).toEqual({ groupSize: GROUP })
    expect(errorsOf(withField('supervision', 'groupSize', '1'))).toEqual({ groupSize: 'A group has at least 2 people, you included.' })
    expect(errorsOf(withField('supervision', 'groupSize', '51'))).toEqual({ groupSize: 'At most 50 people in a group.' })
    expect(errorsOf(withField('supervision', 'groupSize', '2.5'))).toEqual({ groupSize: 'Enter a whole number of people.' })
  })

  test('an individual session has no group: no size is needed, and one left in the form is dropped', () => {
    const individual: Record<string, string> = { ...VALID.supervision, supervisionFormat: 'individual' }
    const { groupSize: _, ...noSize } = individual
    expect(recordSchema.parse(noSize)).toMatchObject({ supervisionFormat: 'individual', groupSize: null })
    expect(recordSchema.parse({ ...individual, groupSize: '' })).toMatchObject({ groupSize: null })
    expect(recordSchema.parse({ ...individual, groupSize: '6' })).toMatchObject({ supervisionFormat: 'individual', groupSize: null })
  })

  test('the new fields belong to their own kind only', () => {
    expect(errorsOf({ ...VALID.practicum, groupSize: '4' })).toEqual({ form: expect.stringContaining('groupSize') })
    expect(errorsOf({ ...VALID.supervision, contact: 'direct' })).toEqual({ form: expect.stringContaining('contact') })
    expect(errorsOf({ ...VALID.experiential, startTime: '09:00' })).toEqual({ form: expect.stringContaining('startTime') })
    expect(errorsOf({ ...VALID.practicum, coSitterId: '3' })).toEqual({ form: expect.stringContaining('coSitterId') })
  })
})

describe('recordSchema: dates', () => {
  test('a future date is refused', () => {
    for (const date of [daysFromNow(3), daysFromNow(400)]) {
      expect(errorsOf(withField('supervision', 'occurredOn', date))).toEqual({ occurredOn: 'The date cannot be in the future.' })
    }
  })

  test.each([
    ['2026-02-30', 'That date does not exist.'],
    ['2025-02-29', 'That date does not exist.'],
    ['2026-04-31', 'That date does not exist.'],
    ['2026-13-01', 'That date does not exist.'],
    ['2026-00-10', 'That date does not exist.'],
    ['26-01-10', 'Enter a date as YYYY-MM-DD.'],
    ['2026/01/10', 'Enter a date as YYYY-MM-DD.'],
    ['10.01.2026', 'Enter a date as YYYY-MM-DD.'],
    ['yesterday', 'Enter a date as YYYY-MM-DD.'],
    ['2026-01-10T00:00', 'Enter a date as YYYY-MM-DD.'],
    ['', 'Enter the date.'],
    ['1999-12-31', 'Enter a date between 2000 and 2100.'],
  ])('%j is refused: %s', (date, message) => {
    expect(errorsOf(withField('practicum', 'occurredOn', date))).toEqual({ occurredOn: message })
  })

  test('a real leap day is accepted', () => {
    expect(errorsOf(withField('practicum', 'occurredOn', '2024-02-29'))).toBeNull()
  })
})

describe('recordSchema: notes and text', () => {
  test('5,000 characters of notes are fine; 5,001 are refused', () => {
    expect(errorsOf(withField('sitter', 'notes', 'x'.repeat(5000)))).toBeNull()
    expect(errorsOf(withField('sitter', 'notes', 'x'.repeat(5001)))).toEqual({ notes: 'Use at most 5,000 characters.' })
    expect(errorsOf(withField('experiential', 'preparationNotes', 'y'.repeat(5001)))).toEqual({ preparationNotes: 'Use at most 5,000 characters.' })
    expect(errorsOf(withField('experiential', 'integrationNotes', 'z'.repeat(5001)))).toEqual({ integrationNotes: 'Use at most 5,000 characters.' })
  })

  test('required text must not be blank', () => {
    expect(errorsOf(withField('experiential', 'medicalTeam', '   '))).toEqual({ medicalTeam: 'Name the prescriber or medical team.' })
    expect(errorsOf(withField('supervision', 'supervisorName', ''))).toEqual({ supervisorName: 'Name who gave the supervision or consultation.' })
  })

  test('choices outside the lists are refused', () => {
    expect(errorsOf(withField('experiential', 'route', 'smoked'))).toEqual({ route: 'Choose the route of administration.' })
    expect(errorsOf(withField('sitter', 'sitterRole', 'boss'))).toEqual({ sitterRole: 'Choose lead or co-sitter.' })
    expect(errorsOf(withField('sitter', 'setting', 'moon'))).toEqual({ setting: 'Choose in person or virtual.' })
    expect(errorsOf(withField('practicum', 'phase', 'dosing'))).toEqual({ phase: 'Choose the phase of the work.' })
    expect(errorsOf(withField('supervision', 'supervisionFormat', 'solo'))).toEqual({ supervisionFormat: 'Choose individual or group.' })
    expect(errorsOf(withField('practicum', 'contact', 'both'))).toEqual({ contact: 'Choose direct or indirect client contact.' })
    expect(errorsOf(withField('supervision', 'supervisionType', 'peer'))).toEqual({ supervisionType: 'Choose supervision or consultation.' })
    expect(errorsOf(withField('sitter', 'intent', 'approve'))).toEqual({ intent: 'Choose to save a draft or submit.' })
  })

  test('wrong types are refused, not coerced', () => {
    expect(errorsOf(withField('practicum', 'minutes', ['90', '90']))).toEqual({ minutes: 'Enter the duration in whole minutes.' })
    expect(errorsOf(withField('sitter', 'startTime', ['09:00', '10:00']))).toEqual({ startTime: 'Enter the start time, such as 09:30.' })
    expect(errorsOf(withField('supervision', 'groupSize', ['4', '4']))).toEqual({ groupSize: 'Enter how many people were in the group, you included.' })
    expect(errorsOf(withField('sitter', 'participantCode', ['P-1', 'P-2']))).toEqual({ participantCode: 'Enter a pseudonymous code.' })
    expect(errorsOf(withField('sitter', 'occurredOn', 20260110))).toEqual({ occurredOn: 'Enter the date.' })
  })
})

describe('recordSchema: strict shape', () => {
  test.each(KINDS)('a forged status, fellowId or approver on a %s record is refused, never ignored', (kind) => {
    expect(errorsOf({ ...VALID[kind], status: 'approved' })).toEqual({ form: expect.stringContaining('status') })
    expect(errorsOf({ ...VALID[kind], fellowId: '1' })).toEqual({ form: expect.stringContaining('fellowId') })
    expect(errorsOf({ ...VALID[kind], approverName: 'Me' })).toEqual({ form: expect.stringContaining('approverName') })
  })

  test("another kind's field is refused (a sitter record cannot carry a medical team)", () => {
    expect(errorsOf({ ...VALID.sitter, medicalTeam: 'Dr. X' })).toEqual({ form: expect.stringContaining('medicalTeam') })
  })

  test('an unknown or missing kind is refused', () => {
    const message = 'Choose a kind of record: experiential, sitter, practicum or supervision.'
    expect(errorsOf({ ...VALID.sitter, kind: 'retreat' })).toEqual({ kind: message })
    expect(errorsOf({ ...VALID.sitter, kind: '' })).toEqual({ kind: message })
    const { kind: _, ...noKind } = VALID.sitter
    expect(errorsOf(noKind)).toEqual({ kind: message })
  })

  test('a malformed version is refused', () => {
    expect(errorsOf({ ...VALID.sitter, version: 'two' })).toHaveProperty('version')
    expect(recordSchema.parse({ ...VALID.sitter, version: '7' })).toMatchObject({ version: 7 })
  })
})

describe('recordSchema: pseudonymous codes', () => {
  const EMAIL = 'This looks like an email address. Use a pseudonymous code, never contact details.'
  const PHONE = 'This looks like a phone number. Use a pseudonymous code, never contact details.'
  test.each([
    ['sitter', 'participantCode', 'jane.doe@example.com', EMAIL],
    ['sitter', 'participantCode', '+1 555-123-4567', PHONE],
    ['sitter', 'participantCode', '555 123 4567', PHONE],
    ['practicum', 'clientCode', 'client@clinic.org', EMAIL],
    ['practicum', 'clientCode', '0612345678', PHONE],
  ] as [RecordKind, string, string, string][])('%s %s %j is refused', (kind, field, code, message) => {
    expect(errorsOf(withField(kind, field, code))).toEqual({ [field]: message })
  })

  const PARTICIPANT_FORMAT = 'Use the institute’s participant code format, P-#### (# is a digit), for example P-0042. Never a name or initials.'
  const CLIENT_FORMAT = 'Use the institute’s client code format, C-#### (# is a digit), for example C-0042. Never a name or initials.'
  test.each([
    ['sitter', 'participantCode', 'Jane Doe', PARTICIPANT_FORMAT],
    ['sitter', 'participantCode', 'JD', PARTICIPANT_FORMAT],
    ['sitter', 'participantCode', 'P-014', PARTICIPANT_FORMAT],
    ['sitter', 'participantCode', 'C-0042', PARTICIPANT_FORMAT],
    ['sitter', 'participantCode', '<script>', PARTICIPANT_FORMAT],
    ['practicum', 'clientCode', 'Jane Doe', CLIENT_FORMAT],
    ['practicum', 'clientCode', 'J.D.', CLIENT_FORMAT],
    ['practicum', 'clientCode', 'P-0042', CLIENT_FORMAT],
  ] as [RecordKind, string, string, string][])('names, initials and other shapes are refused: %s %s %j', (kind, field, code, message) => {
    expect(errorsOf(withField(kind, field, code))).toEqual({ [field]: message })
  })

  test('blank and overlong codes are refused; codes in the format are trimmed and kept in capitals', () => {
    expect(errorsOf(withField('sitter', 'participantCode', ''))).toEqual({ participantCode: 'Enter a pseudonymous code.' })
    expect(errorsOf(withField('sitter', 'participantCode', 'P'.repeat(41)))).toEqual({ participantCode: 'Use at most 40 characters.' })
    expect(recordSchema.parse(withField('sitter', 'participantCode', '  p-0014  '))).toMatchObject({ participantCode: 'P-0014' })
  })

  test('another institute’s formats', () => {
    const theirs = recordSchemaFor({ participant: 'KAP-###', client: 'CL##' })
    expect(theirs.parse(withField('sitter', 'participantCode', 'kap-042'))).toMatchObject({ participantCode: 'KAP-042' })
    expect(theirs.parse(withField('practicum', 'clientCode', 'CL07'))).toMatchObject({ clientCode: 'CL07' })
    expect(fieldErrorsOf(theirs.safeParse(withField('sitter', 'participantCode', 'P-0042')).error!)).toEqual({
      participantCode: 'Use the institute’s participant code format, KAP-### (# is a digit), for example KAP-042. Never a name or initials.',
    })
  })
})

describe('recordSchema: identifying details in free text', () => {
  test.each([
    ['sitter', 'notes', 'Follow up at jane.doe@example.com.', EMAIL_IN_TEXT],
    ['practicum', 'notes', 'Call 555-123-4567 before the session.', PHONE_IN_TEXT],
    ['supervision', 'notes', 'Client DOB: 03/04/1985.', BIRTH_DATE_IN_TEXT],
    ['experiential', 'preparationNotes', 'Born on 4 March 1985, as I told the team.', BIRTH_DATE_IN_TEXT],
    ['experiential', 'integrationNotes', 'Text me on +44 20 7946 0958.', PHONE_IN_TEXT],
    ['experiential', 'medicalTeam', 'Dr. Natarajan (natarajan@clinic.example)', EMAIL_IN_TEXT],
    ['supervision', 'supervisorName', 'Dr. Reyes, (555) 123-4567', PHONE_IN_TEXT],
  ] as [RecordKind, string, string, string][])('%s %s %j is refused beside the field', (kind, field, text, message) => {
    expect(errorsOf(withField(kind, field, text))).toEqual({ [field]: message })
  })

  test('clinical numbers and session dates are fine', () => {
    expect(errorsOf(withField('sitter', 'notes', 'On 2026-01-10, 120 minutes; 0.5 mg/kg IM, second dose at 10:30.'))).toBeNull()
  })
})

describe('recordSchema: the different-session box', () => {
  test('ticked posts yes, unticked nothing (or false from the browser); anything else is refused', () => {
    expect(recordSchema.parse({ ...VALID.sitter, differentSession: 'yes' })).toMatchObject({ differentSession: true })
    expect(recordSchema.parse({ ...VALID.sitter, differentSession: false })).toMatchObject({ differentSession: false })
    expect(recordSchema.parse(VALID.sitter)).toMatchObject({ differentSession: false })
    expect(errorsOf({ ...VALID.sitter, differentSession: 'on' })).toEqual({ differentSession: 'Tick the box or leave it empty.' })
  })
})

describe('decisionSchema', () => {
  test('approve needs no comment', () => {
    expect(decisionSchema.parse({ decision: 'approve', version: '2', signature: 'Maya Reyes', attestationVersion: '2026-11' })).toEqual({
      decision: 'approve',
      version: 2,
      comment: null,
      signature: 'Maya Reyes',
      attestationVersion: '2026-11',
    })
  })

  test('approve needs a typed signature; return does not', () => {
    expect(fieldErrorsOf(decisionSchema.safeParse({ decision: 'approve', version: '2' }).error!)).toEqual({
      signature: 'Type your full name as on your license to sign.',
    })
    expect(fieldErrorsOf(decisionSchema.safeParse({ decision: 'approve', version: '2', signature: '  ' }).error!)).toEqual({
      signature: 'Type your full name as on your license to sign.',
    })
    expect(decisionSchema.safeParse({ decision: 'return', version: '2', comment: 'Add the role.' }).success).toBe(true)
  })

  test('return without a comment (or a blank one) is refused beside the comment', () => {
    for (const comment of [undefined, '', '   ']) {
      const result = decisionSchema.safeParse({ decision: 'return', version: '2', ...(comment === undefined ? {} : { comment }) })
      expect(result.success).toBe(false)
      expect(fieldErrorsOf(result.error!)).toEqual({ comment: 'Say what needs fixing: returning a record requires a comment.' })
    }
  })

  test('return with a comment parses, trimmed', () => {
    expect(decisionSchema.parse({ decision: 'return', version: '3', comment: '  Add the route.  ' })).toEqual({
      decision: 'return',
      version: 3,
      comment: 'Add the route.',
    })
  })

  test('an unknown decision, a missing version or an extra field is refused', () => {
    expect(decisionSchema.safeParse({ decision: 'delete', version: '2' }).success).toBe(false)
    expect(decisionSchema.safeParse({ decision: 'approve' }).success).toBe(false)
    expect(decisionSchema.safeParse({ decision: 'approve', version: '2', status: 'approved' }).success).toBe(false)
  })
})

describe('amendSchema and bulk selections', () => {
  test('an amendment needs a reason', () => {
    const result = amendSchema.safeParse({ version: '3', occurredOn: PAST, minutes: '90', setting: 'virtual', reason: '  ' })
    expect(fieldErrorsOf(result.error!)).toEqual({ reason: 'Give the reason for the amendment.' })
  })

  test('"approve selected" takes id:version pairs, at least one', () => {
    const signed = { signature: 'Maya Reyes', attestationVersion: '2026-11' }
    expect(bulkApproveSchema.parse({ intent: 'approve-selected', selected: ['4:2', '9:3'], ...signed }).selected).toEqual([
      [4, 2],
      [9, 3],
    ])
    expect(bulkApproveSchema.parse({ intent: 'approve-selected', selected: '4:2', ...signed }).selected).toEqual([[4, 2]])
    expect(fieldErrorsOf(bulkApproveSchema.safeParse({ intent: 'approve-selected', ...signed }).error!)).toEqual({ selected: 'Select at least one record.' })
    expect(bulkApproveSchema.safeParse({ intent: 'approve-selected', selected: ['4'], ...signed }).success).toBe(false)
    expect(fieldErrorsOf(bulkApproveSchema.safeParse({ intent: 'approve-selected', selected: '4:2' }).error!)).toEqual({
      signature: 'Type your full name as on your license to sign.',
    })
  })
})
