import { tipCode } from '../../domain/tipCode.ts'
import type { PhotoRef } from '../../domain/photos.ts'
import type { Tip } from '../../domain/records/tip.ts'
import { readSequence } from '../storage/records.ts'
import { listPublicTipRows, type PublicTipRow } from '../storage/publicTips.ts'
import type { Storage } from '../storage/storage.ts'

// The public tips by short code, read from the database only when something changed: every change
// to a record takes the next global sequence number, so while the sequence head stands still the
// index stands too, and an anonymous request costs one one-row read instead of a scan.

/** A public tip as stored, with what the shelf needs to find, render and cache it. */
export interface IndexedTip {
  readonly id: string
  readonly teamId: string
  /** Sequence number of the tip's last change: a cached rendering is good while this holds. */
  readonly seq: number
  readonly code: string
  readonly title: string
  readonly body: string
  readonly tags: readonly string[]
  readonly category: Tip['category']
  readonly updatedAt: number
  readonly photos: readonly PhotoRef[]
}

interface Snapshot {
  readonly head: number
  readonly byCode: ReadonlyMap<string, readonly IndexedTip[]>
}

type StoredTip = Pick<Tip, 'title' | 'body' | 'tags' | 'category' | 'updatedAt' | 'photos'> & { readonly public?: unknown }

function indexed(row: PublicTipRow): IndexedTip | null {
  const tip = JSON.parse(row.data) as StoredTip
  if (tip.public !== true) return null
  const photos = Array.isArray(tip.photos) ? tip.photos.filter((p) => typeof p?.hash === 'string') : []
  return {
    id: row.id, teamId: row.teamId, seq: row.seq, code: tipCode(row.id), title: tip.title, body: tip.body,
    tags: tip.tags, category: tip.category, updatedAt: tip.updatedAt, photos,
  }
}

/** The public tips by code, fresh as of the database's sequence head at the call. */
export class PublicTipIndex {
  private snapshot: Snapshot | null = null
  private loading: { head: number; promise: Promise<Snapshot> } | null = null
  /** How many times the tips were read from the database (for tests and logs). */
  scans = 0

  constructor(private readonly storage: Storage) {}

  /** The public tips with short code `code` (normally one; two when ids hash alike). */
  async byCode(code: string): Promise<readonly IndexedTip[]> {
    return (await this.current()).byCode.get(code) ?? []
  }

  /** Every public tip of team `teamId`. */
  async ofTeam(teamId: string): Promise<IndexedTip[]> {
    return [...(await this.current()).byCode.values()].flat().filter((tip) => tip.teamId === teamId)
  }

  private async current(): Promise<Snapshot> {
    const head = (await readSequence(this.storage.db)).seq
    if (this.snapshot?.head === head) return this.snapshot
    if (this.loading?.head === head) return this.loading.promise
    const promise = this.scan(head)
    this.loading = { head, promise }
    try {
      return await promise
    } finally {
      if (this.loading?.promise === promise) this.loading = null
    }
  }

  // The head is read before the rows: a change committed in between is in the rows and makes the
  // next call scan again, never the other way round.
  private async scan(head: number): Promise<Snapshot> {
    this.scans += 1
    const byCode = new Map<string, IndexedTip[]>()
    for (const row of await listPublicTipRows(this.storage.db)) {
      const tip = indexed(row)
      if (tip) byCode.set(tip.code, [...(byCode.get(tip.code) ?? []), tip])
    }
    const snapshot = { head, byCode }
    if (!this.snapshot || this.snapshot.head < head) this.snapshot = snapshot
    return snapshot
  }
}
