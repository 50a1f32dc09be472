import { computed, type ComputedRef, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { channelKey, ownerKey } from './requestLabels.ts'
import { useLiveQuery } from '../../composables/useLiveQuery.ts'
import { useTeamLists } from '../../composables/useTeamLists.ts'
import { listDepartments } from '../../db/profile.ts'
import { getRequestAsset, listAssignablePeople } from '../../db/requestQueries.ts'
import { formatListDay, type ListFilterField, type RequestListFilter } from '../../domain/requestListFilter.ts'
import type { AssetId } from '../../domain/records/fields.ts'
import type { Department } from '../../domain/records/department.ts'
import type { Person } from '../../domain/records/person.ts'
import type { TeamCategory } from '../../domain/records/team.ts'
import { useSessionStore } from '../../stores/session.ts'

/** One active filter as a chip: its text and the fields removing it clears. */
export interface RequestFilterChip {
  readonly key: string
  readonly text: string
  readonly fields: readonly ListFilterField[]
}

export interface UseRequestFilterNamesReturn {
  categories: ComputedRef<TeamCategory[]>
  departments: ShallowRef<Department[]>
  people: ShallowRef<Person[]>
  /** The name shown for a category key. */
  categoryName(key: string): string
  /** The active filters besides the status, as chips with human names (the period as one chip). */
  chips: ComputedRef<RequestFilterChip[]>
}

/** Names for the request list's filters: the team's categories, departments, people and the filtered asset. */
export function useRequestFilterNames(filter: () => RequestListFilter): UseRequestFilterNamesReturn {
  const { t } = useI18n()
  const session = useSessionStore()
  const { categories, categoryName, presetName } = useTeamLists()
  const { data: departments } = useLiveQuery(listDepartments, [] as Department[])
  const { data: people } = useLiveQuery(() => listAssignablePeople(session.author().teamId), [] as Person[])
  const { data: asset } = useLiveQuery(
    (id) => (id ? getRequestAsset(id) : Promise.resolve(undefined)), undefined, () => filter().assetId as AssetId | undefined,
  )

  const unknown = (): string => t('requests.filters.unknown')
  const chip = (key: string, field: string, value: string, fields: RequestFilterChip['fields']): RequestFilterChip => ({
    key, fields, text: t('requests.filters.chip', { field: t(`requests.filters.fields.${field}`), value }),
  })

  function period(f: RequestListFilter): string {
    if (f.from && f.to) return `${formatListDay(f.from)}–${formatListDay(f.to)}`
    if (f.from) return t('requests.filters.since', { date: formatListDay(f.from) })
    return t('requests.filters.until', { date: formatListDay(f.to ?? '') })
  }

  const chips = computed(() => {
    const f = filter()
    const out: RequestFilterChip[] = []
    if (f.category !== undefined) out.push(chip('category', 'category', categoryName(f.category), ['category']))
    if (f.presetId !== undefined) out.push(chip('presetId', 'preset', presetName(f.presetId), ['presetId']))
    if (f.departmentId !== undefined) {
      const name = f.departmentId === null ? t('requests.filters.noDepartment') : departments.value.find((d) => d.id === f.departmentId)?.name
      out.push(chip('departmentId', 'department', name ?? unknown(), ['departmentId']))
    }
    if (f.assigneeId !== undefined) out.push(chip('assigneeId', 'assignee', people.value.find((p) => p.id === f.assigneeId)?.name ?? unknown(), ['assigneeId']))
    if (f.owner !== undefined) out.push(chip('owner', 'owner', t(ownerKey(f.owner)), ['owner']))
    if (f.channel !== undefined) out.push(chip('channel', 'channel', t(channelKey(f.channel)), ['channel']))
    if (f.assetId !== undefined) out.push(chip('assetId', 'asset', asset.value?.name || asset.value?.code || unknown(), ['assetId']))
    if (f.from !== undefined || f.to !== undefined) out.push(chip('period', 'period', period(f), ['from', 'to']))
    return out
  })

  return { categories, departments, people, categoryName, chips }
}
