import { shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from '../../composables/tryOnScopeDispose.ts'
import { startReportCounter } from '../../db/reportCounter.ts'
import type { Period } from '../../domain/report/period.ts'
import type { DepartmentFilter, Report } from '../../domain/report/report.ts'
import type { TeamId } from '../../domain/records/fields.ts'

export interface UseReportReturn {
  /** The latest report counted; the one before while a new one is counted; null before the first. */
  report: ShallowRef<Report | null>
  /** True until the first report arrives. */
  loading: ShallowRef<boolean>
  error: ShallowRef<Error | null>
}

/**
 * Keeps `report` counted for the period and department, in a Web Worker: the records are read again
 * when they change or `readKey` does; a new department is only counted again.
 */
export function useReport(teamId: TeamId, period: Ref<Period>, department: Ref<DepartmentFilter>, readKey: Ref<string>): UseReportReturn {
  const report = shallowRef<Report | null>(null)
  const loading = shallowRef(true)
  const error = shallowRef<Error | null>(null)
  const counter = startReportCounter((answer) => {
    loading.value = false
    if (answer.error === undefined) {
      report.value = answer.report
      error.value = null
    } else {
      error.value = new Error(answer.error)
    }
  })
  watch([period, department, readKey], () => {
    counter.ask({ teamId, period: period.value, department: department.value, readKey: readKey.value, now: Date.now() })
  }, { immediate: true })
  tryOnScopeDispose(() => counter.stop())
  return { report, loading, error }
}
