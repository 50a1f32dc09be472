import type { ProblemWords } from '../../api/problemText.ts'

/** How the sign-in page tells why signing in failed: wrong password, locked out (with minutes), no network … */
export const SIGN_IN_PROBLEM_WORDS: ProblemWords = {
  offline: 'account.signIn.errors.offline',
  codes: { invalid_credentials: 'account.signIn.errors.invalid', too_many_attempts: 'account.signIn.errors.locked' },
  refused: 'account.signIn.errors.other',
}
