import { MAX_LONG_TEXT, type DepartmentId } from './records/fields.ts'
import { type Observation, type ObservationKind, type ObservationStatus, OBSERVATION_STATUSES } from './records/observation.ts'

/** Statuses still being worked on (the list's default): not yet done or laid aside. */
export const OPEN_OBSERVATION_STATUSES: readonly ObservationStatus[] = ['ny', 'drøftet i gruppen', 'givet videre til ledelsen']

/**
 * Where the koordinator can move an observation from `current`: on along the way
 * (ny → drøftet i gruppen → givet videre til ledelsen → gennemført), aside at any open step, and
 * a closed one opened again.
 */
export function nextObservationStatuses(current: ObservationStatus): readonly ObservationStatus[] {
  switch (current) {
    case 'ny': return ['drøftet i gruppen', 'givet videre til ledelsen', 'lagt væk']
    case 'drøftet i gruppen': return ['givet videre til ledelsen', 'gennemført', 'lagt væk']
    case 'givet videre til ledelsen': return ['gennemført', 'lagt væk']
    case 'gennemført': case 'lagt væk': return ['ny']
  }
}

/** What a person fills in for a new observation. */
export interface ObservationDraft {
  readonly departmentId: DepartmentId | null
  readonly kind: ObservationKind
  readonly text: string
}

export type ObservationProblem = 'empty' | 'tooLong'

/** Why a draft cannot be saved, or null when it can. */
export function observationProblem(draft: ObservationDraft): ObservationProblem | null {
  if (draft.text.trim() === '') return 'empty'
  if (draft.text.length > MAX_LONG_TEXT) return 'tooLong'
  return null
}

/** One department's row of the leadership's table: how many observations stand at each status. */
export interface ObservationRow {
  readonly departmentId: DepartmentId | null
  readonly byStatus: Readonly<Record<ObservationStatus, number>>
  readonly total: number
}

/**
 * Observations by department and status, for the report: departments with most first (then by
 * id, stable), the observations without a department last.
 */
export function observationTable(observations: readonly Observation[]): ObservationRow[] {
  const rows = new Map<DepartmentId | null, Record<ObservationStatus, number>>()
  for (const o of observations) {
    if (o.deletedAt !== null) continue
    let counts = rows.get(o.departmentId)
    if (!counts) {
      counts = Object.fromEntries(OBSERVATION_STATUSES.map((s) => [s, 0])) as Record<ObservationStatus, number>
      rows.set(o.departmentId, counts)
    }
    counts[o.status] += 1
  }
  return [...rows.entries()]
    .map(([departmentId, byStatus]) => ({ departmentId, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) }))
    .sort((a, b) => Number(a.departmentId === null) - Number(b.departmentId === null) || b.total - a.total || String(a.departmentId).localeCompare(String(b.departmentId)))
}
