import type {
  AdminPeopleResponse, AdminPerson, InviteRequest, InviteResponse, PersonChange, PersonChangeResponse,
} from '../domain/adminProtocol.ts'
import { callApi } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

function call<T>(path: string, init: RequestInit = {}): Promise<ApiResult<T>> {
  return callApi<T>(`/admin${path}`, init)
}

/** The accounts of a team (koordinator of the team or admin only). */
export async function fetchTeamPeople(teamId: string): Promise<ApiResult<readonly AdminPerson[]>> {
  const result = await call<AdminPeopleResponse>(`/people?teamId=${encodeURIComponent(teamId)}`)
  return result.ok ? { ok: true, value: result.value.people } : result
}

/** Invites someone: the answer holds their start password, which the server never shows again. */
export function invitePerson(request: InviteRequest): Promise<ApiResult<InviteResponse>> {
  return call<InviteResponse>('/people', { method: 'POST', body: JSON.stringify(request) })
}

/** Changes an account's role or disables/enables it; answers the account afterwards. */
export async function changePerson(id: string, change: PersonChange): Promise<ApiResult<AdminPerson>> {
  const result = await call<PersonChangeResponse>(`/people/${encodeURIComponent(id)}`, { method: 'PATCH', body: JSON.stringify(change) })
  return result.ok ? { ok: true, value: result.value.person } : result
}
