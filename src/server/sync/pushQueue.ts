import type { PushRequest, PushResponse } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import type { Storage } from '../storage/storage.ts'
import { applyPushes, type PushJob } from './push.ts'

/** At most this many mutations go into one batch (a single push may exceed it and goes alone). */
const BATCH_MUTATIONS = 2000

interface Waiting {
  readonly job: PushJob
  readonly resolve: (response: PushResponse) => void
  readonly reject: (error: unknown) => void
}

/**
 * Group commit for pushes: pushes that arrive while a batch is being applied wait and go
 * together in the next one, so when many devices sync at once (the network comes back, a nudge
 * reaches everyone) they share one transaction instead of queueing for the database one by one.
 * A push that arrives alone goes at once (after the I/O already received, so pushes arriving
 * together are batched). One batch runs at a time per process; two pushes of one device never
 * share a batch and keep their order.
 */
export class PushQueue {
  readonly #storage: Storage
  #waiting: Waiting[] = []
  #running = false
  #idleWaiters: (() => void)[] = []

  constructor(storage: Storage) {
    this.#storage = storage
  }

  /** Applies one validated push in the next batch; resolves with its own response. */
  push(actor: Actor, request: PushRequest, now: number = Date.now()): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ job: { actor, request, now }, resolve, reject })
      if (this.#running) return
      this.#running = true
      setImmediate(() => void this.#drain())
    })
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#take()
      try {
        const outcomes = await applyPushes(this.#storage, batch.map((w) => w.job))
        batch.forEach((w, i) => {
          const outcome = outcomes[i]!
          if (outcome.ok) w.resolve(outcome.response)
          else w.reject(outcome.error)
        })
      } catch (error) {
        for (const w of batch) w.reject(error)
      }
    }
    this.#running = false
    for (const wake of this.#idleWaiters.splice(0)) wake()
  }

  /**
   * Resolves when no push is being applied or waiting, or after `maxWaitMs`. A pull waits for
   * this, so pushes go first when many devices sync at once (a device's changes are safe once
   * acknowledged) and the pull then sees them all, sparing the devices a second pull.
   */
  idle(maxWaitMs: number): Promise<void> {
    if (!this.#running) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, maxWaitMs)
      this.#idleWaiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
  }

  /** The next batch in arrival order: one push per device, up to BATCH_MUTATIONS mutations. */
  #take(): Waiting[] {
    const batch: Waiting[] = []
    const rest: Waiting[] = []
    const devices = new Set<string>()
    let mutations = 0
    for (const w of this.#waiting) {
      const size = w.job.request.mutations.length
      const fits = batch.length === 0 || mutations + size <= BATCH_MUTATIONS
      // Once a device is left for later, its later pushes wait too, so its order is kept.
      if (fits && !devices.has(w.job.request.clientId)) batch.push(w)
      else rest.push(w)
      devices.add(w.job.request.clientId)
      if (batch.at(-1) === w) mutations += size
    }
    this.#waiting = rest
    return batch
  }
}
