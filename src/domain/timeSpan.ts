/** Durations of time entries (running ones too) and the forgotten timer; what Home's timer needs. */
import { toDateInput } from './format.ts'

/** A start and an end; `end` is null while the timer runs. */
export interface TimeSpan {
  readonly start: number
  readonly end: number | null
}

const HOUR = 3_600_000

/** A running timer older than this is probably forgotten. */
export const FORGOTTEN_AFTER_HOURS = 8

/** Duration in ms; a running entry counts up to `now`. Never negative. */
export function entryDurationMs(span: TimeSpan, now: number): number {
  return Math.max(0, (span.end ?? now) - span.start)
}

/**
 * A running timer is "forgotten" when it has run more than FORGOTTEN_AFTER_HOURS or since
 * before today's midnight; the UI then asks the user to set when it really stopped.
 */
export function isForgotten(span: TimeSpan, now: number): boolean {
  if (span.end !== null) return false
  return now - span.start > FORGOTTEN_AFTER_HOURS * HOUR || toDateInput(span.start) !== toDateInput(now)
}
