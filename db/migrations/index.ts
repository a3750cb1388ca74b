import type { Migration } from 'kysely'
import * as foundation from './2026-11-25T0900-foundation.ts'
import * as curriculum from './2026-11-25T1000-curriculum.ts'
import * as hours from './2026-11-25T1100-hours.ts'
import * as staffCertificates from './2026-11-25T1200-staff-certificates.ts'
import * as evidence from './2026-11-25T1300-evidence.ts'
import * as listIndexes from './2026-11-25T1400-list-indexes.ts'
import * as throttle from './2026-11-28T0900-throttle.ts'
import * as jobLeases from './2026-11-28T1000-job-leases.ts'
import * as documents from './2026-11-28T1300-documents.ts'
import * as verifiedLicenses from './2026-11-28T1400-verified-licenses.ts'
import * as attestations from './2026-11-28T1500-attestations.ts'
import * as boardCategories from './2026-11-28T1600-board-categories.ts'
import * as issuerKeys from './2026-11-29T0900-issuer-keys.ts'
import * as notifications from './2026-11-30T0900-notifications.ts'
import * as timeZones from './2026-11-30T1100-time-zones.ts'
import * as agreementsEvaluations from './2026-11-30T1200-agreements-evaluations.ts'
import * as calendar from './2026-11-30T1300-calendar.ts'
import * as groupSupervisionComments from './2026-11-30T1400-group-supervision-comments.ts'
import * as eligibilityIndex from './2026-11-30T1500-eligibility-index.ts'

/** Every migration, by name; names sort in the order they run. */
export const migrations: Record<string, Migration> = {
  '2026-11-25T0900-foundation': foundation,
  '2026-11-25T1000-curriculum': curriculum,
  '2026-11-25T1100-hours': hours,
  '2026-11-25T1200-staff-certificates': staffCertificates,
  '2026-11-25T1300-evidence': evidence,
  '2026-11-25T1400-list-indexes': listIndexes,
  '2026-11-28T0900-throttle': throttle,
  '2026-11-28T1000-job-leases': jobLeases,
  '2026-11-28T1300-documents': documents,
  '2026-11-28T1400-verified-licenses': verifiedLicenses,
  '2026-11-28T1500-attestations': attestations,
  '2026-11-28T1600-board-categories': boardCategories,
  '2026-11-29T0900-issuer-keys': issuerKeys,
  '2026-11-30T0900-notifications': notifications,
  '2026-11-30T1100-time-zones': timeZones,
  '2026-11-30T1200-agreements-evaluations': agreementsEvaluations,
  '2026-11-30T1300-calendar': calendar,
  '2026-11-30T1400-group-supervision-comments': groupSupervisionComments,
  '2026-11-30T1500-eligibility-index': eligibilityIndex,
}
