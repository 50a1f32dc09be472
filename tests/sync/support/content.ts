import type { ContentOf, PersonId } from '../../../src/domain/records/fields.ts'
import type { Request } from '../../../src/domain/records/request.ts'
import type { TimeEntry } from '../../../src/domain/records/timeEntry.ts'

/** The content of a new request, as the request form would save it. */
export function requestContent(overrides: Partial<ContentOf<Request>> = {}): ContentOf<Request> {
  return {
    requesterName: 'Jens Jensen', departmentId: null, channel: 'telefon', category: 'acadre', presetId: null,
    description: 'Kan ikke åbne dokument', status: 'ny', owner: 'superbruger', assigneeId: null,
    referrals: [], history: [], assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null, words: [],
    ...overrides,
  }
}

/** The content of a finished (or, with end null, running) time entry of `personId`. */
export function timeContent(personId: PersonId, overrides: Partial<ContentOf<TimeEntry>> = {}): ContentOf<TimeEntry> {
  return {
    personId, start: 1_764_000_000_000, end: 1_764_000_900_000, activity: 'daglig hjælp', requestId: null,
    note: '', week: '2025-W48', ...overrides,
  }
}
