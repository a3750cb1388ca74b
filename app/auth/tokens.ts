import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'

/** 20 random bytes = 160 bits, as the Lucia guide recommends for session tokens. */
export const TOKEN_BYTES = 20

export function generateToken(bytes = TOKEN_BYTES): string {
  const random = new Uint8Array(bytes)
  crypto.getRandomValues(random)
  return encodeBase32LowerCaseNoPadding(random)
}

/** Only this hash is stored, so a leaked database holds no usable token. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}
