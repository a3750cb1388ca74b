import type { Generated, Insertable, Selectable } from 'kysely'

// Dates and times are ISO-8601 text (UTC instants, or YYYY-MM-DD for calendar
// dates); booleans are 0/1 — better-sqlite3 binds neither Date nor boolean.

export const ROLES = ['trainee', 'fellow', 'supervisor', 'staff'] as const
export type Role = (typeof ROLES)[number]

export const LICENSE_STATUSES = ['unverified', 'verified', 'lapsed'] as const
export type LicenseStatus = (typeof LICENSE_STATUSES)[number]

export interface UsersTable {
  id: Generated<number>
  email: string
  name: string
  password_hash: string
  active: Generated<number>
  created_at: string
  license_type: string | null
  license_number: string | null
  license_state: string | null
  license_expires_on: string | null
  license_status: Generated<LicenseStatus>
  /** When staff last verified the license or found it lapsed, who, and how ("state board lookup") or why. */
  license_checked_at: string | null
  license_checked_by: number | null
  license_check_note: string | null
  digest_opt_out: Generated<number>
  /** How often notifications are mailed: 'immediate' | 'hourly' | 'daily'; null: the default for the person's roles (app/notifications/preferences.ts) */
  notify_mail: NotifyMail | null
  /** When the person's last hourly or daily summary of notifications went out */
  notify_summary_at: string | null
  /** IANA zone (Europe/Berlin) the person reads dates and times in; null: the institute's (INSTITUTE_TIME_ZONE). */
  time_zone: string | null
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
  /** When the holder last proved who they are with the password after signing in (null: only at sign-in, created_at) */
  authenticated_at: string | null
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

export const RECORD_KINDS = ['experiential', 'sitter', 'practicum', 'supervision'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]
/** `withdrawn`: a group supervision record of a fellow marked present by mistake, taken back by the supervisor; nothing counts it. */
export const RECORD_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'withdrawn'] as const
export type RecordStatus = (typeof RECORD_STATUSES)[number]

export interface SupervisorAssignmentsTable {
  fellow_id: number
  supervisor_id: number
  assigned_at: string
  assigned_by: number | null
}

export interface MedicalClearancesTable {
  id: Generated<number>
  fellow_id: number
  granted_on: string
  expires_on: string
  clinician: string
  recorded_by: number
  recorded_at: string
  ended_on: string | null
  ended_by: number | null
  end_reason: string | null
}

export interface RecordsTable {
  id: Generated<number>
  fellow_id: number
  kind: RecordKind
  status: RecordStatus
  version: Generated<number>
  occurred_on: string
  minutes: number
  setting: 'in_person' | 'virtual'
  route: string | null
  medical_team: string | null
  preparation_notes: string | null
  integration_notes: string | null
  participant_code: string | null
  sitter_role: string | null
  phase: string | null
  client_code: string | null
  supervision_format: string | null
  supervisor_name: string | null
  /** supervision records: supervision or consultation (counted apart), and a group's size */
  supervision_type: 'supervision' | 'consultation' | null
  group_size: number | null
  /** practicum records: direct client contact or indirect work */
  practicum_contact: 'direct' | 'indirect' | null
  /** sitter records: clock times (HH:MM; an end before the start is the next day) and the co-sitter who confirms the record */
  started_at: string | null
  ended_at: string | null
  co_sitter_id: number | null
  co_sitter_confirmed_at: string | null
  notes: string | null
  submitted_at: string | null
  decided_at: string | null
  decided_by: number | null
  return_comment: string | null
  approver_name: string | null
  approver_license_type: string | null
  approver_license_number: string | null
  approver_license_state: string | null
  approver_license_expires_on: string | null
  approver_license_verified_at: string | null
  /** The signature an approval is: the statement signed (version, sha256), the name typed, and the sha256 of the record's content as signed */
  attestation_version: string | null
  attestation_sha256: string | null
  signed_name: string | null
  signed_content_sha256: string | null
  created_at: string
  updated_at: string
}

export interface RecordEventsTable {
  id: Generated<number>
  record_id: number
  actor_id: number
  action: string
  from_status: RecordStatus | null
  to_status: RecordStatus
  comment: string | null
  detail: string | null
  at: string
}

export interface CohortsTable {
  id: Generated<number>
  name: string
  starts_on: string
  created_by: number | null
  created_at: string
}

export interface CohortMembersTable {
  cohort_id: number
  user_id: number
  added_at: string
}

export interface CertificatesTable {
  id: Generated<number>
  serial: string
  code: string
  user_id: number
  program_slug: string
  program_title: string
  holder_name: string
  issued_at: string
  issued_by: number
  issuer_name: string
  /** JSON snapshot of the requirements met at issue */
  requirements: string
  expires_at: string | null
  revoked_at: string | null
  revoked_by: number | null
  revocation_reason: string | null
  reason_public: Generated<number>
}

export interface PracticumSummariesTable {
  id: Generated<number>
  code: string
  user_id: number
  generated_by: number
  generated_at: string
  holder_name: string
  content: string
}

export interface DigestLogTable {
  user_id: number
  day: string
  sent_at: string
}

export interface ThrottleCountersTable {
  key: string
  count: number
  last_at: string
}

export interface JobLeasesTable {
  name: string
  holder: string
  expires_at: string
}

export interface DocumentsTable {
  id: Generated<number>
  owner_id: number
  kind: 'clearance_letter' | 'license_proof' | 'record_attachment'
  clearance_id: number | null
  record_id: number | null
  /** Decided from the bytes: 'application/pdf' | 'image/png' | 'image/jpeg' */
  content_type: string
  size: number
  /** hex SHA-256 of `content` */
  sha256: string
  /** As the uploader named the file, made safe for a Content-Disposition header */
  original_name: string
  content: Buffer
  uploaded_by: number
  uploaded_at: string
}

