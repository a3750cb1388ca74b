/** What staff's verification leaves on a supervisor's row: a license that may sign approvals until 2099. */
export const VERIFIED = {
  license_expires_on: '2099-12-31',
  license_status: 'verified',
  license_checked_at: '2026-01-05T09:00:00.000Z',
  license_check_note: 'state board lookup',
} as const
