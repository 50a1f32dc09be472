import type { ApiErrorBody } from '../domain/protocol.ts'

/** Why an API call failed, as screens tell it apart. */
export interface ApiProblem {
  /** offline: no answer; unauthenticated: sign in again; refused: the server said no (4xx); server: 5xx. */
  readonly kind: 'offline' | 'unauthenticated' | 'refused' | 'server'
  /** The server's stable error code (`forbidden`, `invalid_query` …), when it sent one. */
  readonly code?: string
  /** The server's Danish explanation, when it sent one. */
  readonly message?: string
}

/** An API answer: the value, or why there is none. Never throws for HTTP or network trouble. */
export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ApiProblem }

async function problemOf(response: Response): Promise<ApiProblem> {
  let body: Partial<ApiErrorBody> = {}
  try {
    body = (await response.json()) as Partial<ApiErrorBody>
  } catch {
    // A proxy's HTML error page: the status alone has to do.
  }
  const kind = response.status === 401 ? 'unauthenticated' : response.status >= 500 ? 'server' : 'refused'
  return { kind, code: body.error, message: body.message }
}

/** Calls `/api<path>` with the session cookie and JSON; maps every failure to an ApiProblem. */
export async function callApi<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  try {
    const response = await fetch(`/api${path}`, {
      ...init, credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    })
    if (!response.ok) return { ok: false, problem: await problemOf(response) }
    return { ok: true, value: (await response.json()) as T }
  } catch {
    // fetch rejects only when no answer arrived (or the body broke off): the same as being offline.
    return { ok: false, problem: { kind: 'offline' } }
  }
}
