import { describe, expect, it } from 'vitest'
import { nextObservationStatuses, observationProblem, observationTable } from '../../../src/domain/observations.ts'
import type { DepartmentId } from '../../../src/domain/records/fields.ts'
import type { Observation, ObservationStatus } from '../../../src/domain/records/observation.ts'

function observation(departmentId: string | null, status: ObservationStatus, deletedAt: number | null = null): Observation {
  return {
    id: `o-${Math.random()}`, teamId: 't', createdAt: 1, createdBy: 'p', updatedAt: 1, rev: 1, deletedAt,
    departmentId: departmentId as DepartmentId | null, kind: 'idé', text: 'x', status, history: [],
  } as unknown as Observation
}

describe('observation statuses', () => {
  it.each<[ObservationStatus, ObservationStatus[]]>([
    ['ny', ['drøftet i gruppen', 'givet videre til ledelsen', 'lagt væk']],
    ['drøftet i gruppen', ['givet videre til ledelsen', 'gennemført', 'lagt væk']],
    ['givet videre til ledelsen', ['gennemført', 'lagt væk']],
    ['gennemført', ['ny']],
    ['lagt væk', ['ny']],
  ])('from %s the koordinator can move to %j', (from, to) => {
    expect(nextObservationStatuses(from)).toEqual(to)
  })
})

describe('a new observation', () => {
  it.each<[string, string | null]>([
    ['Printeren på 2. sal løber tør hver mandag', null],
    ['   ', 'empty'],
    ['', 'empty'],
    ['x'.repeat(50_001), 'tooLong'],
  ])('%j → %s', (text, problem) => {
    expect(observationProblem({ kind: 'typisk problem', departmentId: null, text })).toBe(problem)
  })
})

describe("the leadership's table", () => {
  it('counts by department and status, most first, those without a department last, deleted ones not at all', () => {
    const rows = observationTable([
      observation('plan', 'ny'), observation('byg', 'ny'), observation('byg', 'gennemført'), observation('byg', 'ny'),
      observation(null, 'lagt væk'), observation('plan', 'ny', 5),
    ])
    expect(rows.map((r) => [r.departmentId, r.total, r.byStatus.ny, r.byStatus['gennemført'], r.byStatus['lagt væk']])).toEqual([
      ['byg', 3, 2, 1, 0],
      ['plan', 1, 1, 0, 0],
      [null, 1, 0, 0, 1],
    ])
  })

  it('is empty without observations', () => {
    expect(observationTable([])).toEqual([])
  })
})