/** The institute's credential signing keys (Ed25519 Multikey); the newest signs, all stay published. */
export interface IssuerKeysTable {
  id: Generated<number>
  public_key_multibase: string
  secret_key_multibase: string
  created_at: string
}

/** One per fellow and supervisor: the answers to content/agreements/learning-agreement.md and both signatures over them. */
export interface LearningAgreementsTable {
  id: Generated<number>
  fellow_id: number
  supervisor_id: number
  template_version: string
  template_sha256: string
  /** JSON: { fieldKey: answer } */
  answers: string
  version: Generated<number>
  created_at: string
  updated_at: string
  updated_by: number
  signed_content_sha256: string | null
  fellow_signed_name: string | null
  fellow_signed_at: string | null
  supervisor_signed_name: string | null
  supervisor_signed_at: string | null
}

export const EVALUATION_STAGES = ['midpoint', 'final'] as const
export type EvaluationStage = (typeof EVALUATION_STAGES)[number]

/** A supervisor's evaluation of a fellow against content/rubrics/kap-competencies.md. */
export interface CompetencyEvaluationsTable {
  id: Generated<number>
  fellow_id: number
  supervisor_id: number
  stage: EvaluationStage
  rubric_version: string
  rubric_sha256: string
  /** JSON: { competencyKey: { rating, comment } } */
  ratings: string
  /** 0/1 once signed: every competency at or above the passing rating */
  passed: number | null
  version: Generated<number>
  created_at: string
  updated_at: string
  signed_name: string | null
  signed_at: string | null
  signed_content_sha256: string | null
  acknowledged_at: string | null
  fellow_response: string | null
}

export const PLANNED_KINDS = ['experiential', 'sitter', 'practicum', 'meeting'] as const
export type PlannedKind = (typeof PLANNED_KINDS)[number]

/** A session a fellow plans, or a supervision meeting (with its attendees); a past session becomes a draft record once (record_id). */
export interface PlannedItemsTable {
  id: Generated<number>
  owner_id: number
  kind: PlannedKind
  /** The instant it starts (ISO-8601 UTC), and the IANA zone its date and time were typed in */
  starts_at: string
  time_zone: string
  minutes: number
  /** starts_at + minutes */
  ends_at: string
  setting: 'in_person' | 'virtual'
  /** sitter: participant code; practicum: client code — never in a feed */
  participant_code: string | null
  co_sitter_id: number | null
  /** meetings: the topic — never in a feed */
  note: string | null
  version: Generated<number>
  cancelled_at: string | null
  record_id: number | null
  created_at: string
  updated_at: string
}

export interface PlannedItemAttendeesTable {
  item_id: number
  user_id: number
}

/** A person's secret iCalendar feed URL: only its token's SHA-256. */
export interface CalendarFeedsTable {
  user_id: number
  token_hash: string
  created_at: string
}

export const NOTIFY_MAIL = ['immediate', 'hourly', 'daily'] as const
export type NotifyMail = (typeof NOTIFY_MAIL)[number]

/** What happened to a person, for their notification list and their mail (per event or in a summary). */
export interface NotificationsTable {
  id: Generated<number>
  user_id: number
  kind: string
  /** JSON: what the text was made from */
  params: string
  text: string
  /** Where the thing is: a path inside the app */
  link: string
  /** Set by jobs that must not write the same notification twice (a license reminder per day) */
  dedupe_key: string | null
  created_at: string
  read_at: string | null
  mailed_at: string | null
}

/** A group supervision meeting a supervisor recorded once for everyone present. */
export interface GroupMeetingsTable {
  id: Generated<number>
  supervisor_id: number
  occurred_on: string
  minutes: number
  setting: 'in_person' | 'virtual'
  topic: string
  created_at: string
}

/** Each attendee's signed supervision record of a group meeting. */
export interface GroupMeetingRecordsTable {
  meeting_id: number
  record_id: number
}

/** The thread on a record between the fellow and their supervisors (append-only). */
export interface RecordCommentsTable {
  id: Generated<number>
  record_id: number
  author_id: number
  body: string
  created_at: string
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
  supervisor_assignments: SupervisorAssignmentsTable
  medical_clearances: MedicalClearancesTable
  records: RecordsTable
  record_events: RecordEventsTable
  cohorts: CohortsTable
  cohort_members: CohortMembersTable
  certificates: CertificatesTable
  practicum_summaries: PracticumSummariesTable
  digest_log: DigestLogTable
  throttle_counters: ThrottleCountersTable
  job_leases: JobLeasesTable
  documents: DocumentsTable
  issuer_keys: IssuerKeysTable
  notifications: NotificationsTable
  planned_items: PlannedItemsTable
  planned_item_attendees: PlannedItemAttendeesTable
  calendar_feeds: CalendarFeedsTable
  learning_agreements: LearningAgreementsTable
  competency_evaluations: CompetencyEvaluationsTable
  group_meetings: GroupMeetingsTable
  group_meeting_records: GroupMeetingRecordsTable
  record_comments: RecordCommentsTable
}

export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type Session = Selectable<SessionsTable>
export type HoursRecord = Selectable<RecordsTable>
export type RecordEvent = Selectable<RecordEventsTable>
export type MedicalClearance = Selectable<MedicalClearancesTable>
export type Certificate = Selectable<CertificatesTable>
