import { loanRefusal, type LoanRefusal } from '../../domain/loans.ts'
import type { Mutation } from '../../domain/protocol.ts'
import type { MergeState } from '../../domain/merge.ts'
import { listLiveRecordsOf } from '../storage/liveRecords.ts'
import { recordKey, type StoredRecord } from '../storage/records.ts'
import type { Trx } from '../storage/storage.ts'

/** Open loans per asset id (loan ids), as stored before a push. */
export type OpenLoans = ReadonlyMap<string, ReadonlySet<string>>

/** The assets the new loans of these mutations are for: loaded (and locked) with the push's records. */
export function loanAssetKeys(mutations: readonly Mutation[]): Array<{ table: 'assets'; id: string }> {
  return mutations.filter((m) => m.table === 'loans' && m.op === 'put' && typeof m.fields.assetId === 'string')
    .map((m) => ({ table: 'assets' as const, id: String(m.fields.assetId) }))
}

/**
 * The open loans of the teams of new loans in this push, read after their assets were locked: on
 * PostgreSQL two instances lending one asset wait for each other at the asset's row, and the
 * second then sees the first one's loan.
 */
export async function loadOpenLoans(trx: Trx, mutations: readonly Mutation[]): Promise<OpenLoans> {
  const teams = [...new Set(mutations.filter((m) => m.table === 'loans' && m.op === 'put').map((m) => String(m.fields.teamId)))]
  const open = new Map<string, Set<string>>()
  if (teams.length === 0) return open
  for (const row of await listLiveRecordsOf(trx, 'loans', teams)) {
    const loan = JSON.parse(row.data) as { assetId?: unknown; returnedOn?: unknown }
    if (loan.returnedOn !== null || typeof loan.assetId !== 'string') continue
    if (!open.has(loan.assetId)) open.set(loan.assetId, new Set())
    open.get(loan.assetId)!.add(row.id)
  }
  return open
}

/** Tracks open loans through one run of a push's merge, so two loans of one asset in a batch clash too. */
export class LoanTracker {
  private readonly open: Map<string, Set<string>>

  constructor(stored: OpenLoans) {
    this.open = new Map([...stored].map(([asset, ids]) => [asset, new Set(ids)]))
  }

  /** Why this loan write is refused, or null; `current` is the loan before it, `asset` the asset as the batch has it. */
  refusal(m: Mutation, teamId: string, current: StoredRecord | null, next: MergeState | null, asset: StoredRecord | null): LoanRefusal | null {
    // A write to a loan deleted meanwhile changes nothing (the delete wins in the merge): nothing to refuse.
    if (current && current.state.deletedAt !== null) return null
    const before = current && current.state.deletedAt === null ? current.state.content : null
    const after = next?.content ?? { ...before, ...m.fields }
    const assetId = String(after.assetId ?? before?.assetId)
    const others = [...(this.open.get(assetId) ?? [])].filter((id) => id !== m.recordId)
    const liveAsset = asset && asset.state.deletedAt === null ? { teamId: asset.teamId, content: asset.state.content } : null
    return loanRefusal({ op: m.op, fields: m.fields, teamId, before, after, asset: liveAsset, otherOpenLoans: others })
  }

  /** Records the loan as the write left it. */
  applied(id: string, state: MergeState): void {
    for (const ids of this.open.values()) ids.delete(id)
    const loan = state.content as { assetId?: unknown; returnedOn?: unknown }
    if (state.deletedAt !== null || loan.returnedOn !== null || typeof loan.assetId !== 'string') return
    if (!this.open.has(loan.assetId)) this.open.set(loan.assetId, new Set())
    this.open.get(loan.assetId)!.add(id)
  }
}

/** The asset a loan mutation is about, as the batch has it (a pending write first). */
export function assetOf(assetId: unknown, pending: ReadonlyMap<string, StoredRecord>, stored: ReadonlyMap<string, StoredRecord>): StoredRecord | null {
  if (typeof assetId !== 'string') return null
  const key = recordKey('assets', assetId)
  return pending.get(key) ?? stored.get(key) ?? null
}
