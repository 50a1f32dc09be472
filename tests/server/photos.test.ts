import { createHash } from 'node:crypto'
import { expect, it } from 'vitest'
import { PHOTO_MAX_BYTES } from '../../src/domain/photos.ts'
import { ERROR_MESSAGES } from '../../src/server/errors.ts'
import { monthsBefore } from '../../src/server/retention/deadline.ts'
import { runRetention } from '../../src/server/retention/retentionJob.ts'
import { describeBackends } from './support/backends.ts'
import { deleteOf, patchOf, putOf, useServer, type SignedIn } from './support/harness.ts'

const NOW = Date.UTC(2026, 10, 30, 12)
const OLD = monthsBefore(NOW, 13)

/** A JPEG-looking body (JPEG magic, then `size` deterministic bytes) and its reference. */
function photo(seed: number, size = 2000) {
  const body = Buffer.alloc(size, 0)
  body.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < size; i++) body[i] = (i * 31 + seed * 17) % 251
  const hash = createHash('sha256').update(body).digest('hex')
  return { body, hash, ref: { hash, width: 1600, height: 1200, bytes: size, takenAt: 1000 } }
}

describeBackends('photos: upload by content hash, team-scoped reads, wiped with their record', (kind) => {
  const server = useServer(kind)

  const put = (who: SignedIn, hash: string, body: Buffer, type = 'image/jpeg') =>
    server().app.inject({ method: 'PUT', url: `/api/photos/${hash}`, payload: body, headers: { cookie: who.cookie, 'content-type': type } })
  const get = (who: SignedIn, hash: string) => server().app.inject({ method: 'GET', url: `/api/photos/${hash}`, headers: { cookie: who.cookie } })
  const rows = () => server().app.storage.db.selectFrom('photos').select(['team_id', 'hash']).execute()

  async function setup() {
    const team = await server().team()
    const other = await server().team()
    const sb = await server().user('superbruger', [team])
    const outsider = await server().user('superbruger', [other])
    return { team, other, sb, outsider }
  }

  it('stores a photo once: a repeated PUT (its first answer lost) is a no-op, and the bytes come back as sent', async () => {
    const { team, sb } = await setup()
    const p = photo(1)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [putOf(1, 'requests', 'r1', team, sb.actor.id, { photos: [p.ref] })] })
    const first = await put(sb, p.hash, p.body)
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ hash: p.hash, stored: true })
    const again = await put(sb, p.hash, p.body)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual({ hash: p.hash, stored: false })
    expect(await rows()).toEqual([{ team_id: team, hash: p.hash }])
    const back = await get(sb, p.hash)
    expect(back.statusCode).toBe(200)
    expect(back.headers['content-type']).toBe('image/jpeg')
    // Not cached by the browser: the app keeps its own copy, and an erased photo must not outlive erasure.
    expect(back.headers['cache-control']).toBe('private, no-store')
    expect(back.rawPayload.equals(p.body)).toBe(true)
  })

  it('refuses a wrong hash, an oversize file, a non-image and a photo no synced record names, each with a Danish reason', async () => {
    const { team, sb } = await setup()
    const p = photo(2)
    const big = photo(3, PHOTO_MAX_BYTES + 1)
    const text = Buffer.from('Dette er ikke et billede, men tekst'.repeat(20))
    const textHash = createHash('sha256').update(text).digest('hex')
    const unlinked = photo(4)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [putOf(1, 'requests', 'r1', team, sb.actor.id, { photos: [p.ref, { ...big.ref, bytes: 1 }, { ...p.ref, hash: textHash }] })] })

    const corrupt = Buffer.from(p.body)
    corrupt[100] = (corrupt[100]! + 1) % 256
    const cases = [
      { response: await put(sb, p.hash, corrupt), status: 400, error: 'photo_hash_mismatch' },
      { response: await put(sb, big.hash, big.body), status: 413, error: 'photo_too_large' },
      { response: await put(sb, textHash, text, 'text/plain'), status: 415, error: 'photo_not_image' },
      { response: await put(sb, textHash, text, 'image/jpeg'), status: 415, error: 'photo_not_image' },
      { response: await put(sb, unlinked.hash, unlinked.body), status: 409, error: 'photo_not_linked' },
      { response: await put(sb, 'NOT-A-HASH', p.body), status: 400, error: 'invalid_query' },
    ]
    for (const { response, status, error } of cases) {
      expect({ status: response.statusCode, error: response.json().error }).toEqual({ status, error })
      expect(response.json().message).toBe(ERROR_MESSAGES[error as keyof typeof ERROR_MESSAGES])
    }
    expect(await rows()).toEqual([])
    expect((await put(sb, p.hash, p.body)).statusCode).toBe(201)
  })

  it('another team can neither read a photo nor store one under its own name', async () => {
    const { team, sb, outsider } = await setup()
    const p = photo(5)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [putOf(1, 'requests', 'r1', team, sb.actor.id, { photos: [p.ref] })] })
    expect((await put(sb, p.hash, p.body)).statusCode).toBe(201)
    expect((await get(outsider, p.hash)).statusCode).toBe(404)
    expect((await put(outsider, p.hash, p.body)).statusCode).toBe(409)
    const anonymous = await server().app.inject({ method: 'GET', url: `/api/photos/${p.hash}` })
    expect(anonymous.statusCode).toBe(401)
  })

  it('deleting the record, or taking the photo off an asset, wipes the image; another record with it keeps it', async () => {
    const { team, sb } = await setup()
    const shared = photo(6)
    const own = photo(7)
    const push = await sb.pushOk({ clientId: 'sb-phone-01', mutations: [
      putOf(1, 'requests', 'r1', team, sb.actor.id, { photos: [shared.ref] }),
      putOf(2, 'tips', 't1', team, sb.actor.id, { photos: [shared.ref] }),
      putOf(3, 'assets', 'a1', team, sb.actor.id, { photos: [own.ref] }),
    ] })
    expect((await put(sb, shared.hash, shared.body)).statusCode).toBe(201)
    expect((await put(sb, own.hash, own.body)).statusCode).toBe(201)

    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [deleteOf(4, 'requests', 'r1', push.seq)] })
    expect((await get(sb, shared.hash)).statusCode).toBe(200)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [deleteOf(5, 'tips', 't1', push.seq)] })
    expect((await get(sb, shared.hash)).statusCode).toBe(404)

    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [patchOf(6, 'assets', 'a1', { photos: [] }, push.seq)] })
    expect((await get(sb, own.hash)).statusCode).toBe(404)
    expect(await rows()).toEqual([])
  })

  it("the team's deletion deadline takes a closed request's photos off it and wipes the images", async () => {
    const { team, sb } = await setup()
    const old = photo(8)
    const open = photo(9)
    const history = [{ at: OLD - 86_400_000, by: sb.actor.id, from: null, to: 'ny' }, { at: OLD, by: sb.actor.id, from: 'ny', to: 'løst' }]
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [
      putOf(1, 'requests', 'r-old', team, sb.actor.id, { status: 'løst', updatedAt: OLD, history, photos: [old.ref] }),
      putOf(2, 'requests', 'r-open', team, sb.actor.id, { status: 'i gang', updatedAt: OLD, photos: [open.ref] }),
    ] })
    expect((await put(sb, old.hash, old.body)).statusCode).toBe(201)
    expect((await put(sb, open.hash, open.body)).statusCode).toBe(201)

    const result = await runRetention(server().app.storage, 24, NOW)
    expect(result.anonymised).toMatchObject({ requests: 1, photos: 1 })
    expect(await rows()).toEqual([{ team_id: team, hash: open.hash }])
    const records = await sb.pullAll(0)
    expect(records.find((r) => r.record.id === 'r-old')?.record).toMatchObject({ photos: [] })
    expect(records.find((r) => r.record.id === 'r-open')?.record).toMatchObject({ photos: [open.ref] })
  })

  it('a photo of a user in two teams, named by records of both, reaches the members of each team after one upload', async () => {
    const { team, other, outsider } = await setup()
    const both = await server().user('superbruger', [team, other])
    const onlyFirst = await server().user('superbruger', [team])
    const shared = photo(12)
    await both.pushOk({ clientId: 'both-phone-01', mutations: [
      putOf(1, 'requests', 'r-a', team, both.actor.id, { photos: [shared.ref] }),
      putOf(2, 'assets', 'a-b', other, both.actor.id, { photos: [shared.ref] }),
    ] })
    expect((await put(both, shared.hash, shared.body)).statusCode).toBe(201)
    expect((await get(onlyFirst, shared.hash)).statusCode).toBe(200)
    expect((await get(outsider, shared.hash)).statusCode).toBe(200)
    const stored = await rows()
    expect(stored.map((r) => r.team_id).sort()).toEqual([team, other].sort())

    // Taken off the second team's record, it goes from that team only.
    await both.pushOk({ clientId: 'both-phone-01', mutations: [patchOf(3, 'assets', 'a-b', { photos: [] }, 2)] })
    expect((await get(outsider, shared.hash)).statusCode).toBe(404)
    expect((await get(onlyFirst, shared.hash)).statusCode).toBe(200)
  })

  it('a second team whose record names the photo later gets it when the phone sends it again', async () => {
    const { team, other, outsider } = await setup()
    const both = await server().user('superbruger', [team, other])
    const p = photo(13)
    await both.pushOk({ clientId: 'both-phone-01', mutations: [putOf(1, 'requests', 'r-a', team, both.actor.id, { photos: [p.ref] })] })
    expect((await put(both, p.hash, p.body)).statusCode).toBe(201)
    expect((await get(outsider, p.hash)).statusCode).toBe(404)
    await both.pushOk({ clientId: 'both-phone-01', mutations: [putOf(2, 'tips', 't-b', other, both.actor.id, { photos: [p.ref] })] })
    expect((await put(both, p.hash, p.body)).json()).toEqual({ hash: p.hash, stored: true })
    expect((await get(outsider, p.hash)).statusCode).toBe(200)
  })

  it('the daily wipe keeps each team\'s photos its live records name and deletes the rest, in every team', async () => {
    const { team, other, sb } = await setup()
    const both = await server().user('superbruger', [team, other])
    const kept = photo(14)
    const dropped = photo(15)
    const onlyOther = photo(16)
    await both.pushOk({ clientId: 'both-phone-01', mutations: [
      putOf(1, 'requests', 'r-a', team, both.actor.id, { photos: [kept.ref, dropped.ref] }),
      putOf(2, 'assets', 'a-b', other, both.actor.id, { photos: [onlyOther.ref, dropped.ref] }),
    ] })
    for (const p of [kept, dropped, onlyOther]) expect((await put(both, p.hash, p.body)).statusCode).toBe(201)
    // Rows left behind as a crash between a push and its wipe would leave them.
    const db = server().app.storage.db
    await db.updateTable('records').set({ data: JSON.stringify({ teamId: team, photos: [kept.ref], description: `"hash":"${dropped.hash}"` }) })
      .where('tbl', '=', 'requests').where('id', '=', 'r-a').execute()
    await db.updateTable('records').set({ data: JSON.stringify({ teamId: other, photos: [onlyOther.ref] }) })
      .where('tbl', '=', 'assets').where('id', '=', 'a-b').execute()

    const result = await runRetention(server().app.storage, 24, NOW)
    expect(result.anonymised.photos).toBe(2)
    const left = (await rows()).map((r) => `${r.team_id === team ? 'A' : 'B'} ${r.hash}`).sort()
    expect(left).toEqual([`A ${kept.hash}`, `B ${onlyOther.hash}`].sort())
    expect((await get(sb, kept.hash)).statusCode).toBe(200)
  })

  it("the data-protection export carries the photos of the records that name the person", async () => {
    const { team, sb } = await setup()
    const ko = await server().user('koordinator', [team])
    const named = photo(10)
    const other = photo(11)
    await sb.pushOk({ clientId: 'sb-phone-01', mutations: [
      putOf(1, 'requests', 'r-hanne', team, sb.actor.id, { requesterName: 'Hanne Hansen', photos: [named.ref] }),
      putOf(2, 'requests', 'r-ole', team, sb.actor.id, { requesterName: 'Ole Olsen', photos: [other.ref] }),
    ] })
    expect((await put(sb, named.hash, named.body)).statusCode).toBe(201)
    expect((await put(sb, other.hash, other.body)).statusCode).toBe(201)
    const response = await server().app.inject({ method: 'GET', url: '/api/people-data/export?q=Hanne%20Hansen&format=json', headers: { cookie: ko.cookie } })
    expect(response.statusCode).toBe(200)
    const body = response.json<{ photos: Array<{ hash: string; contentType: string; base64: string }> }>()
    expect(body.photos).toEqual([{ hash: named.hash, contentType: 'image/jpeg', base64: named.body.toString('base64') }])
  })
})
