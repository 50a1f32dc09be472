import { describe, expect, it } from 'vitest'
import { FAULT_REPORT_LIMITS } from '../../src/server/faultReport/reportDesk.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { useServer, type TestServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'

const CPR = '0101901234'

async function asset(server: TestServer, teamId: string, id: string, code: string, extra: Record<string, unknown> = {}): Promise<void> {
  await writeSystemRecords(server.app.storage, [{ table: 'assets', record: sampleRecord('assets', id, teamId, 'system', { code, notes: 'intern note', serial: 'SN-9', ...extra }) }])
}

const post = (server: TestServer, code: string, payload: unknown, ip = '10.0.0.1') =>
  server.app.inject({ method: 'POST', url: `/api/public/assets/${code}/reports`, payload: payload as object, remoteAddress: ip })

async function qrRequests(server: TestServer): Promise<Array<Record<string, unknown>>> {
  const rows = await server.app.storage.db.selectFrom('records').select(['data', 'team_id']).where('tbl', '=', 'requests').execute()
  return rows.map((r) => ({ ...JSON.parse(r.data) as Record<string, unknown>, team: r.team_id }))
}

describeBackends('public fault report', (kind) => {
  const server = useServer(kind)

  it('answers only public name and location, and the same shape for unknown and retired codes', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    await asset(server(), teamId, 'a2', 'RETRD2', { retiredAt: 5000 })
    const known = await server().app.inject({ method: 'GET', url: '/api/public/assets/k7m-4qx' })
    expect(known.statusCode).toBe(200)
    expect(known.json()).toEqual({ code: 'K7M4QX', name: 'Printer 2. sal', location: 'A, 2, 201' })
    expect(known.headers['content-security-policy']).toBeTruthy()
    for (const code of ['ZZZ999', 'RETRD2']) {
      const other = await server().app.inject({ method: 'GET', url: `/api/public/assets/${code}` })
      expect(other.statusCode).toBe(200)
      expect(Object.keys(other.json()).sort()).toEqual(Object.keys(known.json()).sort())
      expect(other.json()).toEqual({ code, name: '', location: '' })
    }
  })

  it('files a report as a new QR request in the asset\'s team, CPR numbers masked in every field, and it syncs', async () => {
    const teamId = await server().team()
    const other = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX', { departmentId: 'dep1' })
    const response = await post(server(), 'K7M4QX', {
      text: `  Printeren siger papirstop, min cpr ${CPR}  `, name: `Hanne ${CPR}`, contact: `hanne@kommune.dk ${CPR}`, department: `Borgerservice ${CPR}`,
    })
    expect(response.statusCode).toBe(201)
    const { reference } = response.json<{ reference: string }>()
    expect(reference).toMatch(/^QR-[0-9A-Z]{6}$/)
    const [request, ...rest] = await qrRequests(server())
    expect(rest).toHaveLength(0)
    expect(request).toMatchObject({
      team: teamId, status: 'ny', channel: 'qr', assigneeId: null, assetId: 'a1', departmentId: 'dep1', requesterName: 'Hanne 010190-XXXX',
    })
    expect(JSON.stringify(request)).not.toContain(CPR)
    expect(request!.description).toContain('Printeren siger papirstop, min cpr 010190-XXXX')
    expect(request!.description).toContain('Kontakt: hanne@kommune.dk 010190-XXXX')
    expect(request!.description).toContain('Afdeling: Borgerservice 010190-XXXX')
    expect(request!.description).toContain(reference)

    const superuser = await server().user('superbruger', [teamId])
    const pulled = await superuser.pullAll()
    expect(pulled.filter((r) => r.table === 'requests')).toHaveLength(1)
    const outsider = await server().user('superbruger', [other])
    expect((await outsider.pullAll()).filter((r) => r.table === 'requests')).toHaveLength(0)
  })

  it('says "not delivered" for an unknown or retired code and stores nothing', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a2', 'RETRD2', { retiredAt: 5000 })
    for (const code of ['ZZZ999', 'RETRD2', 'x%25y']) {
      const response = await post(server(), code, { text: 'Skærmen er sort' })
      expect(response.statusCode).toBe(404)
      expect(response.json().error).toBe('not_delivered')
    }
    expect(await qrRequests(server())).toHaveLength(0)
  })

  it('refuses hostile payloads with a reason, and stores script text as inert text', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const refused: Array<[unknown, string]> = [
      [{ text: '   ' }, 'report_text_required'],
      [{ text: '\u00a0\n\t' }, 'report_text_required'],
      [{}, 'invalid_body'],
      [{ text: 42 }, 'invalid_body'],
      [{ text: 'x', name: ['a'] }, 'invalid_body'],
      [{ text: 'x', assigneeId: 'p1' }, 'invalid_body'],
      [{ text: 'x', status: 'løst' }, 'invalid_body'],
      [{ text: 'x'.repeat(2001) }, 'invalid_body'],
      [{ text: 'x', contact: 'y'.repeat(121) }, 'invalid_body'],
      [{ text: 'x\u0000y' }, 'invalid_body'],
      [JSON.parse('{"text":"x","__proto__":{"a":1}}'), 'invalid_body'],
      [{ text: 'x'.repeat(20_000) }, 'body_too_large'],
    ]
    for (const [payload, error] of refused) {
      const response = await post(server(), 'K7M4QX', payload)
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBeGreaterThanOrEqual(400)
      expect(response.statusCode).toBeLessThan(500)
      expect(response.json().error).toBe(error)
      expect(response.json().message).toBeTruthy()
    }
    expect(await qrRequests(server())).toHaveLength(0)
    const script = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    const stored = await post(server(), 'K7M4QX', { text: script, name: script })
    expect(stored.statusCode).toBe(201)
    expect(stored.headers['content-type']).toContain('application/json')
    const [request] = await qrRequests(server())
    expect(request!.requesterName).toBe(script)
    expect(request!.description).toContain(script)
  })

  it('a burst of 1,000 posts from one address creates at most the limit, answering 429 and never a 5xx', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    await asset(server(), teamId, 'a2', 'B7M4QX')
    const statuses = new Map<number, number>()
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        post(server(), (batch + i) % 2 === 0 ? 'K7M4QX' : 'B7M4QX', { text: `Fejl ${batch}-${i}` }, '10.9.9.9')))
      for (const a of answers) statuses.set(a.statusCode, (statuses.get(a.statusCode) ?? 0) + 1)
    }
    expect([...statuses.keys()].every((s) => s < 500)).toBe(true)
    expect(statuses.get(201)).toBe(FAULT_REPORT_LIMITS.perIp.max)
    expect(statuses.get(429)).toBe(1000 - FAULT_REPORT_LIMITS.perIp.max)
    expect(await qrRequests(server())).toHaveLength(FAULT_REPORT_LIMITS.perIp.max)
    const limited = await post(server(), 'K7M4QX', { text: 'igen' }, '10.9.9.9')
    expect(limited.headers['retry-after']).toBeTruthy()
    expect(limited.json().error).toBe('too_many_reports')
  })

  it('counts an IPv6 client per /64, so changing addresses inside its network does not lift the limit', async () => {
    const teamId = await server().team()
    for (let i = 0; i < 4; i++) await asset(server(), teamId, `a${i}`, ['K7M4QX', 'B7M4QX', 'C7M4QX', 'D7M4QX'][i]!)
    const codes = ['K7M4QX', 'B7M4QX', 'C7M4QX', 'D7M4QX']
    const answers: number[] = []
    for (let i = 0; i < FAULT_REPORT_LIMITS.perIp.max + 3; i++) {
      const ip = `2001:db8:7:1::${(i + 1).toString(16)}`
      answers.push((await post(server(), codes[i % codes.length]!, { text: `Fejl ${i}` }, ip)).statusCode)
    }
    expect(answers.filter((s) => s === 201)).toHaveLength(FAULT_REPORT_LIMITS.perIp.max)
    expect(answers.filter((s) => s === 429)).toHaveLength(3)
    const otherNetwork = await post(server(), 'K7M4QX', { text: 'andet net' }, '2001:db8:7:2::1')
    expect(otherNetwork.statusCode).not.toBe(429)
  })

  it('limits reports per asset across addresses', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const answers = []
    for (let i = 0; i < 12; i++) answers.push((await post(server(), 'K7M4QX', { text: `Fejl ${i}` }, `10.1.0.${i}`)).statusCode)
    expect(answers.filter((s) => s === 201)).toHaveLength(FAULT_REPORT_LIMITS.perAsset.max)
    expect(answers.filter((s) => s === 429)).toHaveLength(12 - FAULT_REPORT_LIMITS.perAsset.max)
  })
})

describe('fault report route registration', () => {
  it('keeps the per-IP limit below a thousand', () => {
    expect(FAULT_REPORT_LIMITS.perIp.max).toBeLessThan(1000)
  })
})
