import { sameValue } from './merge.ts'

/** A deep copy of JSON data (records are JSON); also copies a Vue proxy, which structuredClone refuses. */
function copy<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value)) as T
}

/**
 * What an edit form showed when it opened: the values of its fields and the record's revision
 * then. A save sends only the fields the person changed from these values, based on this
 * revision, so a change another device made meanwhile is never written back unseen.
 */
export interface EditBase<T extends object> {
  readonly rev: number
  readonly values: Readonly<T>
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

/** The base of a form opening on `record`: the form's fields as stored, at the record's revision. */
export function editBaseOf<T extends object>(values: T, rev: number): EditBase<T> {
  return { rev, values: copy(values) }
}

/** The fields of `draft` the person changed since the form opened, with their new values. */
export function editedFields<T extends object>(base: EditBase<T>, draft: T): Partial<T> {
  const edited: Partial<T> = {}
  for (const key of Object.keys(base.values) as (keyof T)[]) {
    if (!sameValue(draft[key], base.values[key])) edited[key] = draft[key]
  }
  return edited
}

/** True when the person changed nothing since the form opened. */
export function isUnedited<T extends object>(base: EditBase<T>, draft: T): boolean {
  return Object.keys(editedFields(base, draft)).length === 0
}

/**
 * Brings an open form up to date with `stored` (the record's fields as they are now, e.g. after
 * a sync): a field the person has not touched takes the stored value, in the draft and in the
 * base, so the form shows it and a save does not send it; a field the person has touched keeps
 * the person's value and its old base, and is reported as a clash when the stored value differs
 * from both (a save then ends as a conflict with both values). The base revision stays that of
 * the opening, the revision the person's changes are based on.
 */
export function rebaseEdit<T extends object>(base: EditBase<T>, draft: T, stored: T): RebasedEdit<T> {
  const values = { ...base.values } as T
  const next = { ...draft }
  const updated: (keyof T & string)[] = []
  const clashes: (keyof T & string)[] = []
  for (const key of Object.keys(base.values) as (keyof T & string)[]) {
    if (sameValue(stored[key], base.values[key])) continue
    if (sameValue(draft[key], base.values[key])) {
      values[key] = copy(stored[key])
      next[key] = copy(stored[key])
      updated.push(key)
    } else if (!sameValue(draft[key], stored[key])) {
      clashes.push(key)
    }
  }
  return { base: { rev: base.rev, values }, draft: updated.length > 0 ? next : draft, updated, clashes }
}
