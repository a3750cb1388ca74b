import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, requirePermission } from '#app/auth/guard.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { DocumentList, FileField } from '#app/documents/components.tsx'
import { attachToRecord, documentSummaries, readUpload } from '#app/documents/documents.server.ts'
import { attachmentClosed } from '#app/documents/rules.ts'
import { attachmentSchema } from '#app/documents/schema.ts'
import { requireVisibleRecord } from '#app/hours/access.server.ts'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { isEditable } from '#app/hours/workflow.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Attach a file · KAP Fellowship' }]

/** The fellow's own record: anyone else who may see it (their supervisor, staff) reads its files on the record page. */
async function requireOwnRecord(request: Request, params: { id?: string }) {
  const user = await requirePermission(request, 'record:log:own')
  const { record, visibility } = await requireVisibleRecord(request, user, params.id)
  if (visibility !== 'owner') throw await forbidden(request, user, 'only the fellow attaches files to their record', `record:${record.id}`)
  return { user, record }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { record } = await requireOwnRecord(request, params)
  return {
    record: { id: record.id, kind: record.kind, occurredOn: record.occurred_on, status: record.status },
    open: isEditable(record.status),
    attachments: await documentSummaries({ recordId: record.id }),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, record } = await requireOwnRecord(request, params)
  const form = parseFormData(await readFormData(request), attachmentSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  if (!isEditable(record.status)) return invalid({ file: attachmentClosed(record.status) }, form.values, 409)
  const read = await readUpload(form.data.file)
  if (!read.ok) return invalid({ file: read.message }, form.values)
  const attached = await attachToRecord(user, record.id, read.upload, auditContext(request))
  if (!attached.ok) return invalid({ [attached.field]: attached.message }, form.values, 409)
  return redirectWithFlash(`/hours/${record.id}`, `Attached ${read.upload.name}.`)
}

export default function AttachmentsPage() {
  const { record, open, attachments } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const serverResult = actionData && 'errors' in actionData ? actionData : undefined
  const { register, onSubmit, errorFor } = useValidatedForm(attachmentSchema, { serverResult })
  const title = `${KIND_LABELS[record.kind]} · ${formatDate(record.occurredOn)}`
  return (
    <>
      <PageHeader
        title="Attach a file"
        breadcrumbs={[
          { to: '/hours', label: 'Hours' },
          { to: `/hours/${record.id}`, label: title },
        ]}
        description="A supervision agreement, a session plan, a certificate of attendance: what supports this record. Your supervisors and institute staff can open it."
      />
      <FormError error={serverResult?.errors.form} />
      <div className="columns">
        <section className="card" aria-labelledby="attach-heading">
          <h2 id="attach-heading">New attachment</h2>
          {open ? (
            <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
              <FileField label="File" registration={register('file')} error={errorFor('file')} />
              <button type="submit" className="button">
                Attach file
              </button>
            </Form>
          ) : (
            <p>{attachmentClosed(record.status)}</p>
          )}
          <p>
            <Link to={`/hours/${record.id}`}>Back to the record</Link>
          </p>
        </section>
        <section className="card" aria-labelledby="attached-heading">
          <h2 id="attached-heading">Attached to this record</h2>
          <DocumentList documents={attachments} empty="Nothing attached yet." />
        </section>
      </div>
    </>
  )
}
