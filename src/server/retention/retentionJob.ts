import { DEFAULT_ANONYMISE_AFTER_MONTHS } from '../../domain/privacyProtocol.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { appendAudit, lastAuditAt, purgeAuditLog } from '../storage/auditLog.ts'
import { listLiveTeamRecords, listLiveTeams } from '../storage/liveRecords.ts'
import { wipeUnreferencedPhotos } from '../storage/photos.ts'
import type { Db } from '../storage/schema.ts'
import type { Storage } from '../storage/storage.ts'
import { anonymisedFields, ANONYMISABLE_TABLES, isTextAnswer, templateKinds } from './anonymise.ts'
import { handOffDeadlineStart, isPastDeadline, monthsBefore, runEndedAt } from './deadline.ts'
import { commitRewrite, rewriteRecords } from './rewrite.ts'

/** Records per transaction, so a first run over years of data never holds locks for long. */
const BATCH = 500
/** The hourly housekeeping runs the job when the last run is older than this: once a day. */
const DUE_AFTER_MS = 23 * 60 * 60 * 1000
const READ_TABLES: readonly SyncTableName[] = [...ANONYMISABLE_TABLES, 'checklistTemplates']

type Content = Readonly<Record<string, unknown>>

/** What one run did, also written to the audit log. */
export interface RetentionResult {
  readonly teams: number
  readonly anonymised: Partial<Record<SyncTableName | 'photos', number>>
  readonly auditPurged: number
}

/** The deletion deadline of every live team, in months (DEFAULT_ANONYMISE_AFTER_MONTHS when unset). */
async function teamDeadlines(db: Db): Promise<Array<{ teamId: string; months: number }>> {
  const rows = await listLiveTeams(db)
  return rows.map((row) => {
    const months = (JSON.parse(row.data) as { retention?: { anonymiseAfterMonths?: unknown } }).retention?.anonymiseAfterMonths
    return { teamId: row.id, months: Number.isInteger(months) && (months as number) >= 0 ? months as number : DEFAULT_ANONYMISE_AFTER_MONTHS }
  })
}

/**
 * The team's records past the deadline that still hold text to wipe, and the rule that decides
 * again on each record once it is locked (it may have been reopened in between).
 */
async function expired(db: Db, teamId: string, cutoff: number) {
  const rows = await listLiveTeamRecords(db, teamId, READ_TABLES)
  const records = rows.map((row) => ({ table: row.table, id: row.id, content: JSON.parse(row.data) as Content }))
  const kinds = templateKinds(records.filter((r) => r.table === 'checklistTemplates'))
  const runs = new Map(records.filter((r) => r.table === 'checklistRuns').map((r) => [r.id, r.content]))
  const runPast = (runId: unknown) => {
    const ended = runEndedAt(runs.get(String(runId)) ?? { status: 'i gang' })
    return ended !== null && ended < cutoff
  }
  const requests = new Map(records.filter((r) => r.table === 'requests').map((r) => [r.id, r.content]))
  const fieldsFor = (table: SyncTableName, content: Content) => {
    if (table === 'handOffs') {
      const start = handOffDeadlineStart(content, requests.get(String(content.requestId)))
      return start !== null && start < cutoff ? anonymisedFields(table, content) : {}
    }
    if (table === 'checklistAnswers') {
      return runPast(content.runId) ? anonymisedFields(table, content, isTextAnswer(content, runs.get(String(content.runId)), kinds)) : {}
    }
    return isPastDeadline(table, content, cutoff) ? anonymisedFields(table, content) : {}
  }
  const keys = records.filter((r) => ANONYMISABLE_TABLES.has(r.table) && Object.keys(fieldsFor(r.table, r.content)).length > 0)
    .map(({ table, id }) => ({ table, id }))
  return { keys, fieldsFor }
}

/**
 * The daily deletion-deadline job: per team, anonymises requests closed (and their hand-offs to
 * IT), checklist runs (and their answers) ended, time entries ended, observations closed, loans returned and
 * absences last edited more than the team's
 * `retention.anonymiseAfterMonths` before `now`; each change gets a new sequence number, so every
 * device pulls the anonymised version. Then purges audit rows older than `auditRetentionMonths`
 * and records the run in the audit log.
 */
export async function runRetention(storage: Storage, auditRetentionMonths: number, now: number = Date.now()): Promise<RetentionResult> {
  const anonymised: Partial<Record<SyncTableName | 'photos', number>> = {}
  const teams = await teamDeadlines(storage.db)
  for (const { teamId, months } of teams) {
    const { keys, fieldsFor } = await expired(storage.db, teamId, monthsBefore(now, months))
    for (let i = 0; i < keys.length; i += BATCH) {
      const { rewrite } = await commitRewrite(storage, async (trx) => ({
        rewrite: await rewriteRecords(storage, trx, keys.slice(i, i + BATCH), (r) => fieldsFor(r.table, r.state.content), now),
      }))
      for (const write of rewrite.changed) anonymised[write.table] = (anonymised[write.table] ?? 0) + 1
    }
  }
  const photosWiped = await wipeUnreferencedPhotos(storage)
  if (photosWiped > 0) anonymised.photos = photosWiped
  const auditPurged = await purgeAuditLog(storage.db, monthsBefore(now, auditRetentionMonths))
  const result: RetentionResult = { teams: teams.length, anonymised, auditPurged }
  await appendAudit(storage.db, { teamId: null, actorId: null, action: 'retention_run', details: { ...result } }, now)
  return result
}

/** Runs the job when no instance has run it for about a day (the audit log remembers); null when not due. */
export async function runRetentionIfDue(storage: Storage, auditRetentionMonths: number, now: number = Date.now()): Promise<RetentionResult | null> {
  const last = await lastAuditAt(storage.db, 'retention_run')
  if (last !== null && now - last < DUE_AFTER_MS) return null
  return runRetention(storage, auditRetentionMonths, now)
}
