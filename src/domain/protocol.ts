import type { Millis, SyncTableName } from './types.ts'

export type MutationOp = 'put' | 'patch' | 'delete'

/** One queued local change, as stored in the outbox and pushed to the server. */
export interface Mutation {
  /** Per device, strictly increasing; the server applies each exactly once. */
  readonly mutationId: number
  readonly table: SyncTableName
  readonly recordId: string
  readonly op: MutationOp
  /** put: the whole record; patch: the changed fields; delete: empty. */
  readonly fields: Readonly<Record<string, unknown>>
  /** rev of the record the change was based on (0 for a new record). */
  readonly baseRev: number
  readonly at: Millis
}

/** A field the server kept because it changed since the client's base revision. */
export interface Conflict {
  readonly table: SyncTableName
  readonly id: string
  readonly field: string
  readonly yours: unknown
  readonly theirs: unknown
}
