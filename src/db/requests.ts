import { db } from './database.ts'
import { getMeta, setMeta } from './meta.ts'
import type { DerivedFieldName } from './derivedFields.ts'
import { createRecord, deleteRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { logDuration } from './timeEntries.ts'
import { withDerivedRevs, type EditRevs } from '../domain/editBase.ts'
import { canChangeStatus, type RequestDraft, type TimeDraft } from '../domain/requestRules.ts'
import type { ContentOf, DepartmentId, PersonId, RequestId } from '../domain/records/fields.ts'
import type { Referral, Request, RequestStatus, StatusChange } from '../domain/records/request.ts'

const LAST_DEPARTMENT_KEY = 'lastDepartmentId'
const TEXT_FIELDS = ['requesterName', 'description', 'resolution', 'helpdeskCaseNo'] as const

/** What a request write sets: its search words are derived on write (db/derivedFields.ts). */
type RequestContent = Omit<ContentOf<Request>, DerivedFieldName<'requests'>>

/** Raised when a status button asks for a change the rules do not allow. */
export class StatusChangeError extends Error {
  constructor(readonly from: RequestStatus, readonly to: RequestStatus) {
    super(`Cannot change status from ${from} to ${to}`)
    this.name = 'StatusChangeError'
  }
}

function trimmed<T extends Partial<RequestDraft>>(draft: T): T {
  const out: Record<string, unknown> = { ...draft }
  for (const f of TEXT_FIELDS) if (typeof out[f] === 'string') out[f] = (out[f] as string).trim()
  return out as T
}

/**
 * Creates a request (status history starts with its first status) and, when `time.logMinutes`
 * is set, a time entry for the work just done, ending now — all in ONE transaction: if any
 * write fails, nothing is stored. Remembers the department for the next request.
 */
export async function createRequest(
  author: Author, draft: RequestDraft, time: TimeDraft | null = null, now: number = Date.now(),
): Promise<Request> {
  const clean = trimmed(draft)
  const first: StatusChange = { at: now, by: author.personId, from: null, to: clean.status }
  const content: RequestContent = { ...clean, referrals: [], history: [first], tipId: null }
  const minutes = time?.logMinutes ?? null
  const request = await db().transaction('rw', [db().requests, db().timeEntries, db().outbox], async () => {
    const created = await createRecord('requests', author, content, now)
    if (minutes !== null && time) {
      await logDuration(author, {
        start: now - minutes * 60_000, minutes, activity: time.activity, requestId: created.id, note: '',
      })
    }
    return created
  })
  if (clean.departmentId) await setMeta(LAST_DEPARTMENT_KEY, clean.departmentId)
  return request
}

/** The department of the last request created on this device, to preselect it. */
export async function getLastDepartmentId(): Promise<DepartmentId | null> {
  return getMeta<DepartmentId | null>(LAST_DEPARTMENT_KEY, null)
}

/** The request, or undefined when it does not exist or was deleted. */
export async function getRequest(id: RequestId): Promise<Request | undefined> {
  const r = await db().requests.get(id)
  return r && r.deletedAt === null ? r : undefined
}

async function existing(id: RequestId): Promise<Request> {
  const r = await getRequest(id)
  if (!r) throw new RecordMissingError('requests', id)
  return r
}

function historyWith(r: Request, to: RequestStatus, by: PersonId, at: number): StatusChange[] {
  return [...r.history, { at, by, from: r.status, to }]
}

/**
 * Saves edited fields. Only fields that really changed are queued (so sync merges field by
 * field), search words follow the texts, and a status change is added to the history. An edit
 * form passes only the fields the person changed and the revisions they were based on (`base`).
 */
export async function updateRequest(
  id: RequestId, changes: Partial<RequestDraft>, by: PersonId, now: number = Date.now(), base?: EditRevs,
): Promise<Request> {
  return db().transaction('rw', db().requests, db().outbox, async () => {
    const r = await existing(id)
    const patch: { -readonly [K in keyof RequestContent]?: RequestContent[K] } = {}
    for (const [key, value] of Object.entries(trimmed(changes)) as [keyof RequestDraft, unknown][]) {
      if (value !== undefined && value !== r[key]) Object.assign(patch, { [key]: value })
    }
    if (Object.keys(patch).length === 0) return r
    if (patch.status) patch.history = historyWith(r, patch.status, by, now)
    return patchRecord('requests', id, patch, now, withDerivedRevs(base, { history: 'status' }))
  })
}

/**
 * Moves a request to a new status and appends the change to its history. Does nothing when
 * the status is already `to`; throws StatusChangeError when the rules forbid the change.
 */
export async function changeStatus(
  id: RequestId, to: RequestStatus, by: PersonId, now: number = Date.now(),
): Promise<Request> {
  return db().transaction('rw', db().requests, db().outbox, async () => {
    const r = await existing(id)
    if (r.status === to) return r
    if (!canChangeStatus(r.status, to)) throw new StatusChangeError(r.status, to)
    return patchRecord('requests', id, { status: to, history: historyWith(r, to, by, now) }, now)
  })
}

/**
 * Takes a request over: the person becomes responsible and the status "i gang" (with history).
 * Sends only those two fields, so it merges with whatever else changed meanwhile.
 */
export async function takeRequest(id: RequestId, me: PersonId, now: number = Date.now()): Promise<Request> {
  return updateRequest(id, { assigneeId: me, status: 'i gang' }, me, now)
}

/**
 * Refers a request to another superuser (or to nobody yet): records the referral, makes the
 * new person the assignee and sets the status "henvist", with history.
 */
export async function referRequest(
  id: RequestId, to: PersonId | null, note: string, by: PersonId, now: number = Date.now(),
): Promise<Request> {
  return db().transaction('rw', db().requests, db().outbox, async () => {
    const r = await existing(id)
    const referral: Referral = { at: now, from: r.assigneeId ?? by, to, note: note.trim() }
    const patch: Partial<RequestContent> = { referrals: [...r.referrals, referral], assigneeId: to }
    if (r.status !== 'henvist') Object.assign(patch, { status: 'henvist', history: historyWith(r, 'henvist', by, now) })
    return patchRecord('requests', id, patch, now)
  })
}

/** Deletes a request: its content is wiped, a tombstone stays and the delete is queued. */
export async function deleteRequest(id: RequestId, now: number = Date.now()): Promise<void> {
  await deleteRecord('requests', id, now)
}
