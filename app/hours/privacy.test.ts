import { describe, expect, test } from 'vitest'
import { BIRTH_DATE_IN_TEXT, EMAIL_IN_TEXT, identifyingDetailIn, PHONE_IN_TEXT } from './privacy.ts'

describe('identifyingDetailIn', () => {
  test.each([
    'Follow up at jane.doe@example.com next week.',
    'wrote to JD@clinic.org',
    'contact: p_smith+kap@mail.example.co.uk',
    'Email Ana (ana@exámple.es) about the schedule.',
  ])('an email address is refused: %j', (text) => {
    expect(identifyingDetailIn(text)).toBe(EMAIL_IN_TEXT)
  })

  test.each([
    'Call her back on 555-123-4567.',
    'phone (555) 123-4567 after 6',
    'mobile +1 555 123 4567',
    '+44 20 7946 0958',
    'Her number is 0612345678.',
    'tel. 06 12 34 56 78',
    'tel. 06.12.34.56.78',
    'office 020 7946 0958',
    'ext 555-1234',
    '5551234567',
    'Reached at 555.123.4567 on 2026-01-10.',
  ])('a phone number is refused: %j', (text) => {
    expect(identifyingDetailIn(text)).toBe(PHONE_IN_TEXT)
  })

  test.each([
    'DOB: 03/04/1985',
    'dob 1985-03-04',
    'D.O.B. 4.3.85',
    'Date of birth 4 March 1985.',
    'born on March 4th, 1985',
    'She was born 12 Jan 1990 in Ohio.',
    'birthday is the 4th of March',
    'Birthdate: Dec 24',
  ])('a date of birth is refused: %j', (text) => {
    expect(identifyingDetailIn(text)).toBe(BIRTH_DATE_IN_TEXT)
  })

  test.each([
    '',
    'Held silence; offered grounding once when asked.',
    'Session on 2026-01-10 lasted 90 minutes; 50 75 100 mg over three sessions.',
    'Between 10:30-11:45 the participant rested. Dose 0.5 mg/kg IM.',
    'Second session, 3 weeks after the first (2026-01-10 and 2026-01-31).',
    'Born in 1985 is not a birth date: the year alone is allowed.',
    'We talked about being born again in the work.',
    'Reviewed 2019-2024 literature; 12 of 14 items done.',
    'Dr. Priya Natarajan, MD (Desert Integrative Medicine)',
    'Client P-0042 and participant C-0042 on 1/2/2026.',
    'Scored 27 on the PHQ-9 and 12 on the GAD-7.',
    'Email the supervisor at the usual address; phone later.',
  ])('ordinary clinical notes pass: %j', (text) => {
    expect(identifyingDetailIn(text)).toBeNull()
  })
})
