/** What the status line shows: a tone for its colour, the text, and what to announce to screen readers. */
export interface SyncStatusLine {
  readonly tone: 'ok' | 'busy' | 'waiting' | 'problem'
  /** i18n key and values of the visible text. */
  readonly key: string
  readonly values: Readonly<Record<string, unknown>>
  /** Plural count for the key, when it has plural forms. */
  readonly count?: number
}

/** The sync facts the line is made from. */
export interface SyncFacts {
  readonly online: boolean
  readonly syncing: boolean
  readonly pending: number
  readonly conflicts: number
  readonly needsSignIn: boolean
  /** The server said the session ran out (rather than that it does not know it). */
  readonly sessionExpired: boolean
  readonly hasError: boolean
  /** The last sync could not reach the server (no network, although the browser may think it is online). */
  readonly unreachable: boolean
  readonly lastSyncAt: number | null
}

/**
 * Picks the one thing the user most needs to know, in this order: sign in again, conflicts to
 * decide, offline (said calmly, with what waits: offline is the normal state at a desk without
 * Wi-Fi, never a failure), changes waiting on a failing server, syncing, and otherwise when it
 * last synced.
 */
export function pickSyncStatusLine(facts: SyncFacts): SyncStatusLine {
  if (facts.needsSignIn) return { tone: 'problem', key: facts.sessionExpired ? 'sync.line.sessionExpired' : 'sync.line.signIn', values: {} }
  if (facts.conflicts > 0) return { tone: 'problem', key: 'sync.line.conflicts', values: {}, count: facts.conflicts }
  if (!facts.online || (facts.unreachable && !facts.syncing)) return { tone: 'waiting', key: 'sync.line.offline', values: {}, count: facts.pending }
  if (facts.pending > 0 && facts.hasError) return { tone: 'waiting', key: 'sync.line.failing', values: {}, count: facts.pending }
  if (facts.syncing) return { tone: 'busy', key: 'sync.syncing', values: {} }
  if (facts.pending > 0) return { tone: 'waiting', key: 'sync.line.waiting', values: {}, count: facts.pending }
  if (facts.hasError) return { tone: 'problem', key: 'sync.line.error', values: {} }
  if (facts.lastSyncAt === null) return { tone: 'waiting', key: 'sync.never', values: {} }
  return { tone: 'ok', key: 'sync.line.synced', values: {} }
}
