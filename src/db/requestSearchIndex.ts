import Dexie, { type IntervalTree, type ObservabilitySet } from 'dexie'
import { db, type SuperbrugerDb } from './database.ts'
import { matchesCriteria, type CriteriaFields, type RequestCriteria } from '../domain/requestCriteria.ts'
import type { Request, RequestStatus } from '../domain/records/request.ts'
import type { RequestId } from '../domain/records/fields.ts'

/** What search and the list's filters need of one live request. */
interface IndexEntry extends CriteriaFields {
  readonly id: RequestId
  readonly words: readonly string[]
}

/** One search word: a request matches when one of its words starts with it or its department is listed. */
export interface TokenMatcher {
  readonly token: string
  readonly departmentIds: ReadonlySet<string>
}

/** Records read per transaction while building: big enough to be quick, small enough not to block others long. */
const BUILD_CHUNK = 1000
/** After a search the build waits this long (ms), so the rows the search shows are read first. */
const QUIET_AFTER_SEARCH = 100
/** More changed requests than this are re-read by a rebuild rather than one by one. */
const MAX_PENDING = 2000

/**
 * The words, status and department of every live request of one database, kept in memory so a
 * search reads nothing but the rows it shows. Built on first need; kept current from Dexie's
 * storage-mutation events, which cover this tab, other tabs and other Dexie instances.
 */
export class RequestSearchIndex {
  /** Ascending by id (UUIDv7: creation order); valid only while `built`. */
  private entries: IndexEntry[] = []
  private words = new Map<string, string>()
  private built = false
  private generation = 0
  private readonly pending = new Set<string>()
  private work: Promise<void> | null = null
  /** Ids per status, read from the status index; forgotten on any change to requests. */
  private statusSets = new Map<RequestStatus, Promise<ReadonlySet<string>>>()
  /** Searches answered from IndexedDB right now: the build waits for them, as IndexedDB serves one at a time. */
  private busy = 0
  private lastSearchEnd = 0

  constructor(readonly database: SuperbrugerDb) {}

  /** True when a search can be answered from memory right now. */
  isReady(): boolean {
    // While changes are being re-read, `pending` is already empty but the entries are not current.
    return this.built && this.pending.size === 0 && this.work === null
  }

  /** True once built: pending changes are few and quick to apply. */
  isBuilt(): boolean {
    return this.built
  }

  /** Ids of the live requests with this status, shared by every caller until requests change. */
  statusKeys(status: RequestStatus): Promise<ReadonlySet<string>> {
    let keys = this.statusSets.get(status)
    if (!keys) {
      keys = this.database.requests.where('status').equals(status).primaryKeys().then((k) => new Set<string>(k))
      this.statusSets.set(status, keys)
      keys.catch(() => this.statusSets.delete(status))
    }
    return keys
  }

  /**
   * Pauses a build in progress until shortly after the returned function is called (any number
   * of times): IndexedDB serves one request at a time, so a search's reads go first.
   */
  pauseBuild(): () => void {
    this.busy += 1
    let paused = true
    return () => {
      if (paused) this.busy -= 1
      paused = false
      this.lastSearchEnd = Date.now()
    }
  }

  /** Resolves once the index reflects every committed change it has been told about. */
  async ready(): Promise<void> {
    while (!this.isReady()) {
      this.work ??= this.step().finally(() => { this.work = null })
      await this.work
    }
  }

