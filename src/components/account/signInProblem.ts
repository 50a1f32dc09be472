import type { SyncProblem } from '../../db/syncState.ts'
import { translate, translatePlural } from '../../i18n/i18n.ts'

/** The Danish sentence for a failed sign-in: wrong password, locked out (with minutes), no network … */
export function describeSignInProblem(problem: SyncProblem, retryAfterMs: number | undefined): string {
  if (problem.kind === 'offline') return translate('account.signIn.errors.offline')
  if (problem.code === 'invalid_credentials') return translate('account.signIn.errors.invalid')
  if (problem.code === 'too_many_attempts') {
    const minutes = Math.max(1, Math.ceil((retryAfterMs ?? 15 * 60_000) / 60_000))
    return translatePlural('account.signIn.errors.locked', minutes)
  }
  return translate('account.signIn.errors.other', { message: problem.message ?? problem.code ?? problem.kind })
}
