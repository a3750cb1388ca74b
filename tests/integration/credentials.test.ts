import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import * as vc from '@digitalbazaar/vc'
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { documentLoaderFor, verifyCredentialDocument } from '#app/certificates/credentials.server.ts'
import { ensureIssuerKey, rotateIssuerKey } from '#app/certificates/keys.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import * as didRoute from '#app/routes/[.]well-known.did[.]json.tsx'
import * as statusRoute from '#app/routes/credentials.status.$list.tsx'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import * as staffCertificate from '#app/routes/staff.certificates.$id.tsx'
import * as staffCertificates from '#app/routes/staff.certificates._index.tsx'
import * as credentialRoute from '#app/routes/verify.$code.credential[.]json.tsx'
import * as verifyForm from '#app/routes/verify._index.tsx'
import * as summaryCredentialRoute from '#app/routes/verify.summary.$code.credential[.]json.tsx'
import { generateSummary } from '#app/summaries/summaries.server.ts'
import { createUser, NO_CLIENT, request, run, type TestUser } from '#tests/helpers.ts'
import { independentVerifier } from '#tests/support/credential-verifier.ts'

// The certificate as a signed Open Badges 3.0 credential, checked the way anyone outside the
// institute would: with the signing library's own verifier (tests/support/credential-verifier.ts),
// resolving did:web and the status list through the app's public routes, and against the official
// OB 3.0 JSON schema. Then every kind of change — to a field, the key, the status bit — is caught.

const ORIGIN = 'http://localhost:3000'
const DID = 'did:web:localhost%3A3000'
const schema = new Ajv2019({ strict: false, allErrors: true })
addFormats(schema)
const validateSchema = schema.compile(JSON.parse(fs.readFileSync(path.resolve('vendor/openbadges/ob_v3p0_achievementcredential_schema.json'), 'utf8')))

/** What a verifier's HTTP GET of one of our URLs answers, through the routes. */
async function fetchUrl(url: string): Promise<unknown> {
  const { pathname } = new URL(url)
  if (pathname === '/.well-known/did.json') return (await run(didRoute.loader, await request(pathname))).data
  const list = /^\/credentials\/status\/(\d+)$/.exec(pathname)
  if (list) {
    const outcome = await run(statusRoute.loader, await request(pathname), { list: list[1]! })
    if (outcome.status !== 200) throw new Error(`${url}: ${outcome.status}`)
    return outcome.data
  }
  throw new Error(`${url} is not served in this test`)
}
const verifyIndependently = independentVerifier(fetchUrl)

let staff: TestUser
let n = 0

beforeAll(async () => {
  await ensureIssuerKey()
  staff = await createUser(['staff'], { name: 'Sam Staffer' })
})

/** A fellow who finished the introductory course, and their Introductory KAP certificate issued through the person page. */
async function issuedCertificate() {
  const fellow = await createUser(['fellow'], { name: `Zoë Holder ${++n}` })
  const course = getCatalog().course('intro-kap') ?? getCatalog().courses[0]!
  const at = new Date(Date.now() - 86_400_000).toISOString()
  await db
    .insertInto('lesson_progress')
    .values(
      course.lessons.map((lesson) => ({
        user_id: fellow.id,
        course_slug: course.slug,
        lesson_slug: lesson.slug,
        best_score: 1,
        attempts: 1,
        completed_at: at,
        last_attempt_at: at,
      })),
    )
    .execute()
  const issued = await run(
    personPage.action,
    await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue', program: 'introductory-kap' } }),
    {
      id: String(fellow.id),
    },
  )
  expect(issued.status).toBe(302)
  const cert = await db.selectFrom('certificates').selectAll().where('user_id', '=', fellow.id).executeTakeFirstOrThrow()
  return { fellow, cert }
}

