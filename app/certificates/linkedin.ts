/**
 * LinkedIn's "Add to profile" link for a certification
 * (https://www.linkedin.com/profile/add with startTask=CERTIFICATION_NAME).
 */
export function linkedInAddToProfileUrl({
  name,
  issuedAt,
  expiresAt,
  certId,
  certUrl,
  organizationName = 'KAP Fellowship',
}: {
  name: string
  issuedAt: string
  expiresAt: string | null
  certId: string
  certUrl: string
  organizationName?: string
}) {
  const issued = new Date(issuedAt)
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name,
    organizationName,
    issueYear: String(issued.getUTCFullYear()),
    issueMonth: String(issued.getUTCMonth() + 1),
    certUrl,
    certId,
  })
  if (expiresAt) {
    const expires = new Date(expiresAt)
    params.set('expirationYear', String(expires.getUTCFullYear()))
    params.set('expirationMonth', String(expires.getUTCMonth() + 1))
  }
  return `https://www.linkedin.com/profile/add?${params}`
}
