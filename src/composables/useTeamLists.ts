import { computed, watch, type ComputedRef, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useLiveQuery } from './useLiveQuery.ts'
import { getTeam } from '../db/profile.ts'
import { findPreset } from '../domain/presets.ts'
import { categoryLabelKey, listItemName, presetLabelKey, teamCategories, teamPresets } from '../domain/teamLists.ts'
import type { CategoryKey } from '../domain/records/request.ts'
import type { TeamCategory, TeamPreset } from '../domain/records/team.ts'
import { useSessionStore } from '../stores/session.ts'

export interface UseTeamListsReturn {
  /** Every category of the team in its order, hidden ones included. */
  categories: ComputedRef<TeamCategory[]>
  /** Every preset of the team in its order, hidden ones included. */
  presets: ComputedRef<TeamPreset[]>
  /** The presets offered for quick-logging. */
  activePresets: ComputedRef<TeamPreset[]>
  /** True until the team record has been read (the lists are the built-in ones meanwhile). */
  loading: ShallowRef<boolean>
  /** Resolves once the team record has been read. */
  loaded(): Promise<void>
  /** The name to show for a category key (the team's own, the built-in one, or the key). */
  categoryName(key: CategoryKey): string
  /** The name to show for a preset id. */
  presetName(id: string): string
  /** The team's preset with this id (hidden ones too), or undefined. */
  findTeamPreset(id: string | null | undefined): TeamPreset | undefined
}

/** The signed-in team's categories and presets (Mere → Kategorier og genveje), kept current. */
export function useTeamLists(): UseTeamListsReturn {
  const { t } = useI18n()
  const session = useSessionStore()
  const { data: team, loading } = useLiveQuery(() => getTeam(session.author().teamId), undefined)
  const categories = computed(() => teamCategories(team.value))
  const presets = computed(() => teamPresets(team.value))
  const activePresets = computed(() => presets.value.filter((p) => p.active))

  function loaded(): Promise<void> {
    if (!loading.value) return Promise.resolve()
    return new Promise((resolve) => {
      const stop = watch(loading, (busy) => {
        if (busy) return
        stop()
        resolve()
      })
    })
  }

  function categoryName(key: CategoryKey): string {
    const label = categories.value.find((c) => c.key === key)?.label ?? ''
    return listItemName(label, categoryLabelKey(key), key, t)
  }

  function presetName(id: string): string {
    const label = presets.value.find((p) => p.id === id)?.label ?? ''
    return listItemName(label, presetLabelKey(id), id, t)
  }

  function findTeamPreset(id: string | null | undefined): TeamPreset | undefined {
    return findPreset(id, presets.value)
  }

  return { categories, presets, activePresets, loading, loaded, categoryName, presetName, findTeamPreset }
}
