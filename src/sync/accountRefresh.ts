import type { DeviceAccount } from '../db/account.ts'
import type { AccountInfo } from '../api/auth.ts'
import type { ApiResult } from '../api/problem.ts'

/** What `refreshAccount` did: took the server's change, found none, got no answer, or distrusted the answer. */
export type AccountRefreshOutcome = 'updated' | 'unchanged' | 'unavailable' | 'mismatch'

/** Where `refreshAccount` asks and what it updates. */
export interface AccountRefreshOptions {
  /** Asks the server who is signed in (src/api/auth.ts `fetchMe`). */
  readonly fetchMe: () => Promise<ApiResult<AccountInfo>>
  /** The account remembered on the device; read again once the server answers (a sign-out may come between). */
  readonly current: () => DeviceAccount | null
  /** Remembers the changed account (the session store, so the UI follows at once). */
  readonly remember: (account: DeviceAccount) => void
}

function sameTeams(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((team, index) => team === b[index])
}

/** Whether the server describes the account differently from what the device remembers. */
export function accountDiffers(remembered: DeviceAccount, server: AccountInfo): boolean {
  return remembered.email !== server.email || remembered.name !== server.name
    || remembered.role !== server.role || !sameTeams(remembered.teams, server.teams)
}

/**
 * Asks the server (`GET /api/auth/me`) who is signed in and remembers a changed role, name, e-mail or
 * teams, so a role changed by a coordinator reaches the device without a new sign-in. No answer
 * (offline, 401, server error) changes nothing; neither does an answer for another account or one
 * without teams (the device could not open that account at its next start).
 */
export async function refreshAccount(options: AccountRefreshOptions): Promise<AccountRefreshOutcome> {
  if (!options.current()) return 'unavailable'
  const answer = await options.fetchMe()
  const remembered = options.current()
  if (!answer.ok || !remembered) return 'unavailable'
  const server = answer.value
  if (server.id !== remembered.id) {
    console.warn('The server describes another account than the one signed in here; the account is kept', { remembered: remembered.id, server: server.id })
    return 'mismatch'
  }
  if (server.teams.length === 0) {
    console.warn('The server lists no team for the account signed in here; the account is kept', { id: remembered.id })
    return 'mismatch'
  }
  if (!accountDiffers(remembered, server)) return 'unchanged'
  const { id, email, name, role, teams } = server
  options.remember({ id, email, name, role, teams: [...teams] })
  return 'updated'
}
