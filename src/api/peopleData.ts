import type { AnonymiseResponse, PeopleDataSearchResponse } from '../domain/privacyProtocol.ts'
import { callApi } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

function query(q: string, teamId: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({ q, teamId, ...extra }).toString()
}

/** Every record of the team that names the person (koordinator or admin only); needs the network. */
export function searchPeopleData(q: string, teamId: string): Promise<ApiResult<PeopleDataSearchResponse>> {
  return callApi<PeopleDataSearchResponse>(`/people-data/search?${query(q, teamId)}`)
}

/** The download address of those records as JSON or CSV; the browser saves the answer as a file. */
export function peopleDataExportUrl(q: string, teamId: string, format: 'json' | 'csv'): string {
  return `/api/people-data/export?${query(q, teamId, { format })}`
}

/** Anonymises the chosen hits of a search on the server; devices get the result by sync. */
export function anonymisePeopleData(q: string, teamId: string, recordIds: readonly string[]): Promise<ApiResult<AnonymiseResponse>> {
  return callApi<AnonymiseResponse>('/people-data/anonymise', { method: 'POST', body: JSON.stringify({ q, teamId, recordIds }) })
}
