import fs from 'node:fs'
import path from 'node:path'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, test } from 'vitest'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { expiryFor } from './codes.ts'
import { didDocument, didWebFor, idsInList, STATUS_LIST_LENGTH, statusEntryOf } from './issuer.ts'
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
const DID = 'did:web:kap.example'
const CODE = 'abcdefghijklmnopqrstuvwxyz'
const ISSUED = '2026-03-15T10:00:00.000Z'
const IDENTITY = { hash: `sha256$${'ab'.repeat(32)}`, salt: '0123456789abcdef0123456789abcdef' }
const catalog = loadCatalog()
const titleOf = (slug: string) => catalog.program(slug)?.title ?? catalog.course(slug)?.title ?? slug
const fellowship = catalog.program('practitioner-fellowship')!

function input(overrides: Partial<CredentialInput> = {}): CredentialInput {
  return {
    origin: ORIGIN,
    issuerDid: DID,
    certificateId: 42,
    code: CODE,
    serial: 'KAP-2026-000042',
    identity: IDENTITY,
    issuedAt: ISSUED,
    expiresAt: expiryFor(new Date(ISSUED), fellowship.validityMonths),
    program: { slug: fellowship.slug, title: fellowship.title, summary: fellowship.summary, criteria: criteriaOf(fellowship, titleOf) },
    ...overrides,
  }
}

describe('the AchievementCredential document (unsigned; tests/integration/credentials.test.ts signs and verifies it)', () => {
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

  test('a certificate validates against the official schema, on the VC 2.0 and OB 3.0.3 contexts, with every required field', () => {
    const doc = openBadgeCredential(input())
    expectValid(doc)
    expect(doc['@context']).toEqual(OB_CONTEXT)
    expect(doc['@context'].slice(0, 2)).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'])
    expect(doc.id).toBe(`${ORIGIN}/verify/${CODE}/credential.json`)
    expect(doc.id).toBe(credentialUrl(ORIGIN, CODE))
    expect(doc.type).toEqual(expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']))
    expect(doc.name).toBe('Psychedelic Practitioner Fellowship')
    expect(doc.issuer).toEqual({ id: DID, type: ['Profile'], name: INSTITUTE_NAME, url: `${ORIGIN}/` })
    expect(doc.validFrom).toBe(ISSUED)
    expect(doc.issuanceDate).toBe(ISSUED)
    expect(doc.validUntil).toBe('2028-03-15T10:00:00.000Z')
    expect(doc).not.toHaveProperty('expirationDate')
    expect(doc.description).toBe('KAP Fellowship certificate KAP-2026-000042.')
    expect(doc.credentialSubject.type).toContain('AchievementSubject')
    expect(doc.credentialSubject.identifier).toEqual([
      { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, ...{ identityHash: IDENTITY.hash, salt: IDENTITY.salt } },
    ])
    expect(doc.credentialSubject.achievement).toMatchObject({
      id: `${ORIGIN}/programs/practitioner-fellowship`,
      type: ['Achievement'],
      achievementType: 'Certificate',
      name: 'Psychedelic Practitioner Fellowship',
      description: fellowship.summary,
    })
    expect(doc.credentialSubject.achievement.criteria.narrative).toContain('- At least 40 supervisor-approved practicum hours')
    // Certificate 42 has bit 41 of the first revocation list.
    expect(doc.credentialStatus).toEqual({
      id: `${ORIGIN}/credentials/status/1#41`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '41',
      statusListCredential: `${ORIGIN}/credentials/status/1`,
    })
  })

  test('the holder is only a salted hash: the document never carries a name', () => {
    const doc = openBadgeCredential(input())
    expect(JSON.stringify(doc)).not.toContain('Zoë')
    expect(doc.credentialSubject.identifier[0]!.hashed).toBe(true)
  })

  test('a certificate that never expires has no validUntil, and validates', () => {
    const intro = catalog.program('introductory-kap')!
    const doc = openBadgeCredential(
      input({
        expiresAt: expiryFor(new Date(ISSUED), intro.validityMonths),
        program: { slug: intro.slug, title: intro.title, summary: intro.summary, criteria: criteriaOf(intro, titleOf) },
      }),
    )
    expectValid(doc)
    expect(doc).not.toHaveProperty('validUntil')
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

  test('program titles with quotes, accents and markup stay plain strings in valid JSON', () => {
    const title = 'Siobhán "Shiv" O\'Brien <b>&amp;</b>'
    const doc = JSON.parse(JSON.stringify(openBadgeCredential(input({ program: { ...input().program, title } }))))
    expectValid(doc)
    expect(doc.name).toBe(title)
  })
})

describe('the issuer and the status lists', () => {
  test("did:web on the origin's host, a port percent-encoded; keys as #key-<id>", () => {
    expect(didWebFor('https://kap.example.org')).toBe('did:web:kap.example.org')
    expect(didWebFor('http://localhost:3000')).toBe('did:web:localhost%3A3000')
    const doc = didDocument('did:web:localhost%3A3000', [
      { id: 1, public_key_multibase: 'z6MkOne' },
      { id: 2, public_key_multibase: 'z6MkTwo' },
    ])
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'did:web:localhost%3A3000',
      verificationMethod: [
        { id: 'did:web:localhost%3A3000#key-1', type: 'Multikey', controller: 'did:web:localhost%3A3000', publicKeyMultibase: 'z6MkOne' },
        { id: 'did:web:localhost%3A3000#key-2', type: 'Multikey', controller: 'did:web:localhost%3A3000', publicKeyMultibase: 'z6MkTwo' },
      ],
      assertionMethod: ['did:web:localhost%3A3000#key-1', 'did:web:localhost%3A3000#key-2'],
    })
  })

  test('every certificate id has a bit of its own: lists of 131,072, filled in order', () => {
    expect(STATUS_LIST_LENGTH).toBe(131_072)
    expect(statusEntryOf(1)).toEqual({ list: 1, index: 0 })
    expect(statusEntryOf(131_072)).toEqual({ list: 1, index: 131_071 })
    expect(statusEntryOf(131_073)).toEqual({ list: 2, index: 0 })
    expect(idsInList(2)).toEqual({ first: 131_073, last: 262_144 })
  })
})

describe('criteriaOf', () => {
  test('the fellowship: prerequisites by title, then practicum and supervision hours, the hours asked for in each board category, and the final evaluation', () => {
    expect(criteriaOf(fellowship, titleOf)).toEqual([
      'Completion of Introductory KAP',
      'Completion of Advanced KAP',
      'Completion of KAP experiential training',
      'At least 40 supervisor-approved practicum hours',
      'At least 12 approved hours of supervision or consultation',
      'At least 20 of the approved practicum hours in direct client contact',
      'At least 6 approved hours of individual supervision',
      'A passing final competency evaluation, signed by a supervisor (every competency at the passing rating or above)',
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
