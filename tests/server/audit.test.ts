import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import type { AuditPage } from '../../src/domain/privacyProtocol.ts'
import { appendAudit } from '../../src/server/storage/auditLog.ts'
import { describeBackends } from './support/backends.ts'
import { useServer, type SignedIn } from './support/harness.ts'

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

it('no server code updates audit rows, and only the audit module deletes them (the deadline purge)', () => {
  const files = sourceFiles(join(import.meta.dirname, '../../src/server'))
  const text = (pattern: RegExp) => files.filter((file) => pattern.test(readFileSync(file, 'utf8'))).map((f) => f.replace(/^.*src\/server\//, ''))
  expect(text(/updateTable\(\s*['"]audit_log/)).toEqual([])
  expect(text(/deleteFrom\(\s*['"]audit_log/)).toEqual(['storage/auditLog.ts'])
})

describeBackends('the audit log', (kind) => {
  const server = useServer(kind)

  const read = (who: SignedIn | null, query = '') =>
    server().app.inject({ method: 'GET', url: `/api/admin/audit${query}`, headers: who ? { cookie: who.cookie } : {} })
  const rows = () => server().app.storage.db.selectFrom('audit_log').selectAll().orderBy('id').execute()

  it('records sign-ins and failed sign-ins with who, when and from where', async () => {
    const team = await server().team()
    const before = Date.now()
    const sb = await server().user('superbruger', [team])
    await server().login(sb.actor.email, 'forkert')
    await server().login('ukendt@test.dk', 'forkert')
    const log = await rows()
    expect(log.map((r) => [r.action, r.actor_id, r.subject, r.ip])).toEqual([
      ['sign_in', sb.actor.id, null, '127.0.0.1'],
      ['sign_in_failed', sb.actor.id, sb.actor.email, '127.0.0.1'],
      ['sign_in_failed', null, 'ukendt@test.dk', '127.0.0.1'],
    ])
    expect(log.every((r) => r.at >= before && r.at <= Date.now())).toBe(true)
    expect(JSON.parse(log[0]!.details)).toEqual({ method: 'password' })
    // The password typed is never recorded.
    expect(JSON.stringify(log)).not.toContain('forkert')
  })

  it('only admins read it: others get 403, no session 401', async () => {
    const team = await server().team()
    for (const role of ['superbruger', 'koordinator', 'leder'] as const) {
      const response = await read(await server().user(role, [team]))
      expect(response.statusCode).toBe(403)
      expect(response.json()).toMatchObject({ error: 'forbidden' })
    }
    expect((await read(null)).statusCode).toBe(401)
    expect((await read(await server().user('admin', [team]))).statusCode).toBe(200)
  })

  it('pages newest first and validates its query', async () => {
    const team = await server().team()
    const admin = await server().user('admin', [team])
    const db = server().app.storage.db
    for (let i = 0; i < 5; i++) await appendAudit(db, { teamId: team, actorId: admin.actor.id, action: 'export', details: { n: i } })
    const first = (await read(admin, '?limit=3')).json<AuditPage>()
    expect(first.entries.map((e) => e.details.n)).toEqual([4, 3, 2])
    expect(first.entries[0]).toMatchObject({ action: 'export', teamId: team, actorId: admin.actor.id, actorName: 'admin' })
    const second = (await read(admin, `?limit=3&before=${first.nextBefore}`)).json<AuditPage>()
    // The 6th row is the admin's own sign-in, written first.
    expect(second.entries.map((e) => e.action)).toEqual(['export', 'export', 'sign_in'])
    expect(second.nextBefore).toBeNull()
    for (const query of ['?limit=0', '?limit=201', '?limit=abc', '?before=', '?other=1']) {
      const response = await read(admin, query)
      expect(response.statusCode, query).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_query' })
    }
  })

  it('rows once written never change as more happens', async () => {
    const team = await server().team()
    const ko = await server().user('koordinator', [team])
    await server().login(ko.actor.email, 'forkert')
    const snapshot = await rows()
    await server().app.inject({ method: 'POST', url: '/api/auth/logout-all', headers: { cookie: ko.cookie } })
    await server().user('admin', [team])
    const after = await rows()
    expect(after.slice(0, snapshot.length)).toEqual(snapshot)
    expect(after.length).toBeGreaterThan(snapshot.length)
  })
})
