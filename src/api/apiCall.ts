import type { ApiErrorBody } from '../domain/protocol.ts'
import type { ApiProblem, ApiResult, SessionRefusal } from './problem.ts'

/** Where the API is and how to reach it (tests pass an absolute base and a fetch with a cookie jar). */
export interface ApiOptions {
  /** Default `/api` (same origin). */
  readonly baseUrl?: string
  readonly fetch?: typeof fetch
}

async function errorBodyOf(response: Response): Promise<Partial<ApiErrorBody>> {
  try {
    return (await response.json()) as Partial<ApiErrorBody>
  } catch {
    // A proxy's HTML error page: the status alone has to do.
    return {}
  }
}

function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('retry-after'))
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined
}

/** The server's reason for a 401 (`details.reason`), if it is one the UI explains. */
function refusalOf(details: unknown): SessionRefusal | undefined {
  const reason = typeof details === 'object' && details !== null ? (details as { reason?: unknown }).reason : undefined
  return reason === 'session_expired' || reason === 'unauthorised' ? reason : undefined
}

/** Maps a non-2xx answer to the kind of problem the engine and the screens distinguish. */
async function problemOf(response: Response): Promise<ApiProblem> {
  const body = await errorBodyOf(response)
  const details = { code: body.error, message: body.message }
  if (response.status === 401) {
    // Kept so the UI can tell "your session ran out" from "the server does not know you".
    const reason = refusalOf(body.details)
    return { kind: 'unauthorised', ...details, ...(reason ? { reason } : {}) }
  }
  if (response.status >= 500 || response.status === 429) {
    const retryAfterMs = retryAfterOf(response)
    return { kind: 'server', ...details, ...(retryAfterMs ? { retryAfterMs } : {}) }
  }
  return { kind: 'rejected', ...details }
}

function offline(error: unknown): ApiResult<never> {
  return { ok: false, problem: { kind: 'offline', message: error instanceof Error ? error.message : String(error) } }
}

/** A Blob body (a photo) goes as its own type; anything else is JSON text. */
function contentTypeOf(body: BodyInit): string {
  return typeof Blob !== 'undefined' && body instanceof Blob ? body.type || 'application/octet-stream' : 'application/json'
}

/** Fetches a binary resource (a photo) with the session cookie: the Blob, or the same problems as callApi. */
export async function callApiForBlob(path: string, options: ApiOptions = {}): Promise<ApiResult<Blob>> {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  try {
    const response = await doFetch(`${options.baseUrl ?? '/api'}${path}`, { credentials: 'same-origin' })
    if (!response.ok) return { ok: false, problem: await problemOf(response) }
    return { ok: true, value: await response.blob() }
  } catch (error) {
    return offline(error)
  }
}

/**
 * Calls `<baseUrl><path>` with the session cookie and JSON; resolves with the body (`null` for
 * 204) or an ApiProblem, and never throws for HTTP or network trouble.
 */
export async function callApi<T>(path: string, init: RequestInit = {}, options: ApiOptions = {}): Promise<ApiResult<T>> {
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  let response: Response
  try {
    response = await doFetch(`${options.baseUrl ?? '/api'}${path}`, {
      ...init, credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': contentTypeOf(init.body) } : {}) },
    })
  } catch (error) {
    // fetch rejects only when no answer arrived (no network, DNS, connection reset, aborted).
    return offline(error)
  }
  if (!response.ok) return { ok: false, problem: await problemOf(response) }
  if (response.status === 204) return { ok: true, value: null as T }
  try {
    return { ok: true, value: (await response.json()) as T }
  } catch (error) {
    // The connection broke while the body arrived: as good as no answer.
    return offline(error)
  }
}
