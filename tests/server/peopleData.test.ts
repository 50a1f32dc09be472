import { expect, it } from 'vitest'
import type { AnonymiseResponse, PeopleDataSearchResponse } from '../../src/domain/privacyProtocol.ts'
import { csvField, guardFormula } from '../../src/server/retention/peopleExport.ts'
import { describeBackends } from './support/backends.ts'
import { putOf, useServer, type SignedIn } from './support/harness.ts'

/** A strict RFC 4180 reader: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++ } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') { row.push(field); field = '' } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++ } else field += c
  }
  expect(field).toBe('')
  return rows
}

it('guards formulas and quotes CSV fields as RFC 4180 says', () => {
  for (const text of ['=1+1', '+45 1234', '-2', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(text)).toBe(`'${text}`)
  for (const text of ['Hanne', '1=1', 'a-b', '']) expect(guardFormula(text)).toBe(text)
  expect(csvField('plain')).toBe('plain')
  expect(csvField('a,b')).toBe('"a,b"')
  expect(csvField('say "hi"')).toBe('"say ""hi"""')
  expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
})

describeBackends('people in the data: search, export and anonymise', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const otherTeam = await server().team()
    const ko = await server().user('koordinator', [team])
    const koOther = await server().user('koordinator', [otherTeam])
    const p = ko.actor.id
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [
      putOf(1, 'people', 'p-hanne', team, p, { name: 'Hanne Hansen', initials: 'HH', email: 'hh@kommune.dk', role: null }),
      putOf(2, 'requests', 'r-name', team, p, { requesterName: 'Hanne Hansen', description: 'Printer virker ikke' }),
      putOf(3, 'requests', 'r-text', team, p, { requesterName: 'Ole', description: 'Ring til HANNE hansen igen, lokal 44' }),
      putOf(4, 'requests', 'r-assignee', team, p, { requesterName: 'Ole', description: 'Skærm', assigneeId: 'p-hanne' }),
      putOf(5, 'requests', 'r-formula', team, p, { requesterName: 'Hanne Hansen', description: '=HYPERLINK("http://x","klik"), hanne hansen' }),
      putOf(6, 'requests', 'r-other', team, p, { requesterName: 'Jens', description: 'Acadre' }),
      putOf(7, 'timeEntries', 't-hanne', team, 'p-hanne', { note: 'Undervisning' }),
      putOf(8, 'checklistTemplates', 'tpl', team, p, { items: [{ key: 'navn', label: 'Navn', kind: 'text', required: false }] }),
      putOf(9, 'checklistRuns', 'run', team, p, { templateId: 'tpl', subject: { kind: 'person', refId: 'p-hanne', label: 'Hanne' } }),
      putOf(10, 'checklistAnswers', 'a-hanne', team, p, { runId: 'run', itemKey: 'navn', value: 'Hanne Hansen, ny i Byg' }),
      putOf(11, 'tips', 'tip-hanne', team, p, { body: 'Spørg Hanne Hansen om skabeloner' }),
    ] })
    await koOther.pushOk({ clientId: 'ko-other-01', mutations: [putOf(1, 'requests', 'r-elsewhere', otherTeam, koOther.actor.id, { requesterName: 'Hanne Hansen' })] })
    return { team, otherTeam, ko }
  }

  const get = (who: SignedIn, url: string) => server().app.inject({ method: 'GET', url, headers: { cookie: who.cookie } })
  const anonymise = (who: SignedIn, payload: object) =>
    server().app.inject({ method: 'POST', url: '/api/people-data/anonymise', payload, headers: { cookie: who.cookie } })

  it('finds every record of the team that names the person, grouped by table with counts', async () => {
    const { ko } = await setup()
    const response = await get(ko, '/api/people-data/search?q=hanne%20hansen')
    expect(response.statusCode).toBe(200)
    const body = response.json<PeopleDataSearchResponse>()
    const summary = Object.fromEntries(body.groups.map((g) => [g.table, [g.count, g.hits.map((h) => `${h.id}:${h.matches.join('+')}`)]]))
    expect(summary).toEqual({
      people: [1, ['p-hanne:id+name']],
      requests: [4, ['r-name:requesterName', 'r-text:description', 'r-assignee:assigneeId', 'r-formula:description+requesterName']],
      timeEntries: [1, ['t-hanne:personId']],
      checklistRuns: [1, ['run:subject.refId']],
      checklistAnswers: [1, ['a-hanne:value']],
      tips: [1, ['tip-hanne:body']],
    })
    expect(body).toMatchObject({ q: 'hanne hansen', total: 9, truncated: false })
    const tip = body.groups.find((g) => g.table === 'tips')!.hits[0]!
    expect(tip.anonymisable).toBe(false)
    expect(tip.record).toMatchObject({ id: 'tip-hanne', body: 'Spørg Hanne Hansen om skabeloner', deletedAt: null })
    // Danish letters match whatever their case
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [putOf(12, 'requests', 'r-ærø', ko.actor.teams[0]!, ko.actor.id, { requesterName: 'SØREN ÆRØ' })] })
    const danish = (await get(ko, '/api/people-data/search?q=s%C3%B8ren%20%C3%A6r%C3%B8')).json<PeopleDataSearchResponse>()
    expect(danish.total).toBe(1)
  })

  it('exports JSON and CSV as downloads that parse back, with formulas disarmed, and audits without the name', async () => {
    const { ko, team } = await setup()
    const json = await get(ko, '/api/people-data/export?q=Hanne%20Hansen&format=json')
    expect(json.statusCode).toBe(200)
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(json.headers['content-disposition']).toMatch(/^attachment; filename="personoplysninger-\d{4}-\d{2}-\d{2}\.json"$/)
    const doc = json.json<{ total: number; records: Array<{ table: string; id: string; record: Record<string, unknown> }> }>()
    expect(doc.total).toBe(9)
    expect(doc.records.find((r) => r.id === 'r-formula')!.record.description).toBe('=HYPERLINK("http://x","klik"), hanne hansen')

    const csv = await get(ko, '/api/people-data/export?q=Hanne%20Hansen&format=csv')
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="personoplysninger-.*\.csv"$/)
    expect(csv.body.startsWith('\uFEFFtabel,id,felt,værdi\r\n')).toBe(true)
    const rows = parseCsv(csv.body.slice(1))
    expect(rows[0]).toEqual(['tabel', 'id', 'felt', 'værdi'])
    expect(rows.every((r) => r.length === 4)).toBe(true)
    const cell = (id: string, field: string) => rows.find((r) => r[1] === id && r[2] === field)?.[3]
    expect(cell('r-name', 'requesterName')).toBe('Hanne Hansen')
    expect(cell('r-formula', 'description')).toBe(`'=HYPERLINK("http://x","klik"), hanne hansen`)
    expect(cell('a-hanne', 'value')).toBe('Hanne Hansen, ny i Byg')
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(9)
    expect(rows.some((r) => r[1] === 'r-elsewhere' || r[1] === 'r-other')).toBe(false)

    const audit = await server().app.storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'export').execute()
    expect(audit.map((a) => [a.team_id, a.actor_id, JSON.parse(a.details).format, JSON.parse(a.details).records])).toEqual([
      [team, ko.actor.id, 'json', 9], [team, ko.actor.id, 'csv', 9],
    ])
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('hansen')
  })

  it('anonymises the chosen hits in one go; devices get new revisions; other records are left alone', async () => {
    const { ko, team } = await setup()
    const before = (await ko.pull()).nextCursor
    const response = await anonymise(ko, { q: 'Hanne Hansen', recordIds: ['r-name', 'r-text', 'a-hanne', 'tip-hanne', 'r-other', 'nope', 'r-name'] })
    expect(response.statusCode).toBe(200)
    const body = response.json<AnonymiseResponse>()
    expect(body.anonymised).toBe(3)
    expect(body.skipped).toEqual([
      { id: 'tip-hanne', reason: 'not_anonymisable' }, { id: 'r-other', reason: 'no_match' }, { id: 'nope', reason: 'no_match' },
    ])
    const pulled = await ko.pull(before)
    expect(pulled.records.map((r) => r.record.id).sort()).toEqual(['a-hanne', 'r-name', 'r-text'])
    expect(pulled.nextCursor).toBe(body.seq)
    const byId = new Map(pulled.records.map((r) => [String(r.record.id), r.record as unknown as Record<string, unknown>]))
    expect(byId.get('r-name')).toMatchObject({ requesterName: 'Anonymiseret', description: 'Anonymiseret', status: 'ny', category: 'acadre' })
    expect(byId.get('r-text')).toMatchObject({ requesterName: 'Anonymiseret', description: 'Anonymiseret' })
    expect(byId.get('a-hanne')).toMatchObject({ value: 'Anonymiseret', itemKey: 'navn' })
    const rows = await server().app.storage.db.selectFrom('records').select(['id', 'data']).where('id', 'in', ['r-name', 'r-text', 'a-hanne']).execute()
    expect(rows.map((r) => r.data.toLowerCase()).join()).not.toContain('hansen')

    const audit = await server().app.storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'erasure').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ team_id: team, actor_id: ko.actor.id })
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ requested: 3, anonymised: 3, byTable: { requests: 2, checklistAnswers: 1 } })
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('hansen')

    const again = (await anonymise(ko, { q: 'Hanne Hansen', recordIds: ['r-formula'] })).json<AnonymiseResponse>()
    expect(again.anonymised).toBe(1)
    const search = (await get(ko, '/api/people-data/search?q=Hanne%20Hansen')).json<PeopleDataSearchResponse>()
    expect(search.groups.find((g) => g.table === 'requests')!.hits.map((h) => h.id)).toEqual(['r-assignee'])
  })

  it('only a koordinator or admin of the team may search, export or anonymise', async () => {
    const { team, otherTeam, ko } = await setup()
    for (const role of ['superbruger', 'leder'] as const) {
      const who = await server().user(role, [team])
      for (const response of [
        await get(who, '/api/people-data/search?q=Hanne'),
        await get(who, '/api/people-data/export?q=Hanne&format=csv'),
        await anonymise(who, { q: 'Hanne', recordIds: ['r-name'] }),
      ]) {
        expect(response.statusCode).toBe(403)
        expect(response.json()).toMatchObject({ error: 'forbidden' })
      }
    }
    expect((await get(ko, `/api/people-data/search?q=Hanne&teamId=${otherTeam}`)).statusCode).toBe(403)
    expect((await anonymise(ko, { q: 'Hanne', recordIds: ['r-elsewhere'] })).json().skipped).toEqual([{ id: 'r-elsewhere', reason: 'no_match' }])
    const admin = await server().user('admin', [team])
    expect((await get(admin, '/api/people-data/search?q=Hanne')).json().total).toBe(9)
    expect((await server().app.inject({ method: 'GET', url: '/api/people-data/search?q=Hanne' })).statusCode).toBe(401)
    const rows = await server().app.storage.db.selectFrom('records').select('data').where('id', '=', 'r-name').executeTakeFirstOrThrow()
    expect(rows.data).toContain('Hanne Hansen')
  })

  it('rejects bad input with 400 and a reason', async () => {
    const { ko } = await setup()
    for (const url of [
      '/api/people-data/search', '/api/people-data/search?q=h', `/api/people-data/search?q=${'x'.repeat(101)}`,
      '/api/people-data/search?q=Hanne&q=Ole', '/api/people-data/search?q=Hanne&extra=1',
      '/api/people-data/export?q=Hanne', '/api/people-data/export?q=Hanne&format=xml',
    ]) {
      const response = await get(ko, url)
      expect(response.statusCode, url).toBe(400)
      expect(response.json(), url).toMatchObject({ error: 'invalid_query', details: expect.any(String) })
    }
    for (const payload of [{}, { q: 'Hanne' }, { q: 'Hanne', recordIds: [] }, { q: 'Hanne', recordIds: 'r-name' },
      { q: 'H', recordIds: ['r-name'] }, { q: 'Hanne', recordIds: [''] }, { q: 'Hanne', recordIds: ['r-name'], extra: true }]) {
      const response = await anonymise(ko, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json()).toMatchObject({ error: 'invalid_body', details: expect.any(String) })
    }
  })
})
