import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { FAULT_REPORT_LIMITS } from '../../src/server/faultReport/reportDesk.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { useServer, type TestServer } from './support/harness.ts'
import { encode, hostileBody, hostileQuery, hostileString, SCRIPTS } from './support/hostile.ts'
import { sampleRecord } from './support/records.ts'

// The colleague's page at /a/<code> (no account): rendered by the server, a plain form post, the
// same limits and CPR masking as the JSON API, and nothing typed lost when a report is refused.

const CPR = '0101901234'

async function asset(server: TestServer, teamId: string, id: string, code: string, extra: Record<string, unknown> = {}): Promise<void> {
  await writeSystemRecords(server.app.storage, [{ table: 'assets', record: sampleRecord('assets', id, teamId, 'system', { code, notes: 'intern note', serial: 'SN-9', ...extra }) }])
}

const page = (server: TestServer, url: string) => server.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } })

/** Posts the form as a browser does (application/x-www-form-urlencoded, from the page's own origin). */
const postForm = (server: TestServer, code: string, fields: Record<string, string>, ip = '10.0.0.1') => server.app.inject({
  method: 'POST', url: `/a/${code}`, remoteAddress: ip,
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:80', host: 'localhost:80' },
  payload: new URLSearchParams(fields).toString(),
})

const FIELDS = { text: 'Printeren siger papirstop', name: 'Hanne Holm', contact: 'hanne@kommune.dk', department: 'Borgerservice' }

async function qrRequests(server: TestServer): Promise<Array<Record<string, unknown>>> {
  const rows = await server.app.storage.db.selectFrom('records').select(['data']).where('tbl', '=', 'requests').execute()
  return rows.map((r) => JSON.parse(r.data) as Record<string, unknown>)
}

