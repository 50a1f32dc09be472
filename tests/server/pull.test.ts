import { expect, it } from 'vitest'
import type { PullResponse } from '../../src/domain/protocol.ts'
import { addMemberships } from '../../src/server/auth/users.ts'
import { purgeTombstones } from '../../src/server/storage/tombstones.ts'
import { runMaintenance } from '../../src/server/maintenance.ts'
import { describeBackends } from './support/backends.ts'
import { deleteOf, putOf, useServer } from './support/harness.ts'

describeBackends('pull: paging, tombstones, purge and reset', (kind) => {
  const server = useServer(kind, { logLevel: process.env.DEBUG_LOG ?? 'silent' })

  async function withRequests(count: number) {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const mutations = Array.from({ length: count }, (_, i) => putOf(i + 1, 'requests', `r${String(i).padStart(3, '0')}`, team, sb.actor.id))
    const pushed = await sb.pushOk({ clientId: 'device-0001', mutations })
    return { team, sb, head: pushed.seq }
  }

  it('pages in sequence order with nextCursor and hasMore until the head', async () => {
    const { sb, head } = await withRequests(25)
    const seen: number[] = []
    let cursor = 0
    let pages = 0
    for (;;) {
      const page = await sb.pull(cursor, 10)
      pages += 1
      seen.push(...page.records.map((r) => r.record.rev))
      expect(page.resetRequired).toBe(false)
      cursor = page.nextCursor
      if (!page.hasMore) break
      expect(page.records).toHaveLength(10)
      expect(page.nextCursor).toBe(page.records.at(-1)!.record.rev)
    }
    expect(pages).toBe(3)
    expect(seen).toEqual([...seen].sort((a, b) => a - b))
    expect(new Set(seen).size).toBe(seen.length)
    expect(cursor).toBe(head)
    expect(seen).toHaveLength(26) // the team record and 25 requests
    const empty = await sb.pull(head)
    expect(empty).toEqual({ records: [], nextCursor: head, hasMore: false, resetRequired: false, base: head, conflicts: [] })
  })

  it('returns each record as pushed, with the server envelope, as JSON without repeated keys', async () => {
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const tricky = { description: 'Citat "}{" og \\ og \u2028 og æøå', helpdeskCaseNo: 'HD-{1}' }
    const put = putOf(1, 'requests', 'r-json', team, sb.actor.id, tricky)
    const pushed = await sb.pushOk({ clientId: 'device-json', mutations: [put] })
    const response = await server().app.inject({ method: 'GET', url: '/api/sync/pull?cursor=0', headers: { cookie: sb.cookie } })
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    const record = response.json<PullResponse>().records.find((r) => r.record.id === 'r-json')!.record as unknown as Record<string, unknown>
    expect(record).toEqual({ ...put.fields, rev: pushed.seq, deletedAt: null })
    const text = response.body.slice(response.body.indexOf('"id":"r-json"') - 1)
    const own = text.slice(0, text.indexOf('}},') + 1 || undefined)
    for (const key of ['id', 'teamId', 'createdBy', 'rev', 'deletedAt', 'description']) {
      expect(own.split(`"${key}":`).length - 1, key).toBe(1)
    }
  })

  it('the default page is 500 records', async () => {
    const { sb } = await withRequests(600)
    const page = await sb.pull(0)
    expect(page.records).toHaveLength(500)
    expect(page.hasMore).toBe(true)
  })

  it('moves the cursor past changes of teams the user cannot read', async () => {
    const { sb } = await withRequests(1)
    const other = await server().team()
    const outsider = await server().user('koordinator', [other])
    const pushed = await outsider.pushOk({ clientId: 'device-0002', mutations: [putOf(1, 'requests', 'x', other, outsider.actor.id)] })
    const first = await sb.pull(0)
    expect(first.records.some((r) => r.record.id === 'x')).toBe(false)
    expect(first.nextCursor).toBe(pushed.seq)
  })

  it('includes tombstones for deletes after the cursor', async () => {
    const { sb, head } = await withRequests(2)
    await sb.pushOk({ clientId: 'device-0001', mutations: [deleteOf(3, 'requests', 'r000')] })
    const page = await sb.pull(head)
    expect(page.records).toEqual([{ table: 'requests', record: expect.objectContaining({ id: 'r000', deletedAt: expect.any(Number) }) }])
  })

  it('purges old tombstones only and answers resetRequired to cursors older than the horizon', async () => {
    const { sb, head } = await withRequests(3)
    const cursorBefore = head
    const deleted = await sb.pushOk({ clientId: 'device-0001', mutations: [deleteOf(4, 'requests', 'r000')] })
    const later = await sb.pushOk({ clientId: 'device-0001', mutations: [putOf(5, 'requests', 'r999', (sb.actor.teams[0])!, sb.actor.id)] })
    expect(await purgeTombstones(server().app.storage, Date.now() - 60_000)).toBe(0) // too young
    expect(await purgeTombstones(server().app.storage, Date.now() + 1000)).toBe(1)
    const rows = await server().app.storage.db.selectFrom('records').select('id').where('id', '=', 'r000').execute()
    expect(rows).toEqual([])
    expect(await sb.pull(cursorBefore)).toEqual({ records: [], nextCursor: 0, hasMore: false, resetRequired: true, base: 0 })
    expect((await sb.pull(deleted.seq)).resetRequired).toBe(false)
    expect((await sb.pull(later.seq)).resetRequired).toBe(false)
    const fresh = await sb.pullAll(0)
    expect(fresh.map((r) => r.record.id)).not.toContain('r000')
    expect(fresh.map((r) => r.record.id)).toContain('r999')
  })

  it('after a purge, a new device downloads in many pages without being told to reset; one whose copy began before the purge resets', async () => {
    const { sb } = await withRequests(40)
    const before = await sb.pull(0, 1000)
    await sb.pushOk({ clientId: 'device-0001', mutations: [deleteOf(41, 'requests', 'r000')] })
    expect(await purgeTombstones(server().app.storage, Date.now() + 1000)).toBe(1)
    // A new device: pages of 5 start far below the purge horizon, all in one copy that began after the purge.
    const fresh = await sb.pullAll(0, 5)
    expect(fresh).toHaveLength(40) // the team and 39 live requests
    // The device that copied everything before the purge, at a cursor below the deleted record's tombstone.
    const missed = await sb.pull(before.records[5]!.record.rev, 5, before.base)
    expect(missed.resetRequired).toBe(true)
    // A device whose copy began before the purge but whose cursor is past the horizon has missed nothing.
    const caughtUp = await sb.pull(before.nextCursor + 1, 5, before.base)
    expect(caughtUp.resetRequired).toBe(false)
  })

  it('maintenance purges tombstones past the retention period', async () => {
    const { sb } = await withRequests(1)
    await sb.pushOk({ clientId: 'device-0001', mutations: [deleteOf(2, 'requests', 'r000')] })
    const result = await runMaintenance(server().app.storage, 1000, Date.now() + 5000)
    expect(result.tombstones).toBe(1)
  })

  it('a user added to another team later downloads again, in many pages, this time with that team\'s older records', async () => {
    const { team, sb } = await withRequests(30)
    const other = await server().team()
    const colleague = await server().user('superbruger', [other])
    await colleague.pushOk({ clientId: 'device-old', mutations: [putOf(1, 'requests', 'old-request', other, colleague.actor.id)] })
    const copy = await sb.pull(0, 1000)
    expect(copy.records.some((r) => r.record.id === 'old-request')).toBe(false)
    await server().app.storage.db.transaction().execute(async (trx) => {
      await server().app.storage.lockSequence(trx)
      await addMemberships(trx, sb.actor.id, [other])
    })
    // Within the server's few seconds of session cache the device still pulls as before, past the membership.
    const cached = await sb.pull(copy.nextCursor, 1000, copy.base)
    expect(cached.resetRequired).toBe(false)
    // Once the new membership is seen (here: a new sign-in), the copy that began before it must start again.
    const login = await server().login(sb.actor.email, `pw-${sb.actor.email}`)
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const pull = (from: number, base?: number) => server().app.inject({
      method: 'GET', url: `/api/sync/pull?cursor=${from}&limit=5${base === undefined ? '' : `&base=${base}`}`, headers: { cookie },
    }).then((r) => r.json<PullResponse>())
    expect(await pull(cached.nextCursor, cached.base)).toMatchObject({ records: [], resetRequired: true })
    const ids: string[] = []
    let page = await pull(0)
    for (let pages = 1; ; pages++) {
      expect(page.resetRequired).toBe(false)
      ids.push(...page.records.map((r) => String(r.record.id)))
      if (!page.hasMore) break
      expect(pages).toBeLessThan(20)
      page = await pull(page.nextCursor, page.base)
    }
    expect(ids).toEqual(expect.arrayContaining(['old-request', team, other]))
    expect(ids).toHaveLength(2 + 30 + 1) // both team records, the 30 requests and the other team's old request
  })

  it('a cursor ahead of the server (its database was replaced) must reset', async () => {
    const { sb, head } = await withRequests(1)
    expect((await sb.pull(head + 100)).resetRequired).toBe(true)
  })

  it('a puller racing a push never skips a sequence number', async () => {
    const { sb, team } = await withRequests(1)
    let cursor = 0
    const seen: number[] = []
    const pushes = (async () => {
      for (let i = 0; i < 10; i++) {
        const mutations = Array.from({ length: 20 }, (_, j) => putOf(2 + i * 20 + j, 'tips', `tip-${i}-${j}`, team, sb.actor.id))
        await sb.pushOk({ clientId: 'device-0001', mutations })
      }
    })()
    let done = false
    void pushes.then(() => { done = true })
    let rounds = 0
    while (!done) {
      rounds += 1
      if (rounds > 5000) throw new Error(`stuck after ${seen.length} records, cursor ${cursor}`)
      const page = await sb.pull(cursor, 7)
      await new Promise((resolve) => setImmediate(resolve)) // let the pushes' I/O run between pulls
      seen.push(...page.records.map((r) => r.record.rev))
      cursor = page.nextCursor
    }
    seen.push(...(await sb.pullAll(cursor)).map((r) => r.record.rev))
    // Every committed record, read afterwards in one go (a membership takes a number but stores no record).
    const committed = (await sb.pullAll(0)).map((r) => r.record.rev)
    expect(committed).toHaveLength(1 + 1 + 200)
    expect(seen).toEqual(committed)
  })
})
