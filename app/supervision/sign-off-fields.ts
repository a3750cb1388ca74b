import { z } from 'zod'

/**
 * The signature on an approval: the name typed as on the license, the password when the sign-in
 * is older than 30 minutes, and which statement was shown. Checked by checkSignOff on the server.
 */
export const signOffFields = {
  signature: z.string().max(200, 'Use at most 200 characters.').optional(),
  password: z.string().max(1024, 'Use at most 1,024 characters.').optional(),
  attestationVersion: z.string().max(40).optional(),
}

/** An approval needs a typed signature (a return does not). */
export function requireSignature(value: { signature?: string }, ctx: z.RefinementCtx) {
  if (!value.signature?.trim()) ctx.addIssue({ code: 'custom', path: ['signature'], message: 'Type your full name as on your license to sign.' })
}