/** A certificate row as the demo seed writes one: a fellowship valid for 24 months from `issuedAt`. */
async function fellowshipCertificate(issuedAt: Date, expiresAt: Date) {
  const fellow = await createUser(['fellow'])
  return db
    .insertInto('certificates')
    .values({
      serial: `KAP-2001-${String(900_000 + ++n).padStart(6, '0')}`,
      code: generateVerificationCode(),
      user_id: fellow.id,
      program_slug: 'practitioner-fellowship',
      program_title: 'Psychedelic Practitioner Fellowship',
      holder_name: fellow.name,
      issued_at: issuedAt.toISOString(),
      issued_by: staff.id,
      issuer_name: staff.name,
      requirements: '{"requirements":[]}',
      expires_at: expiresAt.toISOString(),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

async function download(code: string) {
  const outcome = await run(credentialRoute.loader, await request(`/verify/${code}/credential.json`), { code })
  expect(outcome.status).toBe(200)
  return outcome.data
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a credential is whatever JSON arrived
type Json = any

function errorsOf(result: vc.VerifyResult) {
  return [result.error, ...(result.error?.errors ?? []), ...(result.results ?? []).map((r) => r.error), result.statusResult?.error]
    .filter(Boolean)
    .map((e) => e!.message)
    .join(' | ')
}

describe('an issued certificate as a signed Open Badges 3.0 credential', () => {
  test('the issuer key is made once and published at /.well-known/did.json as a Multikey that may assert credentials', async () => {
    const again = await ensureIssuerKey()
    const keys = await db.selectFrom('issuer_keys').selectAll().execute()
    expect(keys.length).toBeGreaterThanOrEqual(1)
    expect(keys.some((k) => k.id === again.id)).toBe(true)
    const outcome = await run(didRoute.loader, await request('/.well-known/did.json'))
    expect(outcome.status).toBe(200)
    expect(outcome.headers.get('Content-Type')).toContain('application/did+json')
    const document = outcome.data
    expect(document.id).toBe(DID)
    expect(document['@context']).toEqual(['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'])
    expect(document.verificationMethod).toHaveLength(keys.length)
    for (const key of keys) {
      expect(document.verificationMethod).toContainEqual({
        id: `${DID}#key-${key.id}`,
        type: 'Multikey',
        controller: DID,
        publicKeyMultibase: key.public_key_multibase,
      })
      expect(document.assertionMethod).toContain(`${DID}#key-${key.id}`)
    }
    // Public keys only.
    expect(JSON.stringify(document)).not.toContain(keys[0]!.secret_key_multibase)
    expect(JSON.stringify(document)).not.toMatch(/secret/i)
  })

  test('it is VC 2.0 + OB 3.0.3, valid against the official schema, holder only as a salted email hash, and the library’s verifier accepts it', async () => {
    const { fellow, cert } = await issuedCertificate()
    const outcome = await run(credentialRoute.loader, await request(`/verify/${cert.code}/credential.json`), { code: cert.code })
    expect(outcome.headers.get('Content-Type')).toContain('application/ld+json')
    expect(outcome.headers.get('Content-Disposition')).toBe(`attachment; filename="${cert.serial}-credential.json"`)
    const credential: Json = outcome.data
    expect(validateSchema(credential), JSON.stringify(validateSchema.errors, null, 2)).toBe(true)
    expect(credential['@context'].slice(0, 2)).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'])
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential'])
    expect(credential.issuer).toEqual({ id: DID, type: ['Profile'], name: 'KAP Fellowship', url: `${ORIGIN}/` })
    expect(credential.validFrom).toBe(cert.issued_at)
    expect(credential).not.toHaveProperty('validUntil')
    expect(credential.credentialSubject.achievement).toMatchObject({ name: 'Introductory KAP', achievementType: 'Certificate' })
    expect(credential.credentialSubject.achievement.criteria.narrative).toBe('- Every lesson and knowledge check of the Introductory KAP course')
    // The holder: sha256 of the email with the salt appended, never the name or the address itself.
    const [identity] = credential.credentialSubject.identifier
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true })
    expect(identity.salt).toMatch(/^[0-9a-f]{32}$/)
    expect(identity.identityHash).toBe(`sha256$${crypto.createHash('sha256').update(`${fellow.email}${identity.salt}`).digest('hex')}`)
    expect(JSON.stringify(credential)).not.toContain(fellow.name)
    expect(JSON.stringify(credential)).not.toContain(fellow.email)
    expect(credential.credentialStatus).toEqual({
      id: `${ORIGIN}/credentials/status/1#${cert.id - 1}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(cert.id - 1),
      statusListCredential: `${ORIGIN}/credentials/status/1`,
    })
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' })
    expect(credential.proof.verificationMethod).toMatch(new RegExp(`^${DID}#key-\\d+$`))

    const result = await verifyIndependently(credential)
    expect(result.verified, errorsOf(result)).toBe(true)
    expect(result.statusResult?.results?.[0]?.status).toBe(false)
    expect(await verifyCredentialDocument(credential)).toMatchObject({ status: 'valid' })
    // Downloading again gives the same document (one signature per content and key).
    expect(await download(cert.code)).toEqual(credential)
  })

  test('the status list is itself a signed credential the library verifies; unknown lists are 404', async () => {
    const list = await fetchUrl(`${ORIGIN}/credentials/status/1`)
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: `${ORIGIN}/credentials/status/1`,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: DID,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    })
    const result = await verifyIndependently(list)
    expect(result.verified, errorsOf(result)).toBe(true)
    for (const list of ['2', '0', 'x', '99999999']) {
      expect((await run(statusRoute.loader, await request(`/credentials/status/${list}`), { list })).status, list).toBe(404)
    }
  })

  test('a credential with validUntil verifies until then, and after it reads as expired (the library refuses it too)', async () => {
    const day = 86_400_000
    const current = await fellowshipCertificate(new Date(Date.now() - 10 * day), new Date(Date.now() + 700 * day))
    const credential = await download(current.code)
    expect(validateSchema(credential), JSON.stringify(validateSchema.errors)).toBe(true)
    expect(credential.validUntil).toBe(current.expires_at)
    const valid = await verifyIndependently(credential)
    expect(valid.verified, errorsOf(valid)).toBe(true)
    expect(await verifyCredentialDocument(credential)).toMatchObject({ status: 'valid' })

    const old = await fellowshipCertificate(new Date(Date.now() - 800 * day), new Date(Date.now() - 70 * day))
    const expired = await download(old.code)
    const refused = await verifyIndependently(expired)
    expect(refused.verified).toBe(false)
    expect(errorsOf(refused)).toContain('is after "validUntil"')
    // Before its expiry the same signed document was good: only time has passed.
    expect((await verifyIndependently(expired, new Date(Date.now() - 100 * day))).verified).toBe(true)
    const verdict = await verifyCredentialDocument(expired)
    expect(verdict).toMatchObject({ status: 'expired' })
    expect(verdict.reason).toContain(`expired on ${formatDate(old.expires_at)}`)
  })
})

describe('what is detected', () => {
  const changes: [string, (c: Json) => void][] = [
    ['the name', (c) => (c.name = 'Advanced KAP')],
    ['the description', (c) => (c.description += ' Honours.')],
    ['the issuer profile’s name', (c) => (c.issuer.name = 'Another Institute')],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00.000Z')],
    ['issuanceDate', (c) => (c.issuanceDate = '2020-01-01T00:00:00.000Z')],
    ['an added validUntil', (c) => (c.validUntil = '2099-01-01T00:00:00.000Z')],
    ['the holder’s identity hash', (c) => (c.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`)],
    ['the salt', (c) => (c.credentialSubject.identifier[0].salt = 'f'.repeat(32))],
    ['the achievement', (c) => (c.credentialSubject.achievement.name = 'Psychedelic Practitioner Fellowship')],
    ['the criteria', (c) => (c.credentialSubject.achievement.criteria.narrative = '- Nothing at all')],
    ['the status index', (c) => (c.credentialStatus.statusListIndex = '0')],
    ['the credential id', (c) => (c.id = `${ORIGIN}/verify/${'a'.repeat(26)}/credential.json`)],
    ['a removed field', (c) => delete c.description],
    ['an added field', (c) => (c.credentialSubject.achievement.image = { id: `${ORIGIN}/badge.png`, type: 'Image' })],
    ['an undefined term', (c) => (c.honours = 'summa cum laude')],
    ['the proof’s date', (c) => (c.proof.created = '2020-01-01T00:00:00Z')],
    ['the signature itself', (c) => (c.proof.proofValue = c.proof.proofValue.slice(0, -4) + (c.proof.proofValue.endsWith('1111') ? '2222' : '1111'))],
  ]

  test.each(changes)('a change to %s: the library refuses it, and /verify says tampered', async (_what, change) => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const altered = structuredClone(credential)
    change(altered)
    expect(altered).not.toEqual(credential)
    const result = await verifyIndependently(altered)
    expect(result.verified).toBe(false)
    const verdict = await verifyCredentialDocument(altered)
    expect(verdict.status, verdict.reason).toBe('tampered')
  })

  test('another issuer: the library cannot resolve it from our documents, and /verify says not ours', async () => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const renamed = { ...structuredClone(credential), issuer: { ...credential.issuer, id: 'did:web:diploma-mill.example' } }
    expect((await verifyIndependently(renamed).catch((e: Error) => ({ verified: false, error: e }))).verified).toBe(false)
    expect(await verifyCredentialDocument(renamed)).toMatchObject({ status: 'not-ours' })
    expect((await verifyCredentialDocument({ ...credential, issuer: undefined })).status).toBe('not-ours')

    // A credential someone signed with their own key (did:key), same content: not ours either.
    const { issuer: _issuer, proof: _proof, ...unsigned } = credential
    const forger = await Ed25519Multikey.generate({ controller: 'did:key:z6MkForger' })
    const forged = await vc.issue({
      credential: { ...unsigned, issuer: { id: 'did:key:z6MkForger', type: ['Profile'], name: 'KAP Fellowship' } },
      suite: new DataIntegrityProof({ signer: forger.signer(), cryptosuite }),
      documentLoader: documentLoaderFor(),
    })
    expect(forged.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' })
    expect(await verifyCredentialDocument(forged)).toMatchObject({ status: 'not-ours' })
  })

  test('the issuer key: a proof pointed at another key, a key swapped in the database, or no proof at all is refused', async () => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const signingId = Number(/#key-(\d+)$/.exec(credential.proof.verificationMethod)![1])

    // Another of our own keys did not make this signature.
    const other = await rotateIssuerKey()
    const pointed = structuredClone(credential)
    pointed.proof.verificationMethod = `${DID}#key-${other.id}`
    expect((await verifyIndependently(pointed)).verified).toBe(false)
    expect((await verifyCredentialDocument(pointed)).status).toBe('tampered')

    // A key that is not in the DID document at all.
    const unknown = structuredClone(credential)
    unknown.proof.verificationMethod = `${DID}#key-999999`
    expect((await verifyIndependently(unknown)).verified).toBe(false)
    expect((await verifyCredentialDocument(unknown)).status).toBe('tampered')

    // The published key replaced (as an attacker with the database would): the old signatures fail.
    const original = await db.selectFrom('issuer_keys').selectAll().where('id', '=', signingId).executeTakeFirstOrThrow()
    const swapped = await Ed25519Multikey.generate()
    const { publicKeyMultibase } = await swapped.export({ publicKey: true })
    await db.updateTable('issuer_keys').set({ public_key_multibase: publicKeyMultibase }).where('id', '=', signingId).execute()
    try {
      const result = await verifyIndependently(credential)
      expect(result.verified).toBe(false)
      expect(errorsOf(result)).toContain('Invalid signature')
      expect((await verifyCredentialDocument(credential)).status).toBe('tampered')
    } finally {
      await db.updateTable('issuer_keys').set({ public_key_multibase: original.public_key_multibase }).where('id', '=', signingId).execute()
    }
    expect((await verifyIndependently(credential)).verified).toBe(true)

    const { proof: _proof, ...unsigned } = credential
    expect((await verifyIndependently(unsigned)).verified).toBe(false)
    expect(await verifyCredentialDocument(unsigned)).toMatchObject({ status: 'tampered' })
  })

  test('the status bit: a status list with a bit flipped by anyone but us fails its own signature, and the credential with it', async () => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const list: Json = await fetchUrl(`${ORIGIN}/credentials/status/1`)
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList })
    expect(bits.getStatus(cert.id - 1)).toBe(false)
    bits.setStatus(cert.id - 1, true)
    const forgedList = { ...structuredClone(list), credentialSubject: { ...list.credentialSubject, encodedList: await bits.encode() } }
    const withForgedList = independentVerifier(async (url) => (url.startsWith(`${ORIGIN}/credentials/status/`) ? forgedList : fetchUrl(url)))
    const result = await withForgedList(credential)
    expect(result.verified).toBe(false)
    expect(errorsOf(result)).toContain('"BitstringStatusListCredential" not verified')
  })
})

