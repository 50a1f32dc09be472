import { callApi, callApiForBlob, type ApiOptions } from './apiCall.ts'
import type { ApiResult } from './problem.ts'

/** The server's answer to a photo upload: `stored` is false when it already had it. */
export interface PhotoStored {
  readonly hash: string
  readonly stored: boolean
}

/** Sends a photo's image under its content hash; sending it again is harmless. */
export function uploadPhoto(hash: string, blob: Blob, options: ApiOptions = {}): Promise<ApiResult<PhotoStored>> {
  return callApi<PhotoStored>(`/photos/${hash}`, { method: 'PUT', body: blob }, options)
}

/** Fetches a photo's image from the server (only for the teams the user belongs to). */
export function downloadPhoto(hash: string, options: ApiOptions = {}): Promise<ApiResult<Blob>> {
  return callApiForBlob(`/photos/${hash}`, options)
}
