import { hash, verify } from '@node-rs/argon2'

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. */
export const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

// A real hash to verify against when the email is unknown, so a wrong email
// takes as long as a wrong password and timing reveals nothing.
let decoyHash: Promise<string> | undefined
export async function verifyAgainstDecoy(password: string) {
  decoyHash ??= hashPassword('decoy-password-never-valid')
  await verifyPassword(await decoyHash, password)
  return false
}
