import { expect, it } from 'vitest'
import { applyPushes, type PushJob } from '../../src/server/sync/push.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, useServer, type SignedIn } from './support/harness.ts'

describeBackends('audit: budget band changes', (kind) => {
  const server = useServer(kind)
  const job = (who: SignedIn, clientId: string, mutations: PushJob['request']['mutations'], now: number): PushJob =>
    ({ actor: who.actor, request: { clientId, mutations }, now })
  const audit = () => server().app.storage.db.selectFrom('audit_log').selectAll().where('action', 'in', ['budget_changed', 'deadline_changed']).orderBy('at').execute()

  it('records who changed the team band and the agreed bands, from what to what, like the deletion deadline', async () => {
    const team = await server().team()
    const ko = await server().user('koordinator', [team])
    const rev = (await ko.pullAll()).find((r) => r.table === 'teams')!.record.rev
    const overrides = [{ personId: 'p-1', minHours: 2, maxHours: 2 }]
    const outcomes = await applyPushes(server().app.storage, [job(ko, 'device-ko-01', [
      patchOf(1, 'teams', team, { budget: { minHours: 2, maxHours: 3 } }, rev),
      patchOf(2, 'teams', team, { budgetOverrides: overrides }, rev),
      patchOf(3, 'teams', team, { name: 'Nyt navn' }, rev),
    ], 5000)])
    expect(outcomes.every((o) => o.ok)).toBe(true)
    expect((await audit()).map((row) => [row.action, row.actor_id, Number(row.at), JSON.parse(row.details)])).toEqual([
      ['budget_changed', ko.actor.id, 5000, { field: 'budget', from: { minHours: 3, maxHours: 4 }, to: { minHours: 2, maxHours: 3 } }],
      ['budget_changed', ko.actor.id, 5000, { field: 'budgetOverrides', from: null, to: overrides }],
    ])
  })

  it('refuses a band whose least is more than its most, with the reason', async () => {
    const team = await server().team()
    const ko = await server().user('koordinator', [team])
    const rev = (await ko.pullAll()).find((r) => r.table === 'teams')!.record.rev
    const response = await ko.push({ clientId: 'device-ko-02', mutations: [patchOf(1, 'teams', team, { budget: { minHours: 5, maxHours: 3 } }, rev)] })
    expect(response.statusCode).toBe(400)
    expect(response.body).toMatch(/minHours must not exceed maxHours/)
    expect(await audit()).toEqual([])
  })
})
