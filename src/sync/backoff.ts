/** How long to wait before retry number `attempt` (1-based) after failed syncs. */
export interface BackoffOptions {
  readonly baseMs?: number
  readonly maxMs?: number
  /** 0..1; defaults to Math.random. Jitter keeps many devices from retrying in step. */
  readonly random?: () => number
}

/**
 * Exponential backoff with jitter: about base·2^(attempt−1), capped at `maxMs`, spread over
 * 50–100 % of that so devices that failed together do not come back together.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { baseMs = 2000, maxMs = 5 * 60_000, random = Math.random } = options
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30)
  const ceiling = Math.min(maxMs, baseMs * 2 ** exponent)
  return Math.round(ceiling * (0.5 + 0.5 * random()))
}
