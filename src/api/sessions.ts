import { callApi } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

/** Ends every session of the signed-in user on every device, this one too; answers how many ended. */
export function logoutAllDevices(): Promise<ApiResult<{ ended: number }>> {
  return callApi<{ ended: number }>('/auth/logout-all', { method: 'POST' })
}
