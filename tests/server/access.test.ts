import { expect, it } from 'vitest'
import type { Role } from '../../src/domain/records/person.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'

describeBackends('authorisation on push and pull, for every role', (kind) => {
  const server = useServer(kind)

  async function twoTeams() {
    const t1 = await server().team()
    const t2 = await server().team()
    const outsider = await server().user('koordinator', [t2])
    await outsider.pushOk({ clientId: 'outsider-1', mutations: [putOf(1, 'requests', 'secret', t2, outsider.actor.id, { description: 'Team 2 only' })] })
    return { t1, t2, outsider }
  }

  const roles: Role[] = ['superbruger', 'koordinator', 'leder', 'admin']
  for (const role of roles) {
    it(`${role} reads its own team's records and never another team's`, async () => {
      const { t1 } = await twoTeams()
      const me = await server().user(role, [t1])
      const records = await me.pullAll()
      expect(records.some((r) => r.record.id === t1)).toBe(true)
      expect(records.every((r) => (r.record as { teamId: string }).teamId === t1)).toBe(true)
      expect(JSON.stringify(records)).not.toContain('Team 2 only')
    })

    it(`${role} cannot write into another team, neither new nor existing records`, async () => {
      const { t1, t2 } = await twoTeams()
      const me = await server().user(role, [t1])
      const response = await me.pushOk({ clientId: `dev-${role}-1`, mutations: [
        putOf(1, 'requests', 'intruder', t2, me.actor.id),
        patchOf(2, 'requests', 'secret', { description: 'overwritten' }, 999),
      ] })
      expect(response.rejected).toEqual([
        { mutationId: 1, table: 'requests', recordId: 'intruder', reason: 'forbidden' },
        { mutationId: 2, table: 'requests', recordId: 'secret', reason: 'forbidden' },
      ])
      expect(response.lastMutationId).toBe(2)
      const row = await server().app.storage.db.selectFrom('records').select('data').where('id', '=', 'secret').executeTakeFirstOrThrow()
      expect(row.data).toContain('Team 2 only')
      expect(await server().app.storage.db.selectFrom('records').select('id').where('id', '=', 'intruder').executeTakeFirst()).toBeUndefined()
    })
  }

  it('leder reads but every write is refused', async () => {
    const { t1 } = await twoTeams()
    const leder = await server().user('leder', [t1])
    const response = await leder.pushOk({ clientId: 'leder-dev-1', mutations: [
      putOf(1, 'requests', 'r1', t1, leder.actor.id),
      putOf(2, 'timeEntries', 'te1', t1, leder.actor.id),
    ] })
    expect(response.rejected.map((r) => r.reason)).toEqual(['forbidden', 'forbidden'])
    expect((await leder.pullAll()).some((r) => r.table === 'requests' || r.table === 'timeEntries')).toBe(false)
  })

  it("superbruger cannot change another superbruger's time entries but a koordinator can", async () => {
    const { t1 } = await twoTeams()
    const owner = await server().user('superbruger', [t1])
    const other = await server().user('superbruger', [t1])
    const koordinator = await server().user('koordinator', [t1])
    const created = await owner.pushOk({ clientId: 'owner-dev-1', mutations: [putOf(1, 'timeEntries', 'te', t1, owner.actor.id, { note: 'mit' })] })
    const refused = await other.pushOk({ clientId: 'other-dev-1', mutations: [patchOf(1, 'timeEntries', 'te', { note: 'dit' }, created.seq)] })
    expect(refused.rejected).toHaveLength(1)
    const allowed = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [patchOf(1, 'timeEntries', 'te', { note: 'rettet' }, created.seq)] })
    expect(allowed.rejected).toEqual([])
    const entry = (await owner.pullAll()).find((r) => r.record.id === 'te')!.record
    expect(entry).toMatchObject({ note: 'rettet' })
  })

  it('only koordinator and admin manage departments and templates; a refused mutation does not block the rest', async () => {
    const { t1 } = await twoTeams()
    const sb = await server().user('superbruger', [t1])
    const koordinator = await server().user('koordinator', [t1])
    const response = await sb.pushOk({ clientId: 'sb-dev-0001', mutations: [
      putOf(1, 'departments', 'dep-x', t1, sb.actor.id),
      putOf(2, 'checklistTemplates', 'tpl-x', t1, sb.actor.id),
      putOf(3, 'requests', 'ok-request', t1, sb.actor.id),
    ] })
    expect(response.rejected.map((r) => r.mutationId)).toEqual([1, 2])
    const ok = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      putOf(1, 'departments', 'dep-y', t1, koordinator.actor.id),
      putOf(2, 'checklistTemplates', 'tpl-y', t1, koordinator.actor.id),
    ] })
    expect(ok.rejected).toEqual([])
    const ids = (await sb.pullAll()).map((r) => r.record.id)
    expect(ids).toEqual(expect.arrayContaining(['ok-request', 'dep-y', 'tpl-y']))
    expect(ids).not.toContain('dep-x')
  })

  it('a user in two teams reads both', async () => {
    const { t1, t2 } = await twoTeams()
    const both = await server().user('superbruger', [t1, t2])
    const ids = (await both.pullAll()).map((r) => r.record.id)
    expect(ids).toEqual(expect.arrayContaining([t1, t2, 'secret']))
  })

  it('without a session push, pull, events and me answer 401 with the sign-in text', async () => {
    const requests = [
      { method: 'POST' as const, url: '/api/sync/push', payload: { clientId: 'device-0001', mutations: [] } },
      { method: 'GET' as const, url: '/api/sync/pull' },
      { method: 'GET' as const, url: '/api/sync/events' },
      { method: 'GET' as const, url: '/api/auth/me' },
      { method: 'GET' as const, url: '/api/sync/pull', headers: { cookie: 'sb_session=forged' } },
    ]
    for (const request of requests) {
      const response = await server().app.inject(request)
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({ error: 'unauthenticated', message: 'Log ind for at synkronisere.', details: { reason: 'unauthorised' } })
    }
  })
})
