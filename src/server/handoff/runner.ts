import { randomUUID } from 'node:crypto'
import type { HandOffReason } from '../../domain/handOff.ts'
import type { HandOff } from '../../domain/records/handOff.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import type { HandOffConfig } from '../config.ts'
import {
  claimDueHandoff, claimHandoffFollowUp, closeHandoffJob, endHandoffAttempt, enqueueNewHandoffs,
  listHandoffFollowUps, recordHandoffIncident, type HandoffJob, type HandoffOutcome,
} from '../storage/handoffJobs.ts'
import { loadRecords } from '../storage/records.ts'
import type { Nudge, Storage } from '../storage/storage.ts'
import { patchSystemRecord } from '../storage/systemWrite.ts'
import { loadHandOffFacts } from './facts.ts'
import { mailFailureReason, smtpSender, type SendMail } from './mailSender.ts'
import { handOffIncident, handOffMail, type HandOffPhoto } from './message.ts'
import { loadPhoto } from '../storage/photos.ts'
import type { PhotoRef } from '../../domain/photos.ts'
import type { Db } from '../storage/schema.ts'
import { TopdeskClient, TopdeskError } from './topdesk.ts'

/** How long an instance holds a job it works on; longer than the slowest outside call it makes. */
export const LEASE_MS = 5 * 60_000
/** First wait before trying again, doubled per attempt up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 30_000
export const MAX_BACKOFF_MS = 60 * 60_000
/** How often a round runs without being woken by a push. */
export const ROUND_EVERY_MS = 60_000

/** What the runner needs from the clock and timers, so tests drive time. */
export interface RunnerClock {
  now(): number
  setTimer(run: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
}

const systemClock: RunnerClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    const handle = setTimeout(run, ms)
    handle.unref()
    return handle
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
}

/** The logger calls the runner makes (Fastify's logger fits). */
export interface RunnerLog {
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}

/** Everything a runner is built from; the outside parts are replaceable for tests. */
export interface HandOffRunnerOptions {
  readonly storage: Storage
  readonly config: HandOffConfig
  readonly log: RunnerLog
  readonly clock?: RunnerClock
  /** Name of this instance in leases (random by default). */
  readonly owner?: string
  /** Host named in the mails' Message-ID. */
  readonly host?: string
  readonly sendMail?: SendMail
  readonly fetch?: typeof fetch
}

/** What one round did (for logs and tests). */
export interface RoundResult {
  readonly enqueued: number
  readonly attempted: number
  readonly followedUp: number
}

type Attempt = { outcome: HandoffOutcome; fields: Partial<HandOff>; requestFields?: Record<string, unknown> }

function backoff(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1))
}

/**
 * Carries out hand-offs to central IT exactly once across instances: each job is claimed with a
 * lease, a TOPdesk create is preceded by a look-up by externalNumber, and each result is written
 * to the job and (as a server write every device pulls) to the hand-off and request records in
 * one transaction. Also follows open incidents until IT closes them.
 */
export class HandOffRunner {
  readonly #storage: Storage
  readonly #config: HandOffConfig
  readonly #log: RunnerLog
  readonly #clock: RunnerClock
  readonly #owner: string
  readonly #host: string
  readonly #sendMail: SendMail | null
  readonly #topdesk: TopdeskClient | null
  #timer: unknown = null
  #running: Promise<unknown> | null = null
  #again = false
  #stopped = true
  #unsubscribe: (() => void) | null = null

  constructor(options: HandOffRunnerOptions) {
    this.#storage = options.storage
    this.#config = options.config
    this.#log = options.log
    this.#clock = options.clock ?? systemClock
    this.#owner = options.owner ?? randomUUID()
    this.#host = options.host ?? 'superbruger.local'
    const { smtpUrl, helpdeskEmail, mailFrom, topdesk } = options.config
    this.#sendMail = options.sendMail ?? (smtpUrl && helpdeskEmail ? smtpSender(smtpUrl, mailFrom, helpdeskEmail) : null)
    this.#topdesk = topdesk ? new TopdeskClient(topdesk, options.fetch) : null
  }

  /** Runs a round now and then every ROUND_EVERY_MS, and soon after any push (a nudge). */
  start(): void {
    this.#stopped = false
    this.#unsubscribe = this.#storage.subscribe((nudge: Nudge) => { if (nudge.seq > 0) this.#schedule(200) })
    this.#schedule(0)
  }

