import { createHash } from 'node:crypto'
import { findPendingSeries, planNextRun, type PlanInput, type PlannedRun } from '../../domain/recurrencePlan.ts'
import type { AnswerValue } from '../../domain/records/checklistAnswer.ts'
import type { ChecklistItem } from '../../domain/records/checklistTemplate.ts'
import type { ContentOf } from '../../domain/records/fields.ts'
import type { ChecklistRun } from '../../domain/records/checklistRun.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { listLiveTeamRecords, listLiveTeams } from '../storage/liveRecords.ts'
import { loadRecords, recordKey, takeWriteLock } from '../storage/records.ts'
import type { Storage } from '../storage/storage.ts'
import { insertSystemRecords, SERVER_ORIGIN } from '../storage/systemWrite.ts'

// The server makes each recurring template's next run, so every device pulls the same one. It is
// made once even when several instances (or passes) plan it at the same time: its id follows from
// the series, the department and the run it follows, and is written only if no record (live or
// deleted) has it yet, checked under the sequence lock. Deleting a made run therefore ends that
// series' next step instead of bringing it back.

type Content = Readonly<Record<string, unknown>>

/** The id of the run that follows `afterRunId` (or starts the series on its start date) in a department: UUID-shaped (version 8), the same on every instance. */
export function recurringRunId(teamId: string, run: PlannedRun): string {
  const step = run.afterRunId ?? `first:${run.template.recurrence!.startDate}`
  const h = createHash('sha256').update(`recurring\u0000${teamId}\u0000${run.seriesId}\u0000${run.departmentId}\u0000${step}`).digest('hex')
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

async function readTeam(storage: Storage, teamId: string): Promise<{ input: PlanInput, items: Map<string, readonly ChecklistItem[]> }> {
  const tables: SyncTableName[] = ['checklistTemplates', 'checklistRuns', 'departments', 'people']
  const rows = (await listLiveTeamRecords(storage.db, teamId, tables)).map((row) => ({ ...row, content: JSON.parse(row.data) as Content }))
  const of = (table: SyncTableName) => rows.filter((row) => row.table === table)
  const templates = of('checklistTemplates').map(({ id, content }) => ({
    id, version: Number(content.version), title: String(content.title ?? ''), archived: content.archived === true,
    items: (content.items ?? []) as readonly ChecklistItem[], recurrence: (content.recurrence ?? null) as PlanInput['templates'][number]['recurrence'],
  }))
  const runs = of('checklistRuns').map(({ id, content }) => ({ id, ...(content as unknown as Omit<PlanInput['runs'][number], 'id'>) }))
  const departments = of('departments').map(({ id, content }) => ({ id, name: String(content.name ?? '') }))
  const homeAreas = new Set(of('people').filter(({ content }) => content.role && content.homeDepartmentId)
    .map(({ content }) => String(content.homeDepartmentId)))
  return { input: { templates, runs, departments, homeAreas }, items: new Map(templates.map((t) => [t.id, t.items])) }
}

/** The answers of `runIds`, by run and item key (the latest edit of an item wins). */
async function readAnswers(storage: Storage, teamId: string, runIds: ReadonlySet<string>): Promise<Map<string, AnswerValue>> {
  if (runIds.size === 0) return new Map()
  const rows = (await listLiveTeamRecords(storage.db, teamId, ['checklistAnswers']))
    .map((row) => JSON.parse(row.data) as { runId: string, itemKey: string, value: AnswerValue, updatedAt: number })
    .filter((a) => runIds.has(a.runId))
    .sort((a, b) => a.updatedAt - b.updatedAt)
  return new Map(rows.map((a) => [`${a.runId}\u0000${a.itemKey}`, a.value]))
}

function runRecord(teamId: string, run: PlannedRun, now: number): Content {
  const content: ContentOf<ChecklistRun> = {
    templateId: run.template.id as ChecklistRun['templateId'], templateVersion: run.template.version, title: run.template.title,
    subject: { kind: 'department', refId: run.departmentId, label: run.departmentName },
    status: 'i gang', dueDate: run.dueDate, completedAt: null, overrideReason: '',
  }
  return { ...content, id: recurringRunId(teamId, run), teamId, createdAt: now, createdBy: SERVER_ORIGIN, updatedAt: now, rev: 0, deletedAt: null }
}

/** Plans one team's next runs and writes those no instance has written yet; returns how many it wrote. */
async function runTeam(storage: Storage, teamId: string, now: number): Promise<number> {
  const { input, items } = await readTeam(storage, teamId)
  const pending = findPendingSeries(input)
  if (pending.length === 0) return 0
  const answers = await readAnswers(storage, teamId, new Set(pending.flatMap((p) => (p.last ? [p.last.id] : []))))
  const planned = pending.map((p) => planNextRun(p, (runId, key) => answers.get(`${runId}\u0000${key}`), (id) => items.get(id) ?? []))
  const records = planned.map((run) => runRecord(teamId, run, now))
  const head = await storage.db.transaction().execute(async (trx) => {
    await takeWriteLock(trx, storage.kind)
    const state = await storage.lockSequence(trx)
    const existing = await loadRecords(trx, storage.kind, records.map((r) => ({ table: 'checklistRuns' as const, id: String(r.id) })), false)
    const fresh = records.filter((r) => !existing.has(recordKey('checklistRuns', String(r.id))))
    if (fresh.length === 0) return null
    const next = await insertSystemRecords(storage, trx, state.seq, fresh.map((record) => ({ table: 'checklistRuns', record })), now)
    return { seq: next, count: fresh.length }
  })
  if (!head) return 0
  storage.notifyAfterCommit({ seq: head.seq, teams: [teamId] })
  return head.count
}

/**
 * One pass of the recurring-checklist job over `teams` (default: every live team) at `now`
 * (the creation time of what it writes; due dates come from the records, never from the clock).
 * Returns how many runs it made.
 */
export async function runRecurrence(storage: Storage, now: number, teams?: readonly string[]): Promise<number> {
  const ids = teams ?? (await listLiveTeams(storage.db)).map((row) => row.id)
  let made = 0
  for (const teamId of ids) made += await runTeam(storage, teamId, now)
  return made
}
