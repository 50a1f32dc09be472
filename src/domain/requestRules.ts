import { findPreset, type PresetRules } from './presets.ts'
import { OPEN_STATUSES, isOpenStatus } from './requestStatus.ts'
import { queryWords } from './search.ts'
import { defaultOwner } from './triage.ts'
import {
  REQUEST_STATUSES, type CategoryKey, type Channel, type Owner, type Request, type RequestStatus,
} from './records/request.ts'
import type { Activity } from './activities.ts'
import type { AssetId, DepartmentId, PersonId } from './records/fields.ts'

// Kept in their own module so lists (Home's card) can use them without the rest of the rules.
export { OPEN_STATUSES, isOpenStatus }

const NEXT: Record<RequestStatus, readonly RequestStatus[]> = {
  ny: ['i gang', 'venter', 'sendt til IT', 'løst', 'uden for rollen'],
  'i gang': ['venter', 'sendt til IT', 'løst', 'uden for rollen'],
  venter: ['i gang', 'sendt til IT', 'løst', 'uden for rollen'],
  henvist: ['i gang', 'venter', 'løst', 'uden for rollen'],
  'sendt til IT': ['i gang', 'venter', 'løst'],
  løst: ['i gang'],
  'uden for rollen': ['i gang'],
}

/** The statuses offered as one-tap changes from `current` ("henvist" is reached by referring). */
export function nextStatuses(current: RequestStatus): readonly RequestStatus[] {
  return NEXT[current]
}

/** True when a status button may move a request from `from` to `to`. */
export function canChangeStatus(from: RequestStatus, to: RequestStatus): boolean {
  return NEXT[from].includes(to)
}

/**
 * Shortest word searched for: a one-letter prefix matches most requests, costs a scan of the
 * whole word index and narrows nothing.
 */
export const MIN_SEARCH_PREFIX = 2

/** The words of a search query that are long enough to search for. */
export function searchTokens(query: string): string[] {
  return queryWords(query).filter((w) => w.length >= MIN_SEARCH_PREFIX)
}

/** A status filter of the list: a named group or one status. */
export type StatusFilter = 'open' | 'all' | RequestStatus

/** The filters shown as chips, in order. */
export const STATUS_FILTERS: readonly StatusFilter[] = ['open', 'all', ...REQUEST_STATUSES]

/** The statuses a filter selects. */
export function statusesOf(filter: StatusFilter): readonly RequestStatus[] {
  if (filter === 'open') return OPEN_STATUSES
  if (filter === 'all') return REQUEST_STATUSES
  return [filter]
}

/** Reads a filter from untrusted input (a URL query), falling back to "open". */
export function parseStatusFilter(value: unknown): StatusFilter {
  return STATUS_FILTERS.find((f) => f === value) ?? 'open'
}

/** The editable fields of a request, as the form holds them. */
export interface RequestDraft {
  requesterName: string
  departmentId: DepartmentId | null
  channel: Channel
  category: CategoryKey
  presetId: string | null
  description: string
  status: RequestStatus
  owner: Owner
  assigneeId: PersonId | null
  assetId: AssetId | null
  helpdeskCaseNo: string
  resolution: string
}

/** A new request's time logging: minutes to log, or null to log nothing. */
export interface TimeDraft {
  logMinutes: number | null
  activity: Activity
}

/** A blank draft for the full form. */
export function emptyDraft(assigneeId: PersonId | null = null): RequestDraft {
  return {
    requesterName: '', departmentId: null, channel: 'fremmøde', category: 'andet', presetId: null,
    description: '', status: 'ny', owner: defaultOwner('andet'), assigneeId, assetId: null,
    helpdeskCaseNo: '', resolution: '',
  }
}

/**
 * Applies a preset: category, owner and status come from it; the description is the preset's
 * label unless the user already wrote one.
 */
export function applyPreset(draft: RequestDraft, presetId: string, label: string, presets?: readonly PresetRules[]): RequestDraft {
  const preset = findPreset(presetId, presets)
  if (!preset) return draft
  return {
    ...draft,
    presetId: preset.id,
    category: preset.category,
    owner: preset.owner,
    status: preset.status,
    description: draft.description.trim() === '' ? label : draft.description,
  }
}

/** The time to log for a preset (its typical duration and activity). */
export function timeDraftFor(presetId: string | null, presets?: readonly PresetRules[]): TimeDraft {
  const preset = findPreset(presetId, presets)
  return preset
    ? { logMinutes: preset.minutes, activity: preset.activity }
    : { logMinutes: null, activity: 'daglig hjælp' }
}

/** The editable fields of a stored request. */
export function draftOf(r: Request): RequestDraft {
  return {
    requesterName: r.requesterName, departmentId: r.departmentId, channel: r.channel,
    category: r.category, presetId: r.presetId, description: r.description, status: r.status,
    owner: r.owner, assigneeId: r.assigneeId, assetId: r.assetId,
    helpdeskCaseNo: r.helpdeskCaseNo, resolution: r.resolution,
  }
}

/** A problem with one field; `messageKey` is an i18n key. */
export interface FieldError {
  readonly field: keyof RequestDraft | 'logMinutes'
  readonly messageKey: string
  readonly params?: Readonly<Record<string, number>>
}

/** Longest text each free-text field of a request may hold. */
export const MAX_LENGTH: Readonly<Partial<Record<keyof RequestDraft, number>>> = {
  requesterName: 120, description: 2000, helpdeskCaseNo: 40, resolution: 2000,
}

/** Longest time one request may log in one go (a full working day). */
export const MAX_LOG_MINUTES = 600

/** Field errors of a draft, in form order; empty when it may be saved. */
export function validateRequestDraft(draft: RequestDraft, time: TimeDraft | null = null): FieldError[] {
  const errors: FieldError[] = []
  if (draft.description.trim() === '') errors.push({ field: 'description', messageKey: 'requests.errors.descriptionRequired' })
  for (const [field, max] of Object.entries(MAX_LENGTH) as [keyof RequestDraft, number][]) {
    const value = draft[field]
    if (typeof value === 'string' && value.length > max) errors.push({ field, messageKey: 'requests.errors.tooLong', params: { max } })
  }
  const minutes = time?.logMinutes
  if (minutes !== null && minutes !== undefined && !(Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_LOG_MINUTES)) {
    errors.push({ field: 'logMinutes', messageKey: 'requests.errors.minutes', params: { max: MAX_LOG_MINUTES } })
  }
  return errors
}