  /** Stops the timers and waits for a round in progress. */
  async stop(): Promise<void> {
    this.#stopped = true
    this.#unsubscribe?.()
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer)
    this.#timer = null
    await this.#running?.catch(() => {})
  }

  #schedule(ms: number): void {
    if (this.#stopped) return
    if (this.#timer !== null) this.#clock.clearTimer(this.#timer)
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = null
      this.#kick()
    }, ms)
  }

  #kick(): void {
    if (this.#running) {
      this.#again = true
      return
    }
    this.#running = this.runRound()
      .catch((error: unknown) => this.#log.error({ err: error }, 'hand-off round failed'))
      .finally(() => {
        this.#running = null
        if (this.#again) {
          this.#again = false
          this.#schedule(0)
        } else {
          this.#schedule(this.#config.roundEveryMs ?? ROUND_EVERY_MS)
        }
      })
  }

  /** One round: take up new hand-offs, carry out every due one, follow open incidents. */
  async runRound(): Promise<RoundResult> {
    const enqueued = await enqueueNewHandoffs(this.#storage.db, this.#clock.now())
    let attempted = 0
    for (;;) {
      const job = await claimDueHandoff(this.#storage.db, this.#owner, this.#clock.now(), LEASE_MS)
      if (!job) break
      attempted += 1
      await this.#attempt(job)
    }
    const followedUp = await this.#followUp()
    return { enqueued, attempted, followedUp }
  }

  async #attempt(job: HandoffJob): Promise<void> {
    const facts = await loadHandOffFacts(this.#storage.db, job.id)
    let result: Attempt
    if (!facts.handOff || facts.handOff.state === 'annulleret') {
      result = { outcome: { state: 'annulleret' }, fields: {} }
    } else if (!facts.request) {
      result = this.#failed('request_missing')
    } else if (facts.handOff.channel === 'mail') {
      result = await this.#mail(job, { ...facts, handOff: facts.handOff, request: facts.request })
    } else {
      result = await this.#incident(job, { ...facts, handOff: facts.handOff, request: facts.request })
    }
    await this.#write(job, result, facts.handOff ?? null)
  }

  #failed(reason: HandOffReason, reasonDetail = ''): Attempt {
    return { outcome: { state: 'fejlet' }, fields: { state: 'fejlet', reason, reasonDetail } }
  }

  #later(job: HandoffJob, reason: HandOffReason): Attempt {
    return { outcome: { state: 'venter', nextAt: this.#clock.now() + backoff(job.attempts) }, fields: { reason } }
  }

  async #mail(job: HandoffJob, facts: Parameters<typeof handOffMail>[0]): Promise<Attempt> {
    if (!this.#sendMail) return this.#failed('mail_not_configured')
    try {
      const photos = await loadRequestPhotos(this.#storage.db, job.team_id, facts.request.photos ?? [])
      await this.#sendMail(handOffMail(facts, this.#host, photos))
    } catch (error) {
      const { reason, retry } = mailFailureReason(error)
      this.#log.warn({ err: error, handOff: job.id, attempts: job.attempts }, 'hand-off mail not sent')
      return retry ? this.#later(job, reason) : this.#failed(reason)
    }
    return { outcome: { state: 'sendt' }, fields: { state: 'sendt', reason: null, reasonDetail: '', sentAt: this.#clock.now() } }
  }

  async #incident(job: HandoffJob, facts: Parameters<typeof handOffMail>[0]): Promise<Attempt> {
    const topdesk = this.#topdesk
    if (!topdesk) return this.#failed('topdesk_not_configured')
    try {
      let incident = job.external_id && job.external_number ? { id: job.external_id, number: job.external_number } : null
      if (!incident) {
        // A create whose answer was lost left an incident behind: find it before making another.
        const found = await topdesk.findByExternalNumber(facts.request.id)
        if (found && (!found.closed || job.attempts > 1)) incident = found
      }
      if (!incident) incident = await topdesk.createIncident(handOffIncident(facts, this.#config.topdesk!))
      await recordHandoffIncident(this.#storage.db, job.id, this.#owner, incident.id, incident.number, this.#clock.now())
      return {
        outcome: { state: 'sendt', externalId: incident.id, externalNumber: incident.number },
        fields: { state: 'sendt', reason: null, reasonDetail: '', externalNumber: incident.number, sentAt: this.#clock.now() },
        requestFields: { helpdeskCaseNo: incident.number },
      }
    } catch (error) {
      if (!(error instanceof TopdeskError)) throw error
      this.#log.warn({ status: error.status, detail: error.detail, handOff: job.id, attempts: job.attempts }, 'TOPdesk incident not created')
      if (error.status === 401) return this.#failed('topdesk_unauthorized')
      if (error.status === 403) return this.#failed('topdesk_forbidden')
      if (error.status === 400 || error.status === 422) return this.#failed('topdesk_refused', error.detail)
      return this.#later(job, 'topdesk_unavailable')
    }
  }

  /** Ends the attempt and writes its result to the records, in one transaction, while the lease is ours. */
  async #write(job: HandoffJob, result: Attempt, current: HandOff | null): Promise<void> {
    const now = this.#clock.now()
    const changed = Object.fromEntries(Object.entries(result.fields)
      .filter(([key, value]) => current === null || JSON.stringify((current as unknown as Record<string, unknown>)[key]) !== JSON.stringify(value)))
    const requestId = current?.requestId
    const nudges = await this.#storage.db.transaction().execute(async (trx) => {
      if (!await endHandoffAttempt(trx, job.id, this.#owner, result.outcome, now)) return []
      if (!current || (Object.keys(changed).length === 0 && !result.requestFields)) return []
      const keys: Array<{ table: SyncTableName; id: string }> = [{ table: 'handOffs', id: job.id }]
      if (result.requestFields && requestId) keys.push({ table: 'requests', id: requestId })
      await loadRecords(trx, this.#storage.kind, keys, this.#storage.lockRows)
      let { seq } = await this.#storage.lockSequence(trx)
      const out: Nudge[] = []
      if (Object.keys(changed).length > 0) {
        const nudge = await patchSystemRecord(this.#storage, trx, seq, 'handOffs', job.id, changed, now)
        if (nudge) { out.push(nudge); seq = nudge.seq }
      }
      if (result.requestFields && requestId) {
        const nudge = await patchSystemRecord(this.#storage, trx, seq, 'requests', requestId, result.requestFields, now)
        if (nudge) out.push(nudge)
      }
      return out
    })
    for (const nudge of nudges) this.#storage.notifyAfterCommit(nudge)
    if (result.outcome.state !== 'venter') this.#log.info({ handOff: job.id, state: result.outcome.state, reason: result.fields.reason ?? null }, 'hand-off done')
  }

  /** Asks TOPdesk about each open incident due for it (one instance per incident per round); returns how many were asked. */
  async #followUp(): Promise<number> {
    const topdesk = this.#topdesk
    if (!topdesk) return 0
    const now = this.#clock.now()
    let asked = 0
    for (const job of await listHandoffFollowUps(this.#storage.db, now, this.#config.followUpMs)) {
      if (!job.external_id || !await claimHandoffFollowUp(this.#storage.db, job, now)) continue
      asked += 1
      try {
        const incident = await topdesk.getIncident(job.external_id)
        if (incident.closed) await this.#closed(job.id, this.#clock.now())
      } catch (error) {
        this.#log.warn({ err: error, handOff: job.id }, 'TOPdesk incident status not read')
      }
    }
    return asked
  }

  async #closed(id: string, now: number): Promise<void> {
    const nudge = await this.#storage.db.transaction().execute(async (trx) => {
      if (!await closeHandoffJob(trx, id, now)) return null
      await loadRecords(trx, this.#storage.kind, [{ table: 'handOffs', id }], this.#storage.lockRows)
      const { seq } = await this.#storage.lockSequence(trx)
      return patchSystemRecord(this.#storage, trx, seq, 'handOffs', id, { itClosedAt: now }, now)
    })
    if (nudge) this.#storage.notifyAfterCommit(nudge)
  }

  /** The name this instance holds leases under. */
  get owner(): string {
    return this.#owner
  }
}

/** The request's photos that the server holds (a photo not yet uploaded from the phone is left out). */
async function loadRequestPhotos(db: Db, teamId: string, refs: readonly PhotoRef[]): Promise<HandOffPhoto[]> {
  const photos: HandOffPhoto[] = []
  for (const ref of refs) {
    const photo = await loadPhoto(db, [teamId], ref.hash)
    if (photo) photos.push({ hash: photo.hash, contentType: photo.contentType, data: photo.data })
  }
  return photos
}
