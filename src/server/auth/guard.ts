import DataLoader from 'dataloader'
import type { FastifyRequest } from 'fastify'
import { ApiError } from '../errors.ts'
import type { Storage } from '../storage/storage.ts'
import { resolveSessions, SESSION_COOKIE, type SessionLookup, type SessionQuery } from './sessions.ts'
import type { Actor } from './users.ts'

/** How long a resolved session is trusted without asking the database again. */
export const SESSION_CACHE_MS = 5000
const MAX_CACHED = 10_000
/** At most this many sessions are looked up in one query. */
const MAX_BATCH = 500

/**
 * Resolves the session cookie of a request to its user. Answers are cached for a few seconds,
 * since every push, pull and event stream needs them; a sign-out on this instance is immediate,
 * on other instances (and role or team changes) it takes effect within SESSION_CACHE_MS.
 */
export class SessionGuard {
  readonly #cache = new Map<string, { actor: Actor; until: number }>()
  /**
   * Uncached sessions asked for while the event loop handles one round of I/O (many devices
   * coming back at once) are looked up together in one query.
   */
  readonly #loader: DataLoader<SessionQuery, SessionLookup>

  constructor(storage: Storage, sessionTtlMs: number) {
    this.#loader = new DataLoader((queries) => resolveSessions(storage.db, queries, sessionTtlMs), {
      cache: false, maxBatchSize: MAX_BATCH, batchScheduleFn: (run) => setImmediate(run),
    })
  }

  /**
   * The signed-in user of a request, or a 401 `unauthenticated` error (the client keeps its outbox)
   * whose details say why: `{ reason: 'session_expired' }` or `{ reason: 'unauthorised' }`.
   */
  async require(request: FastifyRequest, now: number = Date.now()): Promise<Actor> {
    const token = request.cookies[SESSION_COOKIE]
    if (!token) throw new ApiError(401, 'unauthenticated', { reason: 'unauthorised' })
    const cached = this.#cache.get(token)
    if (cached && cached.until > now) return cached.actor
    const found = await this.#loader.load({ token, now })
    if ('reason' in found) {
      this.#cache.delete(token)
      throw new ApiError(401, 'unauthenticated', { reason: found.reason })
    }
    if (this.#cache.size >= MAX_CACHED) this.#cache.clear()
    // Never trusted past the session's end, so an expiry is felt at once, not up to 5 s later.
    this.#cache.set(token, { actor: found.actor, until: Math.min(now + SESSION_CACHE_MS, found.expiresAt) })
    return found.actor
  }

  /** Drops a token from the cache (sign-out). */
  forget(token: string): void {
    this.#cache.delete(token)
  }

  /** Drops every cached token of a user (sign-out on all devices); other instances follow within SESSION_CACHE_MS. */
  forgetUser(userId: string): void {
    for (const [token, entry] of this.#cache) if (entry.actor.id === userId) this.#cache.delete(token)
  }
}