function hashOf(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`
}

describeBackends("the colleague's fault-report page", (kind) => {
  const server = useServer(kind)

  it('shows the public name and location escaped, never the serial or notes, and the same page for an unknown code', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX', { name: 'Printer <b>"kantinen"</b>' })
    const known = await page(server(), '/a/k7m-4qx')
    expect(known.statusCode).toBe(200)
    expect(known.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(known.body).toContain('<h1>Meld en fejl</h1>')
    expect(known.body).toContain('Printer &#60;b&#62;&#34;kantinen&#34;&#60;/b&#62;')
    expect(known.body).toContain('A, 2, 201')
    expect(known.body).not.toContain('SN-9')
    expect(known.body).not.toContain('intern note')
    expect(known.body).toContain('action="/a/K7M4QX"')
    const unknown = await page(server(), '/a/ZZZ999')
    expect(unknown.statusCode).toBe(200)
    expect(unknown.body).not.toContain('<dl')
    expect(unknown.body).toContain('<form id="report-form"')
  })

  it('allows exactly its own inline style and script by hash, and no inline code in general', async () => {
    const response = await page(server(), '/a/K7M4QX')
    const csp = String(response.headers['content-security-policy'])
    const style = /<style>([\s\S]*?)<\/style>/.exec(response.body)?.[1] ?? ''
    const script = /<script>([\s\S]*?)<\/script>/.exec(response.body)?.[1] ?? ''
    expect(style.length).toBeGreaterThan(100)
    expect(script.length).toBeGreaterThan(100)
    expect(csp).toContain(`script-src 'self' ${hashOf(script)}`)
    expect(csp).toContain(`style-src 'self' ${hashOf(style)}`)
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("form-action 'self'")
  })

  it('a sent form files a QR request with CPR numbers masked and redirects to a receipt that names the reference', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const sent = await postForm(server(), 'K7M4QX', { ...FIELDS, text: `Papirstop, cpr ${CPR}` })
    expect(sent.statusCode).toBe(303)
    const location = String(sent.headers.location)
    expect(location).toMatch(/^\/a\/K7M4QX\?sendt=QR-[0-9A-Z]{6}$/)
    const [request, ...rest] = await qrRequests(server())
    expect(rest).toHaveLength(0)
    expect(request).toMatchObject({ status: 'ny', channel: 'qr', assetId: 'a1', requesterName: 'Hanne Holm' })
    expect(JSON.stringify(request)).not.toContain(CPR)
    const receipt = await page(server(), location)
    expect(receipt.body).toContain('Tak – din fejlmelding er modtaget')
    expect(receipt.body).toContain(location.split('sendt=')[1])
    expect(receipt.body).toContain('<body data-sent>')
  })

  it('a text of only spaces comes back marked, with everything else as typed, and files nothing', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const refused = await postForm(server(), 'K7M4QX', { ...FIELDS, text: '   ', name: 'Hanne "<Holm>"' })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('aria-invalid="true"')
    expect(refused.body).toContain('Skriv, hvad der er galt, før du sender.')
    expect(refused.body).toContain('value="Hanne &#34;&#60;Holm&#62;&#34;"')
    expect(refused.body).toContain('value="hanne@kommune.dk"')
    expect(await qrRequests(server())).toHaveLength(0)
  })

  it('an unknown code is "could not be delivered" only once sent, with the text kept', async () => {
    const refused = await postForm(server(), 'ZZZ999', FIELDS)
    expect(refused.statusCode).toBe(404)
    expect(refused.body).toContain('Fejlmeldingen kunne ikke afleveres.')
    expect(refused.body).toContain('>Printeren siger papirstop</textarea>')
  })

  it('a field over its limit is refused with a reason, keeping the text', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const refused = await postForm(server(), 'K7M4QX', { ...FIELDS, name: 'x'.repeat(500) })
    expect(refused.statusCode).toBe(400)
    expect(refused.body).toContain('et felt er for langt')
    expect(refused.body).toContain('>Printeren siger papirstop</textarea>')
    expect(await qrRequests(server())).toHaveLength(0)
  })

  it('one address is held to the same limit as on the API, told to wait, and keeps its text', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    await asset(server(), teamId, 'a2', 'P3RNT2')
    const statuses: number[] = []
    for (let n = 0; n < FAULT_REPORT_LIMITS.perIp.max + 2; n += 1) {
      // Spread over two assets so the per-asset limit is not what stops them.
      statuses.push((await postForm(server(), n % 2 ? 'K7M4QX' : 'P3RNT2', FIELDS, '10.9.9.9')).statusCode)
    }
    expect(statuses.filter((s) => s === 303)).toHaveLength(FAULT_REPORT_LIMITS.perIp.max)
    const refused = await postForm(server(), 'K7M4QX', FIELDS, '10.9.9.9')
    expect(refused.statusCode).toBe(429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(refused.body).toContain('Vent lidt, og prøv igen.')
    expect(refused.body).toContain('>Printeren siger papirstop</textarea>')
  })

  it('the API still takes only JSON: a form post to it is refused as before', async () => {
    const response = await server().app.inject({
      method: 'POST', url: '/api/public/assets/K7M4QX/reports',
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(FIELDS).toString(),
    })
    expect(response.statusCode).toBe(415)
  })

  it('hostile codes, queries and bodies: never a 5xx, every refusal says why, no script comes back unescaped, nothing filed', async () => {
    const teamId = await server().team()
    await asset(server(), teamId, 'a1', 'K7M4QX')
    const form = fc.record({ text: fc.oneof(hostileString, fc.constantFrom(...SCRIPTS)), name: hostileString, contact: hostileString, department: hostileString })
      .map((fields) => ({ payload: new URLSearchParams(fields).toString(), contentType: 'application/x-www-form-urlencoded' }))
    await fc.assert(fc.asyncProperty(
      fc.oneof(hostileString, fc.constant('ZZZ999')), hostileQuery, fc.oneof(hostileBody(), form), fc.constantFrom('GET', 'POST'),
      async (code, query, body, method) => {
        const path = `/a/${encode(code).slice(0, 2000) || 'x'}`
        const headers: Record<string, string> = {}
        if (body.contentType) headers['content-type'] = body.contentType
        const response = await server().app.inject({
          method: method as 'GET' | 'POST', url: query ? `${path}?${query}` : path, headers, ...(method === 'POST' && body.payload !== undefined ? { payload: body.payload } : {}),
        })
        expect(response.statusCode).toBeLessThan(500)
        if (response.headers['content-type']?.toString().startsWith('text/html')) {
          // Markup in what was sent must come back as text; `${…}` or `javascript:` as text are harmless.
          for (const script of SCRIPTS.filter((text) => /[<>"]/.test(text))) expect(response.body).not.toContain(script)
          if (response.statusCode >= 400) expect(response.body).toMatch(/<p id="report-status" role="alert">[^<]+<\/p>|aria-invalid="true"/)
        } else if (response.statusCode >= 400) {
          expect(response.json()).toMatchObject({ error: expect.any(String), message: expect.any(String) })
        }
      },
    ), { numRuns: Number(process.env.HOSTILE_RUNS ?? 40) })
    expect(await qrRequests(server())).toHaveLength(0)
  }, 120_000)
})
