import { createHash } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildServer } from '../../src/server/app.ts'
import type { HandOffConfig } from '../../src/server/config.ts'
import { HandOffRunner, LEASE_MS, MAX_BACKOFF_MS, type RunnerClock } from '../../src/server/handoff/runner.ts'
import { insertPhoto } from '../../src/server/storage/photos.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { testConfig, useServer, type SignedIn, type TestServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'
import { startSmtpSink, type SmtpSink } from './support/smtpSink.ts'
import { startTopdeskStandIn, type TopdeskStandIn } from './support/topdeskStandIn.ts'

// A fixed clock the test moves by hand: nothing here depends on today's date or time zone.
const START = Date.UTC(2026, 10, 2, 9, 0, 0)
const quiet = { info: () => {}, warn: () => {}, error: () => {} }

function testClock(): RunnerClock & { advance(ms: number): void } {
  let now = START
  return { now: () => now, advance: (ms) => { now += ms }, setTimer: () => null, clearTimer: () => {} }
}

function handOffConfig(overrides: Partial<HandOffConfig> = {}): HandOffConfig {
  return { smtpUrl: null, helpdeskEmail: 'helpdesk@it.kommune.dk', mailFrom: 'superbruger@kommune.dk', topdesk: null, followUpMs: 15 * 60_000, ...overrides }
}

function topdeskConfig(standIn: TopdeskStandIn, password = standIn.appPassword): NonNullable<HandOffConfig['topdesk']> {
  return { url: standIn.url, user: standIn.user, appPassword: password, categories: { hardware: { category: 'Hardware', subcategory: 'Printer' } } }
}

interface World {
  teamId: string
  sb: SignedIn
  mutation: number
}

/** A team with a department, an asset, a superuser (with a Person record) and nothing handed off yet. */
async function world(server: TestServer): Promise<World> {
  const teamId = await server.team()
  const sb = await server.user('superbruger', [teamId], 'cecilie@kommune.dk')
  await writeSystemRecords(server.app.storage, [
    { table: 'people', record: sampleRecord('people', sb.actor.id, teamId, 'system', { name: 'Cecilie Jakobsen', email: 'cecilie@kommune.dk' }) },
    { table: 'departments', record: sampleRecord('departments', 'd1', teamId, 'system', { name: 'Byggeri', location: 'Rådhuset' }) },
    { table: 'assets', record: sampleRecord('assets', 'a1', teamId, 'system', { code: 'K7M4QX', name: 'Printer 2. sal', building: 'A', floor: '2', room: '201' }) },
  ])
  return { teamId, sb, mutation: 0 }
}

/** Pushes a request and a hand-off of it as the superuser, as the app does after an offline hand-off. */
async function handOff(w: World, requestId: string, channel: 'mail' | 'topdesk', extra: Record<string, unknown> = {}, requestExtra: Record<string, unknown> = {}): Promise<string> {
  const id = `h-${requestId}`
  const request = sampleRecord('requests', requestId, w.teamId, w.sb.actor.id, {
    requesterName: 'Jens Hansen', departmentId: 'd1', assetId: 'a1', category: 'hardware',
    description: 'Printeren på 2. sal trækker ikke papir\nDen blinker orange', status: 'sendt til IT', ...requestExtra,
  })
  const fields = sampleRecord('handOffs', id, w.teamId, w.sb.actor.id, { requestId, channel, tried: 'Slukket og tændt, skiftet bakke', ...extra })
  await w.sb.pushOk({
    clientId: 'device-handoff-1',
    mutations: [
      { mutationId: ++w.mutation, table: 'requests', recordId: requestId, op: 'put', fields: request, baseRev: 0, at: START },
      { mutationId: ++w.mutation, table: 'handOffs', recordId: id, op: 'put', fields, baseRev: 0, at: START },
    ],
  })
  return id
}

async function pulled(w: World, table: string, id: string): Promise<Record<string, unknown>> {
  const record = (await w.sb.pullAll()).find((r) => r.table === table && r.record.id === id)
  if (!record) throw new Error(`${table} ${id} not pulled`)
  return record.record as unknown as Record<string, unknown>
}

function runner(server: TestServer | FastifyInstance, config: HandOffConfig, clock: RunnerClock, owner: string, fetchImpl?: typeof fetch): HandOffRunner {
  const app = 'app' in server ? server.app : server
  return new HandOffRunner({ storage: app.storage, config, log: quiet, clock, owner, host: 'test.local', fetch: fetchImpl })
}

