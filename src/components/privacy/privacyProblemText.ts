import type { ApiProblem } from '../../api/apiCall.ts'

/** The message key and values explaining a failed data-protection call to the user. */
export function privacyProblemText(problem: ApiProblem): { key: string; named: Record<string, unknown> } {
  if (problem.kind === 'offline') return { key: 'dataProtection.problems.offline', named: {} }
  if (problem.kind === 'unauthenticated') return { key: 'dataProtection.problems.signIn', named: {} }
  if (problem.code === 'forbidden') return { key: 'dataProtection.problems.forbidden', named: {} }
  if (problem.kind === 'server') return { key: 'dataProtection.problems.server', named: {} }
  return { key: 'dataProtection.problems.refused', named: { message: problem.message ?? problem.code ?? '' } }
}
