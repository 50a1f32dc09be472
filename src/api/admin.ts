import type {
  AdminPeopleResponse, AdminPerson, InviteRequest, InviteResponse, PersonChange, PersonChangeResponse,
} from '../domain/adminProtocol.ts'
import { callApi, type ApiProblem, type ApiResult } from './apiCall.ts'

/** Why an admin call failed (offline, sign in again, refused with a code, server trouble). */
export type AdminProblem = ApiProblem

/** An admin call's answer: the value, or why there is none. Never throws for HTTP or network trouble. */
export type AdminResult<T> = ApiResult<T>

function call<T>(path: string, init: RequestInit = {}): Promise<AdminResult<T>> {
  return callApi<T>(`/admin${path}`, init)
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
