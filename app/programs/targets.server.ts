import { getCatalog } from '#app/curriculum/content.server.ts'

/** The largest requirement of each kind across the programs: what the hours page measures against. */
export function hoursTargets() {
  const programs = getCatalog().programs
  const max = (pick: (p: (typeof programs)[number]) => number) => Math.max(0, ...programs.map(pick))
  return {
    experiential: max((p) => p.experientialSessions),
    sitter: max((p) => p.sitterSessions),
    practicumHours: max((p) => p.practicumHours),
    supervisionHours: max((p) => p.supervisionHours),
    directPracticumHours: max((p) => p.directPracticumHours),
    individualSupervisionHours: max((p) => p.individualSupervisionHours),
    groupSupervisionHours: max((p) => p.groupSupervisionHours),
    consultationHours: max((p) => p.consultationHours),
  }
}
