import type { ProblemWords } from '../api/problemText.ts'

/** How the sync status and the sign-in page tell why a sync failed (strings in the lazy `sync` file). */
export const SYNC_PROBLEM_WORDS: ProblemWords = {
  offline: 'sync.errors.offline',
  unauthorised: 'sync.errors.unauthorised',
  sessionExpired: 'sync.errors.sessionExpired',
  server: 'sync.errors.server',
  local: 'sync.errors.local',
  codes: {},
  refused: 'sync.errors.rejected',
  refusedUnexplained: 'sync.errors.rejectedUnknown',
}
