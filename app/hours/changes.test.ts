import { describe, expect, test } from 'vitest'
import { changedFields, changesSinceReturn, combineChanges, eventChanges } from './changes.ts'

const before = {
  kind: 'sitter',
  occurredOn: '2026-01-10',
  // A sitter record's form values: its clock times, and the minutes they give (stored with the record).
  minutes: '90',
  startTime: '09:00',
  endTime: '10:30',
  setting: 'in_person',
  participantCode: 'P-0042',
  sitterRole: 'lead',
  notes: 'Held silence.',
}

describe('changedFields', () => {
  test('only the fields that differ, in the form’s order; private text is named, not copied', () => {
    const after = { ...before, minutes: '120', endTime: '11:00', participantCode: 'P-0043', notes: 'Held silence; grounding once.' }
    expect(changedFields(before, after)).toEqual([
      { field: 'minutes', from: '90', to: '120' },
      { field: 'endTime', from: '10:30', to: '11:00' },
      { field: 'participantCode', from: 'P-0042', to: 'P-0043' },
      { field: 'notes' },
    ])
  })

  test('the board categories and the co-sitter are fields like any other, in the form’s order', () => {
    expect(changedFields({ ...before, coSitterId: '7' }, { ...before, startTime: '08:30', minutes: '120', coSitterId: undefined })).toEqual([
      { field: 'minutes', from: '90', to: '120' },
      { field: 'startTime', from: '09:00', to: '08:30' },
      { field: 'coSitterId', from: '7', to: null },
    ])
    const supervision = {
      kind: 'supervision',
      minutes: '60',
      supervisionType: 'supervision',
      supervisionFormat: 'individual',
      supervisorName: 'Dr. Maya Reyes',
    }
    expect(changedFields(supervision, { ...supervision, supervisionType: 'consultation', supervisionFormat: 'group', groupSize: '6' })).toEqual([
      { field: 'supervisionType', from: 'supervision', to: 'consultation' },
      { field: 'supervisionFormat', from: 'individual', to: 'group' },
      { field: 'groupSize', from: null, to: '6' },
    ])
    expect(changedFields({ kind: 'practicum', contact: 'direct' }, { kind: 'practicum', contact: 'indirect' })).toEqual([
      { field: 'contact', from: 'direct', to: 'indirect' },
    ])
  })

  test('nothing changed, or a blank field for an absent one: no changes', () => {
    expect(changedFields(before, { ...before })).toEqual([])
    expect(changedFields({ ...before, notes: '' }, { ...before, notes: undefined })).toEqual([])
  })

  test('a field cleared or filled in', () => {
    expect(changedFields({ setting: 'virtual' }, {})).toEqual([{ field: 'setting', from: 'virtual', to: null }])
    expect(changedFields({}, { route: 'oral' })).toEqual([{ field: 'route', from: null, to: 'oral' }])
  })
})

describe('combineChanges', () => {
  test('each field from its first value to its last', () => {
    expect(
      combineChanges([
        [{ field: 'minutes', from: '90', to: '100' }],
        [
          { field: 'minutes', from: '100', to: '120' },
          { field: 'occurredOn', from: '2026-01-10', to: '2026-01-09' },
        ],
      ]),
    ).toEqual([
      { field: 'occurredOn', from: '2026-01-10', to: '2026-01-09' },
      { field: 'minutes', from: '90', to: '120' },
    ])
  })

  test('a value put back as it was drops out; an edited note stays edited', () => {
    expect(combineChanges([[{ field: 'minutes', from: '90', to: '100' }, { field: 'notes' }], [{ field: 'minutes', from: '100', to: '90' }]])).toEqual([
      { field: 'notes' },
    ])
  })
})

describe('changesSinceReturn', () => {
  const edit = (changes: object[]) => ({ action: 'edit', detail: JSON.stringify({ changes }) })
  test('the edits after the latest return, combined', () => {
    const events = [
      { action: 'create', detail: null },
      edit([{ field: 'minutes', from: '60', to: '90' }]),
      { action: 'submit', detail: null },
      { action: 'return', detail: null },
      edit([{ field: 'minutes', from: '90', to: '100' }]),
      { action: 'submit', detail: null },
      { action: 'return', detail: null },
      edit([{ field: 'minutes', from: '100', to: '120' }]),
      edit([{ field: 'setting', from: 'in_person', to: 'virtual' }]),
    ]
    expect(changesSinceReturn(events)).toEqual([
      { field: 'minutes', from: '100', to: '120' },
      { field: 'setting', from: 'in_person', to: 'virtual' },
    ])
  })

  test('never returned: null; returned and resubmitted unchanged: an empty list', () => {
    expect(
      changesSinceReturn([
        { action: 'create', detail: null },
        { action: 'submit', detail: null },
      ]),
    ).toBeNull()
    expect(changesSinceReturn([{ action: 'return', detail: null }])).toEqual([])
  })
})

describe('eventChanges', () => {
  test('reads a list under its key; anything else is nothing to show', () => {
    expect(eventChanges(JSON.stringify({ changes: [{ field: 'minutes', from: '1', to: '2' }] }), 'changes')).toEqual([{ field: 'minutes', from: '1', to: '2' }])
    expect(eventChanges(JSON.stringify({ before: {}, after: {} }), 'changes')).toBeNull()
    expect(eventChanges('not json', 'changes')).toBeNull()
    expect(eventChanges(null, 'changesSinceReturn')).toBeNull()
  })
})