describe('revocation', () => {
  test('revoking one certificate flips its bit: the library reads it as revoked, /verify says revoked; the others stay valid', async () => {
    const { cert } = await issuedCertificate()
    const { cert: bystander } = await issuedCertificate()
    const credential = await download(cert.code)
    const other = await download(bystander.code)
    const revoked = await run(
      staffCertificate.action,
      await request(`/staff/certificates/${cert.id}`, { user: staff, form: { reason: 'Issued in error', showReason: 'on' } }),
      { id: String(cert.id) },
    )
    expect(revoked.status).toBe(302)

    // The credential downloaded before revoking: still our signature, now revoked.
    const result = await verifyIndependently(credential)
    expect(result.verified, errorsOf(result)).toBe(true)
    expect(result.statusResult?.results?.[0]?.status).toBe(true)
    expect(await verifyCredentialDocument(credential)).toMatchObject({ status: 'revoked' })
    // Downloaded after: the same.
    expect(await verifyCredentialDocument(await download(cert.code))).toMatchObject({ status: 'revoked' })
    const otherResult = await verifyIndependently(other)
    expect(otherResult.statusResult?.results?.[0]?.status).toBe(false)
    expect(await verifyCredentialDocument(other)).toMatchObject({ status: 'valid' })
  })

  test('bulk revoke flips every selected bit', async () => {
    const [a, b] = [await issuedCertificate(), await issuedCertificate()]
    const credentials = [await download(a.cert.code), await download(b.cert.code)]
    const result = await run(
      staffCertificates.action,
      await request('/staff/certificates', {
        user: staff,
        form: { intent: 'revoke-selected', selected: [String(a.cert.id), String(b.cert.id)], reason: 'Program withdrawn' },
      }),
    )
    expect(result.status).toBe(302)
    const list: Json = await fetchUrl(`${ORIGIN}/credentials/status/1`)
    const bits = await decodeList({ encodedList: list.credentialSubject.encodedList })
    expect([bits.getStatus(a.cert.id - 1), bits.getStatus(b.cert.id - 1)]).toEqual([true, true])
    for (const credential of credentials) {
      expect((await verifyIndependently(credential)).statusResult?.results?.[0]?.status).toBe(true)
      expect((await verifyCredentialDocument(credential)).status).toBe('revoked')
    }
  })
})

