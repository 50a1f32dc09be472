import { spawn } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { isAssetCode } from '../../src/domain/assetCode.ts'
import { findCprNumbers } from '../../src/domain/cpr.ts'
import { DEFAULT_DEPARTMENTS } from '../../src/domain/departments.ts'
import { parsePushRequest } from '../../src/domain/syncSchemas.ts'
import { summariseWeek } from '../../src/domain/weekBudget.ts'
import { weekKeyOf } from '../../src/domain/weekKey.ts'
import { ensureFirstAdmin } from '../../src/server/auth/bootstrap.ts'
import { hashPassword } from '../../src/server/auth/password.ts'
import { generateDemo, type DemoData } from '../../src/server/demo/generate.ts'
import { writeDemo } from '../../src/server/demo/write.ts'
import type { SystemRecord } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { putOf, testConfig, useServer } from './support/harness.ts'
import { SimClient } from './support/simClient.ts'

type Row = Record<string, unknown>

// Wednesday 30 December 2026 (2026 has 53 ISO weeks), 10.00: the 26 weeks are 2026-W28 to W53,
// so the summer holidays and Christmas are in.
const NOW = new Date(2026, 11, 30, 10, 0).getTime()
const demo = generateDemo({ seed: 'test', now: NOW })
const rows = (data: DemoData, table: SystemRecord['table']) => data.records.filter((r) => r.table === table).map((r) => r.record as Row)
const people = rows(demo, 'people')
const requests = rows(demo, 'requests')
const entries = rows(demo, 'timeEntries')
const absences = rows(demo, 'absences')
const superusers = people.filter((p) => p.role === 'superbruger')

