import { expect, it } from 'vitest'
import { ensureFirstAdmin } from '../../src/server/auth/bootstrap.ts'
import { DEFAULT_TEMPLATES } from '../../src/domain/checklistTemplates.ts'
import { hashPassword, verifyPassword } from '../../src/server/auth/password.ts'
import { createUser } from '../../src/server/auth/users.ts'
import { describeBackends } from './support/backends.ts'
import { putOf, testConfig, useServer } from './support/harness.ts'

describeBackends('accounts, sessions and the same-origin check', (kind) => {
  const server = useServer(kind)

  async function account(password = 'korrekt hest batteri') {
    const team = await server().team()
    const actor = await createUser(server().app.storage.db, { email: 'Mette@Kommune.dk', name: 'Mette', role: 'superbruger', teams: [team], password })
    return { team, actor, password }
  }

  it('stores only a salted scrypt hash', async () => {
    const { actor, password } = await account()
    const row = await server().app.storage.db.selectFrom('users').select('password_hash').where('id', '=', actor.id).executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/)
    expect(row.password_hash).not.toContain(password)
    expect(await verifyPassword(password, row.password_hash!)).toBe(true)
    expect(await verifyPassword('forkert', row.password_hash!)).toBe(false)
    expect(await hashPassword(password)).not.toBe(row.password_hash)
  })

  it('signs in with any case of the e-mail and sets an HttpOnly SameSite=Lax cookie', async () => {
    const { actor, password, team } = await account()
    const response = await server().login('  mette@KOMMUNE.dk ', password)
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ user: { ...actor, teams: [team] } })
    const cookie = response.cookies[0]!
    expect(cookie).toMatchObject({ name: 'sb_session', httpOnly: true, sameSite: 'Lax', path: '/' })
    const me = await server().app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `sb_session=${cookie.value}` } })
    expect(me.json().user.id).toBe(actor.id)
    const stored = await server().app.storage.db.selectFrom('sessions').select('token_hash').execute()
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie.value)
  })

  it('sign-out ends the session on the server', async () => {
    const { password } = await account()
    const cookie = (await server().login('mette@kommune.dk', password)).cookies[0]!
    const headers = { cookie: `sb_session=${cookie.value}` }
    expect((await server().app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(204)
    expect((await server().app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(401)
  })

  it('an expired session asks the user to sign in again', async () => {
    const { password } = await account()
    const cookie = (await server().login('mette@kommune.dk', password)).cookies[0]!
    await server().app.storage.db.updateTable('sessions').set({ expires_at: Date.now() - 1 }).execute()
    const response = await server().app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie: `sb_session=${cookie.value}` } })
    expect(response.statusCode).toBe(401)
    expect(response.json().message).toBe('Log ind for at synkronisere.')
  })

  it('a wrong password or unknown e-mail gets the same Danish answer', async () => {
    await account()
    for (const [email, password] of [['mette@kommune.dk', 'forkert'], ['ukendt@kommune.dk', 'forkert']] as const) {
      const response = await server().login(email, password)
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual({ error: 'invalid_credentials', message: 'Forkert e-mail eller adgangskode.' })
    }
  })

  it('locks an IP and e-mail for 15 minutes after 5 failures, even for the right password', async () => {
    const { password } = await account()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await server().login('mette@kommune.dk', `forkert-${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 429])
    const locked = await server().login('mette@kommune.dk', password)
    expect(locked.statusCode).toBe(429)
    expect(locked.json()).toMatchObject({ error: 'too_many_attempts', message: expect.stringMatching(/15 minutter/) })
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
    // another account from the same IP is not locked
    await createUser(server().app.storage.db, { email: 'ole@kommune.dk', name: 'Ole', role: 'superbruger', teams: [], password: 'ole-pw' })
    expect((await server().login('ole@kommune.dk', 'ole-pw')).statusCode).toBe(200)
    // after the lock expires the right password works and clears the count
    await server().app.storage.db.updateTable('login_failures').set({ locked_until: Date.now() - 1, last_at: Date.now() - 16 * 60_000 }).execute()
    expect((await server().login('mette@kommune.dk', password)).statusCode).toBe(200)
  })

  it('refuses state-changing requests from another origin and applies nothing', async () => {
    const { team, password } = await account()
    const cookie = (await server().login('mette@kommune.dk', password)).cookies[0]!
    const body = { clientId: 'device-0001', mutations: [putOf(1, 'requests', 'csrf', team, 'x')] }
    const attempts: Array<Record<string, string>> = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]
    for (const headers of attempts) {
      const response = await server().app.inject({ method: 'POST', url: '/api/sync/push', payload: body, headers: { cookie: `sb_session=${cookie.value}`, ...headers } })
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ error: 'cross_origin' })
    }
    const login = await server().login('mette@kommune.dk', password, { origin: 'https://evil.example' })
    expect(login.statusCode).toBe(403)
    expect(await server().app.storage.db.selectFrom('records').select('id').where('id', '=', 'csrf').executeTakeFirst()).toBeUndefined()
    const same = await server().app.inject({ method: 'POST', url: '/api/sync/push', payload: body,
      headers: { cookie: `sb_session=${cookie.value}`, origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } })
    expect(same.statusCode).toBe(200)
  })

  it('reads are not origin-checked (GET has no side effects)', async () => {
    const response = await server().app.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } })
    expect(response.statusCode).toBe(200)
  })

  it('health reports the database and the newest sequence', async () => {
    await server().team()
    const response = await server().app.inject({ method: 'GET', url: '/api/health' })
    expect(response.json()).toMatchObject({ status: 'ok', database: kind, seq: 1 })
    expect(response.headers['cache-control']).toBe('no-store')
  })

  it('the first start creates one team with departments, checklist templates and an admin who can sign in, once', async () => {
    const config = testConfig(server().backend, { adminEmail: 'chef@kommune.dk', adminPassword: null })
    const first = await ensureFirstAdmin(server().app.storage, config)
    expect(first).toMatchObject({ email: 'chef@kommune.dk', generatedPassword: expect.stringMatching(/^\w{16}$/) })
    expect(await ensureFirstAdmin(server().app.storage, config)).toBeNull()
    const login = await server().login('chef@kommune.dk', first!.generatedPassword!)
    expect(login.json().user).toMatchObject({ role: 'admin', teams: [first!.teamId] })
    const cookie = `sb_session=${login.cookies[0]!.value}`
    const pulled = await server().app.inject({ method: 'GET', url: '/api/sync/pull', headers: { cookie } })
    const tables = pulled.json().records.map((r: { table: string }) => r.table)
    expect(tables.filter((t: string) => t === 'departments').length).toBeGreaterThan(3)
    expect(tables.filter((t: string) => t === 'checklistTemplates')).toHaveLength(DEFAULT_TEMPLATES.length)
    expect(tables).toEqual(expect.arrayContaining(['teams', 'people']))
  })
})
