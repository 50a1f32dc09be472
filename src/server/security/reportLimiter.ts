// A small in-memory fixed-window counter for the open fault-report routes. In memory on purpose:
// it costs no database write per refused request (a burst must not load the database it guards),
// and with several instances behind a balancer the limit is per instance — still a small multiple.

/** How many hits a key may make per window. */
export interface LimitRule {
  readonly max: number
  readonly windowMs: number
}

interface Window {
  start: number
  hits: number
}

/** Counts hits per key in fixed windows; `take` says whether one more hit is allowed. */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, Window>()

  constructor(private readonly rule: LimitRule, private readonly maxKeys = 10_000) {}

  /**
   * Counts a hit for `key` at `now` and returns 0 when it is allowed, else the milliseconds until
   * the key's window ends. Refused hits are not counted, so waiting always helps.
   */
  take(key: string, now: number): number {
    let window = this.windows.get(key)
    if (!window || now - window.start >= this.rule.windowMs) {
      if (this.windows.size >= this.maxKeys) this.prune(now)
      window = { start: now, hits: 0 }
      this.windows.set(key, window)
    }
    if (window.hits >= this.rule.max) return window.start + this.rule.windowMs - now
    window.hits += 1
    return 0
  }

  /** Whether `key` could make one more hit now, without counting one. */
  allows(key: string, now: number): boolean {
    const window = this.windows.get(key)
    return !window || now - window.start >= this.rule.windowMs || window.hits < this.rule.max
  }

  /** Drops ended windows; if all are live, the oldest, so memory stays bounded under a flood of keys. */
  private prune(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.rule.windowMs) this.windows.delete(key)
    if (this.windows.size >= this.maxKeys) {
      const oldest = this.windows.keys().next().value
      if (oldest !== undefined) this.windows.delete(oldest)
    }
  }
}
