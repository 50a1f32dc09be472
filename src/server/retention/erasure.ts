import type { AnonymiseResponse, AnonymiseSkipReason, PeopleDataHit } from '../../domain/privacyProtocol.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { appendAudit } from '../storage/auditLog.ts'
import type { Actor } from '../auth/users.ts'
import { wipeUnreferencedPhotos } from '../storage/photos.ts'
import { loadRecords } from '../storage/records.ts'
import type { Storage } from '../storage/storage.ts'
import { readSequence } from '../storage/records.ts'
import { anonymisedFields, loadTextAnswers } from './anonymise.ts'
import { commitRewrite, rewriteRecords } from './rewrite.ts'

function countByTable(records: ReadonlyArray<{ table: SyncTableName }>): Partial<Record<SyncTableName, number>> {
  const counts: Partial<Record<SyncTableName, number>> = {}
  for (const { table } of records) counts[table] = (counts[table] ?? 0) + 1
  return counts
}

/**
 * Anonymises the records of an erasure request in one transaction: only ids among `hits` (what
 * the search for the person found, so a wrong id cannot wipe someone else's record) in tables
 * that can be anonymised, with the same wipe as the deletion-deadline job. Writes one `erasure`
 * audit row per team with counts and record ids, never the searched name.
 */
export async function eraseRecords(storage: Storage, actor: Actor, hits: readonly PeopleDataHit[], recordIds: readonly string[], ip: string, now: number = Date.now()): Promise<AnonymiseResponse> {
  const byId = new Map(hits.map((hit) => [hit.id, hit]))
  const skipped: Array<{ id: string; reason: AnonymiseSkipReason }> = []
  const wanted: PeopleDataHit[] = []
  for (const id of new Set(recordIds)) {
    const hit = byId.get(id)
    if (!hit) skipped.push({ id, reason: 'no_match' })
    else if (!hit.anonymisable) skipped.push({ id, reason: 'not_anonymisable' })
    else wanted.push(hit)
  }
  const keys = wanted.map(({ table, id }) => ({ table, id }))
  const { rewrite } = await commitRewrite(storage, async (trx) => {
    const text = await loadTextAnswers(trx, storage.kind, [...(await loadRecords(trx, storage.kind, keys, false)).values()])
    const result = await rewriteRecords(storage, trx, keys, (r) => anonymisedFields(r.table, r.state.content, text.has(r.id)), now)
    for (const teamId of new Set(wanted.map((hit) => hit.teamId))) {
      const changed = result.changed.filter((w) => w.teamId === teamId)
      await appendAudit(trx, {
        teamId, actorId: actor.id, action: 'erasure',
        details: { requested: wanted.filter((hit) => hit.teamId === teamId).length, anonymised: changed.length, byTable: countByTable(changed), recordIds: changed.map((w) => w.id) },
        ip,
      }, now)
    }
    return { rewrite: result }
  })
  await wipeUnreferencedPhotos(storage, [...new Set(wanted.map((hit) => hit.teamId))])
  const changedIds = new Set(rewrite.changed.map((w) => w.id))
  for (const hit of wanted) if (!changedIds.has(hit.id)) skipped.push({ id: hit.id, reason: 'unchanged' })
  const seq = rewrite.nudge?.seq ?? (await readSequence(storage.db)).seq
  return { anonymised: rewrite.changed.length, skipped, seq }
}

/** Counts per table of exported hits, for the `export` audit row. */
export function exportSummary(hits: readonly PeopleDataHit[]): Partial<Record<SyncTableName, number>> {
  return countByTable(hits)
}