describe('the /verify form for a pasted or uploaded credential', () => {
  async function check(fields: Record<string, string | File>) {
    const form = new FormData()
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    return run(verifyForm.action, new Request(`${ORIGIN}/verify`, { method: 'POST', headers: { Origin: ORIGIN }, body: form }))
  }

  test('pasted: valid, then revoked; uploaded as a file: the same answer', async () => {
    const { cert } = await issuedCertificate()
    const text = JSON.stringify(await download(cert.code), null, 2)
    const pasted = await check({ credential: text, file: new File([], '') })
    expect(pasted.status).toBe(200)
    expect(pasted.data.verdict).toMatchObject({ status: 'valid', credential: { name: 'Introductory KAP', serial: cert.serial, code: cert.code } })
    const uploaded = await check({ credential: '', file: new File([text], 'credential.json', { type: 'application/json' }) })
    expect(uploaded.data.verdict.status).toBe('valid')
    await db
      .updateTable('certificates')
      .set({ revoked_at: new Date().toISOString(), revoked_by: staff.id, revocation_reason: 'test' })
      .where('id', '=', cert.id)
      .execute()
    expect((await check({ credential: text })).data.verdict.status).toBe('revoked')
  })

  test('tampered and not ours are said with the reason', async () => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const tampered = await check({ credential: JSON.stringify({ ...credential, name: 'Psychedelic Practitioner Fellowship' }) })
    expect(tampered.data.verdict).toMatchObject({ status: 'tampered' })
    expect(tampered.data.verdict.reason).toContain('changed after the institute signed it')
    const foreign = await check({ credential: JSON.stringify({ ...credential, issuer: { id: 'did:web:elsewhere.example', type: ['Profile'] } }) })
    expect(foreign.data.verdict).toMatchObject({ status: 'not-ours' })
    expect(foreign.data.verdict.reason).toContain('did:web:elsewhere.example')
  })

  test('an address may check 60 credentials an hour, then waits; another address may still check', async () => {
    const { cert } = await issuedCertificate()
    const text = JSON.stringify(await download(cert.code))
    const checkFrom = (ip: string) => {
      const form = new FormData()
      form.append('credential', text)
      return run(verifyForm.action, new Request(`${ORIGIN}/verify`, { method: 'POST', headers: { Origin: ORIGIN, 'x-kap-client-ip': ip }, body: form }))
    }
    for (let i = 0; i < 60; i++) expect((await checkFrom('198.51.100.60')).status).toBe(200)
    const refused = await checkFrom('198.51.100.60')
    expect(refused.status).toBe(429)
    expect(refused.data.errors.form).toBe(
      "Too many credential checks from this address. Please wait 5 minutes and try again. A certificate's code can be looked up at any time.",
    )
    expect(refused.data.values.credential).toBe(text)
    expect((await checkFrom('198.51.100.61')).data.verdict.status).toBe('valid')
  })

  test('nothing, not JSON, both at once, or a file that is not JSON: the error beside the field, and what was typed kept', async () => {
    const empty = await check({ credential: '   ' })
    expect(empty.status).toBe(400)
    expect(empty.data.errors.credential).toBe('Paste the credential here, or choose its file below.')
    const notJson = await check({ credential: 'KAP-2026-000001 is genuine' })
    expect(notJson.status).toBe(400)
    expect(notJson.data.errors.credential).toMatch(/^This is not JSON/)
    expect(notJson.data.values.credential).toBe('KAP-2026-000001 is genuine')
    expect((await check({ credential: '[1, 2]' })).data.errors.credential).toMatch(/not a credential/)
    const both = await check({ credential: '{}', file: new File(['{}'], 'c.json') })
    expect(both.data.errors.file).toBe('Paste the credential or choose its file, not both.')
    const badFile = await check({ file: new File(['<html>'], 'c.json') })
    expect(badFile.status).toBe(400)
    expect(badFile.data.errors.file).toMatch(/^This is not JSON/)
    const forged = await check({ credential: '{}', role: 'staff' })
    expect(forged.status).toBe(400)
  })
})

