// Which fields of the synced records are free text a person types, and masking CPR numbers in
// exactly those. Used by the device before every local write and by the server on every push.
//
// Included: everything a person writes in their own words — request description, resolution and
// requester (a name or free text: "Hanne, cpr …" is exactly the risk, and masking never changes a
// real name), referral notes, time entry and absence notes, checklist text answers, the free-text
// subject of a checklist run and the reason for completing it early, checklist template texts,
// tips, asset notes, observations, the explanation and examples of a team's naming rules, what
// was tried before a hand-off to IT, the typed name of an asset's borrower, and a user-test
// campaign's name.
// Left out: structured identifiers with a format of their own (helpdesk case number, asset code
// and serial number), ids, names of teams, people and departments, and choices, dates and numbers.
// Masking an identifier would corrupt it, and a CPR number does not belong there by mistake.

import { findCprNumbers, maskCpr } from './cpr.ts'
import type { SyncTableName } from './records/syncTables.ts'

/** A free-text field: a string, or a list or object whose listed string fields are free text. */
type FieldSpec = true | readonly string[]

/** Free-text fields per synced table; tables not listed have none. */
export const FREE_TEXT_FIELDS: Readonly<Partial<Record<SyncTableName, Readonly<Record<string, FieldSpec>>>>> = {
  requests: { requesterName: true, description: true, resolution: true, referrals: ['note'] },
  timeEntries: { note: true },
  absences: { note: true },
  checklistTemplates: { title: true, purpose: true, items: ['label', 'help'] },
  checklistRuns: { subject: ['label'], overrideReason: true },
  // Text items store the typed string; check, number and choice items store booleans, numbers and
  // a template choice, and date items "YYYY-MM-DD" — none of which can look like a CPR number.
  checklistAnswers: { value: true },
  assets: { notes: true },
  tips: { title: true, body: true, tags: true },
  observations: { text: true },
  // A naming rule's name and pattern are labels (like a team's name); its explanation and examples are prose.
  teams: { namingPatterns: ['explanation', 'examples'] },
  handOffs: { tried: true },
  // A borrower typed in by name (and a CPR number typed with it by mistake).
  loans: { borrowerName: true },
  campaigns: { name: true },
}

/** The fields after masking, and how many CPR numbers were masked (0: `fields` returned as is). */
export interface MaskResult<T> {
  readonly fields: T
  readonly masked: number
}

interface Masking {
  count: number
}

function maskString(text: string, state: Masking): string {
  const hits = findCprNumbers(text).length
  if (hits === 0) return text
  state.count += hits
  return maskCpr(text)
}

function maskObject(value: unknown, keys: readonly string[], state: Masking): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  const entry = value as Record<string, unknown>
  const out: Record<string, unknown> = { ...entry }
  for (const key of keys) {
    const field = entry[key]
    if (typeof field === 'string') out[key] = maskString(field, state)
    else if (Array.isArray(field)) out[key] = field.map((item: unknown) => (typeof item === 'string' ? maskString(item, state) : item))
  }
  return out
}

function maskValue(value: unknown, spec: FieldSpec, state: Masking): unknown {
  if (typeof value === 'string') return spec === true ? maskString(value, state) : value
  if (Array.isArray(value)) return value.map((item) => maskValue(item, spec, state))
  return spec === true ? value : maskObject(value, spec, state)
}

/**
 * Masks every CPR number in the free-text fields of `fields` (a whole record or a patch of
 * `table`), leaving all other fields untouched. Never mutates its input.
 */
export function maskRecordFields<T extends Readonly<Record<string, unknown>>>(table: SyncTableName, fields: T): MaskResult<T> {
  const specs = FREE_TEXT_FIELDS[table]
  if (!specs) return { fields, masked: 0 }
  const state: Masking = { count: 0 }
  const out: Record<string, unknown> = { ...fields }
  for (const [key, spec] of Object.entries(specs)) {
    if (key in fields) out[key] = maskValue(fields[key], spec, state)
  }
  if (state.count === 0) return { fields, masked: 0 }
  return { fields: out as T, masked: state.count }
}

/**
 * A copy of `value` with every NUL character (U+0000) removed from its strings, at any depth.
 * The server refuses NUL (PostgreSQL cannot store it), and one refused change would block the outbox.
 */
export function withoutNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '') as T
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNul(item)) as T
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withoutNul(item)])) as T
  }
  return value
}
