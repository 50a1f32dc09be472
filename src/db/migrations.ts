import type { Transaction } from 'dexie'
import { withLocalFields } from './derivedFields.ts'

/**
 * Version 1: every table of DESIGN.md with its sync fields, the outbox and meta.
 * Kept as it shipped; later versions only add to it.
 */
export const schemaV1 = {
  teams: 'id',
  people: 'id, teamId',
  departments: 'id, teamId',
  requests: 'id, teamId, status, assigneeId, assetId, departmentId, [status+id]',
  timeEntries: 'id, personId, requestId, week, [personId+week], [personId+start]',
  absences: 'id, [personId+week]',
  checklistTemplates: 'id',
  checklistRuns: 'id, status, templateId, subject.refId',
  checklistAnswers: 'id, runId, [runId+itemKey]',
  assets: 'id, code, type, departmentId',
  tips: 'id, *tags',
  outbox: '++mutationId, [table+recordId]',
  meta: 'key',
}

/**
 * Version 2: indexed search words on requests, and an indexed `running` flag on time
 * entries so the running timer is found without scanning every entry.
 */
export const schemaV2 = {
  ...schemaV1,
  requests: 'id, teamId, status, assigneeId, assetId, departmentId, [status+id], *words',
  timeEntries: 'id, personId, requestId, week, [personId+week], [personId+start], [personId+running]',
}

/**
 * Version 3: conflicts the server reported on push and mutations it rejected, kept on the
 * device until the user has seen them (nothing is silently dropped).
 */
export const schemaV3 = {
  ...schemaV2,
  conflicts: 'id, [table+recordId], at',
  rejections: 'id, at',
}

/**
 * Version 4: requests indexed by `createdAt`, so a report reads only the requests of its period
 * (and the period before) instead of every request of the team.
 */
export const schemaV4 = {
  ...schemaV3,
  requests: 'id, teamId, status, assigneeId, assetId, departmentId, [status+id], *words, createdAt',
}

/**
 * Version 5: tip reads (one record per person reading a tip, so "most used" counts every device's
 * reads), found by tip and by the person's own reads of a tip.
 */
export const schemaV5 = {
  ...schemaV4,
  tipReads: 'id, tipId, [personId+tipId]',
}

/** Version 6: observations, listed by status and by department, newest first. */
export const schemaV6 = {
  ...schemaV5,
  observations: 'id, teamId, status, departmentId, createdAt',
}

/** Fills the v2 local-only fields (search words, `running`) on data written by v1. */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  for (const table of ['requests', 'timeEntries'] as const) {
    await tx.table(table).toCollection().modify((r: Record<string, unknown>) => { Object.assign(r, withLocalFields(table, r)) })
  }
}

/**
 * Version 7: the report facts (src/domain/report/facts.ts): one small row per request and per time
 * entry, with only what a report counts, and packs of them per team and week, so a year's report
 * reads about 150 packs instead of 150,000 whole requests with their history and search words. Kept in step
 * with every write by db/reportFacts.ts; built from the stored records by `upgradeToV7`.
 */
export const schemaV7 = {
  ...schemaV6,
  reportRequests: 'id',
  reportEntries: 'id',
  reportPacks: '[teamId+kind+bucket]',
}

/** Version 8: hand-offs to central IT, found by the request they belong to. */
export const schemaV8 = {
  ...schemaV7,
  handOffs: 'id, teamId, requestId',
}

/**
 * Version 10: photo images (db/photos.ts), by content hash, with their upload state and the record
 * they were taken for; the record itself carries only the references. (Version 9 was never used;
 * Dexie allows the gap.)
 */
export const schemaV10 = {
  ...schemaV8,
  photoBlobs: 'hash, state, [table+recordId]',
}

/**
 * Version 11: loans of assets "til udlån", found by asset (its page and history) and by team (the
 * list of loans out.
 */
export const schemaV11 = {
  ...schemaV10,
  loans: 'id, teamId, assetId',
}

/**
 * Version 13: user-test campaigns (listed by status), and checklist runs found by their campaign,
 * so the campaign page reads its testers' runs without scanning every run.
 */
export const schemaV13 = {
  ...schemaV11,
  checklistRuns: `${schemaV11.checklistRuns}, campaignId`,
  campaigns: 'id, teamId, status',
}

/**
 * Version 14: requests found by team, assignee and status, so the group's week counts each
 * superuser's open requests from the index alone, without reading a request.
 */
export const schemaV14 = {
  ...schemaV13,
  requests: `${schemaV13.requests}, [teamId+assigneeId+status]`,
}
