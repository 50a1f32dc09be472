import type { SyncProblem } from '../db/syncState.ts'
import { translate } from '../i18n/i18n.ts'

/** A readable sentence (in the UI language) for why the last sync failed, or null when it did not. */
export function describeSyncProblem(problem: SyncProblem | null): string | null {
  if (!problem) return null
  switch (problem.kind) {
    case 'offline': return translate('sync.errors.offline')
    // Without a reason (an older server, a proxy) the session is not claimed to have expired.
    case 'unauthorised': return translate(problem.reason === 'session_expired' ? 'sync.errors.sessionExpired' : 'sync.errors.unauthorised')
    case 'server': return translate('sync.errors.server')
    case 'rejected':
      // The server's own Danish text explains a refusal best (e.g. the device belongs to someone else).
      return problem.message
        ? translate('sync.errors.rejected', { message: problem.message })
        : translate('sync.errors.rejectedUnknown')
    case 'local': return translate('sync.errors.local', { message: problem.message ?? '' })
  }
}
