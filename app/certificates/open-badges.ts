import type { CertificateStatus } from './codes.ts'

// Open Badges 3.0 (1EdTech): the certificate as an OpenBadgeCredential that
// wallets and employers' systems can read. Validated in a test against the
// official JSON schema vendored in vendor/openbadges/.

export const OB_CONTEXT = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']
export const INSTITUTE_NAME = 'KAP Fellowship'

export type CredentialInput = {
  origin: string
  code: string
  serial: string
  holderName: string
  issuedAt: string
  expiresAt: string | null
  status: CertificateStatus
  revokedAt: string | null
  program: { slug: string; title: string; summary: string; criteria: string[] }
}

export function credentialUrl(origin: string, code: string) {
  return `${origin}/verify/${code}/credential.json`
}

export function openBadgeCredential(input: CredentialInput) {
  const { origin, code, program } = input
  const statusLine =
    input.status === 'revoked'
      ? ` REVOKED on ${input.revokedAt?.slice(0, 10)}: this credential is no longer valid.`
      : input.status === 'expired'
        ? ` EXPIRED on ${input.expiresAt?.slice(0, 10)}.`
        : ''
  return {
    '@context': OB_CONTEXT,
    id: credentialUrl(origin, code),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${program.title} — ${input.holderName}`,
    description: `${INSTITUTE_NAME} certificate ${input.serial}.${statusLine}`,
    issuer: { id: `${origin}/`, type: ['Profile'], name: INSTITUTE_NAME, url: `${origin}/` },
    issuanceDate: input.issuedAt,
    ...(input.expiresAt ? { expirationDate: input.expiresAt } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', hashed: false, identityHash: input.holderName, identityType: 'name' }],
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
      id: `${origin}/verify/${code}`,
      type: '1EdTechRevocationList',
      statusPurpose: 'revocation',
      status: input.status,
      ...(input.revokedAt ? { revocationDate: input.revokedAt } : {}),
    },
  }
}

/** The program's requirements in words, for the achievement's criteria. */
export function criteriaOf(
  program: {
    courses: string[]
    requires: string[]
    experientialSessions: number
    sitterSessions: number
    practicumHours: number
    supervisionHours: number
  },
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
  ]
}
