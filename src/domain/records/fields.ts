// What every synced record shares: branded ids, the sync fields and the text limits. The field
// schemas each record file builds its schema from are in fieldSchemas.ts, so a screen that needs
// only an id type or a limit does not load the schema library.

/** Branded string so ids of different record types cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly __brand: B }

export type TeamId = Brand<string, 'TeamId'>
export type PersonId = Brand<string, 'PersonId'>
export type DepartmentId = Brand<string, 'DepartmentId'>
export type RequestId = Brand<string, 'RequestId'>
export type TimeEntryId = Brand<string, 'TimeEntryId'>
export type AbsenceId = Brand<string, 'AbsenceId'>
export type ChecklistTemplateId = Brand<string, 'ChecklistTemplateId'>
export type ChecklistRunId = Brand<string, 'ChecklistRunId'>
export type ChecklistAnswerId = Brand<string, 'ChecklistAnswerId'>
export type AssetId = Brand<string, 'AssetId'>
export type TipId = Brand<string, 'TipId'>
export type TipReadId = Brand<string, 'TipReadId'>
export type ObservationId = Brand<string, 'ObservationId'>
export type HandOffId = Brand<string, 'HandOffId'>
export type LoanId = Brand<string, 'LoanId'>
export type CampaignId = Brand<string, 'CampaignId'>

/** Epoch milliseconds. All timestamps are stored this way. */
export type Millis = number

/** Fields every synced record carries (see DESIGN.md "Records"). */
export interface SyncFields<Id extends string> {
  readonly id: Id
  readonly teamId: TeamId
  readonly createdAt: Millis
  readonly createdBy: PersonId
  /** Device time of the last local edit, for display only. */
  readonly updatedAt: Millis
  /** Server sequence of the last change the server applied; 0 before first sync. */
  readonly rev: number
  /** Tombstone: set when deleted; the content fields are then wiped. */
  readonly deletedAt: Millis | null
}

/** Fields a client may not set itself; the server owns them. */
export type ContentOf<T> = Omit<T, keyof SyncFields<string>>

/** Longest id the server accepts (UUIDv7 needs 36). */
export const MAX_ID_LENGTH = 64
/** Longest one-line text (names, titles, codes). */
export const MAX_SHORT_TEXT = 500
/** Longest free text (descriptions, notes, tip bodies). */
export const MAX_LONG_TEXT = 50_000
