import type { ApiErrorBody, ConflictsSeenResponse, PullResponse, PushRequest, PushResponse } from '../domain/protocol.ts'
import type { SessionRefusal, SyncProblem } from '../db/syncState.ts'

/** A transport answer: the value, or why there is none. */
export type TransportResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: SyncProblem; readonly retryAfterMs?: number }

/** The signed-in account as the server describes it. */
export interface AccountInfo {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: string
  readonly teams: readonly string[]
}

/** The sync API as the engine uses it; every call resolves (it never throws for HTTP or network trouble). */
export interface Transport {
  push(request: PushRequest): Promise<TransportResult<PushResponse>>
  /** `base`: where the device's copy began (PullResponse.base), omitted before the first page. */
  pull(cursor: number, limit: number, base?: number): Promise<TransportResult<PullResponse>>
  /** Tells the server this device has stored these conflicts, so they are no longer delivered. */
  conflictsSeen(ids: readonly string[]): Promise<TransportResult<ConflictsSeenResponse>>
  me(): Promise<TransportResult<AccountInfo>>
  login(email: string, password: string): Promise<TransportResult<AccountInfo>>
  logout(): Promise<TransportResult<null>>
}

/** Where the API is and how to reach it (tests pass an absolute base and a fetch with a cookie jar). */
export interface TransportOptions {
  readonly baseUrl?: string
  readonly fetch?: typeof fetch
}

async function errorBodyOf(response: Response): Promise<Partial<ApiErrorBody>> {
  try {
    return (await response.json()) as Partial<ApiErrorBody>
  } catch {
    return {}
  }
}

function retryAfter(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
}

/** The server's reason for a 401 (`details.reason`), if it is one the UI explains. */
function refusalOf(details: unknown): SessionRefusal | undefined {
  const reason = typeof details === 'object' && details !== null ? (details as { reason?: unknown }).reason : undefined
  return reason === 'session_expired' || reason === 'unauthorised' ? reason : undefined
}

/** Maps a non-2xx answer to the kind of problem the engine and the UI distinguish. */
async function problemOf(response: Response): Promise<TransportResult<never>> {
  const body = await errorBodyOf(response)
  const details = { code: body.error, message: body.message }
  if (response.status === 401) {
    // Kept so the UI can tell "your session ran out" from "the server does not know you".
    const reason = refusalOf(body.details)
    return { ok: false, problem: { kind: 'unauthorised', ...details, ...(reason ? { reason } : {}) } }
  }
  if (response.status >= 500 || response.status === 429) {
    return { ok: false, problem: { kind: 'server', ...details }, retryAfterMs: retryAfter(response) }
  }
  return { ok: false, problem: { kind: 'rejected', ...details } }
}

/** Talks to the server's /api over fetch (same origin, session cookie), mapping failures to typed results. */
export function createTransport(options: TransportOptions = {}): Transport {
  const base = options.baseUrl ?? '/api'
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))

  async function call<T>(path: string, init: RequestInit = {}, empty?: T): Promise<TransportResult<T>> {
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        ...init, credentials: 'same-origin',
        headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      })
    } catch (error) {
      // fetch rejects only when no answer arrived (no network, DNS, connection reset, aborted).
      return { ok: false, problem: { kind: 'offline', message: error instanceof Error ? error.message : String(error) } }
    }
    if (!response.ok) return problemOf(response)
    if (response.status === 204 && empty !== undefined) return { ok: true, value: empty }
    try {
      return { ok: true, value: (await response.json()) as T }
    } catch (error) {
      // The connection broke while the body arrived: as good as no answer.
      return { ok: false, problem: { kind: 'offline', message: error instanceof Error ? error.message : String(error) } }
    }
  }

  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) })
  const user = (result: TransportResult<{ user: AccountInfo }>): TransportResult<AccountInfo> =>
    result.ok ? { ok: true, value: result.value.user } : result

  return {
    push: (request) => call<PushResponse>('/sync/push', post(request)),
    pull: (cursor, limit, base) => call<PullResponse>(`/sync/pull?cursor=${cursor}&limit=${limit}${base === undefined ? '' : `&base=${base}`}`),
    conflictsSeen: (ids) => call<ConflictsSeenResponse>('/sync/conflicts/seen', post({ ids })),
    me: async () => user(await call<{ user: AccountInfo }>('/auth/me')),
    login: async (email, password) => user(await call<{ user: AccountInfo }>('/auth/login', post({ email, password }))),
    logout: () => call<null>('/auth/logout', { method: 'POST' }, null),
  }
}