describe('the practicum summary as a signed credential', () => {
  test('one result per category, valid against the schema, verified by the library; a changed total is refused', async () => {
    const fellow = await createUser(['fellow'])
    const supervisor = { id: staff.id, name: staff.name, license_type: 'LMFT', license_number: '12345', license_state: 'CA' }
    await insertRecord(
      db,
      {
        fellowId: fellow.id,
        kind: 'practicum',
        status: 'approved',
        occurredOn: daysAgo(20),
        minutes: 120,
        supervisor,
        fields: { practicum_contact: 'direct' },
      },
      ++n,
    )
    await insertRecord(
      db,
      {
        fellowId: fellow.id,
        kind: 'practicum',
        status: 'approved',
        occurredOn: daysAgo(19),
        minutes: 90,
        supervisor,
        fields: { practicum_contact: 'indirect' },
      },
      ++n,
    )
    const { code } = await generateSummary(staff, fellow.id, NO_CLIENT)
    const outcome = await run(summaryCredentialRoute.loader, await request(`/verify/summary/${code}/credential.json`), { code })
    expect(outcome.status).toBe(200)
    const credential: Json = outcome.data
    expect(validateSchema(credential), JSON.stringify(validateSchema.errors, null, 2)).toBe(true)
    expect(credential.credentialSubject.achievement.name).toBe('KAP practicum')
    const results = Object.fromEntries(
      credential.credentialSubject.result.map((r: Json) => [
        credential.credentialSubject.achievement.resultDescription.find((d: Json) => d.id === r.resultDescription).name,
        r.value,
      ]),
    )
    expect(results['Practicum: Direct client contact']).toBe('2 h in 1 record')
    expect(results['Practicum: Indirect']).toBe('1.5 h in 1 record')
    expect(JSON.stringify(credential)).not.toContain(fellow.name)
    const result = await verifyIndependently(credential)
    expect(result.verified, errorsOf(result)).toBe(true)
    expect(await verifyCredentialDocument(credential)).toMatchObject({ status: 'valid' })

    const inflated = structuredClone(credential)
    inflated.credentialSubject.result[0].value = '200 h in 100 records'
    expect((await verifyIndependently(inflated)).verified).toBe(false)
    expect((await verifyCredentialDocument(inflated)).status).toBe('tampered')
    const missing = 'a'.repeat(26)
    expect((await run(summaryCredentialRoute.loader, await request(`/verify/summary/${missing}/credential.json`), { code: missing })).status).toBe(404)
  })
})

describe('keys over time', () => {
  test('after a rotation the new key signs, and credentials signed with the old key still verify', async () => {
    const { cert } = await issuedCertificate()
    const before = await download(cert.code)
    const rotated = await rotateIssuerKey()
    const { cert: later } = await issuedCertificate()
    const after = await download(later.code)
    expect(after.proof.verificationMethod).toBe(`${DID}#key-${rotated.id}`)
    expect(before.proof.verificationMethod).not.toBe(after.proof.verificationMethod)
    // The earlier certificate downloaded again is signed with the new key too; the old download still verifies.
    expect((await download(cert.code)).proof.verificationMethod).toBe(`${DID}#key-${rotated.id}`)
    for (const credential of [before, after]) {
      const result = await verifyIndependently(credential)
      expect(result.verified, errorsOf(result)).toBe(true)
      expect((await verifyCredentialDocument(credential)).status).toBe('valid')
    }
    const document: Json = await fetchUrl(`${ORIGIN}/.well-known/did.json`)
    expect(document.assertionMethod).toEqual(expect.arrayContaining([before.proof.verificationMethod, after.proof.verificationMethod]))
  })

  // Last in the file: it closes the database and reopens it in fresh modules, as a restarted server does.
  test('after a restart (a fresh module instance on the reopened database) the same credential verifies, and the key is the same', async () => {
    const { cert } = await issuedCertificate()
    const credential = await download(cert.code)
    const keysBefore = await db.selectFrom('issuer_keys').selectAll().orderBy('id').execute()
    await db.destroy()
    delete (globalThis as { __kapDatabase?: unknown }).__kapDatabase
    vi.resetModules()
    const fresh = await import('#app/certificates/credentials.server.ts')
    const freshDb = (await import('#app/db.server.ts')).db
    const freshDid = await import('#app/routes/[.]well-known.did[.]json.tsx')
    const freshStatus = await import('#app/routes/credentials.status.$list.tsx')
    expect(await freshDb.selectFrom('issuer_keys').selectAll().orderBy('id').execute()).toEqual(keysBefore)
    const verifyAfterRestart = independentVerifier(async (url) => {
      const { pathname } = new URL(url)
      if (pathname === '/.well-known/did.json') return (await run(freshDid.loader, await request(pathname))).data
      return (await run(freshStatus.loader, await request(pathname), { list: pathname.split('/').pop()! })).data
    })
    const result = await verifyAfterRestart(credential)
    expect(result.verified, errorsOf(result)).toBe(true)
    expect(await fresh.verifyCredentialDocument(credential)).toMatchObject({ status: 'valid' })
  })
})
