import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { SuperbrugerDb, useDatabase } from '../../../src/db/database.ts'
import type { Author } from '../../../src/db/write.ts'
import type { Mutation, PushResponse } from '../../../src/domain/protocol.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { SyncTableName } from '../../../src/domain/records/syncTables.ts'
import { createSyncEngine, type SyncEngine, type SyncResult } from '../../../src/sync/engine.ts'
import type { ApiOptions } from '../../../src/api/apiCall.ts'
import { login } from '../../../src/api/auth.ts'
import { createSyncApi } from '../../../src/api/sync.ts'
import type { Transport } from '../../../src/sync/transport.ts'

let devices = 0

/**
 * One simulated browser: its own IndexedDB database (fake-indexeddb), its own cookie jar, an
 * Origin header like a browser's, and switches to go offline or lose the next answer.
 */
export class Device {
  readonly name = `device-${process.pid}-${++devices}-${Math.random().toString(36).slice(2, 8)}`
  readonly database = new SuperbrugerDb(this.name)
  /** How this device reaches the server's API (its base URL and cookie jar), for src/api calls. */
  readonly api: ApiOptions
  readonly transport: Transport
  readonly engine: SyncEngine
  offline = false
  /** The next request reaches the server (which commits) but its answer is lost on the way back. */
  loseNextAnswer = false
  /** The same for the next request whose path ends with this (e.g. '/sync/push'); then cleared. */
  loseAnswerTo: string | null = null
  /** Paths of requests whose answer was lost after the server handled them. */
  readonly lostAnswers: string[] = []
  /** Paths of requests that reached the server. */
  readonly sent: string[] = []
  /** Pushes whose answer arrived, with what was sent. */
  readonly answeredPushes: Array<{ mutations: readonly Mutation[]; response: PushResponse }> = []
  /** Mutation ids sent in a push whose answer was lost. */
  readonly lostMutationIds = new Set<number>()
  author: Author | null = null
  private cookies = new Map<string, string>()

  constructor(readonly baseUrl: string, options: { pullLimit?: number; pushLimit?: number } = {}) {
    this.api = { baseUrl: `${baseUrl}/api`, fetch: (input, init) => this.fetch(input, init) }
    const http = createSyncApi(this.api)
    this.transport = {
      ...http,
      push: async (request) => {
        const answer = await http.push(request)
        if (answer.ok) this.answeredPushes.push({ mutations: request.mutations, response: answer.value })
        else for (const m of request.mutations) this.lostMutationIds.add(m.mutationId)
        return answer
      },
    }
    this.engine = createSyncEngine({ database: () => this.database, transport: this.transport, ...options })
  }

  private async fetch(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
    if (this.offline) throw new TypeError('Failed to fetch')
    const headers = new Headers(init.headers)
    headers.set('origin', new URL(this.baseUrl).origin)
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(input, { ...init, headers })
    this.sent.push(new URL(String(input)).pathname)
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';')
      const at = pair!.indexOf('=')
      const value = pair!.slice(at + 1)
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, at))
      else this.cookies.set(pair!.slice(0, at), value)
    }
    const path = new URL(String(input)).pathname
    if (this.loseNextAnswer || (this.loseAnswerTo !== null && path.endsWith(this.loseAnswerTo))) {
      if (this.loseNextAnswer) this.loseNextAnswer = false
      else this.loseAnswerTo = null
      await response.arrayBuffer()
      this.lostAnswers.push(path)
      throw new TypeError('Failed to fetch')
    }
    return response
  }

  /** Signs in over HTTP like the app would; the session cookie lands in this device's jar. */
  async signIn(email: string, password: string, teamId: string): Promise<void> {
    const answer = await login(email, password, this.api)
    if (!answer.ok) throw new Error(`sign-in failed: ${JSON.stringify(answer.problem)}`)
    this.author = { teamId: teamId as TeamId, personId: answer.value.id as PersonId }
  }

  /** Takes a session made on the server directly (no password round, so a property run stays quick). */
  useSession(cookieName: string, token: string, teamId: string, personId: string): void {
    this.cookies.set(cookieName, token)
    this.author = { teamId: teamId as TeamId, personId: personId as PersonId }
  }

  /** Forgets the session cookie (as if it expired). */
  dropSession(): void {
    this.cookies.clear()
  }

  /** Runs local writes (src/db write functions) against this device's database. */
  async local<T>(write: () => Promise<T>): Promise<T> {
    useDatabase(this.name)
    return write()
  }

  /** One sync; throws when it fails so tests see why. */
  async sync(): Promise<SyncResult> {
    return this.engine.syncOnce()
  }

  async syncOk(): Promise<Extract<SyncResult, { ok: true }>> {
    const result = await this.engine.syncOnce()
    if (!result.ok) throw new Error(`sync failed: ${JSON.stringify(result.problem)}`)
    return result
  }

  /** A stored record, with the local-only fields. */
  async get(table: SyncTableName, id: string): Promise<Record<string, unknown> | undefined> {
    return this.database.table(table).get(id)
  }

  /** Every live record of `table`, without local-only fields, sorted by id (for comparing devices). */
  async live(table: SyncTableName): Promise<Record<string, unknown>[]> {
    const rows = (await this.database.table(table).toArray()) as Record<string, unknown>[]
    return rows.filter((r) => r.deletedAt === null)
      .map(({ words: _w, running: _r, ...rest }) => rest)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)))
  }

  async outboxSize(): Promise<number> {
    return this.database.outbox.count()
  }

  async close(): Promise<void> {
    // The write connection opened by `local` must not hold the database open while it is deleted.
    useDatabase(`${this.name}-closed`)
    this.database.close()
    await this.database.delete()
  }
}

/** The URL of a listening Fastify instance. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}
