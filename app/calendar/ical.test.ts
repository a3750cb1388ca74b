import { describe, expect, test } from 'vitest'
import { calendarText, escapeText, foldLine, utcDateTime } from './ical.ts'

describe('iCalendar text', () => {
  test('text values escape backslash, semicolon, comma and line breaks', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf')
  })

  test('instants are written in UTC with a Z, whatever offset they came with', () => {
    expect(utcDateTime('2026-12-01T17:00:00.000Z')).toBe('20261201T170000Z')
    expect(utcDateTime('2026-12-01T09:30:00-08:00')).toBe('20261201T173000Z')
    expect(() => utcDateTime('tomorrow')).toThrow('Not an instant')
  })

  test('a line longer than 75 octets folds with CRLF and a space; short lines stay whole', () => {
    expect(foldLine('SUMMARY:short')).toBe('SUMMARY:short')
    const long = `SUMMARY:${'x'.repeat(80)}`
    expect(foldLine(long)).toBe(`SUMMARY:${'x'.repeat(67)}\r\n ${'x'.repeat(13)}`)
    // Exactly 75 octets: no fold.
    expect(foldLine('X'.repeat(75))).toBe('X'.repeat(75))
    expect(foldLine('X'.repeat(76))).toBe(`${'X'.repeat(75)}\r\n X`)
    // A continuation holds the space and 74 octets.
    expect(foldLine('X'.repeat(75 + 74 + 1))).toBe(`${'X'.repeat(75)}\r\n ${'X'.repeat(74)}\r\n X`)
  })

  test('folding counts octets and never splits a character', () => {
    // "é" is two octets: 37 of them (74 octets) after one "A" fill the first line exactly.
    const line = `A${'é'.repeat(38)}`
    const folded = foldLine(line)
    expect(folded).toBe(`A${'é'.repeat(37)}\r\n é`)
    for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75)
  })

  test('a whole calendar: CRLF after every line, the events in UTC, the name escaped', () => {
    const text = calendarText({
      productId: '-//KAP Fellowship//Calendar//EN',
      name: 'KAP Fellowship, Avery',
      events: [
        {
          uid: 'planned-7@kap.example.org',
          start: '2026-12-01T17:00:00.000Z',
          end: '2026-12-01T20:30:00.000Z',
          stamp: '2026-11-28T10:15:30.123Z',
          summary: 'Sitter session',
          sequence: 2,
        },
      ],
    })
    expect(text).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//KAP Fellowship//Calendar//EN',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:KAP Fellowship\\, Avery',
        'BEGIN:VEVENT',
        'UID:planned-7@kap.example.org',
        'DTSTAMP:20261128T101530Z',
        'DTSTART:20261201T170000Z',
        'DTEND:20261201T203000Z',
        'SUMMARY:Sitter session',
        'SEQUENCE:2',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    )
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
  })

  test('an empty calendar is still a valid VCALENDAR', () => {
    expect(calendarText({ productId: '-//P//EN', name: 'Empty', events: [] })).toBe(
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//P//EN\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Empty\r\nEND:VCALENDAR\r\n',
    )
  })
})