  /** Ids of the requests meeting the criteria and matching every token, newest first. */
  search(tokens: readonly TokenMatcher[], criteria: RequestCriteria): RequestId[] {
    const wanted = new Set(criteria.statuses)
    const found: RequestId[] = []
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i] as IndexEntry
      // The status set first: it rules out most requests of a big list cheaply.
      if (wanted.has(e.status) && matchesCriteria(e, criteria) && tokens.every((t) => matches(e, t))) found.push(e.id)
    }
    return found
  }

  /** Called for every storage mutation: notes changed requests, or forgets everything after a bulk change. */
  noteMutation(parts: ObservabilitySet): void {
    if ('all' in parts) return this.invalidate()
    const changed = parts[`idb://${this.database.name}/requests/`]
    if (!changed) return
    this.statusSets = new Map()
    const keys = keysOf(changed)
    if (keys === null || this.pending.size + keys.length > MAX_PENDING) return this.invalidate()
    for (const key of keys) this.pending.add(key)
  }

  private invalidate(): void {
    this.statusSets = new Map()
    this.generation += 1
    this.built = false
    this.pending.clear()
    this.entries = []
    this.words = new Map()
  }

  private async step(): Promise<void> {
    if (!this.built) return this.build()
    const keys = [...this.pending]
    this.pending.clear()
    // An explicit transaction: inside a live query, Dexie would otherwise cache what is read.
    const rows = await this.database.transaction('r', this.database.requests, () => this.database.requests.bulkGet(keys as RequestId[]))
    keys.forEach((key, i) => this.put(key, rows[i]))
  }

  private async build(): Promise<void> {
    const generation = this.generation
    const words = new Map<string, string>()
    const entries: IndexEntry[] = []
    let last: string | null = null
    for (;;) {
      while (this.busy > 0 || Date.now() - this.lastSearchEnd < QUIET_AFTER_SEARCH) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      const from: string | null = last
      const chunk: Request[] = await this.database.transaction('r', this.database.requests, () => (from === null
        ? this.database.requests.limit(BUILD_CHUNK)
        : this.database.requests.where(':id').above(from).limit(BUILD_CHUNK)).toArray())
      if (generation !== this.generation) return
      for (const r of chunk) {
        const entry = entryOf(r, words)
        if (entry) entries.push(entry)
      }
      last = chunk.at(-1)?.id ?? last
      if (chunk.length < BUILD_CHUNK) break
    }
    this.entries = entries
    this.words = words
    this.built = true
    this.statusSets = new Map()
  }

  private put(key: string, record: Request | undefined): void {
    const at = this.indexOf(key)
    const entry = record ? entryOf(record, this.words) : null
    const present = this.entries[at]?.id === key
    if (entry) this.entries.splice(at, present ? 1 : 0, entry)
    else if (present) this.entries.splice(at, 1)
  }

  /** Position of `key`, or where it would be inserted. */
  private indexOf(key: string): number {
    let low = 0
    let high = this.entries.length
    while (low < high) {
      const mid = (low + high) >>> 1
      if ((this.entries[mid] as IndexEntry).id < key) low = mid + 1
      else high = mid
    }
    return low
  }
}

function matches(e: IndexEntry, t: TokenMatcher): boolean {
  return e.words.some((w) => w.startsWith(t.token)) || (e.departmentId !== null && t.departmentIds.has(e.departmentId))
}

function entryOf(r: Request, words: Map<string, string>): IndexEntry | null {
  if (r.deletedAt !== null || r.status === undefined) return null
  // Shared strings: most requests repeat a few thousand words and a few dozen ids and keys.
  const share = <T extends string | null>(w: T): T => (w === null ? w : (words.get(w) ?? (words.set(w, w), w)) as T)
  return {
    id: r.id, status: r.status, words: (r.words ?? []).map(share),
    category: share(r.category), presetId: share(r.presetId), channel: r.channel, owner: r.owner,
    assigneeId: share(r.assigneeId), departmentId: share(r.departmentId), assetId: share(r.assetId), createdAt: r.createdAt,
  }
}

/** The single keys of a range set, or null when it holds a range (a bulk or ranged change). */
function keysOf(tree: IntervalTree): string[] | null {
  const keys: string[] = []
  const walk = (node: IntervalTree | null | undefined): boolean => {
    if (!node || !('from' in node)) return true
    if (typeof node.from !== 'string' || node.from !== node.to) return false
    keys.push(node.from)
    return walk(node.l) && walk(node.r)
  }
  return walk(tree) ? keys : null
}

let current: RequestSearchIndex | null = null

/** The search index of the open database (a new, unbuilt one after the database is switched). */
export function requestSearchIndex(): RequestSearchIndex {
  const database = db()
  if (current?.database !== database) current = new RequestSearchIndex(database)
  return current
}

/** Starts building the index in the background so the first search does not wait for it. */
export function warmRequestSearchIndex(): void {
  // A failed build is retried by the next search, which reports its error.
  requestSearchIndex().ready().catch(() => undefined)
}

// Registered when this module loads, so it runs before any live query that searches is notified.
Dexie.on('storagemutated', (parts: ObservabilitySet) => current?.noteMutation(parts))