/** Every string inside a value (nested objects and lists too). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.flatMap(stringsOf)
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsOf)
  return []
}

describe('demo generator', () => {
  it('is deterministic for a seed and differs for another seed', () => {
    expect(generateDemo({ seed: 'test', now: NOW })).toEqual(demo)
    const other = generateDemo({ seed: 'other', now: NOW })
    expect(other.records.map((r) => r.record.id)).not.toEqual(demo.records.map((r) => r.record.id))
  })

  it('has the PTM departments, six superusers, a coordinator, a leader and about 150 colleagues over 26 weeks', () => {
    expect(rows(demo, 'departments').map((d) => d.name).sort()).toEqual([...DEFAULT_DEPARTMENTS].sort())
    expect(superusers).toHaveLength(6)
    expect(people.filter((p) => p.role === 'koordinator')).toHaveLength(1)
    expect(people.filter((p) => p.role === 'leder')).toHaveLength(1)
    const colleagues = people.filter((p) => p.role === null).length
    expect(colleagues).toBeGreaterThanOrEqual(140)
    expect(colleagues).toBeLessThanOrEqual(160)
    expect(demo.weekStarts).toHaveLength(26)
    const weeks = new Set(entries.map((e) => String(e.week)))
    expect(weeks.size).toBeGreaterThanOrEqual(22) // 26 weeks less the summer and Christmas holidays
    const first = weekKeyOf(demo.weekStarts[0]!)
    expect(first).toBe('2026-W28')
    expect([...weeks].every((w) => w >= first && w <= '2026-W53')).toBe(true)
    expect(weeks.has('2026-W53') && (weeks.has(first) || absences.some((a) => a.week === first))).toBe(true)
    expect(demo.accounts.map((a) => a.role).sort()).toEqual(['koordinator', 'leder', ...Array(6).fill('superbruger')])
    expect(new Set(people.map((p) => p.email)).size).toBe(people.length)
  })

  it('every record passes the shared push schema, so devices can pull and push it back', () => {
    const mutations = demo.records.map((r, i) => ({ mutationId: i + 1, table: r.table, recordId: String(r.record.id), op: 'put' as const, fields: r.record, baseRev: 0, at: NOW }))
    for (let i = 0; i < mutations.length; i += 1000) {
      const parsed = parsePushRequest({ clientId: 'demo-check', mutations: mutations.slice(i, i + 1000) })
      expect(parsed.ok ? 'ok' : parsed.reason).toBe('ok')
    }
    expect(new Set(demo.records.map((r) => `${r.table}/${r.record.id}`)).size).toBe(demo.records.length)
  })

  it('no text anywhere looks like a CPR number', () => {
    expect(stringsOf([{ note: ['Ring på 010190-1234'] }]).filter((t) => findCprNumbers(t).length > 0)).toHaveLength(1) // the check can fail
    const texts = demo.records.flatMap((r) => stringsOf(r.record))
    expect(texts.length).toBeGreaterThan(20_000)
    expect(texts.filter((t) => findCprNumbers(t).length > 0)).toEqual([])
  })

  it('keeps most net weeks of every superuser inside the 3–4 hour band and logs nothing in absent weeks', () => {
    const band = { minHours: 3, maxHours: 4 }
    const current = weekKeyOf(NOW)
    for (const person of superusers) {
      const own = entries.filter((e) => e.personId === person.id) as unknown as Parameters<typeof summariseWeek>[1]
      const away = new Set(absences.filter((a) => a.personId === person.id).map((a) => a.week))
      const weeks = [...new Set(own.map((e) => e.week))].filter((w) => w !== current)
      expect(weeks.filter((w) => away.has(w))).toEqual([])
      const inside = weeks.filter((w) => summariseWeek(w, own, false, band, NOW).status === 'inden for').length
      expect(inside / weeks.length).toBeGreaterThanOrEqual(0.75)
      expect(weeks.length + away.size).toBeGreaterThanOrEqual(25)
    }
  })

  it('takes summer holidays around weeks 28–30 and the Christmas week', () => {
    for (const person of superusers) {
      const notes = absences.filter((a) => a.personId === person.id).map((a) => `${a.week} ${a.note}`)
      expect(notes.filter((n) => n.endsWith('Sommerferie')).length).toBeGreaterThanOrEqual(2) // three weeks, 27–29 at the earliest
      expect(notes).toContain('2026-W52 Juleferie')
    }
  })

  it('time entries lie on weekdays in working hours, never overlap per person and never in the future', () => {
    for (const person of superusers) {
      const own = entries.filter((e) => e.personId === person.id).sort((a, b) => Number(a.start) - Number(b.start))
      own.forEach((e, i) => {
        const start = new Date(Number(e.start))
        expect([1, 2, 3, 4, 5]).toContain(start.getDay())
        expect(start.getHours()).toBeGreaterThanOrEqual(8)
        expect(Number(e.end)).toBeGreaterThan(Number(e.start))
        expect(Number(e.end)).toBeLessThanOrEqual(NOW)
        expect(e.week).toBe(weekKeyOf(Number(e.start)))
        if (i > 0) expect(Number(e.start)).toBeGreaterThanOrEqual(Number(own[i - 1]!.end))
      })
    }
  })

  it('has a realistic mix: 8–15 requests per net week, most solved on the spot, some sent to IT, referred or open', () => {
    const perWeek = requests.length / new Set(entries.map((e) => `${e.personId}/${e.week}`)).size
    expect(perWeek).toBeGreaterThanOrEqual(8)
    expect(perWeek).toBeLessThanOrEqual(15)
    const count = (status: string) => requests.filter((r) => r.status === status).length
    expect(count('løst') / requests.length).toBeGreaterThan(0.7)
    for (const status of ['sendt til IT', 'henvist', 'ny', 'i gang', 'venter', 'uden for rollen']) expect(count(status)).toBeGreaterThan(0)
    expect(requests.filter((r) => r.status === 'sendt til IT').every((r) => /^INC\d{7}$/.test(String(r.helpdeskCaseNo)))).toBe(true)
    expect(requests.filter((r) => r.status === 'henvist').every((r) => (r.referrals as unknown[]).length === 1)).toBe(true)
    expect(new Set(requests.map((r) => r.channel)).size).toBe(4)
    expect(new Set(requests.map((r) => r.category)).size).toBeGreaterThanOrEqual(12)
    expect(requests.every((r) => (r.history as Row[]).every((h) => Number(h.at) <= NOW))).toBe(true)
  })

  it('links only to records that exist: departments, assets, tips, requests, templates, runs and item keys', () => {
    const ids = (table: SystemRecord['table']) => new Set(rows(demo, table).map((r) => r.id))
    const [departments, assets, tips, requestIds, templates, runs, persons] = [ids('departments'), ids('assets'), ids('tips'), ids('requests'), ids('checklistTemplates'), ids('checklistRuns'), ids('people')]
    expect(requests.every((r) => departments.has(r.departmentId) && persons.has(r.assigneeId) && (r.assetId === null || assets.has(r.assetId)) && (r.tipId === null || tips.has(r.tipId)))).toBe(true)
    expect(requests.some((r) => r.assetId !== null)).toBe(true)
    // A tip lists the requests it was made from, and each of them points back to it.
    const tipRows = rows(demo, 'tips')
    expect(tipRows.some((t) => (t.requestIds as string[]).length > 0)).toBe(true)
    expect(tipRows.every((t) => (t.requestIds as string[]).every((id) => requests.find((r) => r.id === id)?.tipId === t.id))).toBe(true)
    expect(requests.every((r) => r.tipId === null || (tipRows.find((t) => t.id === r.tipId)?.requestIds as string[]).includes(String(r.id)))).toBe(true)
    expect(rows(demo, 'tipReads').every((read) => tips.has(read.tipId) && persons.has(read.personId))).toBe(true)
    expect(entries.every((e) => e.requestId === null || requestIds.has(e.requestId))).toBe(true)
    const runRows = rows(demo, 'checklistRuns')
    expect(runRows.every((r) => templates.has(r.templateId))).toBe(true)
    const itemKeys = new Map(rows(demo, 'checklistTemplates').map((t) => [t.id, new Set((t.items as Row[]).map((i) => i.key))]))
    const templateOf = new Map(runRows.map((r) => [r.id, r.templateId]))
    expect(rows(demo, 'checklistAnswers').every((a) => runs.has(a.runId) && itemKeys.get(templateOf.get(a.runId))!.has(a.itemKey))).toBe(true)
    expect(new Set(runRows.map((r) => r.title)).size).toBeGreaterThanOrEqual(4) // onboarding, user tests, data protection …
    const codes = rows(demo, 'assets').map((a) => String(a.code))
    expect(codes.every(isAssetCode) && new Set(codes).size === codes.length).toBe(true)
  })
})

describeBackends('npm run demo writes through the server storage', (kind) => {
  const server = useServer(kind)
  const password = 'demo-test-pw'

  it('a superuser signs in with the demo password and pulls the whole team; the admin is a member too', async () => {
    const { app, backend } = server()
    await ensureFirstAdmin(app.storage, testConfig(backend))
    const result = await writeDemo(app.storage, demo, await hashPassword(password), 500)
    expect(result.created).toBe(true)
    const sb = demo.accounts[0]!
    const login = await server().login(sb.email, password)
    expect(login.statusCode).toBe(200)
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const client = new SimClient(app, 'demo-device-1', cookie, sb.id, demo.teamId)
    await client.pull()
    expect(client.records.size).toBe(demo.records.length)
    const request = demo.records.find((r) => r.table === 'requests')!.record
    expect({ ...client.records.get(`requests/${request.id}`), rev: 0 }).toEqual(request)
    client.create('requests', 'Ny henvendelse efter demoen')
    await client.settle()
    expect(client.records.size).toBe(demo.records.length + 1)
    const admin = await server().login('admin@test.dk', 'admin-pw')
    const adminCookie = admin.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
    const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: adminCookie } })
    expect(me.json<{ user: { teams: string[] } }>().user.teams).toContain(demo.teamId)
  })

  it('says the team exists on a second run and changes nothing', async () => {
    const { app } = server()
    const hash = await hashPassword(password)
    await writeDemo(app.storage, demo, hash)
    const before = await app.storage.db.selectFrom('sync_state').select('seq').executeTakeFirstOrThrow()
    const again = await writeDemo(app.storage, generateDemo({ seed: 'another', now: NOW }), hash)
    expect(again).toMatchObject({ created: false, reason: 'team_exists', teamId: demo.teamId })
    expect(await app.storage.db.selectFrom('sync_state').select('seq').executeTakeFirstOrThrow()).toEqual(before)
  })

  it('`npm run demo` runs as its own process while the server takes pushes, with unique sequence numbers', async () => {
    const { app, backend } = server()
    const team = await server().team()
    const sb = await server().user('superbruger', [team])
    const url = backend.database.kind === 'sqlite' ? `sqlite:${backend.database.file}` : backend.database.url
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--seed=process'], {
      env: { ...process.env, DATABASE_URL: url, DEMO_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString() })
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString() })
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    let running = true
    void exited.then(() => { running = false })
    let pushed = 0
    while (running) {
      pushed += 1
      await sb.pushOk({ clientId: 'busy-device', mutations: [putOf(pushed, 'requests', `busy-${pushed}`, team, sb.actor.id)] })
    }
    expect(await exited, output).toBe(0)
    const total = Number(/i alt\s+(\d+)/.exec(output)?.[1])
    expect(output).toContain(`adgangskoden "${password}"`)
    expect(output).toMatch(/superbruger +\S+@demo\.superbruger\.dk/)
    const seqs = await app.storage.db.selectFrom('records').select('seq').execute()
    expect(total).toBeGreaterThan(3000)
    expect(seqs).toHaveLength(total + 1 + pushed) // the demo, the other team and its requests
    expect(new Set(seqs.map((s) => s.seq)).size).toBe(seqs.length)
    expect(pushed).toBeGreaterThan(5)
  })
})
