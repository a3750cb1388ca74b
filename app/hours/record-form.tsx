import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import type { RecordKind } from '#db/schema.ts'
import { ChoiceGroup, FormError, SelectField, TextAreaField, TextField } from '#app/components/forms.tsx'
import { valueOf } from '#app/utils/forms.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { CONTACT_LABELS, FORMAT_LABELS, options, PHASE_LABELS, ROUTE_LABELS, SETTING_LABELS, SITTER_ROLE_LABELS, SUPERVISION_TYPE_LABELS } from './labels.ts'
import { CODE_MAX, exampleCode, type CodeFormats } from './codes.ts'
import { DIFFERENT_SESSION_LABEL } from './duplicates.ts'
import { todayIn } from '#app/utils/dates.ts'
import { useTimeZone } from '#app/utils/time-zone-hooks.tsx'
import { MAX_MINUTES, MIN_SESSION_MINUTES, NOTES_MAX } from './rules.ts'
import { recordSchemaFor } from './schema.ts'

type Values = Record<string, string | string[]>

const codeHint = (format: string) =>
  `A pseudonymous code in the institute’s format, ${format} (# is a digit), such as ${exampleCode(format)}. Never enter a name, initials, email, phone number or any other identifier.`

/** The record form for every kind; the kind is fixed (chosen before the form opens). */
export function RecordForm({
  kind,
  codes,
  coSitters = [],
  values,
  version,
  duplicateWarning,
  serverResult,
}: {
  kind: RecordKind
  /** The institute's participant and client code formats, from the loader. */
  codes: CodeFormats
  /** The fellows a sitter session can name as co-sitter. */
  coSitters?: { id: number; name: string }[]
  values?: Values
  version?: number
  /** Said before anyone saves, when the stored record already looks like another of the fellow's. */
  duplicateWarning?: string | null
  serverResult?: { errors?: Record<string, string>; values?: Values }
}) {
  const navigation = useNavigation()
  // The date may be today in the fellow's zone, not later.
  const timeZone = useTimeZone()
  const schema = useMemo(() => recordSchemaFor(codes, timeZone), [codes, timeZone])
  const { register, onSubmit, errorFor, formError } = useValidatedForm(schema, {
    defaultValues: { ...values, kind },
    serverResult,
  })
  const shown = { ...values, ...serverResult?.values }
  const v = (key: string) => valueOf(shown, key)
  const notes = (name: string, label: string, hint?: string) => (
    <TextAreaField label={label} hint={hint} maxLength={NOTES_MAX} defaultValue={v(name)} registration={register(name)} error={errorFor(name)} />
  )
  const code = (name: string, label: string, format: string) => (
    <TextField
      label={label}
      hint={codeHint(format)}
      autoComplete="off"
      maxLength={CODE_MAX}
      defaultValue={v(name)}
      registration={register(name)}
      error={errorFor(name)}
    />
  )
  // The box appears once the server (or the edit page) has said the record may be a duplicate, and stays while it is ticked.
  const askDifferentSession = Boolean(duplicateWarning || serverResult?.errors?.differentSession || v('differentSession') === 'yes')
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <FormError error={formError ?? errorFor('kind')} />
      <input type="hidden" defaultValue={kind} {...register('kind')} />
      {version !== undefined ? <input type="hidden" name="version" value={version} /> : null}
      <div className="inline-fields">
        <TextField
          label="Date"
          type="date"
          max={todayIn(timeZone)}
          defaultValue={v('occurredOn')}
          registration={register('occurredOn')}
          error={errorFor('occurredOn')}
        />
        {kind === 'sitter' ? (
          // A sitter session is logged by the clock; its duration follows from the times.
          <>
            <TextField label="Start time" type="time" defaultValue={v('startTime')} registration={register('startTime')} error={errorFor('startTime')} />
            <TextField
              label="End time"
              type="time"
              hint="An end before the start is the next day."
              defaultValue={v('endTime')}
              registration={register('endTime')}
              error={errorFor('endTime') ?? errorFor('minutes')}
            />
          </>
        ) : (
          <TextField
            label="Duration (minutes)"
            type="number"
            inputMode="numeric"
            min={MIN_SESSION_MINUTES[kind]}
            max={MAX_MINUTES}
            step={1}
            hint={`${MIN_SESSION_MINUTES[kind]}–${MAX_MINUTES} minutes`}
            defaultValue={v('minutes')}
            registration={register('minutes')}
            error={errorFor('minutes')}
          />
        )}
      </div>
      <ChoiceGroup
        legend="Setting"
        options={options(SETTING_LABELS)}
        defaultValue={v('setting')}
        registration={register('setting')}
        error={errorFor('setting')}
      />

      {kind === 'experiential' ? (
        <>
          <SelectField
            label="Route of administration"
            placeholder="Choose…"
            options={options(ROUTE_LABELS)}
            defaultValue={v('route')}
            registration={register('route')}
            error={errorFor('route')}
          />
          <TextField
            label="Prescriber or medical team"
            maxLength={200}
            defaultValue={v('medicalTeam')}
            registration={register('medicalTeam')}
            error={errorFor('medicalTeam')}
          />
          {notes('preparationNotes', 'Preparation notes', 'Private reflection: visible only to you, your supervisor and institute staff.')}
          {notes('integrationNotes', 'Integration notes', 'Private reflection: visible only to you, your supervisor and institute staff.')}
        </>
      ) : null}
      {kind === 'sitter' ? (
        <>
          {code('participantCode', 'Participant code', codes.participant)}
          <ChoiceGroup
            legend="Your role"
            options={options(SITTER_ROLE_LABELS)}
            defaultValue={v('sitterRole')}
            registration={register('sitterRole')}
            error={errorFor('sitterRole')}
          />
          <SelectField
            label="Other sitter"
            hint="The fellow who sat the session with you (as lead or co-sitter). They confirm this record from their own account before it reaches your supervisor."
            placeholder="None: I was the only sitter"
            options={coSitters.map((f) => ({ value: String(f.id), label: f.name }))}
            defaultValue={v('coSitterId')}
            registration={register('coSitterId')}
            error={errorFor('coSitterId')}
          />
          {notes('notes', 'Notes', 'Your own observations. Do not identify the participant.')}
        </>
      ) : null}
      {kind === 'practicum' ? (
        <>
          <SelectField
            label="Phase"
            placeholder="Choose…"
            options={options(PHASE_LABELS)}
            defaultValue={v('phase')}
            registration={register('phase')}
            error={errorFor('phase')}
          />
          <ChoiceGroup
            legend="Client contact"
            hint="Direct: with the client present (in person or by video). Indirect: preparation, notes or case review without the client."
            options={options(CONTACT_LABELS)}
            defaultValue={v('contact')}
            registration={register('contact')}
            error={errorFor('contact')}
          />
          {code('clientCode', 'Client code', codes.client)}
          {notes('notes', 'Notes', 'Optional. Do not identify the client.')}
        </>
      ) : null}
      {kind === 'supervision' ? (
        <>
          <ChoiceGroup
            legend="Supervision or consultation"
            hint="Supervision: a supervisor with oversight of your work. Consultation: advice from a peer or expert without that authority. Boards count them apart."
            options={options(SUPERVISION_TYPE_LABELS)}
            defaultValue={v('supervisionType')}
            registration={register('supervisionType')}
            error={errorFor('supervisionType')}
          />
          <div className="inline-fields">
            <ChoiceGroup
              legend="Format"
              options={options(FORMAT_LABELS)}
              defaultValue={v('supervisionFormat')}
              registration={register('supervisionFormat')}
              error={errorFor('supervisionFormat')}
            />
            <TextField
              label="Group size"
              type="number"
              inputMode="numeric"
              min={2}
              max={50}
              step={1}
              hint="For a group: how many people, you included."
              defaultValue={v('groupSize')}
              registration={register('groupSize')}
              error={errorFor('groupSize')}
            />
          </div>
          <TextField
            label="Supervisor or consultant"
            maxLength={120}
            defaultValue={v('supervisorName')}
            registration={register('supervisorName')}
            error={errorFor('supervisorName')}
          />
          {notes('notes', 'Notes', 'Optional.')}
        </>
      ) : null}

      {askDifferentSession ? (
        <ChoiceGroup
          legend="Possible duplicate"
          multiple
          hint={errorFor('differentSession') ? undefined : (duplicateWarning ?? undefined)}
          options={[{ value: 'yes', label: DIFFERENT_SESSION_LABEL }]}
          defaultValue={v('differentSession')}
          registration={register('differentSession')}
          error={errorFor('differentSession')}
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" name="intent" value="save" className="button secondary" disabled={navigation.state === 'submitting'}>
          Save draft
        </button>
        <button type="submit" name="intent" value="submit" className="button" disabled={navigation.state === 'submitting'}>
          Save and submit for review
        </button>
      </div>
    </Form>
  )
}
