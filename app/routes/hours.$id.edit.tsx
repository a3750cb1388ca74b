import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { notFound, requireUser } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import { RecordForm } from '#app/hours/record-form.tsx'
import { possibleDuplicateMessage, sessionFactsOf } from '#app/hours/duplicates.ts'
import { editFormValues } from '#app/hours/form-values.ts'
import { requireVisibleRecord } from '#app/hours/access.server.ts'
import { possibleDuplicates } from '#app/hours/records.server.ts'
import { coSitterChoices, savedMessage, updateRecord } from '#app/hours/workflow.server.ts'
import { recordSchemaFor } from '#app/hours/schema.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { isEditable } from '#app/hours/workflow.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Edit record · KAP Fellowship' }]

/** Only the owner edits, and only a draft or a returned record. */
async function requireEditable(request: Request, user: SessionUser, id: string | undefined) {
  const { record, visibility } = await requireVisibleRecord(request, user, id)
  if (visibility !== 'owner') throw notFound('There is no such record.')
  return { record, editable: isEditable(record.status) }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { record, editable } = await requireEditable(request, user, params.id)
  const duplicates = editable ? await possibleDuplicates(user.id, sessionFactsOf(record), { exceptId: record.id }) : []
  return {
    record: {
      id: record.id,
      kind: record.kind,
      status: record.status,
      version: record.version,
      occurred_on: record.occurred_on,
      return_comment: record.return_comment,
    },
    values: editFormValues(record),
    editable,
    codes: codeFormats(),
    coSitters: record.kind === 'sitter' ? await coSitterChoices(user.id) : [],
    duplicateWarning: duplicates.length ? possibleDuplicateMessage(duplicates) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { record } = await requireEditable(request, user, params.id)
  const form = await parseForm(request, recordSchemaFor(codeFormats(), timeZoneOf(user)))
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await updateRecord(user, record, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(`/hours/${record.id}`, savedMessage(result, 'Changes saved.'))
}

export default function EditRecordPage() {
  const { record, values, editable, codes, coSitters, duplicateWarning } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title={`Edit: ${KIND_LABELS[record.kind].toLowerCase()}`}
        breadcrumbs={[
          { to: '/hours', label: 'Hours' },
          { to: `/hours/${record.id}`, label: formatDate(record.occurred_on) },
        ]}
      />
      {record.status === 'returned' && record.return_comment ? (
        <div className="alert alert-warning" role="note">
          <strong>Why it was returned:</strong> {record.return_comment}
        </div>
      ) : null}
      {editable ? (
        <div className="card">
          <RecordForm
            kind={record.kind}
            codes={codes}
            coSitters={coSitters}
            values={values}
            version={record.version}
            duplicateWarning={duplicateWarning}
            serverResult={actionData}
          />
        </div>
      ) : (
        <div className="card">
          <p>This record is {record.status} and can no longer be edited.</p>
          <Link to={`/hours/${record.id}`}>Back to the record</Link>
        </div>
      )}
    </>
  )
}
