import type { AuditPage } from '../domain/privacyProtocol.ts'
import { callApi } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

/** Rows per page of the audit log screen. */
export const AUDIT_PAGE_SIZE = 30

/** One page of the server's audit log, newest first (admins only); `before` is the last id already shown. */
export function fetchAuditPage(before: string | null): Promise<ApiResult<AuditPage>> {
  const params = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) })
  if (before) params.set('before', before)
  return callApi<AuditPage>(`/admin/audit?${params.toString()}`)
}
