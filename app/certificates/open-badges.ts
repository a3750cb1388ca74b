import { categoryCriteria, type CategoryMinimums } from '#app/programs/categories.ts'
import { statusEntryOf, statusListUrl } from './issuer.ts'

// Open Badges 3.0 (1EdTech): the certificate as an AchievementCredential (an OpenBadgeCredential)
// on the Verifiable Credentials Data Model 2.0, which wallets, employers and licensing boards
// verify without asking us: signed by the institute's key (credentials.server.ts), revocation
// published as a Bitstring Status List. Validated in tests against the official JSON schema
// vendored in vendor/openbadges/, and verified there with the signing library's own verifier.

export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2'
export const OB_V3_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'
/**
 * The official OB 3.0 schema still requires `issuanceDate` (VC 1.1's name for what VC 2.0 calls
 * `validFrom`), and neither context above defines the term. Both carry the same instant; this
 * one line of context gives `issuanceDate` its VC 1.1 meaning, so the document is valid JSON-LD
 * (signing refuses undefined terms) and valid against the schema.
 */
export const ISSUANCE_DATE_TERM = {
  issuanceDate: { '@id': 'https://www.w3.org/2018/credentials#issuanceDate', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' },
}
export const OB_CONTEXT = [VC_V2_CONTEXT, OB_V3_CONTEXT, ISSUANCE_DATE_TERM]
export const INSTITUTE_NAME = 'KAP Fellowship'

export type CredentialInput = {
  origin: string
  /** The institute's did:web identifier (issuer.ts). */
  issuerDid: string
  certificateId: number
  code: string
  serial: string
  /** The holder as a salted SHA-256 of their email address (identityHashOf), never their name. */
  identity: { hash: string; salt: string }
  issuedAt: string
  expiresAt: string | null
  program: { slug: string; title: string; summary: string; criteria: string[] }
}

export function credentialUrl(origin: string, code: string) {
  return `${origin}/verify/${code}/credential.json`
}

/**
 * The unsigned credential. It states only what never changes once issued (whether the
 * certificate is revoked lives in the status list its `credentialStatus` points to), so the
 * same certificate always yields the same document.
 */
export function openBadgeCredential(input: CredentialInput) {
  const { origin, code, program } = input
  const { list, index } = statusEntryOf(input.certificateId)
  const listUrl = statusListUrl(origin, list)
  return {
    '@context': OB_CONTEXT,
    id: credentialUrl(origin, code),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: program.title,
    description: `${INSTITUTE_NAME} certificate ${input.serial}.`,
    issuer: { id: input.issuerDid, type: ['Profile'], name: INSTITUTE_NAME, url: `${origin}/` },
    validFrom: input.issuedAt,
    issuanceDate: input.issuedAt,
    ...(input.expiresAt ? { validUntil: input.expiresAt } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: input.identity.hash, salt: input.identity.salt }],
      achievement: {
        id: `${origin}/programs/${program.slug}`,
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: program.title,
        description: program.summary,
        criteria: { narrative: program.criteria.map((c) => `- ${c}`).join('\n') },
      },
    },
    credentialStatus: {
      id: `${listUrl}#${index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(index),
      statusListCredential: listUrl,
    },
  }
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>

/** The program's requirements in words, for the achievement's criteria. */
export function criteriaOf(
  program: {
    courses: string[]
    requires: string[]
    experientialSessions: number
    sitterSessions: number
    practicumHours: number
    supervisionHours: number
    requiresFinalEvaluation?: boolean
  } & CategoryMinimums,
  titleOf: (slug: string) => string,
) {
  return [
    ...program.requires.map((slug) => `Completion of ${titleOf(slug)}`),
    ...program.courses.map((slug) => `Every lesson and knowledge check of the ${titleOf(slug)} course`),
    ...(program.experientialSessions
      ? [`${program.experientialSessions} supervisor-approved experiential sessions, each under a valid medical clearance`]
      : []),
    ...(program.sitterSessions ? [`${program.sitterSessions} supervisor-approved sitter sessions`] : []),
    ...(program.practicumHours ? [`At least ${program.practicumHours} supervisor-approved practicum hours`] : []),
    ...(program.supervisionHours ? [`At least ${program.supervisionHours} approved hours of supervision or consultation`] : []),
    ...categoryCriteria(program),
    ...(program.requiresFinalEvaluation
      ? ['A passing final competency evaluation, signed by a supervisor (every competency at the passing rating or above)']
      : []),
  ]
}

export type SummaryCredentialInput = {
  origin: string
  issuerDid: string
  code: string
  identity: { hash: string; salt: string }
  generatedAt: string
  /** The category lines of the summary (categoryLines in app/summaries/summary.ts), each with its hours and records. */
  results: { section: string; label: string; count: number; minutes: number }[]
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

/**
 * A practicum summary as a signed Open Badges 3.0 credential: the achievement is the practicum
 * as the summary counted it on the day, with one result per category licensing boards count
 * (hours and records). A summary is never revoked, only superseded by a newer one (its verify page
 * says which), so it carries no status entry.
 */
export function summaryCredential(input: SummaryCredentialInput) {
  const achievementId = `${input.origin}/verify/summary/${input.code}#practicum`
  const described = input.results.map((r) => ({ ...r, id: `${achievementId}-${slugOf(`${r.section} ${r.label}`)}` }))
  return {
    '@context': OB_CONTEXT,
    id: `${input.origin}/verify/summary/${input.code}/credential.json`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Practicum summary',
    description: `${INSTITUTE_NAME} practicum summary: supervisor-approved hours by the categories licensing boards count, as of ${input.generatedAt.slice(0, 10)}.`,
    issuer: { id: input.issuerDid, type: ['Profile'], name: INSTITUTE_NAME, url: `${input.origin}/` },
    validFrom: input.generatedAt,
    issuanceDate: input.generatedAt,
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: input.identity.hash, salt: input.identity.salt }],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        name: 'KAP practicum',
        description: 'Practicum, supervision and sitter work approved by the fellow’s supervisors, counted by category.',
        criteria: { narrative: 'Each hour counted here is from a record a supervisor with a verified license approved and signed.' },
        resultDescription: described.map((r) => ({ id: r.id, type: ['ResultDescription'], name: `${r.section}: ${r.label}`, resultType: 'Result' })),
      },
      result: described.map((r) => ({
        type: ['Result'],
        resultDescription: r.id,
        value: `${Math.round((r.minutes / 60) * 100) / 100} h in ${r.count} record${r.count === 1 ? '' : 's'}`,
      })),
    },
  }
}
