import { sql, type Kysely } from 'kysely'
import { expect, it } from 'vitest'
import type { Conflict, PushResponse } from '../../src/domain/protocol.ts'
import { migrateToLatest } from '../../src/server/storage/migrations.ts'
import { applyPushes, type PushJob } from '../../src/server/sync/push.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer, type SignedIn } from './support/harness.ts'

// A conflict belongs to the user until a device of theirs has stored it (issue 12, defect 2).
describeBackends('push and pull: a conflict is delivered until a device acknowledges it; a refusal is answered again', (kind) => {
  const server = useServer(kind)

  /** A request created by A; B changed its description after both had it, so A's offline edit of it clashes. */
  async function clash() {
    const team = await server().team()
    const a = await server().user('superbruger', [team])
    const b = await server().user('superbruger', [team])
    const created = await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(1, 'requests', 'shared', team, a.actor.id)] })
    await b.pushOk({ clientId: 'device-B-1', mutations: [patchOf(1, 'requests', 'shared', { description: 'Printeren er byttet (B, online)' }, created.seq)] })
    const offline = { clientId: 'device-A-1', mutations: [patchOf(2, 'requests', 'shared', { description: 'Printer på 2. sal (A, offline)' }, created.seq)] }
    return { team, a, b, offline, base: created.seq }
  }

  const theClash = { table: 'requests', id: 'shared', field: 'description', yours: 'Printer på 2. sal (A, offline)', theirs: 'Printeren er byttet (B, online)', mutationId: 2 }

  const acknowledge = (who: SignedIn, ids: readonly string[], headers: Record<string, string> = {}) =>
    server().app.inject({ method: 'POST', url: '/api/sync/conflicts/seen', payload: { ids }, headers: { cookie: who.cookie, ...headers } })

  const pulledConflicts = async (who: SignedIn): Promise<readonly Conflict[]> => (await who.pull(0)).conflicts ?? []

  it('a push whose answer was lost, re-sent identically, answers with the conflict; once acknowledged neither a replay nor a pull carries it', async () => {
    const { a, offline } = await clash()
    const lost = await a.pushOk(offline)
    expect(lost.conflicts).toEqual([{ ...theClash, conflictId: expect.any(String) }])
    const conflictId = lost.conflicts[0]!.conflictId!

    // The answer never arrived: A sends the same push again and hears of the same conflict.
    const again = await a.pushOk(offline)
    expect(again).toMatchObject({ lastMutationId: 2, rejected: [] })
    expect(again.conflicts).toEqual([{ ...theClash, conflictId }])
    expect(await pulledConflicts(a)).toEqual([{ ...theClash, conflictId }])

    const seen = await acknowledge(a, [conflictId])
    expect(seen.statusCode).toBe(200)
    expect(seen.json()).toEqual({ seen: 1 })
    expect((await a.pushOk(offline)).conflicts).toEqual([])
    expect(await pulledConflicts(a)).toEqual([])
    // Acknowledging twice (the first answer lost too) changes nothing.
    expect((await acknowledge(a, [conflictId])).json()).toEqual({ seen: 0 })
    const row = await server().app.storage.db.selectFrom('conflicts').selectAll().executeTakeFirstOrThrow()
    expect(Number(row.seen_at)).toBeGreaterThan(0)
  })

  it('a pull delivers the conflict to a new client id and a new session of the same user, only on the last page', async () => {
    const { team, a, offline } = await clash()
    const { conflicts: [raised] } = await a.pushOk(offline)
    // Restored from a backup, the device goes on under a new client id: its pushes do not carry the old conflict …
    const fresh = await a.pushOk({ clientId: 'device-A-2', mutations: [putOf(7, 'requests', 'new-one', team, a.actor.id)] })
    expect(fresh.conflicts).toEqual([])
    // … but its pull does, as does a pull in a new sign-in (a new local database).
    expect(await pulledConflicts(a)).toEqual([raised])
    const again = await server().login(a.actor.email, `pw-${a.actor.email}`)
    const cookie = again.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const page = await server().app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { cookie } })
    expect(page.json().conflicts).toEqual([raised])
    // A download in pages hears of it once, at its end.
    const first = await a.pull(0, 1)
    expect(first.hasMore).toBe(true)
    expect(first.conflicts).toBeUndefined()
  })

  it('another user never gets the conflict and cannot acknowledge it; an acknowledgement is checked like any write', async () => {
    const { a, b, offline } = await clash()
    const { conflicts: [raised] } = await a.pushOk(offline)
    expect(await pulledConflicts(b)).toEqual([])
    expect((await acknowledge(b, [raised!.conflictId!])).json()).toEqual({ seen: 0 })
    expect(await pulledConflicts(a)).toEqual([raised])

    expect((await acknowledge(a, [raised!.conflictId!], { origin: 'https://evil.example' })).statusCode).toBe(403)
    const anonymous = await server().app.inject({ method: 'POST', url: '/api/sync/conflicts/seen', payload: { ids: [raised!.conflictId] } })
    expect(anonymous.statusCode).toBe(401)
    for (const payload of [{}, { ids: 'x' }, { ids: [''] }, { ids: [raised!.conflictId], more: 1 }, { ids: Array.from({ length: 1001 }, (_, i) => `id-${i}`) }]) {
      const bad = await server().app.inject({ method: 'POST', url: '/api/sync/conflicts/seen', payload, headers: { cookie: a.cookie } })
      expect(bad.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400)
    }
    expect(await pulledConflicts(a)).toEqual([raised])
  })

  it('in one batch (group commit) each device hears of its own unseen conflicts: a replay\'s earlier ones and new ones', async () => {
    const { team, a, b, offline, base } = await clash()
    const c = await server().user('superbruger', [team])
    const first = await a.pushOk(offline)
    const job = (who: SignedIn, clientId: string, mutations: PushJob['request']['mutations']): PushJob =>
      ({ actor: who.actor, request: { clientId, mutations }, now: Date.now() })
    const outcomes = await applyPushes(server().app.storage, [
      job(a, 'device-A-1', [...offline.mutations, patchOf(3, 'requests', 'shared', { status: 'løst' }, base)]),
      job(c, 'device-C-1', [patchOf(1, 'requests', 'shared', { description: 'C', status: 'venter' }, base)]),
      job(b, 'device-B-1', [putOf(2, 'requests', 'b-2', team, b.actor.id)]),
    ])
    const [forA, forC, forB] = outcomes.map((o) => (o as { ok: true; response: PushResponse }).response)
    expect(forA!.lastMutationId).toBe(3)
    // A: the conflict its lost answer carried, then none new (its status applies: nobody changed it before).
    expect(forA!.conflicts).toEqual(first.conflicts)
    // C: its description clashes with B's, its status with A's change in this same batch.
    expect(forC!.conflicts).toEqual([
      expect.objectContaining({ field: 'description', yours: 'C', theirs: 'Printeren er byttet (B, online)', conflictId: expect.any(String) }),
      expect.objectContaining({ field: 'status', yours: 'venter', theirs: 'løst', conflictId: expect.any(String) }),
    ])
    expect(forB!.conflicts).toEqual([])
    expect(await pulledConflicts(c)).toEqual(forC!.conflicts)
    expect(await pulledConflicts(b)).toEqual([])
  })

  it('a re-sent push whose answer was lost is told again of the mutations it refused', async () => {
    const { team, a, b } = await clash()
    const entry = await a.pushOk({ clientId: 'device-A-1', mutations: [putOf(2, 'timeEntries', 'a-time', team, a.actor.id, { note: 'Min tid' })] })
    // B may not change A's time entry: refused, and the answer is lost.
    const push = { clientId: 'device-B-1', mutations: [patchOf(2, 'timeEntries', 'a-time', { note: 'Ændret af B' }, entry.seq), putOf(3, 'requests', 'b-3', team, b.actor.id)] }
    const refused = { mutationId: 2, table: 'timeEntries', recordId: 'a-time', reason: 'forbidden' }
    expect((await b.pushOk(push)).rejected).toEqual([refused])
    expect(await b.pushOk(push)).toMatchObject({ lastMutationId: 3, rejected: [refused] })
    // Only the re-sent part is answered: a push of later mutations is not told again.
    expect((await b.pushOk({ clientId: 'device-B-1', mutations: [putOf(4, 'requests', 'b-4', team, b.actor.id)] })).rejected).toEqual([])
    expect(await server().app.storage.db.selectFrom('refusals').select(['client_id', 'mutation_id', 'user_id', 'reason']).execute())
      .toEqual([{ client_id: 'device-B-1', mutation_id: 2, user_id: b.actor.id, reason: 'forbidden' }])
  })

  it('conflicts recorded before the upgrade count as seen, so no device gets them again', async () => {
    const { a, offline } = await clash()
    const db = server().app.storage.db
    // The database as version 5 left it: no seen_at, with a conflict answered back then.
    await db.schema.dropIndex('conflicts_unseen_client').execute()
    await db.schema.dropIndex('conflicts_unseen_user').execute()
    await db.schema.alterTable('conflicts').dropColumn('seen_at').execute()
    await db.schema.dropTable('refusals').execute()
    await db.schema.dropTable('handoff_jobs').execute()
    await db.schema.dropTable('photos').execute()
    await db.deleteFrom('kysely_migration' as never).where(sql.ref('name'), 'in', ['0006_conflict_seen', '0007_refusals', '0008_handoff_jobs', '0009_photos']).execute()
    await sql`insert into conflicts (id, user_id, client_id, mutation_id, tbl, record_id, field, yours, theirs, at)
      values ('old-1', ${a.actor.id}, 'device-A-1', 1, 'requests', 'shared', 'status', '"løst"', '"venter"', 1234)`.execute(db)
    await migrateToLatest(db as unknown as Kysely<unknown>)
    expect(await db.selectFrom('conflicts').select(['id', 'seen_at']).execute()).toEqual([{ id: 'old-1', seen_at: 1234 }])
    expect(await pulledConflicts(a)).toEqual([])

    const { conflicts: [raised] } = await a.pushOk(offline)
    expect(await pulledConflicts(a)).toEqual([raised])
  })
})
