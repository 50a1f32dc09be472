import type { LightMyRequestResponse } from 'fastify'
import { expect, it } from 'vitest'
import type { AdminPeopleResponse, InviteResponse } from '../../src/domain/adminProtocol.ts'
import type { Person, Role } from '../../src/domain/records/person.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer, type SignedIn } from './support/harness.ts'

describeBackends('people admin API', (kind) => {
  const server = useServer(kind)

  function call(who: SignedIn | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object): Promise<LightMyRequestResponse> {
    return server().app.inject({ method, url, payload, headers: who ? { cookie: who.cookie } : {} })
  }

  const list = (who: SignedIn | null, teamId: string) => call(who, 'GET', `/api/admin/people?teamId=${teamId}`)
  const invite = (who: SignedIn | null, body: object) => call(who, 'POST', '/api/admin/people', body)
  const change = (who: SignedIn | null, id: string, body: object) => call(who, 'PATCH', `/api/admin/people/${id}`, body)

  async function invited(who: SignedIn, teamId: string, email: string, role: Role = 'superbruger'): Promise<InviteResponse> {
    const response = await invite(who, { teamId, name: 'Mette Holm', email, role })
    expect(response.statusCode, response.body).toBe(201)
    return response.json<InviteResponse>()
  }

  async function signIn(email: string, password: string): Promise<string> {
    const response = await server().login(email, password)
    expect(response.statusCode, response.body).toBe(200)
    return response.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  }

  async function people(who: SignedIn): Promise<Person[]> {
    return (await who.pullAll()).filter((r) => r.table === 'people').map((r) => r.record as Person)
  }

  async function auditActions(subject: string): Promise<string[]> {
    const rows = await server().app.storage.db.selectFrom('audit_log').select('action').where('subject', '=', subject).orderBy('at').execute()
    return rows.map((r) => r.action)
  }

  it('lets only a koordinator of the team or an admin in; everyone else gets 403, no session 401', async () => {
    const team = await server().team()
    const other = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const admin = await server().user('admin', [other])
    const outsider = await server().user('koordinator', [other])
    const superbruger = await server().user('superbruger', [team])
    const leder = await server().user('leder', [team])
    const target = (await invited(koordinator, team, 'target@test.dk')).person.id

    expect((await list(koordinator, team)).statusCode).toBe(200)
    expect((await list(admin, team)).statusCode).toBe(200)
    for (const who of [outsider, superbruger, leder]) {
      expect((await list(who, team)).statusCode).toBe(403)
      expect((await invite(who, { teamId: team, name: 'X', email: `x-${who.actor.id}@test.dk`, role: 'superbruger' })).statusCode).toBe(403)
      expect((await change(who, target, { role: 'leder' })).statusCode).toBe(403)
    }
    expect((await list(null, team)).statusCode).toBe(401)
    expect((await invite(null, { teamId: team, name: 'X', email: 'y@test.dk', role: 'superbruger' })).statusCode).toBe(401)
    expect((await change(null, target, { role: 'leder' })).statusCode).toBe(401)
    const forbidden = await list(superbruger, team)
    expect(forbidden.json()).toEqual({ error: 'forbidden', message: 'Du har ikke adgang til dette.' })
    // nothing of the refused attempts was created
    expect((await list(koordinator, team)).json<AdminPeopleResponse>().people.map((p) => p.email).sort())
      .toEqual([koordinator.actor.email, leder.actor.email, superbruger.actor.email, 'target@test.dk'].sort())
  })

  it('invites: the new account signs in with the start password and pulls its own Person record', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const colleague = await server().user('superbruger', [team])
    const cursor = (await colleague.pull()).nextCursor
    const response = await invite(koordinator, { teamId: team, name: '  Mette Holm ', email: ' Mette@Kommune.DK', role: 'superbruger' })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.headers['cache-control']).toBe('no-store')
    const { person, password } = response.json<InviteResponse>()
    expect(password).toMatch(/^[A-Za-z0-9]{16}$/)
    expect(person).toMatchObject({ name: 'Mette Holm', email: 'mette@kommune.dk', role: 'superbruger', disabled: false, hasPassword: true, lastSignInAt: null })
    const stored = await server().app.storage.db.selectFrom('users').select('password_hash').where('id', '=', person.id).executeTakeFirstOrThrow()
    expect(stored.password_hash).not.toContain(password)

    const cookie = await signIn('mette@kommune.dk', password)
    const me = await server().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect(me.json().user).toMatchObject({ id: person.id, role: 'superbruger', teams: [team] })
    const pulled = await server().app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { cookie } })
    const own = pulled.json().records.find((r: { table: string; record: { id: string } }) => r.table === 'people' && r.record.id === person.id)
    expect(own.record).toMatchObject({ name: 'Mette Holm', initials: 'MH', email: 'mette@kommune.dk', role: 'superbruger', teamId: team, createdBy: koordinator.actor.id })
    // the rest of the team gets the person by sync too
    const page = await colleague.pull(cursor)
    expect(page.records.map((r) => r.record.id)).toEqual([person.id])
    expect(await auditActions(person.id)).toEqual(['person_invited'])
    const listed = (await list(koordinator, team)).json<AdminPeopleResponse>().people.find((p) => p.id === person.id)
    expect(listed?.lastSignInAt).toEqual(expect.any(Number))
  })

  it('refuses a used e-mail (any case) with 409 and creates nothing', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    await invited(koordinator, team, 'mette@kommune.dk')
    const before = await server().app.storage.db.selectFrom('records').select('id').execute()
    const response = await invite(koordinator, { teamId: team, name: 'Anden Mette', email: 'METTE@kommune.dk', role: 'leder' })
    expect(response.statusCode).toBe(409)
    expect(response.json()).toEqual({ error: 'email_taken', message: 'Der findes allerede en konto med den e-mail.' })
    expect(await server().app.storage.db.selectFrom('records').select('id').execute()).toHaveLength(before.length)
    expect((await invite(koordinator, { teamId: team, name: 'K', email: koordinator.actor.email, role: 'leder' })).statusCode).toBe(409)
  })

  it('rejects malformed bodies, unknown teams and accounts', async () => {
    const team = await server().team()
    const admin = await server().user('admin', [team])
    for (const body of [
      { teamId: team, name: 'A', email: 'not-an-email', role: 'superbruger' },
      { teamId: team, name: '', email: 'a@test.dk', role: 'superbruger' },
      { teamId: team, name: 'A', email: 'a@test.dk', role: 'chef' },
      { teamId: team, name: 'A', email: 'a@test.dk', role: 'superbruger', password: 'mine' },
    ]) expect((await invite(admin, body)).statusCode).toBe(400)
    expect((await invite(admin, { teamId: 'no-such-team', name: 'A', email: 'a@test.dk', role: 'superbruger' })).statusCode).toBe(404)
    expect((await change(admin, admin.actor.id, {})).statusCode).toBe(400)
    expect((await change(admin, admin.actor.id, { role: 'admin', extra: 1 })).statusCode).toBe(400)
    expect((await change(admin, 'nobody', { role: 'leder' })).statusCode).toBe(404)
    expect((await list(admin, '')).statusCode).toBe(400)
  })

  it('a role change reaches a pulling device and the account; a role sent through sync is refused', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const { person, password } = await invited(koordinator, team, 'mette@kommune.dk')
    const device = await server().user('superbruger', [team])
    const cursor = (await device.pull()).nextCursor
    const baseRev = (await people(device)).find((p) => p.id === person.id)!.rev

    const response = await change(koordinator, person.id, { role: 'leder' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().person).toMatchObject({ id: person.id, role: 'leder' })
    const page = await device.pull(cursor)
    expect(page.records).toHaveLength(1)
    expect(page.records[0]!.record).toMatchObject({ id: person.id, role: 'leder', name: 'Mette Holm' })
    expect(page.records[0]!.record.rev).toBeGreaterThan(baseRev)
    expect(await auditActions(person.id)).toEqual(['person_invited', 'role_changed'])

    // the account now acts as a leder: reads, but its pushes are refused
    const cookie = await signIn('mette@kommune.dk', password)
    const me = await server().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })
    expect(me.json().user.role).toBe('leder')

    // a role sent through sync is refused with a reason (roles change here only, audited), and the role stays
    const offline = await koordinator.pushOk({ clientId: 'koordinator-device-1', mutations: [patchOf(1, 'people', person.id, { role: 'koordinator' }, baseRev)] })
    expect(offline.rejected).toEqual([expect.objectContaining({ mutationId: 1, reason: 'forbidden' })])
    expect((await device.pullAll()).find((r) => r.record.id === person.id)!.record).toMatchObject({ role: 'leder' })
    // setting the same role again changes nothing and hands out no sequence number
    const head = (await device.pull(page.nextCursor)).nextCursor
    expect((await change(koordinator, person.id, { role: 'leder' })).statusCode).toBe(200)
    expect((await device.pull(head)).records).toEqual([])
  })

  it('a koordinator cannot make an admin nor change one; an admin can', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const admin = await server().user('admin', [team])
    const { person } = await invited(koordinator, team, 'mette@kommune.dk')
    expect((await invite(koordinator, { teamId: team, name: 'A', email: 'a@test.dk', role: 'admin' })).statusCode).toBe(403)
    expect((await change(koordinator, person.id, { role: 'admin' })).statusCode).toBe(403)
    expect((await change(koordinator, admin.actor.id, { role: 'superbruger' })).statusCode).toBe(403)
    expect((await change(koordinator, admin.actor.id, { disabled: true })).statusCode).toBe(403)
    expect((await change(admin, person.id, { role: 'admin' })).statusCode).toBe(200)
    expect((await invite(admin, { teamId: team, name: 'B', email: 'b@test.dk', role: 'admin' })).statusCode).toBe(201)
  })

  it('nobody removes the last enabled admin', async () => {
    const team = await server().team()
    const admin = await server().user('admin', [team])
    expect((await change(admin, admin.actor.id, { role: 'koordinator' })).json()).toMatchObject({ error: 'last_admin' })
    expect((await change(admin, admin.actor.id, { disabled: true })).statusCode).toBe(409)
    const second = (await invited(admin, team, 'second@test.dk', 'admin')).person.id
    expect((await change(admin, second, { disabled: true })).statusCode).toBe(200)
    // a disabled admin does not count
    expect((await change(admin, admin.actor.id, { role: 'koordinator' })).statusCode).toBe(409)
    expect((await change(admin, second, { disabled: false })).statusCode).toBe(200)
    // With a second admin enabled, the role is handed over by the other admin, never by oneself.
    expect((await change(admin, admin.actor.id, { role: 'koordinator' })).json()).toMatchObject({ error: 'own_account' })
    const secondAdmin = await server().user('admin', [team])
    expect((await change(secondAdmin, admin.actor.id, { role: 'koordinator' })).statusCode).toBe(200)
    const roles = await server().app.storage.db.selectFrom('users').select(['id', 'role']).execute()
    expect(roles.filter((r) => r.role === 'admin').map((r) => r.id).sort()).toEqual([second, secondAdmin.actor.id].sort())
  })

  it('nobody disables their own account or changes their own role; another koordinator can', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const other = await server().user('koordinator', [team])
    const own = await change(koordinator, koordinator.actor.id, { disabled: true })
    expect(own.statusCode).toBe(409)
    expect(own.json()).toMatchObject({ error: 'own_account', message: expect.stringContaining('Bed en anden koordinator') })
    expect((await change(koordinator, koordinator.actor.id, { role: 'superbruger' })).json()).toMatchObject({ error: 'own_account' })
    // Saying the role one already has changes nothing and is allowed.
    expect((await change(koordinator, koordinator.actor.id, { role: 'koordinator' })).statusCode).toBe(200)
    const user = await server().app.storage.db.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', koordinator.actor.id).executeTakeFirstOrThrow()
    expect(user).toEqual({ role: 'koordinator', disabled_at: null })
    expect((await change(other, koordinator.actor.id, { disabled: true })).statusCode).toBe(200)
  })

  it('disabling ends the sessions at once and blocks sign-in; enabling lets the account back in', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const { person, password } = await invited(koordinator, team, 'mette@kommune.dk')
    const cookie = await signIn('mette@kommune.dk', password)
    const pull = () => server().app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { cookie } })
    expect((await pull()).statusCode).toBe(200)
    const response = await change(koordinator, person.id, { disabled: true })
    expect(response.json().person).toMatchObject({ disabled: true, lastSignInAt: null })
    expect((await pull()).statusCode).toBe(401)
    expect((await server().login('mette@kommune.dk', password)).statusCode).toBe(401)
    expect(await auditActions(person.id)).toEqual(['person_invited', 'person_disabled'])
    expect((await change(koordinator, person.id, { disabled: false })).json().person.disabled).toBe(false)
    await signIn('mette@kommune.dk', password)
  })
})

