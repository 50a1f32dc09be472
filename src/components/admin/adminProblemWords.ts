import type { ProblemWords } from '../../api/problemText.ts'

/** How the people screens tell why an admin call failed, with their own words for the refusals they expect. */
export const ADMIN_PROBLEM_WORDS: ProblemWords = {
  offline: 'admin.people.offline',
  unauthorised: 'admin.people.signIn',
  server: 'admin.errors.server',
  codes: {
    email_taken: 'admin.errors.email_taken',
    last_admin: 'admin.errors.last_admin',
    own_account: 'admin.errors.own_account',
    forbidden: 'admin.errors.forbidden',
    not_found: 'admin.errors.not_found',
  },
  refused: 'admin.errors.refused',
}
