import { callApi, type ApiOptions } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

/** The signed-in account as the server describes it. */
export interface AccountInfo {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: string
  readonly teams: readonly string[]
}

function userOf(result: ApiResult<{ user: AccountInfo }>): ApiResult<AccountInfo> {
  return result.ok ? { ok: true, value: result.value.user } : result
}

/** Signs in with e-mail and password; the server sets the session cookie and answers the account. */
export async function login(email: string, password: string, options: ApiOptions = {}): Promise<ApiResult<AccountInfo>> {
  return userOf(await callApi<{ user: AccountInfo }>('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }, options))
}

/** Ends this device's session on the server (its data stays on the device). */
export function logout(options: ApiOptions = {}): Promise<ApiResult<null>> {
  return callApi<null>('/auth/logout', { method: 'POST' }, options)
}

/** Who the session cookie belongs to (`GET /api/auth/me`). */
export async function fetchMe(options: ApiOptions = {}): Promise<ApiResult<AccountInfo>> {
  return userOf(await callApi<{ user: AccountInfo }>('/auth/me', {}, options))
}
