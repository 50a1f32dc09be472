import type { FaultReceipt, FaultReportInput, PublicAsset } from '../domain/faultReportShape.ts'
import { callApi } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

/** What anyone may see of the asset behind a label code (empty texts when the server has none to show). */
export function fetchPublicAsset(code: string): Promise<ApiResult<PublicAsset>> {
  return callApi<PublicAsset>(`/public/assets/${encodeURIComponent(code)}`)
}

/** Files a colleague's fault report for the asset behind `code`; the receipt holds its reference. */
export function sendFaultReport(code: string, report: FaultReportInput): Promise<ApiResult<FaultReceipt>> {
  return callApi<FaultReceipt>(`/public/assets/${encodeURIComponent(code)}/reports`, { method: 'POST', body: JSON.stringify(report) })
}
