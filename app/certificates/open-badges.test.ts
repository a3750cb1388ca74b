import fs from 'node:fs'
import path from 'node:path'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, test } from 'vitest'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { certificateStatus, expiryFor } from './codes.ts'
import { credentialUrl, criteriaOf, INSTITUTE_NAME, OB_CONTEXT, openBadgeCredential, type CredentialInput } from './open-badges.ts'

// The official Open Badges 3.0 AchievementCredential schema, vendored byte-for-byte.
const SCHEMA_PATH = path.resolve('vendor/openbadges/ob_v3p0_achievementcredential_schema.json')

let validate: ReturnType<InstanceType<typeof Ajv2019>['compile']>
beforeAll(() => {
  const ajv = new Ajv2019({ strict: false, allErrors: true })
  addFormats(ajv)
  validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')))
})

function expectValid(doc: unknown) {
  const ok = validate(doc)
  expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([])
  expect(ok).toBe(true)
}

const ORIGIN = 'https://kap.example'
const CODE = 'abcdefghijklmnopqrstuvwxyz'
const ISSUED = '2026-03-15T10:00:00.000Z'
const catalog = loadCatalog()
const titleOf = (slug: string) => catalog.program(slug)?.title ?? catalog.course(slug)?.title ?? slug
const fellowship = catalog.program('practitioner-fellowship')!

function input(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    origin: ORIGIN,
    code: CODE,
    serial: 'KAP-2026-000042',
    holderName: 'Zoë Fellow',
    issuedAt: ISSUED,
    expiresAt: expiryFor(new Date(ISSUED), fellowship.validityMonths),
    status: 'valid',
    revokedAt: null,
    program: { slug: fellowship.slug, title: fellowship.title, summary: fellowship.summary, criteria: criteriaOf(fellowship, titleOf) },
    ...overrides,
  }
}

