import { campaignRunRefusal, type CampaignRefusal } from '../../domain/campaign.ts'
import type { Mutation } from '../../domain/protocol.ts'
import type { Actor } from '../auth/users.ts'
import { loadRecords, recordKey, type StoredRecord } from '../storage/records.ts'
import type { Storage, Trx } from '../storage/storage.ts'

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null)

function runIdOfAnswer(m: Mutation, stored: ReadonlyMap<string, StoredRecord>): string | null {
  return text(m.fields.runId) ?? text(stored.get(recordKey('checklistAnswers', m.recordId))?.state.content.runId)
}

async function loadMissing(trx: Trx, storage: Storage, table: 'checklistRuns' | 'campaigns', ids: Iterable<string>, have: ReadonlyMap<string, StoredRecord>): Promise<Map<string, StoredRecord>> {
  const keys = [...new Set(ids)].filter((id) => !have.has(recordKey(table, id))).map((id) => ({ table, id }))
  return keys.length > 0 ? loadRecords(trx, storage.kind, keys, storage.lockRows) : new Map()
}

/**
 * The runs that the answer writes of a push belong to, and the campaigns of those runs and of the
 * push's run writes, as stored: loaded after the push's own records, and on PostgreSQL locked like
 * them, so an answer waits for a koordinator closing the campaign at the same time and then sees it closed.
 */
export async function loadCampaignFacts(trx: Trx, storage: Storage, mutations: readonly Mutation[], stored: ReadonlyMap<string, StoredRecord>): Promise<Map<string, StoredRecord>> {
  const answers = mutations.filter((m) => m.table === 'checklistAnswers')
  const runIds = answers.map((m) => runIdOfAnswer(m, stored)).filter((id): id is string => id !== null)
  const runs = await loadMissing(trx, storage, 'checklistRuns', runIds, stored)
  const campaignIds = [
    ...mutations.filter((m) => m.table === 'checklistRuns').map((m) => text(m.fields.campaignId)),
    ...[...stored.values(), ...runs.values()].filter((r) => r.table === 'checklistRuns').map((r) => text(r.state.content.campaignId)),
  ].filter((id): id is string => id !== null)
  const campaigns = await loadMissing(trx, storage, 'campaigns', campaignIds, stored)
  return new Map([...runs, ...campaigns])
}

/** A record as the batch has it: a pending write first, then as stored, then as loaded for the check. */
export type RecordLookup = (table: 'checklistRuns' | 'campaigns', id: string) => StoredRecord | null

/** Whether a campaign is over for its runs: closed, or deleted. An unknown campaign is not judged. */
function isOver(campaign: StoredRecord | null): boolean {
  return campaign !== null && (campaign.state.deletedAt !== null || campaign.state.content.status !== 'åben')
}

/**
 * Why a write to a campaign's run or its answers is refused (see campaignRunRefusal), or null;
 * `current` is the record before the write. A run moved into or out of a closed campaign counts as
 * a write to that campaign's run.
 */
export function campaignRefusal(actor: Actor, m: Mutation, current: StoredRecord | null, find: RecordLookup): CampaignRefusal | null {
  if (m.table !== 'checklistRuns' && m.table !== 'checklistAnswers') return null
  let campaignIds: Array<string | null>
  if (m.table === 'checklistRuns') {
    campaignIds = [text(current?.state.content.campaignId), text(m.fields.campaignId)]
  } else {
    const runId = text(m.fields.runId) ?? text(current?.state.content.runId)
    campaignIds = [runId === null ? null : text(find('checklistRuns', runId)?.state.content.campaignId)]
  }
  const over = campaignIds.some((id) => id !== null && isOver(find('campaigns', id)))
  const manager = actor.role === 'koordinator' || actor.role === 'admin'
  return campaignRunRefusal({ table: m.table, op: m.op, fields: m.fields, manager, campaignOpen: !over })
}
