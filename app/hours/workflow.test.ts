import { describe, expect, test } from 'vitest'
import type { RecordStatus } from '#db/schema.ts'
import { isEditable, transition, type Standing, type WorkflowAction } from './workflow.ts'

const STANDINGS = {
  owner: { isOwner: true, isAssignedSupervisor: false, isStaff: false },
  'assigned supervisor': { isOwner: false, isAssignedSupervisor: true, isStaff: false },
  staff: { isOwner: false, isAssignedSupervisor: false, isStaff: true },
  // A supervisor who is also a fellow and is assigned to themself: may act on their own record as its owner, never decide it.
  'supervisor who is also the owner': { isOwner: true, isAssignedSupervisor: true, isStaff: false },
  'named co-sitter': { isOwner: false, isAssignedSupervisor: false, isStaff: false, isCoSitter: true },
  // A fellow who named themself as their own co-sitter confirms nothing.
  'owner named as co-sitter': { isOwner: true, isAssignedSupervisor: false, isStaff: false, isCoSitter: true },
} satisfies Record<string, Standing>
type StandingName = keyof typeof STANDINGS

const STATUSES: RecordStatus[] = ['draft', 'submitted', 'approved', 'returned', 'withdrawn']
const ACTIONS: WorkflowAction[] = ['submit', 'edit', 'approve', 'return', 'amend', 'confirm', 'decline', 'withdraw']

/**
 * The whole table, written out by hand (not derived from WORKFLOW): the status a
 * record ends in, or null when the action is refused.
 */
