import type { AdminProblem } from '../../api/admin.ts'

/** Server error codes the admin screens explain in their own (translated) words. */
const KNOWN_CODES = new Set(['email_taken', 'last_admin', 'own_account', 'forbidden', 'not_found'])

/** The message key and values explaining a failed admin call to the user. */
export function adminProblemText(problem: AdminProblem): { key: string; named: Record<string, unknown> } {
  if (problem.kind === 'offline') return { key: 'admin.people.offline', named: {} }
  if (problem.kind === 'unauthenticated') return { key: 'admin.people.signIn', named: {} }
  if (problem.code && KNOWN_CODES.has(problem.code)) return { key: `admin.errors.${problem.code}`, named: {} }
  if (problem.kind === 'server') return { key: 'admin.errors.server', named: {} }
  return { key: 'admin.errors.refused', named: { message: problem.message ?? problem.code ?? '' } }
}
