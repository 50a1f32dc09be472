import { sameValue } from '../../domain/merge.ts'
import type { Trx } from '../storage/storage.ts'
import { appendAudit } from '../storage/auditLog.ts'

/**
 * The team settings whose changes are audited, and the action each is recorded as: the deletion
 * deadline (`retention`) and the budget bands (the team's `budget` and the bands agreed per person).
 */
const AUDITED_SETTINGS = [
  { field: 'retention', action: 'deadline_changed' },
  { field: 'budget', action: 'budget_changed' },
  { field: 'budgetOverrides', action: 'budget_changed' },
] as const

/** One audited change of a team setting by one mutation. */
export interface SettingChange {
  readonly action: (typeof AUDITED_SETTINGS)[number]['action']
  readonly field: string
  readonly from: unknown
  readonly to: unknown
}

/** The audited team-setting changes one mutation made to a team record. */
export interface DeadlineChange {
  readonly teamId: string
  /** The team record's id. */
  readonly subject: string
  readonly actorId: string
  readonly changes: readonly SettingChange[]
  readonly at: number
}

/**
 * The audited settings a mutation changed on a team record (from null for a new team), or null
 * if it changed none of them.
 */
export function deadlineChange(
  table: string, teamId: string, subject: string, before: Readonly<Record<string, unknown>> | null, after: Readonly<Record<string, unknown>>, actorId: string, at: number,
): DeadlineChange | null {
  if (table !== 'teams') return null
  const changes = AUDITED_SETTINGS.flatMap(({ field, action }): SettingChange[] => {
    const from = before?.[field] ?? null
    const to = after[field] ?? null
    return sameValue(from, to) ? [] : [{ action, field, from, to }]
  })
  return changes.length === 0 ? null : { teamId, subject, actorId, changes, at }
}

/**
 * Records a `deadline_changed` or `budget_changed` audit row for each change, inside the push
 * transaction so it commits with the change; each names the person whose mutation made it. A
 * deadline row's details are `{ from, to }`; a budget row's also name the field.
 */
export async function auditDeadlineChanges(trx: Trx, changes: readonly DeadlineChange[]): Promise<void> {
  for (const change of changes) {
    for (const c of change.changes) {
      const details = c.action === 'deadline_changed' ? { from: c.from, to: c.to } : { field: c.field, from: c.from, to: c.to }
      await appendAudit(trx, { teamId: change.teamId, actorId: change.actorId, action: c.action, subject: change.subject, details }, change.at)
    }
  }
}
