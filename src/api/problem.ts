/** Why the server refused the session: it ran out, or the server does not know it (signed out, ended, disabled). */
export type SessionRefusal = 'session_expired' | 'unauthorised'

/**
 * Why a call to the server (or a sync) failed. The kind names are stored in IndexedDB with the
 * last sync status (db/syncState.ts), so they stay as they are.
 */
export interface ApiProblem {
  /**
   * offline: no answer; unauthorised: sign in again (401); rejected: the server said no (4xx);
   * server: 5xx or 429, try again later; local: this device's database failed (the sync engine only).
   */
  readonly kind: 'offline' | 'unauthorised' | 'rejected' | 'server' | 'local'
  /** The server's stable error code (`forbidden`, `mutation_gap` …), when it sent one. */
  readonly code?: string
  /** The server's Danish explanation (or, offline, the network error), when there is one. */
  readonly message?: string
  /** For `unauthorised`: why the session was refused, when the server said so. */
  readonly reason?: SessionRefusal
  /** How long the server asked us to wait (its Retry-After header), when it said so. */
  readonly retryAfterMs?: number
}

/** An API answer: the value, or why there is none. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem }
