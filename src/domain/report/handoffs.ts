/** Requests sent to IT or referred: how many, and how long until they were solved. */
import { percentile } from './stats.ts'
import type { RequestStatus, StatusChange } from '../records/request.ts'

/** How many requests went one way, and how long they took from there until solved. */
export interface HandoffStats {
  readonly count: number
  /** Of `count`, those solved since. */
  readonly solved: number
  /** Median time from hand-off to solved, in ms; null when none is solved. */
  readonly medianMs: number | null
  /** 90th percentile of the same (nearest rank). */
  readonly p90Ms: number | null
}

/** What the hand-off figures need of a request: when its status changed to what. */
export interface HandoffRequest {
  readonly history: readonly Pick<StatusChange, 'to' | 'at'>[]
}

/** Time from the first change to `via` until the first change to løst after it; null when not (yet) solved, undefined when never handed off. */
export function handoffDuration(request: HandoffRequest, via: RequestStatus): number | null | undefined {
  const { history } = request
  return handoffDurationOf(history.length, (k) => history[k]!.to, (k) => history[k]!.at, via)
}

/** `handoffDuration` of a history of `length` changes, the k-th to status `to(k)` at `at(k)`. */
export function handoffDurationOf(length: number, to: (k: number) => unknown, at: (k: number) => number, via: RequestStatus): number | null | undefined {
  let handed = -1
  for (let k = 0; k < length && handed < 0; k++) if (to(k) === via) handed = k
  if (handed < 0) return undefined
  const from = at(handed)
  for (let k = 0; k < length; k++) if (to(k) === 'løst' && at(k) >= from) return at(k) - from
  return null
}

/** The hand-off figures of the requests for one status (sendt til IT, henvist). */
export function handoffStats(requests: readonly HandoffRequest[], via: RequestStatus): HandoffStats {
  let count = 0
  const durations: number[] = []
  for (const request of requests) {
    const duration = handoffDuration(request, via)
    if (duration === undefined) continue
    count += 1
    if (duration !== null) durations.push(duration)
  }
  return handoffFigures(count, durations)
}

/** The figures of `count` hand-offs, of which those solved took `durations` (ms). */
export function handoffFigures(count: number, durations: readonly number[]): HandoffStats {
  return { count, solved: durations.length, medianMs: percentile(durations, 50), p90Ms: percentile(durations, 90) }
}
