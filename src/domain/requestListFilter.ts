import type { RequestCriteria } from './requestCriteria.ts'
import { parseStatusFilter, statusesOf, type StatusFilter } from './requestRules.ts'
import { CHANNELS, OWNERS, type CategoryKey, type Channel, type Owner } from './records/request.ts'
import type { AssetId, DepartmentId, PersonId } from './records/fields.ts'

/**
 * The request list's filters as its URL carries them (`/henvendelser?kategori=acadre&status=all`).
 * An absent field does not filter; `departmentId: null` means "no department" (`afdeling=ingen`).
 * `from` and `to` are local days (YYYY-MM-DD), both inclusive, compared with `createdAt`.
 */
export interface RequestListFilter {
  readonly status: StatusFilter
  readonly category?: CategoryKey
  readonly presetId?: string
  readonly channel?: Channel
  readonly owner?: Owner
  readonly assigneeId?: PersonId
  readonly departmentId?: DepartmentId | null
  readonly assetId?: AssetId
  readonly from?: string
  readonly to?: string
}

/** A URL query as vue-router gives it: values may be missing, repeated (arrays) or null. */
export type ListQuery = Readonly<Record<string, unknown>>

/** The filter fields besides the status, in the order chips show them. */
export const LIST_FILTER_FIELDS = [
  'category', 'presetId', 'departmentId', 'assigneeId', 'owner', 'channel', 'assetId', 'from', 'to',
] as const satisfies readonly (keyof RequestListFilter)[]

/** One of LIST_FILTER_FIELDS. */
export type ListFilterField = (typeof LIST_FILTER_FIELDS)[number]

/** The URL parameter of each field (Danish, as the app's paths are). */
export const LIST_FILTER_PARAMS: Readonly<Record<ListFilterField, string>> = {
  category: 'kategori', presetId: 'genvej', departmentId: 'afdeling', assigneeId: 'ansvarlig',
  owner: 'ejer', channel: 'kanal', assetId: 'udstyr', from: 'fra', to: 'til',
}

/** `afdeling=ingen`: requests without a department. */
export const NO_DEPARTMENT_PARAM = 'ingen'

const LIST_KEY = /^[a-zA-Z0-9][a-zA-Z0-9-]{0,47}$/
// Record ids: at most 64 characters of text without controls or spaces (see syncSchemas' id).
const RECORD_ID = /^[^\s\p{Cc}\p{Cs}]{1,64}$/u
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** True for a real calendar day written YYYY-MM-DD. */
export function isListDay(value: string): boolean {
  const m = DAY.exec(value)
  if (!m) return false
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}

function text(query: ListQuery, param: string): string | undefined {
  const value = query[param]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function pick<T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value)
}

function matching(value: string | undefined, pattern: RegExp): string | undefined {
  return value !== undefined && pattern.test(value) ? value : undefined
}

function departmentOf(value: string | undefined): DepartmentId | null | undefined {
  if (value === NO_DEPARTMENT_PARAM) return null
  return matching(value, RECORD_ID) as DepartmentId | undefined
}

/** Drops the fields that are undefined, so filters compare and serialise cleanly. */
function defined(filter: Record<string, unknown>): RequestListFilter {
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as unknown as RequestListFilter
}

/**
 * Reads the list's filters from a URL query. Never throws: a missing, repeated or malformed
 * value is ignored (the status falls back to "open", as the list always has).
 */
export function parseListFilter(query: ListQuery): RequestListFilter {
  const p = LIST_FILTER_PARAMS
  const day = (param: string): string | undefined => {
    const value = text(query, param)
    return value !== undefined && isListDay(value) ? value : undefined
  }
  return defined({
    status: parseStatusFilter(query.status),
    category: matching(text(query, p.category), LIST_KEY),
    presetId: matching(text(query, p.presetId), LIST_KEY),
    departmentId: departmentOf(text(query, p.departmentId)),
    assigneeId: matching(text(query, p.assigneeId), RECORD_ID),
    owner: pick(text(query, p.owner), OWNERS),
    channel: pick(text(query, p.channel), CHANNELS),
    assetId: matching(text(query, p.assetId), RECORD_ID),
    from: day(p.from),
    to: day(p.to),
  })
}

/**
 * The URL query of a filter (what parseListFilter reads back to the same filter). `status` is
 * always written; other fields only when set. Use it to link to the list:
 * `{ name: 'requests', query: toListQuery({ status: 'all', category: 'acadre' }) }`.
 */
export function toListQuery(filter: RequestListFilter): Record<string, string> {
  const query: Record<string, string> = { status: filter.status }
  for (const field of LIST_FILTER_FIELDS) {
    const value = filter[field]
    if (value === undefined) continue
    query[LIST_FILTER_PARAMS[field]] = value === null ? NO_DEPARTMENT_PARAM : value
  }
  return query
}

/** The filter without one field (removing its chip). */
export function withoutListField(filter: RequestListFilter, field: ListFilterField): RequestListFilter {
  const rest = { ...filter }
  delete rest[field]
  return rest
}

/** The filter with one field set, or removed when `value` is undefined. */
export function withListField<F extends ListFilterField>(filter: RequestListFilter, field: F, value: RequestListFilter[F]): RequestListFilter {
  return value === undefined ? withoutListField(filter, field) : { ...filter, [field]: value }
}

/** The fields set besides the status, in chip order. */
export function activeListFields(filter: RequestListFilter): ListFilterField[] {
  return LIST_FILTER_FIELDS.filter((f) => filter[f] !== undefined)
}

/** A list day as Danish dates are written: "2026-11-01" → "01.11.2026". */
export function formatListDay(day: string): string {
  const [y, m, d] = day.split('-')
  return `${d}.${m}.${y}`
}

/** Local midnight at the start of a YYYY-MM-DD day, `plusDays` later (DST-safe). */
function localDayStart(day: string, plusDays = 0): number {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(y ?? 0, (m ?? 1) - 1, (d ?? 1) + plusDays).getTime()
}

/** The criteria of a list filter; its days become local-time bounds (`to` includes its whole day). */
export function criteriaOf(filter: RequestListFilter): RequestCriteria {
  const { status, from, to, ...fields } = filter
  return {
    ...fields,
    statuses: statusesOf(status),
    ...(from !== undefined ? { createdFrom: localDayStart(from) } : {}),
    ...(to !== undefined ? { createdBefore: localDayStart(to, 1) } : {}),
  }
}
