import type { ProblemWords } from '../../api/problemText.ts'

/** How the data-protection screens tell why a call failed (they all need the server). */
export const PRIVACY_PROBLEM_WORDS: ProblemWords = {
  offline: 'dataProtection.problems.offline',
  unauthorised: 'dataProtection.problems.signIn',
  server: 'dataProtection.problems.server',
  codes: { forbidden: 'dataProtection.problems.forbidden' },
  refused: 'dataProtection.problems.refused',
}