const EXPECTED: Record<WorkflowAction, Record<StandingName, Record<RecordStatus, RecordStatus | null>>> = {
  submit: {
    owner: { draft: 'submitted', submitted: null, approved: null, returned: 'submitted', withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: 'submitted', submitted: null, approved: null, returned: 'submitted', withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: 'submitted', submitted: null, approved: null, returned: 'submitted', withdrawn: null },
  },
  edit: {
    owner: { draft: 'draft', submitted: null, approved: null, returned: 'returned', withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: 'draft', submitted: null, approved: null, returned: 'returned', withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: 'draft', submitted: null, approved: null, returned: 'returned', withdrawn: null },
  },
  approve: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: 'approved', approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
  return: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: 'returned', approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
  amend: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: 'approved', returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
  confirm: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: 'submitted', approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
  decline: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: 'returned', approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
  withdraw: {
    owner: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'assigned supervisor': { draft: null, submitted: null, approved: 'withdrawn', returned: null, withdrawn: null },
    staff: { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'supervisor who is also the owner': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'named co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
    'owner named as co-sitter': { draft: null, submitted: null, approved: null, returned: null, withdrawn: null },
  },
}

const cases = ACTIONS.flatMap((action) =>
  (Object.keys(STANDINGS) as StandingName[]).flatMap((who) => STATUSES.map((status) => ({ action, who, status, to: EXPECTED[action][who][status] }))),
)

describe('transition: every action × status × standing', () => {
  test('the table covers 8 actions × 5 statuses × 6 standings', () => {
    expect(cases).toHaveLength(240)
  })

  test.each(cases)('$action on a $status record by $who → $to', ({ action, who, status, to }) => {
    // A comment/reason is given, so only the actor and status decide here.
    const result = transition(action, status, STANDINGS[who], { comment: 'A comment with the reason.' })
    if (to === null) {
      expect(result.ok).toBe(false)
      expect(result.ok ? '' : result.reason).toMatch(/\S/)
    } else {
      expect(result).toEqual({ ok: true, to })
    }
  })
})

describe('refusal reasons', () => {
  test('a wrong actor is told who may do it', () => {
    expect(transition('approve', 'submitted', STANDINGS.owner)).toEqual({ ok: false, reason: 'Only an assigned supervisor can do that.' })
    expect(transition('approve', 'submitted', STANDINGS['supervisor who is also the owner'])).toEqual({
      ok: false,
      reason: 'Only an assigned supervisor can do that.',
    })
    expect(transition('submit', 'draft', STANDINGS.staff)).toEqual({ ok: false, reason: 'Only the fellow who logged it can do that.' })
    expect(transition('edit', 'draft', STANDINGS['assigned supervisor'])).toEqual({ ok: false, reason: 'Only the fellow who logged it can do that.' })
    expect(transition('amend', 'approved', STANDINGS.owner, { comment: 'x' })).toEqual({ ok: false, reason: 'Only institute staff can do that.' })
  })

  test('an approved record is locked for its owner and its supervisor', () => {
    for (const action of ['submit', 'edit'] as const) {
      expect(transition(action, 'approved', STANDINGS.owner)).toEqual({ ok: false, reason: 'This record is approved and locked.' })
    }
    for (const action of ['approve', 'return'] as const) {
      expect(transition(action, 'approved', STANDINGS['assigned supervisor'], { comment: 'x' })).toEqual({
        ok: false,
        reason: 'This record is approved and locked.',
      })
    }
  })

  test('other statuses say what cannot happen', () => {
    expect(transition('edit', 'submitted', STANDINGS.owner)).toEqual({ ok: false, reason: 'A submitted record cannot be edited.' })
    expect(transition('approve', 'draft', STANDINGS['assigned supervisor'])).toEqual({ ok: false, reason: 'A draft record cannot be approved.' })
    expect(transition('amend', 'returned', STANDINGS.staff, { comment: 'x' })).toEqual({ ok: false, reason: 'A returned record cannot be amended.' })
  })
})

describe('comments and reasons', () => {
  test('returning without a comment is refused (missing, null, empty or blank)', () => {
    for (const comment of [undefined, null, '', '   \n\t']) {
      const result = transition('return', 'submitted', STANDINGS['assigned supervisor'], { comment })
      expect(result).toEqual({ ok: false, reason: 'Say what needs fixing: returning a record requires a comment.' })
    }
    expect(transition('return', 'submitted', STANDINGS['assigned supervisor'])).toMatchObject({ ok: false })
    expect(transition('return', 'submitted', STANDINGS['assigned supervisor'], { comment: 'Add the route.' })).toEqual({ ok: true, to: 'returned' })
  })

  test('amending without a reason is refused', () => {
    for (const comment of [undefined, null, '', '  ']) {
      expect(transition('amend', 'approved', STANDINGS.staff, { comment })).toEqual({ ok: false, reason: 'An amendment requires a reason.' })
    }
    expect(transition('amend', 'approved', STANDINGS.staff)).toMatchObject({ ok: false })
    expect(transition('amend', 'approved', STANDINGS.staff, { comment: 'Date typo.' })).toEqual({ ok: true, to: 'approved' })
  })

  test('withdrawing a group record without a reason is refused', () => {
    for (const comment of [undefined, null, '', '  ']) {
      expect(transition('withdraw', 'approved', STANDINGS['assigned supervisor'], { comment })).toEqual({
        ok: false,
        reason: 'Say why the fellow is removed from the meeting.',
      })
    }
    expect(transition('withdraw', 'approved', STANDINGS['assigned supervisor'], { comment: 'Not there.' })).toEqual({ ok: true, to: 'withdrawn' })
  })

  test('approving needs no comment; submitting and editing need none either', () => {
    expect(transition('approve', 'submitted', STANDINGS['assigned supervisor'])).toEqual({ ok: true, to: 'approved' })
    expect(transition('submit', 'draft', STANDINGS.owner)).toEqual({ ok: true, to: 'submitted' })
    expect(transition('edit', 'returned', STANDINGS.owner)).toEqual({ ok: true, to: 'returned' })
  })
})

test('isEditable: drafts and returned records only', () => {
  expect(STATUSES.filter(isEditable)).toEqual(['draft', 'returned'])
})
