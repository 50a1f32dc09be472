import type { Generated, Kysely } from 'kysely'

/** Server accounts; `id` is also the id of the user's Person record. */
export interface UsersTable {
  id: string
  /** Lower-cased; unique. */
  email: string
  name: string
  role: string
  /** `scrypt$…`; null for accounts that only sign in through OpenID Connect. */
  password_hash: string | null
  created_at: number
  disabled_at: number | null
}

/** Which teams a user works in. */
export interface MembershipsTable {
  user_id: string
  team_id: string
  /** The sequence number taken when the membership began (0 for the first ones). */
  from_seq: Generated<number>
}

/** Signed-in sessions; only a hash of the cookie token is stored. */
export interface SessionsTable {
  token_hash: string
  user_id: string
  created_at: number
  expires_at: number
}

/** One device database per row: bound to its user, with the last mutation applied. */
export interface ClientsTable {
  client_id: string
  user_id: string
  last_mutation_id: number
  created_at: number
  last_seen_at: number
}

/** Every synced record of every type, with its content as JSON and its global sequence. */
export interface RecordsTable {
  tbl: string
  id: string
  team_id: string
  /** JSON: every field but id, teamId, createdBy, rev and deletedAt. */
  data: string
  /** JSON: per-field { rev, clientId } for the field-level merge. */
  stamps: string
  seq: number
  created_by: string
  /** Client that created the record (a repeated put from it is a replay). */
  origin: string
  deleted_at: number | null
}

/** One row (id = 1): the newest sequence and the newest purged tombstone sequence. */
export interface SyncStateTable {
  id: number
  seq: number
  purged_through: number
  /** The sequence number the newest tombstone purge took (0 before any). */
  purge_seq: Generated<number>
}

/** Conflicts raised by pushes: delivered to the user's devices until one has stored them, then kept for support and audit. */
export interface ConflictsTable {
  id: string
  user_id: string
  client_id: string
  mutation_id: number
  tbl: string
  record_id: string
  field: string
  yours: string
  theirs: string
  at: number
  /** When a device of the user acknowledged it (null: it is still delivered on push and pull). */
  seen_at: number | null
}

/** Mutations a push refused, kept so a re-sent push whose answer was lost is told again. */
export interface RefusalsTable {
  client_id: string
  mutation_id: number
  user_id: string
  tbl: string
  record_id: string
  reason: string
  at: number
}

/** Failed sign-ins per IP and e-mail, for the sign-in rate limit (shared by all instances). */
export interface LoginFailuresTable {
  key: string
  failures: number
  locked_until: number
  last_at: number
}

/** An OpenID Connect sign-in between redirect and callback (at most a few minutes old). */
export interface OidcLoginsTable {
  state: string
  verifier: string
  nonce: string
  return_to: string
  created_at: number
}

/** Append-only audit log; rows are only ever inserted, and purged after the audit deadline. */
export interface AuditLogTable {
  /** UUIDv7: sorts by creation time. */
  id: string
  at: number
  team_id: string | null
  actor_id: string | null
  action: string
  subject: string | null
  /** JSON object; never personal free text. */
  details: string
  ip: string | null
}

/**
 * The server's side of each hand-off to central IT (records table `handOffs`): one job per
 * hand-off, claimed with a lease so exactly one instance works on it at a time.
 */
export interface HandoffJobsTable {
  /** The hand-off record's id. */
  id: string
  team_id: string
  /** venter | sendt | fejlet | annulleret */
  state: string
  /** Attempts begun (counted before the outside call, so a crash mid-call is known afterwards). */
  attempts: number
  /** Not tried again before this time (back-off). */
  next_at: number
  /** The instance holding the job, and until when; another may take it after that. */
  lease_owner: string | null
  lease_until: number
  /** TOPdesk's incident id and number once created (or found by externalNumber). */
  external_id: string | null
  external_number: string | null
  /** When the incident's status was last asked (follow-up); claimed like a lease. */
  checked_at: number
  /** When IT closed the incident (null while open or for a mail). */
  closed_at: number | null
  created_at: number
  updated_at: number
}

/** Photos by team and SHA-256 content hash; `data` is the image as base64. */
export interface PhotosTable {
  team_id: string
  hash: string
  content_type: string
  bytes: number
  data: string
  created_by: string
  created_at: number
}

/** The Kysely database type of the server. */
export interface ServerDatabase {
  users: UsersTable
  memberships: MembershipsTable
  sessions: SessionsTable
  clients: ClientsTable
  records: RecordsTable
  sync_state: SyncStateTable
  conflicts: ConflictsTable
  refusals: RefusalsTable
  login_failures: LoginFailuresTable
  oidc_logins: OidcLoginsTable
  audit_log: AuditLogTable
  handoff_jobs: HandoffJobsTable
  photos: PhotosTable
}

/** A Kysely handle on the server database. */
export type Db = Kysely<ServerDatabase>
