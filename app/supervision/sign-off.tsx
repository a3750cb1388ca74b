import type { UseFormRegisterReturn } from 'react-hook-form'
import { TextField } from '#app/components/forms.tsx'

export type SignOffView = { attestation: { version: string; title: string; text: string }; passwordNeeded: boolean }

/**
 * The statement an approval signs, and the signature itself: the name typed as on the license,
 * and the password again when the sign-in is more than 30 minutes old.
 */
export function SignOffFields({
  signOff,
  name,
  register,
  errorFor,
}: {
  signOff: SignOffView
  /** The signer's name, shown as what to type. */
  name: string
  register: (name: string) => UseFormRegisterReturn & { defaultValue?: string }
  errorFor: (name: string) => string | undefined
}) {
  const { attestation, passwordNeeded } = signOff
  return (
    <fieldset className="sign-off">
      <legend>Sign to approve</legend>
      <figure className="attestation">
        <figcaption>
          {attestation.title} <span className="muted small">(version {attestation.version})</span>
        </figcaption>
        {attestation.text.split(/\n\s*\n/).map((paragraph, i) => (
          <p key={i}>{paragraph}</p>
        ))}
      </figure>
      <input type="hidden" name="attestationVersion" value={attestation.version} />
      <TextField
        label="Your full name, as on your license"
        hint={`Typing ${name} signs the statement above for every record you approve here.`}
        autoComplete="off"
        registration={register('signature')}
        error={errorFor('signature')}
      />
      {passwordNeeded ? (
        <TextField
          label="Your password"
          hint="You signed in more than 30 minutes ago: confirm it is you."
          type="password"
          autoComplete="current-password"
          registration={register('password')}
          error={errorFor('password')}
        />
      ) : null}
    </fieldset>
  )
}
