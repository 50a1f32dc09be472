import { parsePublicConfig, type PublicConfig } from '../domain/publicAddress.ts'
import { callApi } from './apiCall.ts'

/** Asks the server for its public address settings; null when it cannot be reached or answers nonsense. */
export async function fetchPublicConfig(): Promise<PublicConfig | null> {
  const answer = await callApi<unknown>('/config')
  return answer.ok ? parsePublicConfig(answer.value) : null
}
