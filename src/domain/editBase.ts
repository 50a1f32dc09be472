import { sameValue } from './merge.ts'

/** A deep copy of JSON data (records are JSON); also copies a Vue proxy, which structuredClone refuses. */
function copy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T
}

/**
 * The revision each edited field is based on: `rev` unless `fields` names another. A patch sends
 * each field with its own base, so the server accepts a value the person saw and replaced, and
 * records a conflict for one that changed behind their back.
 */
export interface EditRevs {
  readonly rev: number
  readonly fields: Readonly<Record<string, number>>
}

/**
 * What an edit form showed: the values of its fields, the record's revision when it opened, and
 * the revision of each untouched field a sync has brought up to date since. A save sends only the
 * fields the person changed from these values, each based on the revision it showed, so a change
 * another device made meanwhile is never written back unseen.
 */
export interface EditBase<T extends object> {
  readonly rev: number
  readonly values: Readonly<T>
  readonly fieldRevs: Readonly<Record<string, number>>
}

/** An open form brought up to date with the stored record (see rebaseEdit). */
export interface RebasedEdit<T extends object> {
  readonly base: EditBase<T>
  readonly draft: T
  /** Untouched fields that took the stored value (the draft is a new object only when there are some). */
  readonly updated: readonly (keyof T & string)[]
  /** Fields the person changed that were also changed elsewhere since the form opened. */
  readonly clashes: readonly (keyof T & string)[]
}

/** The base of a form opening on a record: the form's fields as stored, at the record's revision. */
export function editBaseOf<T extends object>(values: T, rev: number): EditBase<T> {
  return { rev, values: copy(values), fieldRevs: {} }
}

/** The fields of `draft` the person changed since the form opened, with their new values. */
export function editedFields<T extends object>(base: EditBase<T>, draft: T): Partial<T> {
  const edited: Partial<T> = {}
  for (const key of Object.keys(base.values) as (keyof T)[]) {
    if (!sameValue(draft[key], base.values[key])) edited[key] = draft[key]
  }
  return edited
}

/** The revisions a save of `base` is based on (see EditRevs). */
export function editRevsOf<T extends object>(base: EditBase<T>): EditRevs {
  return { rev: base.rev, fields: { ...base.fieldRevs } }
}

/** True when the person changed nothing since the form opened. */
export function isUnedited<T extends object>(base: EditBase<T>, draft: T): boolean {
  return Object.keys(editedFields(base, draft)).length === 0
}

/**
 * Brings an open form up to date with `stored` (the record's fields as they are now at revision
 * `storedRev`, e.g. after a sync): a field the person has not touched takes the stored value, in
 * the draft and in the base, based from now on on `storedRev`, so the form shows it and a save
 * does not send it (or, if the person then changes it, sends it based on what they saw); a field
 * the person has touched keeps the person's value and its old base, and is reported as a clash
 * when the stored value differs from both (a save then ends as a conflict with both values).
 */
export function rebaseEdit<T extends object>(base: EditBase<T>, draft: T, stored: T, storedRev: number): RebasedEdit<T> {
  const values = { ...base.values } as T
  const fieldRevs: Record<string, number> = { ...base.fieldRevs }
  const next = { ...draft }
  const updated: (keyof T & string)[] = []
  const clashes: (keyof T & string)[] = []
  for (const key of Object.keys(base.values) as (keyof T & string)[]) {
    if (sameValue(stored[key], base.values[key])) continue
    if (sameValue(draft[key], base.values[key])) {
      values[key] = copy(stored[key])
      next[key] = copy(stored[key])
      fieldRevs[key] = storedRev
      updated.push(key)
    } else if (!sameValue(draft[key], stored[key])) {
      clashes.push(key)
    }
  }
  return {
    base: { rev: base.rev, values, fieldRevs },
    draft: updated.length > 0 ? next : draft,
    updated,
    clashes,
  }
}

/** The base revision of `field` in a save based on `revs` (the current one when there is none). */
export function baseRevOf(revs: EditRevs | undefined, field: string, current: number): number {
  if (!revs) return current
  return Math.min(revs.fields[field] ?? revs.rev, current)
}

/** `revs` with derived fields based like the field they follow (e.g. a request's history like its status). */
export function withDerivedRevs(revs: EditRevs | undefined, derived: Readonly<Record<string, string>>): EditRevs | undefined {
  if (!revs) return undefined
  const fields: Record<string, number> = { ...revs.fields }
  for (const [field, source] of Object.entries(derived)) if (revs.fields[source] !== undefined) fields[field] = revs.fields[source]
  return { rev: revs.rev, fields }
}
