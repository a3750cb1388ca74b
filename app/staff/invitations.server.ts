import { db, nowIso } from '#app/db.server.ts'

export type InvitationState = 'pending' | 'accepted' | 'expired'

export async function recentInvitations(limit = 20) {
  const rows = await db
    .selectFrom('invitations')
    .leftJoin('users as inviter', 'inviter.id', 'invitations.invited_by')
    .select([
      'invitations.id',
      'invitations.email',
      'invitations.roles',
      'invitations.created_at',
      'invitations.expires_at',
      'invitations.used_at',
      'inviter.name as invited_by',
    ])
    .orderBy('invitations.id', 'desc')
    .limit(limit)
    .execute()
  const now = nowIso()
  return rows.map((row) => ({
    ...row,
    state: (row.used_at ? 'accepted' : row.expires_at <= now ? 'expired' : 'pending') as InvitationState,
  }))
}
