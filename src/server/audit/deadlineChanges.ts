import { sameValue } from '../../domain/merge.ts'
import type { Trx } from '../storage/storage.ts'
import { appendAudit } from './auditLog.ts'

/** One change of a team's deletion deadline (`retention`) by one mutation. */
export interface DeadlineChange {
  readonly teamId: string
  /** The team record's id. */
  readonly subject: string
  readonly actorId: string
  readonly from: unknown
  readonly to: unknown
  readonly at: number
}

/** The change a mutation made to a team record's `retention` (from null for a new team), or null if none. */
export function deadlineChange(
  table: string, teamId: string, subject: string, before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>>, actorId: string, at: number,
): DeadlineChange | null {
  if (table !== 'teams') return null
  const from = before?.retention ?? null
  const to = after.retention ?? null
  return sameValue(from, to) ? null : { teamId, subject, actorId, from, to, at }
}

/**
 * Records a `deadline_changed` audit row for each change, inside the push transaction so it
 * commits with the change; each names the person whose mutation made it.
 */
export async function auditDeadlineChanges(trx: Trx, changes: readonly DeadlineChange[]): Promise<void> {
  for (const change of changes) {
    await appendAudit(trx, { teamId: change.teamId, actorId: change.actorId, action: 'deadline_changed', subject: change.subject, details: { from: change.from, to: change.to } }, change.at)
  }
}
