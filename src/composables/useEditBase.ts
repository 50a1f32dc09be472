import { inject, provide, shallowRef, toRaw, type InjectionKey, type Ref, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from './tryOnScopeDispose.ts'
import { observe, type Observation } from '../db/live.ts'
import { editBaseOf, editedFields, editRevsOf, rebaseEdit, type EditBase, type EditRevs } from '../domain/editBase.ts'
import type { Millis } from '../domain/records/fields.ts'

/** A field the person changed that another device changed too while the form was open. */
export interface EditClash {
  readonly field: string
  /** When the record was changed elsewhere (its updatedAt, device time). */
  readonly at: Millis
}

/** The record as a form edits it: its fields, its revision and when it last changed. */
export interface EditSnapshot<T> {
  readonly values: T
  readonly rev: number
  readonly updatedAt: Millis
}

export interface UseEditBaseOptions<T extends object> {
  /** The form's fields as the person edits them. */
  readonly draft: Ref<T>
  /** Reads the record as stored now, or undefined when it is gone (re-run on every change). */
  readonly read: () => Promise<EditSnapshot<T> | undefined>
}

export interface UseEditBaseReturn<T extends object> {
  /** What the form showed when it opened (null until `begin`). */
  readonly base: ShallowRef<EditBase<T> | null>
  /** Touched fields changed elsewhere since the form opened. */
  readonly clashes: ShallowRef<readonly EditClash[]>
  /** Starts editing `snapshot`: fills the draft and keeps it as the base. */
  begin(snapshot: EditSnapshot<T>): void
  /** The fields the person changed since the form opened, and the revisions they are based on. */
  edits(): { readonly fields: Partial<T>; readonly base: EditRevs }
}

/** How BaseEditClash finds the clashes of the form it sits in. */
export const EDIT_CLASHES: InjectionKey<ShallowRef<readonly EditClash[]>> = Symbol('editClashes')

/**
 * The edit rule of every form (DESIGN.md, "Edit forms"): keeps what the form loaded as its base,
 * brings untouched fields up to date when a sync changes the record, flags touched fields that
 * changed elsewhere, and hands the save only the fields the person changed with the revision they
 * were based on. Provides the clashes to BaseEditClash components inside the form.
 */
export function useEditBase<T extends object>(options: UseEditBaseOptions<T>): UseEditBaseReturn<T> {
  const { draft, read } = options
  const base = shallowRef<EditBase<T> | null>(null)
  const clashes = shallowRef<readonly EditClash[]>([])
  let subscription: Observation | null = null
  provide(EDIT_CLASHES, clashes)

  function follow(stored: EditSnapshot<T> | undefined): void {
    const current = base.value
    if (!stored || !current) return
    const rebased = rebaseEdit(current, toRaw(draft.value), stored.values, stored.rev)
    base.value = rebased.base
    if (rebased.updated.length > 0) draft.value = rebased.draft
    const earlier = new Map(clashes.value.map((c) => [c.field, c.at]))
    clashes.value = rebased.clashes.map((field) => ({ field, at: earlier.get(field) ?? stored.updatedAt }))
  }

  function begin(snapshot: EditSnapshot<T>): void {
    base.value = editBaseOf(snapshot.values, snapshot.rev)
    draft.value = editBaseOf(snapshot.values, snapshot.rev).values as T
    clashes.value = []
    subscription?.unsubscribe()
    subscription = observe(read, follow, (error) => console.error(error))
  }

  function edits(): { fields: Partial<T>; base: EditRevs } {
    const current = base.value
    if (!current) return { fields: {}, base: { rev: 0, fields: {} } }
    return { fields: editedFields(current, toRaw(draft.value)), base: editRevsOf(current) }
  }

  tryOnScopeDispose(() => subscription?.unsubscribe())
  return { base, clashes, begin, edits }
}

/** The clashes of the edit form this component sits in (none outside one). */
export function useEditClashes(): ShallowRef<readonly EditClash[]> {
  return inject(EDIT_CLASHES, shallowRef([]))
}
