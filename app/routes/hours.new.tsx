import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { RECORD_KINDS, type RecordKind } from '#db/schema.ts'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { KIND_DESCRIPTIONS, KIND_LABELS } from '#app/hours/labels.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import { RecordForm } from '#app/hours/record-form.tsx'
import { coSitterChoices, createRecord, savedMessage } from '#app/hours/workflow.server.ts'
import { clearanceToday } from '#app/hours/records.server.ts'
import { recordSchemaFor } from '#app/hours/schema.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Log a record · KAP Fellowship' }]

function kindFrom(request: Request): RecordKind | null {
  const kind = new URL(request.url).searchParams.get('kind')
  return (RECORD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RecordKind) : null
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const kind = kindFrom(request)
  return {
    kind,
    codes: codeFormats(),
    coSitters: kind === 'sitter' ? await coSitterChoices(user.id) : [],
    // An experiential session needs a clearance covering its date: say up front when none covers today.
    clearedToday: kind === 'experiential' ? (await clearanceToday(user)).clearance !== null : null,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const form = await parseForm(request, recordSchemaFor(codeFormats(), timeZoneOf(user)))
  if (!form.ok) return invalid(form.errors, form.values)
  // The schema is shared with the edit form; a new record has no version to post.
  if (form.data.version !== undefined) return invalid({ form: 'This form does not have the field version. Reload the page and try again.' }, form.values)
  const result = await createRecord(user, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(`/hours/${result.id}`, savedMessage(result, 'Saved as a draft. Submit it when it is ready.'))
}

export default function NewRecordPage() {
  const { kind, codes, coSitters, clearedToday } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <PageHeader title={kind ? `Log: ${KIND_LABELS[kind].toLowerCase()}` : 'Log a record'} breadcrumbs={[{ to: '/hours', label: 'Hours' }]} />
      {kind ? (
        <div className="card">
          <p className="muted">{KIND_DESCRIPTIONS[kind]}</p>
          {clearedToday === false ? (
            <div className="alert alert-warning" id="no-clearance">
              <p>
                <strong>No medical clearance covers today.</strong> An experiential session can be submitted only for a date a clearance recorded by staff
                covers. You can save it as a draft; ask staff to record your clearance, then submit it.
              </p>
            </div>
          ) : null}
          <RecordForm kind={kind} codes={codes} coSitters={coSitters} serverResult={actionData} />
          <p className="small">
            <Link to="/hours/new" className="target">
              Choose a different kind
            </Link>
          </p>
        </div>
      ) : (
        <nav aria-label="Kinds of record" className="columns">
          {RECORD_KINDS.map((k) => (
            <Link key={k} to={`/hours/new?kind=${k}`} className="card card-link">
              <h2>{KIND_LABELS[k]}</h2>
              <p className="muted">{KIND_DESCRIPTIONS[k]}</p>
            </Link>
          ))}
        </nav>
      )}
    </>
  )
}
