import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useLiveQuery } from '../../composables/useLiveQuery.ts'
import { useTeamLists } from '../../composables/useTeamLists.ts'
import { db } from '../../db/database.ts'
import { listTeamDepartments } from '../../db/departments.ts'
import type { Department } from '../../domain/records/department.ts'
import type { TeamId } from '../../domain/records/fields.ts'
import { channelKey, ownerKey, statusKey } from '../request/requestLabels.ts'
import { activityKey } from '../time/timeLabels.ts'
import type { ReportLabels } from './reportTables.ts'

/** The team's departments (for the filter) and the names a report shows, kept current. */
export function useReportLabels(teamId: TeamId): { labels: ComputedRef<ReportLabels>, departments: ComputedRef<Department[]> } {
  const { t } = useI18n()
  const lists = useTeamLists()
  const { data: departmentRows } = useLiveQuery(() => listTeamDepartments(teamId), [] as Department[])
  // Deleted departments and retired assets keep their names here: old requests still point at them.
  const { data: names } = useLiveQuery(async () => {
    const [departments, assets] = await Promise.all([db().departments.toArray(), db().assets.toArray()])
    return {
      departments: new Map(departments.map((d) => [d.id as string, d.name])),
      assets: new Map(assets.map((a) => [a.id as string, a.name ? `${a.name} (${a.code})` : a.code])),
    }
  }, { departments: new Map<string, string>(), assets: new Map<string, string>() })

  const labels = computed((): ReportLabels => ({
    text: (key, named) => t(key, named ?? {}),
    activity: (a) => t(activityKey(a)),
    category: (key) => lists.categoryName(key),
    preset: (id) => lists.presetName(id),
    department: (id) => (id === '' ? t('insight.report.noDepartment') : names.value.departments.get(id) ?? t('insight.report.unknown')),
    asset: (id) => names.value.assets.get(id) ?? t('insight.report.unknown'),
    channel: (c) => t(channelKey(c)),
    status: (s) => t(statusKey(s)),
    owner: (o) => t(ownerKey(o)),
  }))
  return { labels, departments: computed(() => departmentRows.value) }
}