describe('the OpenBadgeCredential document', () => {
  test('the schema is the real one, and it rejects a broken document (the check is not vacuous)', () => {
    const doc = openBadgeCredential(input())
    const { issuer: _issuer, ...withoutIssuer } = doc
    expect(validate(withoutIssuer)).toBe(false)
    expect(validate({ ...doc, issuanceDate: '15 March 2026' })).toBe(false)
    expect(
      validate({
        ...doc,
        credentialSubject: { ...doc.credentialSubject, achievement: { ...doc.credentialSubject.achievement, criteria: undefined, description: undefined } },
      }),
    ).toBe(false)
    expect(
      validate({
        ...doc,
        credentialSubject: { ...doc.credentialSubject, identifier: [{ type: 'IdentityObject', hashed: 'no', identityHash: 'x', identityType: 'name' }] },
      }),
    ).toBe(false)
  })

  test('a valid certificate validates against the official schema, with every required field', () => {
    const doc = openBadgeCredential(input())
    expectValid(doc)
    expect(doc['@context']).toEqual(OB_CONTEXT)
    expect(doc['@context'][0]).toBe('https://www.w3.org/2018/credentials/v1')
    expect(doc.id).toBe(`${ORIGIN}/verify/${CODE}/credential.json`)
    expect(doc.id).toBe(credentialUrl(ORIGIN, CODE))
    expect(doc.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']))
    expect(doc.name).toBe('Psychedelic Practitioner Fellowship — Zoë Fellow')
    expect(doc.issuer).toEqual({ id: `${ORIGIN}/`, type: ['Profile'], name: INSTITUTE_NAME, url: `${ORIGIN}/` })
    expect(doc.issuanceDate).toBe(ISSUED)
    expect(doc.expirationDate).toBe('2028-03-15T10:00:00.000Z')
    expect(doc.description).toBe('KAP Fellowship certificate KAP-2026-000042.')
    expect(doc.credentialSubject.type).toContain('AchievementSubject')
    expect(doc.credentialSubject.identifier).toEqual([{ type: 'IdentityObject', hashed: false, identityHash: 'Zoë Fellow', identityType: 'name' }])
    expect(doc.credentialSubject.achievement).toMatchObject({
      id: `${ORIGIN}/programs/practitioner-fellowship`,
      type: ['Achievement'],
      achievementType: 'Certificate',
      name: 'Psychedelic Practitioner Fellowship',
      description: fellowship.summary,
    })
    expect(doc.credentialSubject.achievement.criteria.narrative).toContain('- At least 40 supervisor-approved practicum hours')
    expect(doc.credentialStatus).toEqual({ id: `${ORIGIN}/verify/${CODE}`, type: '1EdTechRevocationList', statusPurpose: 'revocation', status: 'valid' })
    // A valid certificate's document does not claim otherwise.
    expect(JSON.stringify(doc)).not.toMatch(/REVOKED|EXPIRED/)
  })

  test('an expired certificate validates and says it expired, in its status and its description', () => {
    const issuedAt = '2023-01-31T09:00:00.000Z'
    const expiresAt = expiryFor(new Date(issuedAt), 24)!
    expect(expiresAt).toBe('2025-01-31T09:00:00.000Z')
    const status = certificateStatus({ revoked_at: null, expires_at: expiresAt }, new Date('2026-01-01T00:00:00.000Z'))
    expect(status).toBe('expired')
    const doc = openBadgeCredential(input({ issuedAt, expiresAt, status }))
    expectValid(doc)
    expect(doc.credentialStatus.status).toBe('expired')
    expect(doc.credentialStatus).not.toHaveProperty('revocationDate')
    expect(doc.description).toBe('KAP Fellowship certificate KAP-2026-000042. EXPIRED on 2025-01-31.')
    expect(doc.expirationDate).toBe(expiresAt)
    expect(doc.issuanceDate).toBe(issuedAt)
  })

  test('a revoked certificate validates and says it was revoked, with the date, in its status and its description', () => {
    const revokedAt = '2026-05-02T08:30:00.000Z'
    const doc = openBadgeCredential(input({ status: 'revoked', revokedAt }))
    expectValid(doc)
    expect(doc.credentialStatus).toMatchObject({ status: 'revoked', revocationDate: revokedAt, statusPurpose: 'revocation' })
    expect(doc.description).toBe('KAP Fellowship certificate KAP-2026-000042. REVOKED on 2026-05-02: this credential is no longer valid.')
    expect(doc.description).not.toContain('EXPIRED')
  })

  test('revoked wins over expired, as on the verify page', () => {
    const revokedAt = '2024-06-01T00:00:00.000Z'
    const expiresAt = '2025-01-01T00:00:00.000Z'
    const status = certificateStatus({ revoked_at: revokedAt, expires_at: expiresAt })
    const doc = openBadgeCredential(input({ status, revokedAt, expiresAt }))
    expectValid(doc)
    expect(doc.credentialStatus.status).toBe('revoked')
    expect(doc.description).toContain('REVOKED on 2024-06-01')
    expect(doc.description).not.toContain('EXPIRED')
  })

  test('a certificate that never expires has no expirationDate, and validates', () => {
    const intro = catalog.program('introductory-kap')!
    const doc = openBadgeCredential(
      input({
        expiresAt: expiryFor(new Date(ISSUED), intro.validityMonths),
        program: { slug: intro.slug, title: intro.title, summary: intro.summary, criteria: criteriaOf(intro, titleOf) },
      }),
    )
    expectValid(doc)
    expect(doc).not.toHaveProperty('expirationDate')
    expect(doc.credentialSubject.achievement.criteria.narrative).toBe('- Every lesson and knowledge check of the Introductory KAP course')
  })

  test('every program of the catalogue yields a valid document with a non-empty criteria narrative', () => {
    for (const program of catalog.programs) {
      const doc = openBadgeCredential(
        input({ program: { slug: program.slug, title: program.title, summary: program.summary, criteria: criteriaOf(program, titleOf) } }),
      )
      expectValid(doc)
      expect(doc.credentialSubject.achievement.criteria.narrative.length, program.slug).toBeGreaterThan(0)
    }
  })

  test('holder names with quotes, accents and markup stay plain strings in valid JSON', () => {
    const holderName = 'Siobhán "Shiv" O\'Brien <b>&amp;</b>'
    const doc = JSON.parse(JSON.stringify(openBadgeCredential(input({ holderName }))))
    expectValid(doc)
    expect(doc.credentialSubject.identifier[0].identityHash).toBe(holderName)
    expect(doc.name).toBe(`Psychedelic Practitioner Fellowship — ${holderName}`)
  })
})

describe('criteriaOf', () => {
  test('the fellowship: prerequisites by title, then practicum and supervision hours', () => {
    expect(criteriaOf(fellowship, titleOf)).toEqual([
      'Completion of Introductory KAP',
      'Completion of Advanced KAP',
      'Completion of KAP experiential training',
      'At least 40 supervisor-approved practicum hours',
      'At least 12 approved hours of supervision or consultation',
    ])
  })

  test('the experiential training: sessions, with the medical clearance', () => {
    expect(criteriaOf(catalog.program('kap-experiential')!, titleOf)).toEqual([
      '12 supervisor-approved experiential sessions, each under a valid medical clearance',
      '12 supervisor-approved sitter sessions',
    ])
  })

  test('course-based programs: prerequisites, then every lesson and knowledge check of the course', () => {
    expect(criteriaOf(catalog.program('advanced-kap')!, titleOf)).toEqual([
      'Completion of Introductory KAP',
      'Every lesson and knowledge check of the Advanced KAP course',
    ])
  })

  test('zero counts are left out; every requirement is worded, in order', () => {
    const program = { courses: ['c1', 'c2'], requires: ['p1'], experientialSessions: 3, sitterSessions: 0, practicumHours: 0, supervisionHours: 2.5 }
    const names: Record<string, string> = { c1: 'Course One', c2: 'Course Two', p1: 'Program One' }
    expect(criteriaOf(program, (slug) => names[slug] ?? slug)).toEqual([
      'Completion of Program One',
      'Every lesson and knowledge check of the Course One course',
      'Every lesson and knowledge check of the Course Two course',
      '3 supervisor-approved experiential sessions, each under a valid medical clearance',
      'At least 2.5 approved hours of supervision or consultation',
    ])
    expect(criteriaOf({ courses: [], requires: [], experientialSessions: 0, sitterSessions: 0, practicumHours: 0, supervisionHours: 0 }, titleOf)).toEqual([])
  })
})
