import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRequest } from '../../../src/db/requests.ts'
import { ReportWatch, type ReportAnswer, type ReportAsk } from '../../../src/db/reportWatch.ts'
import { parsePeriod } from '../../../src/domain/report/period.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import type { DepartmentId, PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const me = 'p1' as PersonId
const author = { teamId: 't1' as TeamId, personId: me }
const period = parsePeriod('2026-11')!
// Mid-month in whatever zone the test runs in: the period's own local midnight plus ten days.
const inPeriod = period.start + 10 * 86_400_000
const A = 'dep-a' as DepartmentId
const B = 'dep-b' as DepartmentId

const make = (departmentId: DepartmentId, at: number) => createRequest(author, { ...emptyDraft(me), description: 'Hjælp', departmentId }, null, at)

let watch: ReportWatch | null = null
afterEach(() => watch?.stop())

function start(): { answers: ReportAnswer[], ask: (seq: number, changes?: Partial<ReportAsk>) => void } {
  const answers: ReportAnswer[] = []
  watch = new ReportWatch((answer) => answers.push(answer))
  const ask = (seq: number, changes: Partial<ReportAsk> = {}) => watch!.ask({
    seq, database: db().name, teamId: author.teamId, period, department: null, readKey: 'day 1', now: period.end + 86_400_000, ...changes,
  })
  return { answers, ask }
}

describe('ReportWatch', () => {
  it('answers with the report of the period, counted from the device database', async () => {
    await make(A, inPeriod)
    await make(B, inPeriod)
    await make(A, period.end + 3_600_000)
    const { answers, ask } = start()
    ask(1)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(answers[0]!.seq).toBe(1)
    expect(answers[0]!.report?.requests.total).toBe(2)
  })

  it('counts a new department from the records it holds, answering that ask', async () => {
    await make(A, inPeriod)
    await make(B, inPeriod)
    const { answers, ask } = start()
    ask(1)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    const read = vi.spyOn(db().reportPacks, 'where')
    ask(2, { department: A })
    await vi.waitFor(() => expect(answers).toHaveLength(2))
    expect(answers[1]).toMatchObject({ seq: 2, report: { requests: { total: 1, byDepartment: [{ key: A, count: 1 }] } } })
    expect(read).not.toHaveBeenCalled()
    // The bench reads where the time went: a recount reads nothing.
    expect(answers[1]).toMatchObject({ timing: { readMs: 0 } })
    expect(answers[0]?.report && answers[0].timing.readMs).toBeGreaterThan(0)
  })

  it('answers again when a record of the period changes, for the latest department asked', async () => {
    await make(A, inPeriod)
    const { answers, ask } = start()
    ask(1)
    ask(2, { department: B })
    await vi.waitFor(() => expect(answers.at(-1)).toMatchObject({ seq: 2, report: { requests: { total: 0 } } }))
    await make(B, inPeriod + 60_000)
    await vi.waitFor(() => expect(answers.at(-1)).toMatchObject({ seq: 2, report: { requests: { total: 1 } } }))
  })

  it('checks the facts once when prepared ahead, and the ask waits for that check instead of making its own', async () => {
    await make(A, inPeriod)
    // Records written past the app (as an older copy would): the facts miss one, so the check builds them.
    await db().reportRequests.clear()
    const counted = vi.spyOn(db().reportRequests, 'count')
    const { answers, ask } = start()
    watch!.prepare(db().name)
    ask(1)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    expect(answers[0]).toMatchObject({ seq: 1, report: { requests: { total: 1 } } })
    // One check counts the facts twice (before and inside its write transaction); a second check would count them again.
    expect(counted).toHaveBeenCalledTimes(2)
  })

  it('reads again for a new period or a new read key', async () => {
    await make(A, inPeriod)
    const { answers, ask } = start()
    ask(1)
    await vi.waitFor(() => expect(answers).toHaveLength(1))
    ask(2, { period: parsePeriod('2026-10')! })
    await vi.waitFor(() => expect(answers.at(-1)).toMatchObject({ seq: 2, report: { requests: { total: 0 } } }))
    await make(A, inPeriod + 60_000)
    ask(3, { readKey: 'day 2' })
    await vi.waitFor(() => expect(answers.at(-1)).toMatchObject({ seq: 3, report: { requests: { total: 2 } } }))
    const read = vi.spyOn(db().reportPacks, 'where')
    ask(4, { readKey: 'day 3' })
    await vi.waitFor(() => expect(answers.at(-1)).toMatchObject({ seq: 4, report: { requests: { total: 2 } } }))
    expect(read).toHaveBeenCalled()
  })
})
