import type { PushRequest, PushResponse } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import type { Storage } from '../storage/storage.ts'
import { applyPushes, type PushJob } from './push.ts'

/** At most this many mutations go into one batch (a single push may exceed it and goes alone). */
const BATCH_MUTATIONS = 2000

/**
 * How many batches may be applied at once. SQLite has one connection, so a second batch would
 * only wait for it; on PostgreSQL a second batch reads and merges while the first holds the
 * counter lock, which keeps a push from waiting a whole batch when pushes come steadily.
 */
const PARALLEL_BATCHES = { sqlite: 1, postgres: 2 } as const

interface Waiting {
  readonly job: PushJob
  readonly resolve: (response: PushResponse) => void
  readonly reject: (error: unknown) => void
}

/**
 * Group commit for pushes: pushes that arrive while batches are being applied wait and go
 * together in the next one, so when many devices sync at once (the network comes back, a nudge
 * reaches everyone) they share one transaction instead of queueing for the database one by one.
 * A push that arrives alone goes at once (after the I/O already received, so pushes arriving
 * together are batched). A device's pushes keep their order: a push waits while another push of
 * its device is being applied, and two pushes of one device never share a batch.
 */
export class PushQueue {
  readonly #storage: Storage
  readonly #parallel: number
  #waiting: Waiting[] = []
  /** Devices with a push in a running batch. */
  readonly #busy = new Set<string>()
  #running = 0
  #scheduled = false
  #idleWaiters: (() => void)[] = []

  constructor(storage: Storage) {
    this.#storage = storage
    this.#parallel = PARALLEL_BATCHES[storage.kind]
  }

  /** Applies one validated push in the next batch; resolves with its own response. */
  push(actor: Actor, request: PushRequest, now: number = Date.now()): Promise<PushResponse> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ job: { actor, request, now }, resolve, reject })
      if (this.#scheduled) return
      this.#scheduled = true
      setImmediate(() => {
        this.#scheduled = false
        this.#startBatches()
      })
    })
  }

  /**
   * Resolves when no push is being applied or waiting, or after `maxWaitMs`. A pull waits for
   * this, so pushes go first when many devices sync at once (a device's changes are safe once
   * acknowledged) and the pull then sees them all, sparing the devices a second pull.
   */
  idle(maxWaitMs: number): Promise<void> {
    if (this.#running === 0 && this.#waiting.length === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        resolve()
      }
      // A pull that stops waiting leaves the list, so steady pushing cannot grow it.
      const timer = setTimeout(() => {
        this.#idleWaiters = this.#idleWaiters.filter((w) => w !== wake)
        resolve()
      }, maxWaitMs)
      this.#idleWaiters.push(wake)
    })
  }

  #startBatches(): void {
    while (this.#running < this.#parallel) {
      const batch = this.#take()
      if (batch.length === 0) break
      this.#running += 1
      for (const w of batch) this.#busy.add(w.job.request.clientId)
      void this.#apply(batch)
    }
    if (this.#running === 0 && this.#waiting.length === 0) {
      for (const wake of this.#idleWaiters.splice(0)) wake()
    }
  }

  async #apply(batch: Waiting[]): Promise<void> {
    try {
      const outcomes = await applyPushes(this.#storage, batch.map((w) => w.job))
      batch.forEach((w, i) => {
        const outcome = outcomes[i]!
        if (outcome.ok) w.resolve(outcome.response)
        else w.reject(outcome.error)
      })
    } catch (error) {
      for (const w of batch) w.reject(error)
    } finally {
      this.#running -= 1
      for (const w of batch) this.#busy.delete(w.job.request.clientId)
      this.#startBatches()
    }
  }

  /** The next batch in arrival order: one push per device and none of a busy device, up to BATCH_MUTATIONS mutations. */
  #take(): Waiting[] {
    const batch: Waiting[] = []
    const rest: Waiting[] = []
    const devices = new Set(this.#busy)
    let mutations = 0
    for (const w of this.#waiting) {
      const size = w.job.request.mutations.length
      const fits = batch.length === 0 || mutations + size <= BATCH_MUTATIONS
      // Once a device is left for later, its later pushes wait too, so its order is kept.
      if (fits && !devices.has(w.job.request.clientId)) {
        batch.push(w)
        mutations += size
      } else {
        rest.push(w)
      }
      devices.add(w.job.request.clientId)
    }
    this.#waiting = rest
    return batch
  }
}
