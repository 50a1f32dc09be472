import type { FastifyBaseLogger } from 'fastify'
import type { Storage } from '../storage/storage.ts'
import { runRecurrence } from './recurrenceJob.ts'

/** When the job runs: shortly after a change reaches a team, and a full pass now and then. */
export interface RecurrenceSchedule {
  /** Wait after a nudge, so a burst of pushes makes one pass. */
  readonly settleMs: number
  /** Full pass over every team (catches nudges missed while the process was down). */
  readonly everyMs: number
  /** The time stamped on made runs. */
  readonly clock: () => number
}

const DEFAULT_SCHEDULE: RecurrenceSchedule = { settleMs: 500, everyMs: 60 * 60 * 1000, clock: Date.now }

/**
 * Runs the recurring-checklist job for the teams a nudge names (any instance's, via the storage's
 * nudges) after they settle, and for all teams at start and every `everyMs`. One pass at a time
 * in this process; failures are logged, never fatal. Returns the stop function, which waits for
 * a pass in progress.
 */
export function scheduleRecurrence(storage: Storage, log: FastifyBaseLogger, options: Partial<RecurrenceSchedule> = {}): () => Promise<void> {
  const { settleMs, everyMs, clock } = { ...DEFAULT_SCHEDULE, ...options }
  let stopped = false
  let chain: Promise<void> = Promise.resolve()
  const waiting = new Set<string>()
  let settle: ReturnType<typeof setTimeout> | undefined

  const pass = (teams?: readonly string[]) => {
    chain = chain.then(async () => {
      if (stopped) return
      try {
        const made = await runRecurrence(storage, clock(), teams)
        if (made > 0) log.info({ made }, 'recurring checklist runs made')
      } catch (error) {
        log.error({ err: error }, 'recurring checklist job failed')
      }
    })
  }
  const unsubscribe = storage.subscribe((nudge) => {
    for (const team of nudge.teams) waiting.add(team)
    if (settle || stopped) return
    settle = setTimeout(() => {
      settle = undefined
      const teams = [...waiting]
      waiting.clear()
      pass(teams)
    }, settleMs)
    settle.unref()
  })
  pass()
  const timer = setInterval(() => pass(), everyMs)
  timer.unref()
  return async () => {
    stopped = true
    unsubscribe()
    clearInterval(timer)
    if (settle) clearTimeout(settle)
    await chain
  }
}