describeBackends('team categories and presets', (kind) => {
  const server = useServer(kind)
  const categories = [
    { key: 'acadre', label: 'ESDH (Acadre)', active: true },
    { key: 'teams-moeder', label: 'Teams-møder', active: true },
    { key: 'doc2mail', label: '', active: false },
  ]
  const presets = [{ id: 'teams-lyd', label: 'Teams: lyd virker ikke', category: 'teams-moeder', minutes: 5, activity: 'daglig hjælp', owner: 'superbruger', status: 'løst', active: true }]

  it('a koordinator sets them on the team, a superbruger cannot, and every device pulls them', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const superbruger = await server().user('superbruger', [team])
    const refused = await superbruger.pushOk({ clientId: 'superbruger-device', mutations: [patchOf(1, 'teams', team, { categories: [] }, 0)] })
    expect(refused.rejected).toEqual([expect.objectContaining({ reason: 'forbidden' })])
    const applied = await koordinator.pushOk({ clientId: 'koordinator-device', mutations: [patchOf(1, 'teams', team, { categories, presets }, 0)] })
    expect(applied.rejected).toEqual([])
    const pulled = (await superbruger.pullAll()).find((r) => r.table === 'teams')!.record
    expect(pulled).toMatchObject({ categories, presets })
  })

  it('accepts requests in a category the team added, and rejects malformed lists and keys', async () => {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const ok = await koordinator.pushOk({ clientId: 'koordinator-device', mutations: [putOf(1, 'requests', 'r1', team, koordinator.actor.id, { category: 'teams-moeder', presetId: 'teams-lyd' })] })
    expect(ok.rejected).toEqual([])
    for (const fields of [
      { categories: [{ key: 'has space', label: 'x', active: true }] },
      { categories: [{ key: 'ok', label: 'x' }] },
      { presets: [{ ...presets[0], minutes: 0 }] },
      { presets: [{ ...presets[0], owner: 'chefen' }] },
    ]) {
      const response = await koordinator.push({ clientId: 'koordinator-device', mutations: [patchOf(2, 'teams', team, fields, 0)] })
      expect(response.statusCode, JSON.stringify(fields)).toBe(400)
    }
    const bad = await koordinator.push({ clientId: 'koordinator-device', mutations: [putOf(2, 'requests', 'r2', team, koordinator.actor.id, { category: '<script>' })] })
    expect(bad.statusCode).toBe(400)
  })
})
