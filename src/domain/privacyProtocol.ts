import type { Millis } from './records/fields.ts'
import type { SyncTableName } from './records/syncTables.ts'

/** What every anonymised free text becomes (an empty text stays empty): says plainly that something was removed. */
export const ANONYMISED_TEXT = 'Anonymiseret'

/** Default deletion deadline of a team without retention settings, in months. */
export const DEFAULT_ANONYMISE_AFTER_MONTHS = 12

/** Shortest and longest search text for GET /api/people-data/search. */
export const PEOPLE_QUERY_MIN = 2
export const PEOPLE_QUERY_MAX = 100

/** One record that names the searched person, with the fields that matched (`referrals.note`, `assigneeId` …). */
export interface PeopleDataHit {
  readonly table: SyncTableName
  readonly id: string
  readonly teamId: string
  readonly matches: readonly string[]
  /** The record as devices hold it (content plus id, teamId, createdBy, rev). */
  readonly record: Readonly<Record<string, unknown>>
  /** Whether POST /api/people-data/anonymise can wipe it (else: edit or delete it by hand). */
  readonly anonymisable: boolean
}

/** The hits of one table. */
export interface PeopleDataGroup {
  readonly table: SyncTableName
  readonly count: number
  readonly hits: readonly PeopleDataHit[]
}

/** Answer to GET /api/people-data/search?q=. */
export interface PeopleDataSearchResponse {
  readonly q: string
  readonly total: number
  readonly groups: readonly PeopleDataGroup[]
  /** More records matched than one answer holds; narrow the search (the export holds them all). */
  readonly truncated: boolean
}

/** Body of POST /api/people-data/anonymise. */
export interface AnonymiseRequest {
  readonly q: string
  readonly recordIds: readonly string[]
}

/** Why a requested record was not anonymised. */
export type AnonymiseSkipReason = 'no_match' | 'not_anonymisable' | 'unchanged'

/** Answer to POST /api/people-data/anonymise. */
export interface AnonymiseResponse {
  readonly anonymised: number
  readonly skipped: ReadonlyArray<{ readonly id: string; readonly reason: AnonymiseSkipReason }>
  /** The server head after the change (devices pull up to it). */
  readonly seq: number
}

/** One audit log row as GET /api/admin/audit returns it. */
export interface AuditLogRow {
  readonly id: string
  readonly at: Millis
  readonly teamId: string | null
  readonly actorId: string | null
  /** Name of the account that acted, when it still exists. */
  readonly actorName: string | null
  readonly action: string
  readonly subject: string | null
  readonly details: Readonly<Record<string, unknown>>
  readonly ip: string | null
}

/** Answer to GET /api/admin/audit?before=&limit=: newest first; pass `nextBefore` for the next page. */
export interface AuditPage {
  readonly entries: readonly AuditLogRow[]
  readonly nextBefore: string | null
}
