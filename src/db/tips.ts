import { db } from './database.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import type { EditRevs } from '../domain/editBase.ts'
import { parseTipTags, type TipInput } from '../domain/tipDraft.ts'
import { normaliseTipCode, tipCode } from '../domain/tipCode.ts'
import { countTipUses, searchTips, type TipHit, type TipQuery } from '../domain/tipSearch.ts'
import type { PersonId, RequestId, TipId } from '../domain/records/fields.ts'
import type { Request } from '../domain/records/request.ts'
import type { Tip } from '../domain/records/tip.ts'

/**
 * Reads by the same person of the same tip closer together than this count once: opening a tip
 * again to scroll, or coming back to it from a link, is still the same use.
 */
export const TIP_READ_GAP_MS = 30 * 60_000

/** The input as stored: title trimmed, tags cleaned (only the fields given). */
function clean<T extends Partial<TipInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input }
  if (typeof input.title === 'string') out.title = input.title.trim()
  if (input.tags !== undefined) out.tags = parseTipTags(input.tags.join(','))
  return out as T
}

/** The tips the list shows for `query`, with their use counts (every device's reads). */
export async function listTips(query: TipQuery): Promise<TipHit[]> {
  const [tips, reads] = await Promise.all([db().tips.toArray(), db().tipReads.toArray()])
  return searchTips(tips, countTipUses(reads), query)
}

/** The tip, or undefined when it does not exist or was deleted. */
export async function getTip(id: TipId): Promise<Tip | undefined> {
  const tip = await db().tips.get(id)
  return tip && tip.deletedAt === null ? tip : undefined
}

/** How many times the tip has been read, from every device that has synced. */
export async function countTipReads(id: TipId): Promise<number> {
  return db().tipReads.where('tipId').equals(id).filter((read) => read.deletedAt === null).count()
}

/** Writes a new tip (CPR numbers masked by the write) and queues it. */
export async function createTip(author: Author, input: TipInput, now: number = Date.now()): Promise<Tip> {
  return createRecord('tips', author, clean(input), now)
}

/**
 * Writes a tip made from a request and links the two both ways (`tip.requestIds` and
 * `request.tipId`) in one transaction, so neither link exists without the other.
 */
export async function createTipFromRequest(author: Author, requestId: RequestId, input: TipInput, now: number = Date.now()): Promise<Tip> {
  return db().transaction('rw', db().tips, db().requests, db().outbox, async () => {
    const request = await db().requests.get(requestId) as Request | undefined
    if (!request || request.deletedAt !== null) throw new RecordMissingError('requests', requestId)
    const requestIds = input.requestIds.includes(requestId) ? input.requestIds : [...input.requestIds, requestId]
    const tip = await createTip(author, { ...input, requestIds }, now)
    await patchRecord('requests', requestId, { tipId: tip.id }, now)
    return tip
  })
}

/**
 * Saves an edited tip. An edit form passes only the fields the person changed and the revisions
 * they were based on (`base`), so a change another device made meanwhile is never overwritten unseen.
 */
export async function updateTip(id: TipId, changes: Partial<TipInput>, base?: EditRevs, now: number = Date.now()): Promise<Tip> {
  return patchRecord('tips', id, clean(changes), now, base)
}

/**
 * Counts that `person` read the tip: adds a read record (queued like every write) unless the same
 * person read it on this device less than TIP_READ_GAP_MS ago. Returns whether a use was counted.
 */
export async function recordTipRead(author: Author, id: TipId, now: number = Date.now()): Promise<boolean> {
  return db().transaction('rw', db().tips, db().tipReads, db().outbox, async () => {
    if (!(await getTip(id))) return false
    const person: PersonId = author.personId
    const recent = await db().tipReads.where('[personId+tipId]').equals([person, id])
      .filter((read) => read.deletedAt === null && Math.abs(now - read.createdAt) < TIP_READ_GAP_MS).count()
    if (recent > 0) return false
    await createRecord('tipReads', author, { tipId: id, personId: person }, now)
    return true
  })
}

/** The live requests a tip was made from, in the tip's order (deleted ones left out). */
export async function listTipRequests(ids: readonly RequestId[]): Promise<Request[]> {
  const found = await db().requests.bulkGet([...ids])
  return found.filter((r): r is Request => r !== undefined && r.deletedAt === null)
}

/** The live tip whose short code (see tipCode) is `code` as typed or scanned; the newest if two share it. */
export async function getTipByCode(code: string): Promise<Tip | undefined> {
  const wanted = normaliseTipCode(code)
  const matches = await db().tips.filter((tip) => tip.deletedAt === null && tipCode(tip.id) === wanted).toArray()
  return matches.sort((a, b) => b.createdAt - a.createdAt)[0]
}

/** Marks a tip public or not (the koordinator's call; the server refuses it from anyone else) and queues the change. */
export async function setTipPublic(id: TipId, value: boolean, now: number = Date.now()): Promise<Tip> {
  return patchRecord('tips', id, { public: value }, now)
}
