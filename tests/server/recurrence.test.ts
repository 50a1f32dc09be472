import { afterEach, expect, it } from 'vitest'
import type { PullResponse } from '../../src/domain/protocol.ts'
import { runRecurrence } from '../../src/server/recurrence/recurrenceJob.ts'
import { createBackend, describeBackends, type Backend } from './support/backends.ts'
import { patchOf, putOf, startServer, type SignedIn, type TestServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

// The server makes a recurring template's next run; the test drives its clock (T), never the wall clock.
const T = Date.UTC(2027, 2, 1, 9, 0)
const DAY = 86_400_000

const ITEMS = [
  { key: 'done', label: 'Gennemgået', kind: 'check', required: false },
  { key: 'next', label: 'Dato for næste gennemgang', kind: 'date', required: false, schedulesNext: true },
]
const rule = (extra: Record<string, unknown> = {}) => ({ every: 1, unit: 'months', scope: 'department', startDate: '2027-01-31', seriesId: 'tpl', ...extra })

type Pulled = PullResponse['records'][number]['record'] & Record<string, unknown>

describeBackends('recurring checklists: the server makes the next run', (kind) => {
  let backend: Backend | null = null
  const servers: TestServer[] = []

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.app.close()
    await backend?.drop()
    backend = null
  })

  /** Two instances on one database, their own job switched off so the test runs it with its clock. */
  async function setup(recurrence = rule()) {
    backend = await createBackend(kind)
    const a = await startServer(kind, {}, backend, { recurrence: false })
    const b = await startServer(kind, {}, backend, { recurrence: false })
    servers.push(a, b)
    const team = await a.team()
    const ko = await a.user('koordinator', [team])
    const sb = await b.user('superbruger', [team])
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [
      putOf(1, 'departments', 'dep-a', team, ko.actor.id, { name: 'Byggeri' }),
      putOf(2, 'departments', 'dep-b', team, ko.actor.id, { name: 'Vej og Park' }),
      putOf(3, 'checklistTemplates', 'tpl', team, ko.actor.id, { title: 'Databeskyttelse', items: ITEMS, recurrence }),
    ] })
    // A superbruger's person record is the server's (made with the account); its home area is dep-b.
    await writeSystemRecords(a.app.storage, [{ table: 'people', record: sampleRecord('people', 'p-sb', team, 'system', { homeDepartmentId: 'dep-b' }) }])
    return { a, b, team, ko, sb }
  }

  async function runs(who: SignedIn): Promise<Pulled[]> {
    const records = await who.pullAll()
    return records.filter((r) => r.table === 'checklistRuns').map((r) => r.record as Pulled).filter((r) => r.deletedAt === null)
  }

  /**
   * Both instances run the job three times over, the made count being what was really written:
   * on PostgreSQL at the same moment; on SQLite one after the other, because its driver is
   * synchronous, so two connections in one process cannot wait for each other's lock.
   */
  async function runBoth(a: TestServer, b: TestServer, now: number): Promise<number> {
    let made = 0
    for (let i = 0; i < 3; i++) {
      const counts = kind === 'postgres'
        ? await Promise.all([runRecurrence(a.app.storage, now), runRecurrence(b.app.storage, now)])
        : [await runRecurrence(a.app.storage, now), await runRecurrence(b.app.storage, now)]
      made += counts[0]! + counts[1]!
    }
    return made
  }

  it('makes the first run of each department once, on the start date, even with two instances running it together', async () => {
    const { a, b, sb } = await setup()
    expect(await runBoth(a, b, T)).toBe(2)
    const made = await runs(sb)
    expect(made.map((r) => [r.subject, r.dueDate, r.status, r.createdAt, r.templateId]).sort()).toEqual([
      [{ kind: 'department', refId: 'dep-a', label: 'Byggeri' }, '2027-01-31', 'i gang', T, 'tpl'],
      [{ kind: 'department', refId: 'dep-b', label: 'Vej og Park' }, '2027-01-31', 'i gang', T, 'tpl'],
    ])
    expect(made.every((r) => r.createdBy === 'server')).toBe(true)
  })

  it('per home area: only departments that are someone\'s home area get a run', async () => {
    const { a, b, sb } = await setup(rule({ scope: 'homeArea' }))
    expect(await runBoth(a, b, T)).toBe(1)
    expect((await runs(sb)).map((r) => (r.subject as { refId: string }).refId)).toEqual(['dep-b'])
  })

  it('a completed run with the date item filled makes the next due on that date; without it, the rule\'s next date', async () => {
    const { a, b, sb } = await setup(rule({ scope: 'homeArea' }))
    await runBoth(a, b, T)
    const [first] = await runs(sb)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [
      putOf(1, 'checklistAnswers', 'ans-1', String(first!.teamId), sb.actor.id, { runId: first!.id, itemKey: 'next', value: '2027-04-15', answeredBy: sb.actor.id }),
      patchOf(2, 'checklistRuns', first!.id, { status: 'fuldført', completedAt: T + DAY }, first!.rev),
    ] })
    expect(await runBoth(a, b, T + 2 * DAY)).toBe(1)
    const second = (await runs(sb)).find((r) => r.status === 'i gang')!
    expect([second.dueDate, second.createdAt]).toEqual(['2027-04-15', T + 2 * DAY])
    // Closed late without the item: the next date of the series from 31 January after both the due date and the closing day.
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [
      patchOf(3, 'checklistRuns', second.id, { status: 'fuldført', completedAt: Date.UTC(2027, 3, 20, 10) }, second.rev),
    ] })
    expect(await runBoth(a, b, T + 3 * DAY)).toBe(1)
    expect((await runs(sb)).find((r) => r.status === 'i gang')!.dueDate).toBe('2027-04-30')
  })

  it('a made run that someone deletes is not made again, and a cancelled one moves the series on', async () => {
    const { a, b, ko, sb } = await setup(rule({ scope: 'homeArea', every: 2, unit: 'weeks', startDate: '2027-03-22' }))
    await runBoth(a, b, T)
    const [first] = await runs(sb)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [patchOf(1, 'checklistRuns', first!.id, { status: 'annulleret' }, first!.rev)] })
    expect(await runBoth(a, b, T)).toBe(1)
    const second = (await runs(sb)).find((r) => r.status === 'i gang')!
    expect(second.dueDate).toBe('2027-04-05')
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [{ mutationId: 4, table: 'checklistRuns', recordId: second.id, op: 'delete', fields: {}, baseRev: second.rev, at: 3000 }] })
    expect(await runBoth(a, b, T + DAY)).toBe(0)
    expect((await runs(sb)).filter((r) => r.status === 'i gang')).toEqual([])
  })

  it('refuses a rule with a zero or negative interval', async () => {
    const { ko, team } = await setup()
    for (const every of [0, -2, 1.5]) {
      const response = await ko.push({ clientId: 'ko-phone-01', mutations: [
        putOf(4, 'checklistTemplates', `bad-${every}`, team, ko.actor.id, { items: ITEMS, recurrence: rule({ every }) }),
      ] })
      expect(response.statusCode, response.body).toBe(400)
    }
  })

  it('the running server makes the run after a push, stamped by its clock', async () => {
    backend = await createBackend(kind)
    const server = await startServer(kind, {}, backend, { recurrence: { settleMs: 10, clock: () => T } })
    servers.push(server)
    const team = await server.team()
    const ko = await server.user('koordinator', [team])
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [
      putOf(1, 'departments', 'dep-a', team, ko.actor.id, { name: 'Byggeri' }),
      putOf(2, 'checklistTemplates', 'tpl', team, ko.actor.id, { items: ITEMS, recurrence: rule() }),
    ] })
    let made: Pulled[] = []
    for (let i = 0; i < 200 && made.length === 0; i++) {
      made = await runs(ko)
      if (made.length === 0) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(made.map((r) => [r.dueDate, r.createdAt])).toEqual([['2027-01-31', T]])
  })
})
