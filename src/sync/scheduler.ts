import { openSyncEvents } from '../api/sync.ts'
import { backoffDelay, type BackoffOptions } from './backoff.ts'
import type { SyncEngine, SyncResult } from './engine.ts'

/** The parts of EventSource the scheduler uses (tests pass a fake). */
export interface EventSourceLike {
  readonly readyState: number
  addEventListener(type: string, listener: () => void): void
  close(): void
}

/** When and how the scheduler syncs; everything but `engine` has a browser default. */
export interface SyncSchedulerOptions {
  readonly engine: SyncEngine
  /** Subscribes to the number of queued changes; returns the unsubscribe function. */
  readonly watchOutbox?: (onCount: (count: number) => void) => () => void
  /** Sync this long after a local write (writes in quick succession go together). */
  readonly writeDelayMs?: number
  /** Sync this often while the page is visible. */
  readonly intervalMs?: number
  /** Delay after a server nudge, so a burst of nudges gives one sync. */
  readonly nudgeDelayMs?: number
  readonly backoff?: BackoffOptions
  readonly window?: EventTarget
  readonly document?: EventTarget & { readonly visibilityState: string }
  /** Opens the server's event stream; null where EventSource is missing. */
  readonly openEvents?: () => EventSourceLike | null
  readonly onResult?: (result: SyncResult) => void
  readonly onRunning?: (running: boolean) => void
}

/** A started scheduler. */
export interface SyncScheduler {
  /** Syncs as soon as possible (ignoring backoff): the user asked, or came back online. */
  syncNow(): Promise<SyncResult>
  /** Stops every trigger (timers, listeners, event stream). */
  stop(): void
}

const CLOSED = 2

/**
 * Runs the engine on the triggers of DESIGN.md: at start, on `online`, when the page becomes
 * visible, shortly after a local write, every `intervalMs` while visible and on an SSE nudge.
 * Runs never overlap (a trigger during a run gives one more run), and failures back off
 * exponentially; a missing sign-in waits for the next explicit trigger instead of retrying.
 */
export function startSyncScheduler(options: SyncSchedulerOptions): SyncScheduler {
  const {
    engine, writeDelayMs = 1500, intervalMs = 60_000, nudgeDelayMs = 300, backoff = {},
    window: win = globalThis.window as EventTarget | undefined,
    document: doc = globalThis.document as (EventTarget & { visibilityState: string }) | undefined,
    openEvents = openSyncEvents,
  } = options
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | null = null
  let dueAt = Infinity
  let failures = 0
  let notBefore = 0
  let running: Promise<SyncResult> | null = null
  let queued: Promise<SyncResult> | null = null
  let events: EventSourceLike | null = null
  let lastCount = -1

  const visible = (): boolean => !doc || doc.visibilityState !== 'hidden'

  function schedule(delayMs: number, respectBackoff = true): void {
    if (stopped) return
    const at = Math.max(Date.now() + delayMs, respectBackoff ? notBefore : 0)
    if (timer !== null && dueAt <= at) return
    if (timer !== null) clearTimeout(timer)
    dueAt = at
    timer = setTimeout(() => {
      timer = null
      dueAt = Infinity
      void syncNow()
    }, at - Date.now())
  }

  function afterRun(result: SyncResult): void {
    options.onResult?.(result)
    if (result.ok) {
      failures = 0
      notBefore = 0
      if (!events || events.readyState === CLOSED) openStream()
      if (visible()) schedule(intervalMs)
      return
    }
    failures += 1
    const wait = Math.max(backoffDelay(failures, backoff), result.problem.retryAfterMs ?? 0)
    notBefore = Date.now() + wait
    // Without a session retrying is pointless; signing in, `online` or visibility trigger again.
    if (result.problem.kind !== 'unauthorised') schedule(wait)
  }

  async function runOnce(): Promise<SyncResult> {
    options.onRunning?.(true)
    try {
      const result = await engine.syncOnce()
      afterRun(result)
      return result
    } finally {
      options.onRunning?.(false)
    }
  }

  function syncNow(): Promise<SyncResult> {
    if (timer !== null) {
      clearTimeout(timer)
      timer = null
      dueAt = Infinity
    }
    if (!running) {
      running = runOnce().finally(() => { running = null })
      return running
    }
    // A trigger during a run: one more run afterwards picks up what changed meanwhile.
    queued ??= running.catch(() => undefined).then(() => {
      queued = null
      return syncNow()
    })
    return queued
  }

  function openStream(): void {
    events?.close()
    events = stopped ? null : openEvents()
    events?.addEventListener('sync', () => schedule(nudgeDelayMs))
  }

  const onOnline = (): void => {
    failures = 0
    notBefore = 0
    void syncNow()
  }
  const onVisibility = (): void => {
    if (visible()) void syncNow()
    else if (timer !== null && !running) {
      clearTimeout(timer)
      timer = null
      dueAt = Infinity
    }
  }
  win?.addEventListener('online', onOnline)
  doc?.addEventListener('visibilitychange', onVisibility)
  const unwatch = options.watchOutbox?.((count) => {
    if (lastCount >= 0 && count > lastCount) schedule(writeDelayMs)
    lastCount = count
  })
  openStream()
  void syncNow()

  return {
    syncNow: () => {
      notBefore = 0
      return syncNow()
    },
    stop() {
      stopped = true
      if (timer !== null) clearTimeout(timer)
      timer = null
      win?.removeEventListener('online', onOnline)
      doc?.removeEventListener('visibilitychange', onVisibility)
      unwatch?.()
      events?.close()
      events = null
    },
  }
}
