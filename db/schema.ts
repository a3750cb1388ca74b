import type { Generated, Insertable, Selectable } from 'kysely'

// Dates and times are ISO-8601 text (UTC instants, or YYYY-MM-DD for calendar
// dates); booleans are 0/1 — better-sqlite3 binds neither Date nor boolean.

export const ROLES = ['trainee', 'fellow', 'supervisor', 'staff'] as const
export type Role = (typeof ROLES)[number]

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  active: Generated<number>
  created_at: string
}

export interface RolesTable {
  name: Role
  label: string
  position: number
}

export interface UserRolesTable {
  user_id: number
  role: Role
}

export interface SessionsTable {
  id: string
  user_id: number
  expires_at: string
  created_at: string
  last_seen_at: string
  user_agent: string | null
}

export interface InvitationsTable {
  id: Generated<number>
  token_hash: string
  email: string
  /** comma-separated roles */
  roles: string
  invited_by: number | null
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface PasswordResetsTable {
  id: Generated<number>
  token_hash: string
  user_id: number
  expires_at: string
  used_at: string | null
  created_at: string
}

export interface OutboxTable {
  id: Generated<number>
  to_address: string
  subject: string
  body: string
  created_at: string
  sent_at: string | null
  error: string | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor_id: number | null
  action: string
  subject: string | null
  detail: string | null
  ip: string | null
}

export interface QuizAttemptsTable {
  id: Generated<number>
  user_id: number
  course_slug: string
  lesson_slug: string
  correct: number
  total: number
  score: number
  passed: number
  /** JSON: the chosen choice indexes per question */
  answers: string
  created_at: string
}

export interface LessonProgressTable {
  user_id: number
  course_slug: string
  lesson_slug: string
  best_score: number
  attempts: number
  completed_at: string | null
  last_attempt_at: string
}

export interface DB {
  users: UsersTable
  roles: RolesTable
  user_roles: UserRolesTable
  sessions: SessionsTable
  invitations: InvitationsTable
  password_resets: PasswordResetsTable
  outbox: OutboxTable
  audit_log: AuditLogTable
  quiz_attempts: QuizAttemptsTable
  lesson_progress: LessonProgressTable
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Session = Selectable<SessionsTable>