describeBackends('hand-off to central IT', (kind) => {
  const server = useServer(kind)
  let smtp: SmtpSink
  let topdesk: TopdeskStandIn
  const extra: FastifyInstance[] = []

  beforeEach(async () => {
    smtp = await startSmtpSink()
    topdesk = await startTopdeskStandIn(7)
  })
  afterEach(async () => {
    for (const app of extra.splice(0)) await app.close()
    await smtp.stop()
    await topdesk.stop()
  })

  it('mails the helpdesk once, structured, and the device pulls "sendt"', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'mail')
    const clock = testClock()
    const run = runner(server(), handOffConfig({ smtpUrl: smtp.url }), clock, 'one')
    expect(await run.runRound()).toMatchObject({ enqueued: 1, attempted: 1 })
    await run.runRound()
    expect(smtp.mails).toHaveLength(1)
    const mail = smtp.mails[0]!
    expect(mail.to).toMatchObject({ text: 'helpdesk@it.kommune.dk' })
    expect(mail.messageId).toBe(`<handoff-${id}@test.local>`)
    expect(mail.subject).toContain('Printeren på 2. sal trækker ikke papir')
    for (const part of ['Hvem: Jens Hansen', 'Afdeling: Byggeri, Rådhuset', 'Udstyr: K7M4QX · Printer 2. sal', 'Placering: bygning A, etage 2, lokale 201',
      'prøvet: Slukket og tændt, skiftet bakke', 'Kontakt: Cecilie Jakobsen <cecilie@kommune.dk>', 'Reference: r1']) {
      expect(mail.text).toContain(part)
    }
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', reason: null, sentAt: START })
  })

  it('attaches the request\'s photos the server has and says how many are still on the phone', async () => {
    const w = await world(server())
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('et billede af printerens display')])
    const stored = createHash('sha256').update(jpeg).digest('hex')
    const notYet = 'b'.repeat(64)
    const ref = (hash: string) => ({ hash, width: 1600, height: 1200, bytes: 300, takenAt: START })
    await insertPhoto(server().app.storage.db, { teamId: w.teamId, hash: stored, contentType: 'image/jpeg', data: jpeg }, w.sb.actor.id, START)
    await handOff(w, 'r1', 'mail', {}, { photos: [ref(stored), ref(notYet)] })
    const run = runner(server(), handOffConfig({ smtpUrl: smtp.url }), testClock(), 'one')
    await run.runRound()
    expect(smtp.mails).toHaveLength(1)
    const mail = smtp.mails[0]!
    expect(mail.text).toContain('Billeder: 1 af 2 vedhæftet (resten er ikke sendt fra superbrugerens telefon endnu)')
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([['billede-1.jpg', 'image/jpeg']])
    expect(Buffer.compare(mail.attachments[0]!.content, jpeg)).toBe(0)
  })

  it('keeps the mail waiting while SMTP is down, then sends it once', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'mail')
    const clock = testClock()
    const run = runner(server(), handOffConfig({ smtpUrl: smtp.url }), clock, 'one')
    smtp.down = true
    await run.runRound()
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'venter', reason: 'mail_unavailable' })
    await run.runRound()
    expect(smtp.mails).toHaveLength(0)
    smtp.down = false
    await run.runRound()
    expect(smtp.mails).toHaveLength(0)
    clock.advance(MAX_BACKOFF_MS)
    await run.runRound()
    await run.runRound()
    expect(smtp.mails).toHaveLength(1)
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', reason: null })
  })

  it('fails with a reason the superuser can act on when the address is refused, or mail is not set up', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'mail')
    smtp.refuse.add('helpdesk@it.kommune.dk')
    await runner(server(), handOffConfig({ smtpUrl: smtp.url }), testClock(), 'one').runRound()
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'fejlet', reason: 'mail_address_refused' })
    const second = await handOff(w, 'r2', 'mail')
    await runner(server(), handOffConfig(), testClock(), 'one').runRound()
    expect(await pulled(w, 'handOffs', second)).toMatchObject({ state: 'fejlet', reason: 'mail_not_configured' })
    expect(smtp.mails).toHaveLength(0)
  })

  it('creates the TOPdesk incident with the mapped fields and writes its number back to the request', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'topdesk')
    await runner(server(), handOffConfig({ topdesk: topdeskConfig(topdesk) }), testClock(), 'one').runRound()
    expect(topdesk.incidents).toHaveLength(1)
    const incident = topdesk.incidents[0]!
    expect(incident).toMatchObject({
      externalNumber: 'r1', briefDescription: 'Printeren på 2. sal trækker ikke papir', caller: { dynamicName: 'Jens Hansen' },
      category: { name: 'Hardware' }, subcategory: { name: 'Printer' }, object: { name: 'K7M4QX' },
    })
    expect(incident.request).toContain('Kontakt: Cecilie Jakobsen &lt;cecilie@kommune.dk&gt;')
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', externalNumber: incident.number })
    expect(await pulled(w, 'requests', 'r1')).toMatchObject({ helpdeskCaseNo: incident.number, status: 'sendt til IT' })
  })

  it.each([
    [401, 'topdesk_unauthorized'], [403, 'topdesk_forbidden'],
  ])('shows TOPdesk %i as %s, creating nothing', async (status, reason) => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'topdesk')
    topdesk.faults.forceStatus = status
    await runner(server(), handOffConfig({ topdesk: topdeskConfig(topdesk) }), testClock(), 'one').runRound()
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'fejlet', reason })
    expect(topdesk.incidents).toHaveLength(0)
  })

  it('shows a wrong application password as 401, a refused field with TOPdesk\'s words, and waits through 5xx', async () => {
    const w = await world(server())
    const wrong = await handOff(w, 'r1', 'topdesk')
    await runner(server(), handOffConfig({ topdesk: topdeskConfig(topdesk, 'wrong') }), testClock(), 'one').runRound()
    expect(await pulled(w, 'handOffs', wrong)).toMatchObject({ state: 'fejlet', reason: 'topdesk_unauthorized' })

    const clock = testClock()
    const run = runner(server(), handOffConfig({ topdesk: { ...topdeskConfig(topdesk) } }), clock, 'one')
    topdesk.faults.forceStatus = 422
    const refused = await handOff(w, 'r2', 'topdesk')
    await run.runRound()
    expect(await pulled(w, 'handOffs', refused)).toMatchObject({ state: 'fejlet', reason: 'topdesk_refused', reasonDetail: 'Forced 422' })

    topdesk.faults.forceStatus = 503
    const later = await handOff(w, 'r3', 'topdesk')
    await run.runRound()
    expect(await pulled(w, 'handOffs', later)).toMatchObject({ state: 'venter', reason: 'topdesk_unavailable' })
    topdesk.faults.forceStatus = null
    clock.advance(MAX_BACKOFF_MS)
    await run.runRound()
    expect(await pulled(w, 'handOffs', later)).toMatchObject({ state: 'sendt', reason: null })
    expect(topdesk.incidents.map((i) => i.externalNumber)).toEqual(['r3'])
  })

  it('never makes two incidents for one hand-off with two instances, slow answers, random failures and dropped answers', async () => {
    const w = await world(server())
    const second = await buildServer(testConfig(server().backend))
    extra.push(second)
    const ids: string[] = []
    for (let i = 0; i < 12; i += 1) ids.push(await handOff(w, `r${i}`, 'topdesk'))
    Object.assign(topdesk.faults, { slowMs: 40, failRate: 0.3, dropRate: 0.35 })
    const clock = testClock()
    const config = handOffConfig({ topdesk: topdeskConfig(topdesk) })
    const runners = [runner(server(), config, clock, 'a'), runner(second, config, clock, 'b')]
    for (let round = 0; round < 40; round += 1) {
      await Promise.all(runners.map((r) => r.runRound()))
      const states = await Promise.all(ids.map(async (id) => (await pulled(w, 'handOffs', id)).state))
      if (states.every((s) => s === 'sendt')) break
      clock.advance(MAX_BACKOFF_MS)
    }
    expect(topdesk.calls.create).toBeGreaterThan(12)
    const byRequest = new Map<string, number>()
    for (const incident of topdesk.incidents) byRequest.set(incident.externalNumber, (byRequest.get(incident.externalNumber) ?? 0) + 1)
    expect([...byRequest.values()].every((n) => n === 1)).toBe(true)
    expect(byRequest.size).toBe(12)
    for (let i = 0; i < 12; i += 1) {
      const incident = topdesk.incidents.find((x) => x.externalNumber === `r${i}`)!
      expect(await pulled(w, 'handOffs', ids[i]!)).toMatchObject({ state: 'sendt', externalNumber: incident.number })
      expect(await pulled(w, 'requests', `r${i}`)).toMatchObject({ helpdeskCaseNo: incident.number })
    }
  })

  it('finds the incident after a restart in the middle of creating it, instead of making a second', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'topdesk')
    const clock = testClock()
    const config = handOffConfig({ topdesk: topdeskConfig(topdesk) })
    // The first instance dies after TOPdesk made the incident, before it heard the answer.
    let created!: () => void
    const createdSeen = new Promise<void>((resolve) => { created = resolve })
    const dying: typeof fetch = async (input, init) => {
      const answer = await fetch(input, init)
      if (init?.method === 'POST') {
        created()
        return new Promise<Response>(() => {})
      }
      return answer
    }
    void runner(server(), config, clock, 'dies', dying).runRound()
    await createdSeen
    expect(topdesk.incidents).toHaveLength(1)
    const restarted = await buildServer(testConfig(server().backend))
    extra.push(restarted)
    const after = runner(restarted, config, clock, 'restarted')
    expect(await after.runRound()).toMatchObject({ attempted: 0 })
    clock.advance(LEASE_MS + 1)
    expect(await after.runRound()).toMatchObject({ attempted: 1 })
    expect(topdesk.incidents).toHaveLength(1)
    expect(topdesk.calls.create).toBe(1)
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', externalNumber: topdesk.incidents[0]!.number })
  })

  it('follows the incident once across instances and shows when IT closed it', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'topdesk')
    const second = await buildServer(testConfig(server().backend))
    extra.push(second)
    const clock = testClock()
    const config = handOffConfig({ topdesk: topdeskConfig(topdesk) })
    const runners = [runner(server(), config, clock, 'a'), runner(second, config, clock, 'b')]
    await runners[0]!.runRound()
    clock.advance(15 * 60_000)
    await Promise.all(runners.map((r) => r.runRound()))
    expect(topdesk.calls.get).toBe(1)
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', itClosedAt: null })
    topdesk.close(topdesk.incidents[0]!.number)
    clock.advance(5 * 60_000)
    await Promise.all(runners.map((r) => r.runRound()))
    expect(topdesk.calls.get).toBe(1)
    clock.advance(10 * 60_000)
    await Promise.all(runners.map((r) => r.runRound()))
    expect(topdesk.calls.get).toBe(2)
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'sendt', itClosedAt: clock.now() })
    clock.advance(60 * 60_000)
    await Promise.all(runners.map((r) => r.runRound()))
    expect(topdesk.calls.get).toBe(2)
  })

  it('does not send a hand-off cancelled before it went out, and refuses server fields from a device', async () => {
    const w = await world(server())
    const id = await handOff(w, 'r1', 'mail')
    await w.sb.pushOk({ clientId: 'device-handoff-1', mutations: [
      { mutationId: ++w.mutation, table: 'handOffs', recordId: id, op: 'patch', fields: { state: 'annulleret' }, baseRev: 0, at: START },
    ] })
    await runner(server(), handOffConfig({ smtpUrl: smtp.url }), testClock(), 'one').runRound()
    expect(smtp.mails).toHaveLength(0)
    expect(await pulled(w, 'handOffs', id)).toMatchObject({ state: 'annulleret' })
    const answer = await w.sb.pushOk({ clientId: 'device-handoff-1', mutations: [
      { mutationId: ++w.mutation, table: 'handOffs', recordId: id, op: 'patch', fields: { state: 'sendt', externalNumber: 'I 1' }, baseRev: 0, at: START },
      { mutationId: ++w.mutation, table: 'handOffs', recordId: 'h-x', op: 'put', fields: sampleRecord('handOffs', 'h-x', w.teamId, w.sb.actor.id, { state: 'sendt' }), baseRev: 0, at: START },
    ] })
    expect(answer.rejected?.map((r) => r.recordId).sort()).toEqual(['h-x', id].sort())
  })
})

