import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SyncEngine, SyncResult } from '../../src/sync/engine.ts'
import { startSyncScheduler, type SyncScheduler } from '../../src/sync/scheduler.ts'

const OK: SyncResult = { ok: true, pushed: 0, pulled: 0, conflicts: 0, rejected: 0 }

class FakeDocument extends EventTarget {
  visibilityState = 'visible'
  set(state: 'visible' | 'hidden'): void {
    this.visibilityState = state
    this.dispatchEvent(new Event('visibilitychange'))
  }
}

class FakeEvents extends EventTarget {
  readyState = 1
  close(): void { this.readyState = 2 }
}

let runs: number
let active: number
let overlapped: boolean
let results: SyncResult[]
let outboxListener: (count: number) => void
let win: EventTarget
let doc: FakeDocument
let events: FakeEvents
let scheduler: SyncScheduler

const engine: SyncEngine = {
  async syncOnce() {
    runs += 1
    active += 1
    if (active > 1) overlapped = true
    await new Promise((r) => setTimeout(r, 100))
    active -= 1
    return results.shift() ?? OK
  },
}

function start(): void {
  scheduler = startSyncScheduler({
    engine, window: win, document: doc, intervalMs: 60_000, writeDelayMs: 1500, nudgeDelayMs: 300,
    backoff: { baseMs: 2000, random: () => 1 },
    openEvents: () => events,
    watchOutbox: (listener) => { outboxListener = listener; listener(0); return () => undefined },
  })
}

beforeEach(() => {
  vi.useFakeTimers()
  runs = 0
  active = 0
  overlapped = false
  results = []
  win = new EventTarget()
  doc = new FakeDocument()
  events = new FakeEvents()
})

afterEach(() => {
  scheduler.stop()
  vi.useRealTimers()
})

describe('sync scheduler triggers', () => {
  it('syncs at start and then every interval while visible', async () => {
    start()
    await vi.advanceTimersByTimeAsync(200)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(runs).toBe(2)
    doc.set('hidden')
    await vi.advanceTimersByTimeAsync(180_000)
    expect(runs).toBe(2)
    doc.set('visible')
    await vi.advanceTimersByTimeAsync(200)
    expect(runs).toBe(3)
  })

  it('syncs about 1.5 s after a local write, once for writes in quick succession', async () => {
    start()
    await vi.advanceTimersByTimeAsync(200)
    outboxListener(1)
    await vi.advanceTimersByTimeAsync(500)
    outboxListener(2)
    await vi.advanceTimersByTimeAsync(500)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(700)
    expect(runs).toBe(2)
    // The outbox shrinking (the engine acknowledging) is not a write.
    outboxListener(0)
    await vi.advanceTimersByTimeAsync(5000)
    expect(runs).toBe(2)
  })

  it('syncs on online and on a server nudge', async () => {
    start()
    await vi.advanceTimersByTimeAsync(200)
    win.dispatchEvent(new Event('online'))
    await vi.advanceTimersByTimeAsync(150)
    expect(runs).toBe(2)
    events.dispatchEvent(new Event('sync'))
    await vi.advanceTimersByTimeAsync(200)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(300)
    expect(runs).toBe(3)
  })

  it('backs off exponentially after failures and resets after a success', async () => {
    const down: SyncResult = { ok: false, problem: { kind: 'server' } }
    results = [down, down, down, OK]
    start()
    await vi.advanceTimersByTimeAsync(100)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(1999 + 100)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(3900)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(200)
    expect(runs).toBe(3)
    await vi.advanceTimersByTimeAsync(8100)
    expect(runs).toBe(4)
    // Back to the normal interval after the success.
    await vi.advanceTimersByTimeAsync(59_000)
    expect(runs).toBe(4)
    await vi.advanceTimersByTimeAsync(1200)
    expect(runs).toBe(5)
  })

  it('does not retry by itself without a session, but syncs when asked', async () => {
    results = [{ ok: false, problem: { kind: 'unauthorised' } }]
    start()
    await vi.advanceTimersByTimeAsync(10 * 60_000)
    expect(runs).toBe(1)
    const asked = scheduler.syncNow()
    await vi.advanceTimersByTimeAsync(150)
    expect(await asked).toEqual(OK)
    expect(runs).toBe(2)
  })

  it('never overlaps runs: a trigger during a run gives exactly one more', async () => {
    start()
    const first = scheduler.syncNow()
    const second = scheduler.syncNow()
    const third = scheduler.syncNow()
    expect(second).toBe(third)
    await vi.advanceTimersByTimeAsync(500)
    await Promise.all([first, second, third])
    expect(runs).toBe(2)
    expect(overlapped).toBe(false)
  })

  it('stops every trigger', async () => {
    start()
    await vi.advanceTimersByTimeAsync(200)
    scheduler.stop()
    win.dispatchEvent(new Event('online'))
    outboxListener(5)
    await vi.advanceTimersByTimeAsync(300_000)
    expect(runs).toBe(1)
    expect(events.readyState).toBe(2)
  })
})
