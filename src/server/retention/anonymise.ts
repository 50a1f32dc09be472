// What anonymising a record wipes, shared by the daily deadline job and by an erasure request.
//
// Every non-empty free text a person wrote, and the requester's name, becomes ANONYMISED_TEXT
// ("Anonymiseret"); an empty text stays empty. One rule everywhere, so a reader sees that
// something was removed rather than wondering whether it was ever written. Everything the
// statistics need stays: ids, status, category, channel, department, owner, assignee, dates,
// durations, the status history and the helpdesk case number (a structured identifier). An
// observation loses its text, a hand-off to IT what was tried and what TOPdesk answered, and a
// loan of an asset its borrower's typed name.

import { sameValue } from '../../domain/merge.ts'
import { ANONYMISED_TEXT } from '../../domain/privacyProtocol.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { loadRecords, recordKey, type StoredRecord } from '../storage/records.ts'
import type { Storage, Trx } from '../storage/storage.ts'

/** Tables whose records can be anonymised; others (people, tips, assets, templates) are edited or deleted by hand. */
export const ANONYMISABLE_TABLES: ReadonlySet<SyncTableName> = new Set([
  'requests', 'timeEntries', 'absences', 'checklistRuns', 'checklistAnswers', 'observations', 'handOffs', 'loans',
])

/** Subject kinds whose label may name a person (a colleague, or a request's requester). */
const PERSONAL_SUBJECTS = new Set(['person', 'request'])
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function wipe(value: unknown): unknown {
  return typeof value === 'string' && value !== '' ? ANONYMISED_TEXT : value
}

function wipeKey(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  return { ...value, [key]: wipe((value as Record<string, unknown>)[key]) }
}

function wipedContent(table: SyncTableName, content: Readonly<Record<string, unknown>>, textAnswer: boolean): Record<string, unknown> {
  switch (table) {
    case 'requests': return {
      requesterName: wipe(content.requesterName), description: wipe(content.description), resolution: wipe(content.resolution),
      referrals: Array.isArray(content.referrals) ? content.referrals.map((r: unknown) => wipeKey(r, 'note')) : content.referrals,
      // Photos (often of a screen) go too; the images follow once no record names them.
      photos: Array.isArray(content.photos) && content.photos.length > 0 ? [] : content.photos,
    }
    case 'timeEntries':
    case 'absences': return { note: wipe(content.note) }
    case 'checklistRuns': {
      const subject = content.subject as { kind?: unknown } | null | undefined
      const personal = typeof subject?.kind === 'string' && PERSONAL_SUBJECTS.has(subject.kind)
      return { subject: personal ? wipeKey(subject, 'label') : subject, overrideReason: wipe(content.overrideReason) }
    }
    case 'checklistAnswers': return { value: textAnswer ? wipe(content.value) : content.value }
    case 'observations': return { text: wipe(content.text) }
    case 'handOffs': return { tried: wipe(content.tried), reasonDetail: wipe(content.reasonDetail) }
    // The borrower's typed name; a colleague on the list stays a reference, as on requests.
    case 'loans': return { borrowerName: wipe(content.borrowerName) }
    default: return {}
  }
}

/**
 * The fields to patch so `content` of `table` is anonymised; empty when it already is (so the job
 * is idempotent and rewrites nothing twice). `textAnswer` says whether a checklist answer's value is
 * free text (a text item) rather than a choice, date, number or tick.
 */
export function anonymisedFields(table: SyncTableName, content: Readonly<Record<string, unknown>>, textAnswer = false): Record<string, unknown> {
  const changes: Record<string, unknown> = {}
  for (const [field, value] of Object.entries(wipedContent(table, content, textAnswer))) {
    if (field in content && !sameValue(value, content[field])) changes[field] = value
  }
  return changes
}

/** Item kind per item key of each template, from stored templates. */
export type TemplateKinds = ReadonlyMap<string, ReadonlyMap<string, string>>

/** Item kinds of stored checklist templates, for telling free-text answers from choices and dates. */
export function templateKinds(templates: Iterable<{ id: string; content: Readonly<Record<string, unknown>> }>): Map<string, Map<string, string>> {
  const kinds = new Map<string, Map<string, string>>()
  for (const { id, content } of templates) {
    const items = Array.isArray(content.items) ? content.items as Array<{ key?: unknown; kind?: unknown }> : []
    kinds.set(id, new Map(items.map((item) => [String(item.key), String(item.kind)])))
  }
  return kinds
}

/**
 * Whether an answer's value is free text: its template item is a text item. When the template or
 * item is gone, any string but a date counts as text, since wiping too much beats keeping a name.
 */
export function isTextAnswer(answer: Readonly<Record<string, unknown>>, run: Readonly<Record<string, unknown>> | undefined, kinds: TemplateKinds): boolean {
  if (typeof answer.value !== 'string') return false
  const kind = kinds.get(String(run?.templateId))?.get(String(answer.itemKey))
  return kind === undefined ? !ISO_DATE.test(answer.value) : kind === 'text'
}

/** For the checklist answers among `records`: which are free text, read from their runs and templates inside `trx`. */
export async function loadTextAnswers(trx: Trx, kind: Storage['kind'], records: readonly StoredRecord[]): Promise<Set<string>> {
  const answers = records.filter((r) => r.table === 'checklistAnswers')
  if (answers.length === 0) return new Set()
  const runs = await loadRecords(trx, kind, answers.map((a) => ({ table: 'checklistRuns' as const, id: String(a.state.content.runId) })), false)
  const templateIds = [...runs.values()].map((run) => ({ table: 'checklistTemplates' as const, id: String(run.state.content.templateId) }))
  const templates = await loadRecords(trx, kind, templateIds, false)
  const kinds = templateKinds([...templates.values()].map((t) => ({ id: t.id, content: t.state.content })))
  const text = new Set<string>()
  for (const answer of answers) {
    const run = runs.get(recordKey('checklistRuns', String(answer.state.content.runId)))
    if (isTextAnswer(answer.state.content, run?.state.content, kinds)) text.add(answer.id)
  }
  return text
}
