import type {
  AdminPeopleResponse, AdminPerson, InviteRequest, InviteResponse, PersonChange, PersonChangeResponse,
} from '../domain/adminProtocol.ts'
import type { ApiErrorBody } from '../domain/protocol.ts'

/** Why an admin call failed, as the screens tell it apart. */
export interface AdminProblem {
  /** offline: no answer; unauthenticated: sign in again; refused: the server said no (4xx); server: 5xx. */
  readonly kind: 'offline' | 'unauthenticated' | 'refused' | 'server'
  /** The server's stable error code (`email_taken`, `last_admin`, `forbidden` …), when it sent one. */
  readonly code?: string
  /** The server's Danish explanation, when it sent one. */
  readonly message?: string
}

/** An admin call's answer: the value, or why there is none. Never throws for HTTP or network trouble. */
export type AdminResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: AdminProblem }

async function problemOf(response: Response): Promise<AdminProblem> {
  let body: Partial<ApiErrorBody> = {}
  try {
    body = (await response.json()) as Partial<ApiErrorBody>
  } catch {
    // A proxy's HTML error page: the status alone has to do.
  }
  const kind = response.status === 401 ? 'unauthenticated' : response.status >= 500 ? 'server' : 'refused'
  return { kind, code: body.error, message: body.message }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<AdminResult<T>> {
  try {
    const response = await fetch(`/api/admin${path}`, {
      ...init, credentials: 'same-origin',
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
    })
    if (!response.ok) return { ok: false, problem: await problemOf(response) }
    return { ok: true, value: (await response.json()) as T }
  } catch {
    // fetch rejects only when no answer arrived (or it broke off): the same as being offline.
    return { ok: false, problem: { kind: 'offline' } }
  }
}

/** The accounts of a team (koordinator of the team or admin only). */
export async function fetchTeamPeople(teamId: string): Promise<AdminResult<readonly AdminPerson[]>> {
  const result = await call<AdminPeopleResponse>(`/people?teamId=${encodeURIComponent(teamId)}`)
  return result.ok ? { ok: true, value: result.value.people } : result
}

/** Invites someone: the answer holds their start password, which the server never shows again. */
export function invitePerson(request: InviteRequest): Promise<AdminResult<InviteResponse>> {
  return call<InviteResponse>('/people', { method: 'POST', body: JSON.stringify(request) })
}

/** Changes an account's role or disables/enables it; answers the account afterwards. */
export async function changePerson(id: string, change: PersonChange): Promise<AdminResult<AdminPerson>> {
  const result = await call<PersonChangeResponse>(`/people/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(change) })
  return result.ok ? { ok: true, value: result.value.person } : result
}
