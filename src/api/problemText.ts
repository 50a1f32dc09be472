import { translate, translatePlural } from '../i18n/i18n.ts'
import type { ApiProblem } from './problem.ts'

/**
 * The message keys a screen tells problems with: words that fit what the person was doing. They
 * choose the words only; which of them a problem gets is decided here, the same for every screen.
 * A kind without words of its own is told as a refusal.
 */
export interface ProblemWords {
  readonly offline: string
  readonly unauthorised?: string
  /** For a 401 the server said was an expired session (otherwise `unauthorised` is used). */
  readonly sessionExpired?: string
  readonly server?: string
  readonly local?: string
  /** Server error codes the screen explains in its own words (`too_many_attempts` is a plural of minutes). */
  readonly codes: Readonly<Record<string, string>>
  /** A refusal, with the server's words (or its code) as `{message}`. */
  readonly refused: string
  /** A refusal the server did not explain, where the screen has words for it. */
  readonly refusedUnexplained?: string
}

/** Minutes until a locked-out sign-in may try again (the server's Retry-After; 15 when it gave none). */
function minutesToWait(problem: ApiProblem): number {
  return Math.max(1, Math.ceil((problem.retryAfterMs ?? 15 * 60_000) / 60_000))
}

/**
 * The one sentence (in the UI language) for why a call to the server failed. Every screen and the
 * sync status use it, each with its own words.
 */
export function describeProblem(problem: ApiProblem, words: ProblemWords): string {
  const codeKey = problem.code !== undefined && Object.hasOwn(words.codes, problem.code) ? words.codes[problem.code] : undefined
  if (problem.kind === 'offline') return translate(words.offline)
  if (codeKey && problem.code === 'too_many_attempts') return translatePlural(codeKey, minutesToWait(problem))
  if (codeKey) return translate(codeKey)
  if (problem.kind === 'unauthorised' && words.unauthorised) {
    // Without a reason (an older server, a proxy) the session is not claimed to have expired.
    return translate(problem.reason === 'session_expired' && words.sessionExpired ? words.sessionExpired : words.unauthorised)
  }
  if (problem.kind === 'server' && words.server) return translate(words.server)
  if (problem.kind === 'local' && words.local) return translate(words.local, { message: problem.message ?? '' })
  // The server's own Danish text explains a refusal best (e.g. the device belongs to someone else).
  if (!problem.message && words.refusedUnexplained) return translate(words.refusedUnexplained)
  return translate(words.refused, { message: problem.message ?? problem.code ?? problem.kind })
}
