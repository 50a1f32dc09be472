import { createHash } from 'node:crypto'
import { JSDOM } from 'jsdom'
import { expect, it } from 'vitest'
import { tipCode } from '../../src/domain/tipCode.ts'
import { PUBLIC_TIP_LIMIT } from '../../src/server/publicTips/tipShelf.ts'
import { describeBackends } from './support/backends.ts'
import { deleteOf, patchOf, putOf, useServer, type SignedIn, type TestServer } from './support/harness.ts'

// The photos of a public tip: shown in its body (`![alt](foto:<hash>)`) and its photo section on
// /t/<code>, served at /t/<code>/foto/<hash> only while the tip is public, live and lists the hash.
// And what a public tip costs the server: renderings cached per tip and change, IPv6 limited per /64.

const get = (server: TestServer, url: string, headers: Record<string, string> = {}, ip = '10.0.0.1') =>
  server.app.inject({ method: 'GET', url, headers: { accept: 'text/html', ...headers }, remoteAddress: ip })

/** A JPEG-looking body (JPEG magic, then deterministic bytes) and its reference. */
function photo(seed: number, size = 1500) {
  const body = Buffer.alloc(size, 0)
  body.set([0xff, 0xd8, 0xff, 0xe0])
  for (let i = 4; i < size; i++) body[i] = (i * 13 + seed * 29) % 251
  const hash = createHash('sha256').update(body).digest('hex')
  return { body, hash, ref: { hash, width: 800, height: 600, bytes: size, takenAt: 1000 } }
}

const counters = new WeakMap<SignedIn, number>()
function next(who: SignedIn): number {
  const n = (counters.get(who) ?? 0) + 1
  counters.set(who, n)
  return n
}

async function push(who: SignedIn, mutation: ReturnType<typeof putOf> | ReturnType<typeof patchOf> | ReturnType<typeof deleteOf>): Promise<void> {
  const answer = await who.pushOk({ clientId: `client-${who.actor.id}`, mutations: [mutation] })
  expect(answer.rejected).toEqual([])
}

