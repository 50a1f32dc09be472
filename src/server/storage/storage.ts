import type { Transaction } from 'kysely'
import type { Db, ServerDatabase } from './schema.ts'

/** Told to every listening instance after a push committed: the newest sequence and teams touched. */
export interface Nudge {
  readonly seq: number
  readonly teams: readonly string[]
}

/** The ordering state read under the sequence lock. */
export interface SequenceState {
  readonly seq: number
  readonly purgedThrough: number
}

export type Trx = Transaction<ServerDatabase>

/** One opened database (SQLite or PostgreSQL) behind the same interface. */
export interface Storage {
  readonly kind: 'sqlite' | 'postgres'
  readonly db: Db
  /** Whether reads that precede a write must lock their rows (FOR UPDATE); SQLite has one writer anyway. */
  readonly lockRows: boolean
  /** Whether an error is a transient clash of concurrent transactions, worth running again. */
  isRetryable(error: unknown): boolean
  /**
   * Takes the global ordering lock for the rest of `trx` and reads the sequence state, so
   * sequence numbers commit in the order they are handed out (SQLite's single writer gives
   * this for free; PostgreSQL locks the counter row).
   */
  lockSequence(trx: Trx): Promise<SequenceState>
  /**
   * Hands out `count` sequence numbers, holding the ordering lock until `trx` ends, and queues
   * the nudge for `teams` in the same statement where the database delivers nudges (PostgreSQL:
   * one round trip less while every other push waits for the lock). Returns the new head.
   */
  allocateSequence(trx: Trx, count: number, teams: readonly string[]): Promise<number>
  /** Queues a nudge inside `trx`: PostgreSQL delivers it to every instance only if `trx` commits. */
  notifyInTransaction(trx: Trx, nudge: Nudge): Promise<void>
  /** Delivers a nudge after commit where the database cannot (SQLite: this process only). */
  notifyAfterCommit(nudge: Nudge): void
  /** Calls `listener` for each nudge from any instance; returns the unsubscribe function. */
  subscribe(listener: (nudge: Nudge) => void): () => void
  /** Closes listeners and connections; waits for running queries. */
  close(): Promise<void>
}

/** Fan-out of nudges to the listeners of this process. */
export class NudgeHub {
  readonly #listeners = new Set<(nudge: Nudge) => void>()

  /** Adds a listener; returns the function that removes it. */
  subscribe(listener: (nudge: Nudge) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Calls every listener; one failing listener does not stop the others. */
  publish(nudge: Nudge): void {
    for (const listener of this.#listeners) {
      try {
        listener(nudge)
      } catch {
        // A broken SSE stream must not stop the other streams.
      }
    }
  }
}

/** Reads a nudge from its JSON text; returns null for anything malformed. */
export function parseNudge(text: string): Nudge | null {
  try {
    const value = JSON.parse(text) as { seq?: unknown; teams?: unknown }
    if (typeof value.seq !== 'number' || !Array.isArray(value.teams)) return null
    return { seq: value.seq, teams: value.teams.filter((t): t is string => typeof t === 'string') }
  } catch {
    return null
  }
}
