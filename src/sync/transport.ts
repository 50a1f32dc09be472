import type { ApiResult } from '../api/problem.ts'
import type { ConflictsSeenResponse, PullResponse, PushRequest, PushResponse } from '../domain/protocol.ts'

/** The sync API as the engine uses it (src/api/sync.ts); every call resolves, it never throws for HTTP or network trouble. */
export interface Transport {
  push(request: PushRequest): Promise<ApiResult<PushResponse>>
  /** `base`: where the device's copy began (PullResponse.base), omitted before the first page. */
  pull(cursor: number, limit: number, base?: number): Promise<ApiResult<PullResponse>>
  /** Tells the server this device has stored these conflicts, so they are no longer delivered. */
  conflictsSeen(ids: readonly string[]): Promise<ApiResult<ConflictsSeenResponse>>
}
