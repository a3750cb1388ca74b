import { createHash } from 'node:crypto'
import { verifyPassword } from '#app/auth/password.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { readSessionToken } from '#app/auth/session.server.ts'
import { hashToken } from '#app/auth/tokens.ts'
import { getCatalog, type Attestation } from '#app/curriculum/content.server.ts'
import type { HoursRecord } from '#db/schema.ts'
import { db, nowIso } from '#app/db.server.ts'
import { todayIn } from '#app/utils/dates.ts'
import { instituteTimeZone } from '#app/utils/time-zone.server.ts'
import { fail, type Failure } from '#app/utils/result.ts'
import { passwordNeeded, signatureMatches, signedContentText, type SignedContent } from './signature.ts'

/** The statement in force today (the institute's day): the latest whose effective date has come. */
export function currentAttestation(today = todayIn(instituteTimeZone())): Attestation {
  const { attestations } = getCatalog()
  return attestations.filter((a) => a.effective <= today).at(-1) ?? attestations[0]!
}

/** The statement a signature names, to show what was signed (null if that version's file is gone). */
export function attestationByVersion(version: string | null) {
  return getCatalog().attestations.find((a) => a.version === version) ?? null
}

async function sessionOf(request: Request) {
  const token = await readSessionToken(request)
  if (!token) return null
  return db.selectFrom('sessions').select(['id', 'created_at', 'authenticated_at']).where('id', '=', hashToken(token)).executeTakeFirst()
}

/** What the approval form asks for: the statement to sign, and whether the password is asked again. */
export async function signOffForm(request: Request) {
  const session = await sessionOf(request)
  const attestation = currentAttestation()
  return {
    attestation: { version: attestation.version, title: attestation.title, text: attestation.text },
    passwordNeeded: !session || passwordNeeded(session.authenticated_at ?? session.created_at, new Date()),
  }
}

export type SignOff = { attestationVersion: string; attestationSha256: string; signedName: string }

/**
 * Checks a signature before anything is written: the typed name is the supervisor's, and the
 * password when the sign-in is older than 30 minutes (a correct one renews the session's proof).
 * The statement must be the one shown: a page left open across a new version is refused.
 */
export async function checkSignOff(
  request: Request,
  user: SessionUser,
  input: { signature?: string | null; password?: string | null; attestationVersion?: string | null },
): Promise<SignOff | Failure> {
  const attestation = currentAttestation()
  if (input.attestationVersion !== attestation.version) {
    return fail('form', 'The attestation has changed since this page was opened. Read the current statement below and sign again.')
  }
  if (!input.signature || !signatureMatches(input.signature, user.name)) {
    return fail('signature', `Type your full name as on your license (${user.name}) to sign.`)
  }
  const session = await sessionOf(request)
  if (!session || passwordNeeded(session.authenticated_at ?? session.created_at, new Date())) {
    const { password_hash } = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
    if (!input.password) return fail('password', 'You signed in more than 30 minutes ago: enter your password to sign.')
    if (!(await verifyPassword(password_hash, input.password))) return fail('password', 'That password is not right. Enter your password to sign.')
    if (session) await db.updateTable('sessions').set({ authenticated_at: nowIso() }).where('id', '=', session.id).execute()
  }
  return { attestationVersion: attestation.version, attestationSha256: attestation.sha256, signedName: input.signature.trim() }
}

/** sha256 of the record's content as signed (see signedContentText). */
export function signedContentSha256(record: SignedContent) {
  return createHash('sha256').update(signedContentText(record)).digest('hex')
}

/** What a record page shows about its approval: who signed what, when, and whether the record changed since. */
export function signatureOf(record: HoursRecord) {
  if (record.status !== 'approved' || !record.approver_name) return null
  const attestation = attestationByVersion(record.attestation_version)
  return {
    approverName: record.approver_name,
    signedName: record.signed_name,
    signedAt: record.decided_at,
    license: {
      type: record.approver_license_type,
      number: record.approver_license_number,
      jurisdiction: record.approver_license_state,
      expiresOn: record.approver_license_expires_on,
      verifiedAt: record.approver_license_verified_at,
    },
    attestation: record.attestation_version
      ? {
          version: record.attestation_version,
          title: attestation?.title ?? 'Supervisor’s attestation',
          sha256: record.attestation_sha256,
          text: attestation?.text ?? null,
        }
      : null,
    // An amendment after signing changes the content: the signature then covers the version before it.
    coversCurrentContent: record.signed_content_sha256 ? record.signed_content_sha256 === signedContentSha256(record) : null,
  }
}

export type SignatureView = NonNullable<ReturnType<typeof signatureOf>>
