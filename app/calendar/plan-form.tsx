import { Form, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import type { PlannedKind } from '#db/schema.ts'
import { ChoiceGroup, FormError, SelectField, TextAreaField, TextField } from '#app/components/forms.tsx'
import { CODE_MAX, exampleCode, type CodeFormats } from '#app/hours/codes.ts'
import { MAX_MINUTES } from '#app/hours/rules.ts'
import { valueOf } from '#app/utils/forms.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { SETTING_LABELS } from './labels.ts'
import { PLANNED_MIN_MINUTES, planSchemaFor, TOPIC_MAX } from './schema.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { zoneChoices } from './zones.ts'

type Values = Record<string, string | string[]>
type Person = { id: number; name: string }

/** The form to plan (or change) one session or meeting; the kind is chosen before it opens. */
export function PlanForm({
  kind,
  codes,
  coSitters = [],
  attendees = [],
  attendeesLegend,
  values,
  submitLabel,
  serverResult,
}: {
  kind: PlannedKind
  codes: CodeFormats
  coSitters?: Person[]
  attendees?: Person[]
  attendeesLegend: string
  values?: Values
  submitLabel: string
  serverResult?: { errors?: Record<string, string>; values?: Values }
}) {
  const navigation = useNavigation()
  const schema = useMemo(() => planSchemaFor(codes), [codes])
  // A new plan starts in the person's own zone (Settings); the list offers it beside the usual ones.
  const { timeZone: ownZone } = useFormat()
  const defaults = { timeZone: ownZone, setting: 'in_person', ...values, kind }
  const { register, onSubmit, errorFor, formError } = useValidatedForm(schema, { defaultValues: defaults, serverResult })
  const shown: Values = { ...defaults, ...serverResult?.values }
  const v = (key: string) => valueOf(shown, key)
  const chosenAttendees = shown.attendeeIds === undefined ? [] : Array.isArray(shown.attendeeIds) ? shown.attendeeIds : [shown.attendeeIds]

  const codeFormat = kind === 'practicum' ? codes.client : codes.participant
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <FormError error={formError ?? errorFor('kind') ?? errorFor('version')} />
      <input type="hidden" defaultValue={kind} {...register('kind')} />
      {values?.version ? <input type="hidden" defaultValue={values.version as string} {...register('version')} /> : null}
      <div className="inline-fields">
        <TextField label="Date" type="date" defaultValue={v('date')} registration={register('date')} error={errorFor('date')} />
        <TextField label="Start time" type="time" defaultValue={v('time')} registration={register('time')} error={errorFor('time')} />
        <TextField
          label="Duration (minutes)"
          type="number"
          inputMode="numeric"
          min={PLANNED_MIN_MINUTES[kind]}
          max={MAX_MINUTES}
          step={1}
          hint={`${PLANNED_MIN_MINUTES[kind]}–${MAX_MINUTES} minutes`}
          defaultValue={v('minutes')}
          registration={register('minutes')}
          error={errorFor('minutes')}
        />
      </div>
      <SelectField
        label="Time zone"
        hint="Where it takes place: the date and time are that zone’s."
        options={zoneChoices(ownZone, v('timeZone'))}
        defaultValue={v('timeZone')}
        registration={register('timeZone')}
        error={errorFor('timeZone')}
      />
      <ChoiceGroup
        legend="Setting"
        options={Object.entries(SETTING_LABELS).map(([value, label]) => ({ value, label }))}
        defaultValue={v('setting')}
        registration={register('setting')}
        error={errorFor('setting')}
      />
      {kind === 'sitter' || kind === 'practicum' ? (
        <TextField
          label={kind === 'sitter' ? 'Participant code (optional)' : 'Client code (optional)'}
          hint={`Only you see it here, and it is never in your calendar feed. The institute’s format, ${codeFormat} (# is a digit), such as ${exampleCode(codeFormat)}. Never a name or initials.`}
          autoComplete="off"
          maxLength={CODE_MAX}
          defaultValue={v('participantCode')}
          registration={register('participantCode')}
          error={errorFor('participantCode')}
        />
      ) : null}
      {kind === 'sitter' ? (
        <SelectField
          label="Co-sitter (optional)"
          hint="The fellow who will sit with you: it shows on their calendar too."
          placeholder="None"
          options={coSitters.map((f) => ({ value: String(f.id), label: f.name }))}
          defaultValue={v('coSitterId')}
          registration={register('coSitterId')}
          error={errorFor('coSitterId')}
        />
      ) : null}
      {kind === 'meeting' ? (
        <>
          {attendees.length ? (
            <ChoiceGroup
              legend={attendeesLegend}
              multiple
              options={attendees.map((p) => ({ value: String(p.id), label: p.name }))}
              defaultValue={chosenAttendees}
              registration={register('attendeeIds')}
              error={errorFor('attendeeIds')}
            />
          ) : (
            <p className="alert alert-warning" role="note">
              {errorFor('attendeeIds') ?? 'There is nobody to invite yet: institute staff assign supervisors and fellows to each other.'}
            </p>
          )}
          <TextAreaField
            label="Topic (optional)"
            hint="Seen by those attending; never in a calendar feed. Do not identify clients or participants."
            maxLength={TOPIC_MAX}
            defaultValue={v('topic')}
            registration={register('topic')}
            error={errorFor('topic')}
          />
        </>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}
