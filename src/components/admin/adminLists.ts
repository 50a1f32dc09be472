import { nextTick } from 'vue'
import type { TeamCategory, TeamPreset } from '../../domain/records/team.ts'

/** An editable copy of a readonly record, for a form. */
export type Editable<T> = { -readonly [K in keyof T]: T[K] }

/** A category as the categories screen edits it. */
export type EditableCategory = Editable<TeamCategory>

/** A preset as the categories screen edits it. */
export type EditablePreset = Editable<TeamPreset>

/** Moves the item at `index` by one place (a no-op at the ends); returns where it went. */
export function moveItem<T>(list: T[], index: number, by: -1 | 1): number {
  const to = index + by
  if (to < 0 || to >= list.length) return index
  const [item] = list.splice(index, 1)
  list.splice(to, 0, item!)
  return to
}

/** Moves an item of a list screen and keeps keyboard focus on the same arrow of the moved row (`<prefix>-<index>-up|down`). */
export async function moveAndFocus<T>(list: T[], index: number, by: -1 | 1, idPrefix: string): Promise<void> {
  const to = moveItem(list, index, by)
  await nextTick()
  document.getElementById(`${idPrefix}-${to}-${by < 0 ? 'up' : 'down'}`)?.focus()
}
