// Who signs the institute's credentials, and where anyone finds the keys: a did:web identifier
// on APP_URL's host, whose document (/.well-known/did.json) lists every key as a Multikey
// verification method. Plain data in, data out: no database, no signing.

export const DID_CONTEXT = 'https://www.w3.org/ns/did/v1'
export const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1'

/** `did:web:kap.example.org`; a port is percent-encoded, as did:web asks: `did:web:localhost%3A3000`. */
export function didWebFor(origin: string) {
  return `did:web:${new URL(origin).host.replace(':', '%3A')}`
}

/** The verification method of the key with this row id: `did:web:…#key-1`. */
export function keyIdOf(did: string, keyId: number) {
  return `${did}#key-${keyId}`
}

export type PublishedKey = { id: number; public_key_multibase: string }

export function verificationMethodOf(did: string, key: PublishedKey) {
  return { id: keyIdOf(did, key.id), type: 'Multikey', controller: did, publicKeyMultibase: key.public_key_multibase }
}

/**
 * The DID document: every key the institute ever signed with, oldest first. Each may assert
 * credentials (`assertionMethod`), so one signed before a rotation still verifies after it.
 */
export function didDocument(did: string, keys: PublishedKey[]) {
  const methods = keys.map((key) => verificationMethodOf(did, key))
  return {
    '@context': [DID_CONTEXT, MULTIKEY_CONTEXT],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((method) => method.id),
  }
}

// ---------------------------------------------------------------- revocation status list

/** Bits per Bitstring Status List: the minimum the specification sets (16 KB before compression), for herd privacy. */
export const STATUS_LIST_LENGTH = 131_072

export function statusListUrl(origin: string, list: number) {
  return `${origin}/credentials/status/${list}`
}

/**
 * A certificate's place in the revocation lists. Certificates are never deleted and their ids
 * never reused, so the id (stored with the certificate, whichever way the row was written:
 * issued by staff, the demo seed, db:copy) allocates each one a bit of its own for good.
 */
export function statusEntryOf(certificateId: number) {
  return { list: Math.floor((certificateId - 1) / STATUS_LIST_LENGTH) + 1, index: (certificateId - 1) % STATUS_LIST_LENGTH }
}

/** The certificate ids a list covers, first and last. */
export function idsInList(list: number) {
  return { first: (list - 1) * STATUS_LIST_LENGTH + 1, last: list * STATUS_LIST_LENGTH }
}