describe('hand-off configuration', () => {
  it('is read from the environment, with TOPdesk only when configured', async () => {
    const { handOffFrom, ConfigError } = await import('../../src/server/config.ts')
    expect(handOffFrom({})).toMatchObject({ smtpUrl: null, helpdeskEmail: null, topdesk: null, followUpMs: 15 * 60_000 })
    expect(handOffFrom({ SMTP_URL: 'smtp://mail.kommune.dk:587', HELPDESK_EMAIL: 'it@kommune.dk', TOPDESK_URL: 'https://kommune.topdesk.net/', TOPDESK_USER: 'u', TOPDESK_APP_PASSWORD: 'p', TOPDESK_CATEGORIES: 'hardware=Hardware/Printer;telefoni=Telefoni', HANDOFF_FOLLOW_UP_MINUTES: '5' }))
      .toMatchObject({ smtpUrl: 'smtp://mail.kommune.dk:587', helpdeskEmail: 'it@kommune.dk', followUpMs: 300_000,
        topdesk: { url: 'https://kommune.topdesk.net', categories: { hardware: { category: 'Hardware', subcategory: 'Printer' }, telefoni: { category: 'Telefoni', subcategory: null } } } })
    expect(() => handOffFrom({ TOPDESK_URL: 'https://kommune.topdesk.net' })).toThrow(ConfigError)
    expect(() => handOffFrom({ SMTP_URL: 'mail.kommune.dk' })).toThrow(/SMTP_URL/)
    expect(() => handOffFrom({ HELPDESK_EMAIL: 'it' })).toThrow(/HELPDESK_EMAIL/)
  })
})
