import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requireRole } from '#app/auth/guard.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { DocumentList, FileField } from '#app/documents/components.tsx'
import { addLicenseProof, documentSummaries, readUpload } from '#app/documents/documents.server.ts'
import { licenseProofSchema } from '#app/documents/schema.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'License proof · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  return { proofs: await documentSummaries({ ownerId: user.id, kind: 'license_proof' }) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const form = parseFormData(await readFormData(request), licenseProofSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const read = await readUpload(form.data.proof)
  if (!read.ok) return invalid({ proof: read.message }, form.values)
  await addLicenseProof(user, read.upload, auditContext(request))
  return redirectWithFlash('/settings/license', `License proof uploaded (${read.upload.name}). Staff see it when they check your license.`)
}

export default function LicenseProofPage() {
  const { proofs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const serverResult = actionData && 'errors' in actionData ? actionData : undefined
  const { register, onSubmit, errorFor } = useValidatedForm(licenseProofSchema, { serverResult })
  return (
    <>
      <Breadcrumbs
        trail={[
          { to: '/settings', label: 'Settings' },
          { to: '/settings/license', label: 'Professional license' },
        ]}
        current="License proof"
      />
      <div className="narrow-page card">
        <h1>License proof</h1>
        <p className="muted">
          A copy of your license, or the licensing board’s lookup page saved as a PDF. Institute staff open it when they verify your license; nobody else can.
        </p>
        <FormError error={serverResult?.errors.form} />
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
          <FileField label="Proof of license" registration={register('proof')} error={errorFor('proof')} />
          <button type="submit" className="button">
            Upload proof
          </button>
        </Form>
        <h2>Uploaded</h2>
        <DocumentList documents={proofs} empty="No proof uploaded yet." />
        <p>
          <Link to="/settings/license">Back to your license</Link>
        </p>
      </div>
    </>
  )
}