describeBackends('photos of public tips at /t/<code>/foto/<hash>', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const teamId = await server().team()
    const ko = await server().user('koordinator', [teamId])
    const upload = async (p: ReturnType<typeof photo>) => {
      const response = await server().app.inject({ method: 'PUT', url: `/api/photos/${p.hash}`, payload: p.body, headers: { cookie: ko.cookie, 'content-type': 'image/jpeg' } })
      expect(response.statusCode).toBeLessThan(300)
    }
    /** A tip with photos `photos`, their references in the body, written by the koordinator. */
    const writeTip = async (id: string, photos: Array<ReturnType<typeof photo>>, extra: Record<string, unknown> = {}) => {
      const body = `# Sådan gør du\n\n${photos.map((p, i) => `Trin ${i + 1}\n\n![Dialogen "Gem som" <trin ${i + 1}>](foto:${p.hash})`).join('\n\n')}`
      await push(ko, putOf(next(ko), 'tips', id, teamId, ko.actor.id, { title: 'Gem et dokument', body, tags: [], photos: photos.map((p) => p.ref), ...extra }))
    }
    return { teamId, ko, upload, writeTip }
  }

  it('a public tip shows its photos in the text and in its photo section, served from its public address with caching headers', async () => {
    const { ko, upload, writeTip } = await setup()
    const p = photo(1)
    await writeTip('tip-1', [p], { public: true })
    await upload(p)
    const code = tipCode('tip-1')
    const shown = await get(server(), `/t/${code}`)
    expect(shown.statusCode).toBe(200)
    const document = new JSDOM(shown.body).window.document
    const inText = document.querySelector('article img')!
    expect(inText.getAttribute('src')).toBe(`/t/${code}/foto/${p.hash}`)
    expect(inText.getAttribute('alt')).toBe('Dialogen "Gem som" <trin 1>')
    expect(inText.getAttribute('width')).toBe('800')
    const section = document.querySelector('section.photos')!
    expect(section.querySelector('h2')!.textContent).toBe('Billeder')
    expect(section.querySelector('img')!.getAttribute('alt')).toBe('Billede 1 af 1')
    expect(section.querySelector('a')!.getAttribute('href')).toBe(`/t/${code}/foto/${p.hash}`)

    const image = await get(server(), `/t/${code}/foto/${p.hash}`, {}, '10.0.0.2')
    expect(image.statusCode).toBe(200)
    expect(image.headers['content-type']).toBe('image/jpeg')
    expect(image.rawPayload.equals(p.body)).toBe(true)
    expect(image.headers['cache-control']).toBe('public, max-age=300')
    expect(image.headers['x-content-type-options']).toBe('nosniff')
    expect(String(image.headers['content-security-policy'])).toContain("script-src 'self'")
    expect(image.headers.etag).toBe(`"${p.hash}"`)
    const again = await get(server(), `/t/${code}/foto/${p.hash}`, { 'if-none-match': `"${p.hash}"` })
    expect(again.statusCode).toBe(304)
    // Once it is no longer public, neither the page nor the photo is served (and nothing says why).
    await push(ko, patchOf(next(ko), 'tips', 'tip-1', { public: false }, 1_000_000))
    expect((await get(server(), `/t/${code}`)).statusCode).toBe(404)
    const hidden = await get(server(), `/t/${code}/foto/${p.hash}`)
    expect(hidden.statusCode).toBe(404)
    expect(hidden.headers['cache-control']).toBe('no-store')
  })

  it("a private tip's photo, a deleted tip's, a hash the tip does not list and hostile codes are all 404, never a 5xx", async () => {
    const { teamId, ko, upload, writeTip } = await setup()
    const [mine, others, privates] = [photo(1), photo(2), photo(3)]
    await writeTip('public', [mine], { public: true })
    await writeTip('other', [others])
    await writeTip('private', [privates])
    await writeTip('gone', [photo(4)], { public: true })
    for (const p of [mine, others, privates, photo(4)]) await upload(p)
    const code = tipCode('public')
    expect((await get(server(), `/t/${code}/foto/${mine.hash}`)).statusCode).toBe(200)
    expect((await get(server(), `/t/${tipCode('gone')}/foto/${photo(4).hash}`)).statusCode).toBe(200)
    await push(ko, deleteOf(next(ko), 'tips', 'gone', 1_000_000))
    const refused = [
      `/t/${tipCode('private')}/foto/${privates.hash}`, // private tip, its own photo
      `/t/${tipCode('gone')}/foto/${photo(4).hash}`, // deleted tip
      `/t/${code}/foto/${others.hash}`, // a photo of the team that this tip does not list
      `/t/${code}/foto/${privates.hash}`,
      `/t/${code}/foto/${mine.hash.toUpperCase()}`, `/t/${code}/foto/${mine.hash.slice(1)}`, `/t/${code}/foto/..%2F..%2Fetc`,
      `/t/%3Cscript%3E/foto/${mine.hash}`, `/t/${'Z'.repeat(60)}/foto/${mine.hash}`, `/t/${code.toLowerCase()}x/foto/${mine.hash}`,
    ]
    for (const url of refused) {
      const answer = await get(server(), url, {}, '10.0.9.9')
      expect(answer.statusCode, url).toBe(404)
      expect(answer.body, url).not.toContain('<script')
    }
    expect((await get(server(), `/t/${'Z'.repeat(5000)}/foto/${mine.hash}`)).statusCode).toBeLessThan(500)
    // The private tip's photo is not reachable through the public tip either, nor across teams.
    const otherTeam = await server().team()
    const outsider = await server().user('koordinator', [otherTeam])
    await push(outsider, putOf(next(outsider), 'tips', 'theirs', otherTeam, outsider.actor.id, { title: 'Lån', body: 'x', tags: [], public: true, photos: [privates.ref] }))
    expect((await get(server(), `/t/${tipCode('theirs')}/foto/${privates.hash}`)).statusCode).toBe(404)
    expect(teamId).not.toBe(otherTeam)
  })

  it('a photo not uploaded yet shows a Danish placeholder, never an image that cannot load; once uploaded the page shows it', async () => {
    const { upload, writeTip } = await setup()
    const p = photo(5)
    await writeTip('tip-1', [p], { public: true })
    const code = tipCode('tip-1')
    const before = await get(server(), `/t/${code}`)
    expect(before.body).not.toContain('<img')
    expect(before.body).toContain('<span class="tip-photo-missing">Billedet er ikke lagt op endnu: Dialogen "Gem som" &lt;trin 1&gt;</span>')
    expect(before.body).toContain('Billede 1 af 1: Billedet er ikke lagt op endnu')
    await upload(p)
    const after = await get(server(), `/t/${code}`)
    expect(after.body).toContain(`<img src="/t/${code}/foto/${p.hash}"`)
    expect(after.body).not.toContain('class="tip-photo-missing"')
  })

  it('only the tip\'s own photos load: another hash is "not found", a web image becomes a link, raw <img> is its alt text', async () => {
    const { ko, teamId, upload } = await setup()
    const [own, foreign] = [photo(6), photo(7)]
    const body = `![egen](foto:${own.hash})\n\n![fremmed](foto:${foreign.hash})\n\n![sporing](https://tracker.example/p.gif)\n\n<img src="/t/x/foto/${own.hash}" alt="rå">`
    await push(ko, putOf(next(ko), 'tips', 'tip-1', teamId, ko.actor.id, { title: 'T', body, tags: [], public: true, photos: [own.ref] }))
    await upload(own)
    const shown = await get(server(), `/t/${tipCode('tip-1')}`)
    const article = new JSDOM(shown.body).window.document.querySelector('article')!
    expect([...article.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([`/t/${tipCode('tip-1')}/foto/${own.hash}`])
    expect(article.textContent).toContain('Billedet findes ikke: fremmed')
    expect(article.querySelector('a')!.outerHTML).toBe('<a href="https://tracker.example/p.gif" target="_blank" rel="noopener noreferrer">sporing</a>')
    expect(article.textContent).toContain('rå')
    expect(shown.body).not.toContain('tracker.example/p.gif"><')
  })

  it('renders a tip once per change, not per request, and reads the public tips only when something changed', async () => {
    const { ko, teamId, writeTip } = await setup()
    await writeTip('tip-1', [], { public: true, body: 'Første udgave' })
    const shelf = server().app.publicTips
    const url = `/t/${tipCode('tip-1')}`
    const [renders, scans] = [shelf.renders, shelf.scans]
    for (let n = 0; n < 5; n++) expect((await get(server(), url, {}, `10.3.0.${n}`)).body).toContain('Første udgave')
    expect(shelf.renders - renders).toBe(1)
    expect(shelf.scans - scans).toBe(1)
    // An unrelated change reads the tips again but renders nothing again.
    await push(ko, putOf(next(ko), 'tips', 'private', teamId, ko.actor.id, { title: 'Intern', body: 'x', tags: [] }))
    expect((await get(server(), url)).body).toContain('Første udgave')
    expect(shelf.renders - renders).toBe(1)
    expect(shelf.scans - scans).toBe(2)
    // The tip's own change is shown at once.
    await push(ko, patchOf(next(ko), 'tips', 'tip-1', { body: 'Anden udgave' }, 1_000_000))
    const changed = await get(server(), url)
    expect(changed.body).toContain('Anden udgave')
    expect(changed.body).not.toContain('Første udgave')
    expect(shelf.renders - renders).toBe(2)
  })

  it('an IPv6 client is limited per /64, so rotating addresses does not get round the limit; IPv4-mapped addresses count as IPv4', async () => {
    const { writeTip } = await setup()
    await writeTip('tip-1', [], { public: true })
    const url = `/t/${tipCode('tip-1')}`
    for (let n = 0; n < PUBLIC_TIP_LIMIT.max; n++) expect((await get(server(), url, {}, `2001:db8:7:1:${(n + 1).toString(16)}::1`)).statusCode).toBe(200)
    const rotated = await get(server(), url, {}, '2001:db8:7:1:ffff:ffff:ffff:fffe')
    expect(rotated.statusCode).toBe(429)
    expect(rotated.body).toContain('Vent lidt, og prøv igen.')
    expect((await get(server(), url, {}, '2001:db8:7:2::1')).statusCode).toBe(200)
    for (let n = 0; n < PUBLIC_TIP_LIMIT.max; n++) await get(server(), url, {}, '10.9.9.9')
    expect((await get(server(), url, {}, '::ffff:10.9.9.9')).statusCode).toBe(429)
  })
})
