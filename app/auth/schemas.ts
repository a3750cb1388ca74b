import { z } from 'zod'
import { ROLES, type Role } from '#db/schema.ts'

export const emailField = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter your email address.')
  .max(254, 'That email address is too long.')
  .pipe(z.email('Enter a valid email address, like name@example.com.'))

export const newPasswordField = z.string({ error: 'Choose a password.' }).min(12, 'Use at least 12 characters.').max(200, 'Use at most 200 characters.')

const nameField = z.string({ error: 'Enter your name.' }).trim().min(1, 'Enter your name.').max(100, 'Use at most 100 characters.')

const repeatedPassword = z.string({ error: 'Repeat the password.' }).max(200)

/** The second copy of a new password must match the first. */
function matching(key: 'password' | 'newPassword') {
  const check = (values: Record<string, unknown>) => values[key] === values.confirmPassword
  return [check, { message: 'The two passwords do not match.', path: ['confirmPassword'] }] as [typeof check, { message: string; path: string[] }]
}

/** Checkbox groups post one value or several; both become a list. */
export function asList(value: unknown) {
  if (value === undefined || value === null || value === false || value === '') return []
  return Array.isArray(value) ? value : [value]
}

export const loginSchema = z.strictObject({
  email: emailField,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200, 'That password is too long.'),
  redirectTo: z.string().max(500).optional(),
})

export const forgotPasswordSchema = z.strictObject({ email: emailField })

export const resetPasswordSchema = z.strictObject({ password: newPasswordField, confirmPassword: repeatedPassword }).refine(...matching('password'))

export const acceptInvitationSchema = z
  .strictObject({ name: nameField, password: newPasswordField, confirmPassword: repeatedPassword })
  .refine(...matching('password'))

export const changePasswordSchema = z
  .strictObject({
    currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(200),
    newPassword: newPasswordField,
    confirmPassword: repeatedPassword,
  })
  .refine(...matching('newPassword'))

/**
 * A checkbox group of roles: at least one, each from the list, each once. Checked
 * on the whole list so the message sits on `roles`, where the form shows it.
 */
export function rolesField(emptyMessage: string) {
  return z.preprocess(
    asList,
    z
      .array(z.unknown(), { error: 'Choose roles from the list.' })
      .min(1, emptyMessage)
      .refine((list) => list.every((role) => (ROLES as readonly unknown[]).includes(role)), 'Choose roles from the list.')
      .refine((list) => new Set(list).size === list.length, 'Choose each role only once.')
      .transform((list) => list as Role[]),
  )
}

export const inviteSchema = z.strictObject({
  email: emailField,
  roles: rolesField('Choose at least one role.'),
})
