import type { AnyRecord, SyncTableName } from './records/syncTables.ts'
import type { Millis } from './records/fields.ts'
import type { CampaignRefusal } from './campaign.ts'
import type { LoanRefusal } from './loans.ts'

export type MutationOp = 'put' | 'patch' | 'delete'

/** Most mutations one push may carry; the client sends a longer outbox in several pushes. */
export const MAX_MUTATIONS_PER_PUSH = 1000
/** Largest push body the server reads, in bytes; a bigger one is rejected whole. */
export const MAX_PUSH_BYTES = 5 * 1024 * 1024
/** Records per pull page when the client does not ask for a size. */
export const DEFAULT_PULL_LIMIT = 500
/** Most records one pull page may hold. */
export const MAX_PULL_LIMIT = 1000

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
  /** The pushed mutation that raised it (set by the server). */
  readonly mutationId?: number
  /**
   * The server's id of the recorded conflict (set by the server): the device stores the conflict
   * under it, so a conflict delivered twice is stored once, and acknowledges it with it.
   */
  readonly conflictId?: string
}

/** Body of `POST /api/sync/push`. */
export interface PushRequest {
  /** Identifies one device database; bound to the signed-in user on its first push. */
  readonly clientId: string
  /** Outbox entries in mutationId order; already-applied ones are skipped. */
  readonly mutations: readonly Mutation[]
}

/** Why the server refused one mutation (the rest of the push still applies): not allowed, a lending rule, or a campaign that is over. */
export type RejectReason = 'forbidden' | LoanRefusal | CampaignRefusal

/** A mutation the server refused: it is acknowledged (leave the outbox) but nothing of it applied. */
export interface RejectedMutation {
  readonly mutationId: number
  readonly table: SyncTableName
  readonly recordId: string
  readonly reason: RejectReason
}

/** Answer to a push: everything up to `lastMutationId` is applied and may leave the outbox. */
export interface PushResponse {
  readonly lastMutationId: number
  /** The newest sequence number after this push; pull up to it to see the result. */
  readonly seq: number
  /**
   * The conflicts this push raised, and those its re-sent mutations raised before and no device
   * has acknowledged (the answer that carried them was lost).
   */
  readonly conflicts: readonly Conflict[]
  /** The mutations this push refused, and those its re-sent mutations were refused before. */
  readonly rejected: readonly RejectedMutation[]
}

/** One record in a pull page, with `rev` set to its sequence number. */
export interface PulledRecord {
  readonly table: SyncTableName
  readonly record: AnyRecord
}

/** Answer to `GET /api/sync/pull?cursor=N&limit=L`. */
export interface PullResponse {
  /** Records with sequence > cursor, ordered by sequence; tombstones included. */
  readonly records: readonly PulledRecord[]
  /** Pass as the next cursor (also when `records` is empty). */
  readonly nextCursor: number
  readonly hasMore: boolean
  /**
   * The device may have missed something (a tombstone purge or a new team since its copy began,
   * or the server is behind its cursor): drop the local copies (keep the outbox) and pull again
   * from cursor 0. `records` is then empty.
   */
  readonly resetRequired: boolean
  /**
   * The head at which the device's copy began: the server's head on a pull from cursor 0,
   * otherwise the `base` the device sent. The device keeps it and sends it with every pull until
   * its next reset, so the server can tell a device that missed something from a download in
   * progress.
   */
  readonly base: number
  /**
   * On the last page (`hasMore` false): the oldest conflicts of the signed-in user that no device
   * of theirs has acknowledged, from any of their devices (missing from older servers).
   */
  readonly conflicts?: readonly Conflict[]
}

/** Most conflict ids one acknowledgement may carry. */
export const MAX_SEEN_CONFLICTS = 1000

/** Body of `POST /api/sync/conflicts/seen`: conflicts this device has stored, so they are no longer delivered. */
export interface ConflictsSeenRequest {
  readonly ids: readonly string[]
}

/** Answer to `POST /api/sync/conflicts/seen`: how many of the user's conflicts were newly marked as seen. */
export interface ConflictsSeenResponse {
  readonly seen: number
}

/** Payload of a server-sent `sync` event: a newer sequence exists for the user's teams. */
export interface SyncNudge {
  readonly seq: number
}

/** Every 4xx/5xx answer of the API: a stable code and a Danish text to show. */
export interface ApiErrorBody {
  readonly error: string
  readonly message: string
  readonly details?: unknown
}
