import type { ConflictsSeenResponse, PullResponse, PushResponse } from '../domain/protocol.ts'
import type { EventSourceLike } from '../sync/scheduler.ts'
import type { Transport } from '../sync/transport.ts'
import { callApi, type ApiOptions } from './apiCall.ts'

/** The server's sync API (`/api/sync/…`) as the engine's transport. */
export function createSyncApi(options: ApiOptions = {}): Transport {
  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) })
  return {
    push: (request) => callApi<PushResponse>('/sync/push', post(request), options),
    pull: (cursor, limit, base) =>
      callApi<PullResponse>(`/sync/pull?cursor=${cursor}&limit=${limit}${base === undefined ? '' : `&base=${base}`}`, {}, options),
    conflictsSeen: (ids) => callApi<ConflictsSeenResponse>('/sync/conflicts/seen', post({ ids }), options),
  }
}

/** Opens the server's event stream (nudges to sync); null where EventSource is missing. */
export function openSyncEvents(): EventSourceLike | null {
  if (typeof EventSource === 'undefined') return null
  return new EventSource('/api/sync/events', { withCredentials: true })
}
