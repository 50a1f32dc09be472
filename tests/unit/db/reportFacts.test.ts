// The report is counted from the report facts (db/reportFacts.ts), small copies kept in step with
// every write. A stale or missing fact is a wrong figure, so these tests count each report twice —
// from the facts (the app's path) and from the raw stored records (the way the app read before the
// facts) — after writes, sync applies, tombstones, purges, the upgrade and writes past the app.
import { describe, expect, it } from 'vitest'
import Dexie from 'dexie'
import { db, useDatabase } from '../../../src/db/database.ts'
import { schemaV6, schemaV8 } from '../../../src/db/migrations.ts'
import { countReport, loadReportData } from '../../../src/db/reportData.ts'
import { ensureReportFacts } from '../../../src/db/reportFacts.ts'
import { packFacts } from '../../../src/domain/report/facts.ts'
import { changeStatus, createRequest, deleteRequest, referRequest, updateRequest } from '../../../src/db/requests.ts'
import { addManualEntry, deleteEntry, updateEntry } from '../../../src/db/timeEntries.ts'
import { applyPulledPage, resetLocalCopies } from '../../../src/db/syncApply.ts'
import { withLocalFields } from '../../../src/db/derivedFields.ts'
import { moveLocalData } from '../../../src/db/moveLocalData.ts'
import { bandMembers } from '../../../src/domain/teamWeek.ts'
import { buildReport, trendWeeks, type DepartmentFilter, type Report } from '../../../src/domain/report/report.ts'
import { parsePeriod, shiftPeriod, type Period } from '../../../src/domain/report/period.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import { weekKey, isoWeekOf } from '../../../src/domain/weekKey.ts'
import { DEFAULT_BUDGET } from '../../../src/domain/weekBudget.ts'
import { CHANNELS, OWNERS, type Request, type RequestStatus } from '../../../src/domain/records/request.ts'
import type { Activity } from '../../../src/domain/activities.ts'
import type { TimeEntry } from '../../../src/domain/records/timeEntry.ts'
import type { DepartmentId, PersonId, RequestId, TeamId } from '../../../src/domain/records/fields.ts'
import type { PulledRecord } from '../../../src/domain/protocol.ts'

const me = 'p1' as PersonId
const T1 = 't1' as TeamId
const author = { teamId: T1, personId: me }
const other = { teamId: 't2' as TeamId, personId: 'p9' as PersonId }
const A = 'dep-a' as DepartmentId
const B = 'dep-b' as DepartmentId
const DEPARTMENTS: DepartmentId[] = [A, B, 'dep-c' as DepartmentId]
const FILTERS: DepartmentFilter[] = [null, 'ingen', A, B]
const november = parsePeriod('2026-11')!
const PERIODS: Period[] = [november, parsePeriod('2026-10')!, parsePeriod('2026')!, parsePeriod('2026-K4')!, parsePeriod('2026-W46')!]
const DAY = 86_400_000
const HOUR = 3_600_000
// Local times in November, whatever the zone: the period's own midnight plus days and hours.
const nov = (day: number, hour = 10) => november.start + (day - 1) * DAY + hour * HOUR
const NOW = november.end + 20 * DAY
const ACTIVITIES: Activity[] = ['daglig hjælp', 'udvikling', 'videndeling']

/** A small deterministic generator, so the data is the same in every run. */
function generator(seed: number) {
  let state = seed
  const next = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]! }
}

/**
 * The report data read from the raw records, as loadReportData did before the facts: whole
 * requests by createdAt, whole time entries by week, live and of the team.
 */
async function rawReportData(teamId: TeamId, period: Period, now: number) {
  const database = db()
  const previous = shiftPeriod(period, -1)
  const weeks = trendWeeks(period).map((w) => w.week)
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  const requests = live(await database.requests.where('createdAt').between(previous.start, period.end, true, false).toArray())
  const entries = live(await database.timeEntries.where('week').between(weeks[0]!, weeks.at(-1)!, true, true).toArray())
  const linked = new Map<RequestId, Pick<Request, 'departmentId' | 'owner'>>(requests.map((r) => [r.id, r]))
  for (const e of entries) {
    if (e.requestId === null || linked.has(e.requestId)) continue
    const r = await database.requests.get(e.requestId)
    if (r && r.deletedAt === null) linked.set(r.id, r)
  }
  const team = await database.teams.get(teamId)
  return {
    requests, linked, entries, runs: live(await database.checklistRuns.toArray()),
    members: bandMembers(live(await database.people.where('teamId').equals(teamId).toArray())).map((p) => p.id),
    band: team?.budget ?? DEFAULT_BUDGET, overrides: team?.budgetOverrides ?? [], absences: live(await database.absences.toArray()), now,
  }
}

/** Hours are sums of fractions, added in another order by the two reads: equal to 9 decimals. */
function rounded(report: Report): unknown {
  return JSON.parse(JSON.stringify(report, (_, v: unknown) => typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v))
}

/** Every period and department filter counted from the facts equals the count from the raw records. */
async function expectFactsMatchRecords(teamId: TeamId = T1): Promise<void> {
  for (const period of PERIODS) {
    const fromFacts = await loadReportData(teamId, period, NOW)
    const fromRecords = await rawReportData(teamId, period, NOW)
    for (const department of FILTERS) {
      const fast = countReport(fromFacts, period, department)
      const raw = buildReport({ ...fromRecords, period, previous: shiftPeriod(period, -1), department })
      expect(rounded(fast), `${period.key} ${department}`).toEqual(rounded(raw))
    }
  }
}

/** Requests and time entries of October and November written with the app's own functions. */
async function writeWithTheApp(seed = 1): Promise<{ requests: Request[], entries: TimeEntry[] }> {
  const g = generator(seed)
  const requests: Request[] = []
  const entries: TimeEntry[] = []
  for (let i = 0; i < 60; i++) {
    const at = nov(1 + Math.floor(g.next() * 30), 8 + Math.floor(g.next() * 8)) - (g.next() < 0.4 ? 31 * DAY : 0)
    const departmentId = g.next() < 0.2 ? null : g.pick(DEPARTMENTS)
    const draft = { ...emptyDraft(me), description: `Sag ${i}`, departmentId, channel: g.pick(CHANNELS), owner: g.pick(OWNERS), category: g.pick(['acadre', 'office', 'printer', 'andet']) }
    const withTime = g.next() < 0.3 ? { logMinutes: 15 + Math.floor(g.next() * 60), activity: g.pick(ACTIVITIES) } : null
    requests.push(await createRequest(g.next() < 0.1 ? other : author, draft, withTime, at))
  }
  for (let i = 0; i < 80; i++) {
    const start = nov(1 + Math.floor(g.next() * 30), 8 + Math.floor(g.next() * 8)) - (g.next() < 0.3 ? 31 * DAY : 0)
    const on = g.next() < 0.7 ? g.pick(requests) : null
    entries.push(await addManualEntry(g.next() < 0.1 ? other : author, {
      start, end: start + (10 + Math.floor(g.next() * 120)) * 60_000, activity: g.pick(ACTIVITIES), requestId: on?.id ?? null, note: 'noter',
    }))
  }
  return { requests, entries }
}

describe('report facts', () => {
  it('keep one small row per request and time entry, without the free text, packed by team and week', async () => {
    const { requests, entries } = await writeWithTheApp()
    expect(await db().reportRequests.count()).toBe(requests.length)
    const fact = await db().reportRequests.get(requests[0]!.id)
    expect(Object.keys(fact!).sort()).toEqual(['assetId', 'category', 'channel', 'createdAt', 'departmentId', 'history', 'id', 'owner', 'presetId', 'status', 'teamId'])
    // Entries logged with a request are counted too.
    expect(await db().reportEntries.count()).toBe(await db().timeEntries.count())
    expect(await db().reportEntries.get(entries[0]!.id)).not.toHaveProperty('note')
  })

  it('give the same report as the raw records after creating, changing, referring and deleting', async () => {
    const { requests, entries } = await writeWithTheApp()
    const g = generator(2)
    await expectFactsMatchRecords()
    for (const r of requests.slice(0, 30)) {
      const to = g.pick<RequestStatus>(['sendt til IT', 'løst', 'i gang', 'uden for rollen'])
      await changeStatus(r.id, to, me, r.createdAt + HOUR)
      if (to === 'sendt til IT' && g.next() < 0.7) await changeStatus(r.id, 'løst', me, r.createdAt + 5 * HOUR)
    }
    for (const r of requests.slice(30, 40)) {
      await referRequest(r.id, 'p2' as PersonId, 'Kan du?', me, r.createdAt + 2 * HOUR)
      if (g.next() < 0.5) await changeStatus(r.id, 'løst', me, r.createdAt + 9 * HOUR)
    }
    for (const r of requests.slice(40, 50)) await updateRequest(r.id, { departmentId: g.pick(DEPARTMENTS), category: 'office', owner: 'it-afdelingen' }, me, r.createdAt + HOUR)
    await expectFactsMatchRecords()
    for (const e of entries.slice(0, 20)) await updateEntry(e.id, { start: e.start - 40 * DAY, end: e.end! - 40 * DAY + HOUR, activity: 'udvikling' }, e.start + DAY)
    for (const e of entries.slice(20, 35)) await deleteEntry(e.id, e.start + DAY)
    for (const r of requests.slice(50, 58)) await deleteRequest(r.id, r.createdAt + DAY)
    await expectFactsMatchRecords()
    // A deleted record's fact is its id alone: in no index, never read.
    expect(await db().reportRequests.get(requests[50]!.id)).toEqual({ id: requests[50]!.id })
    await expectFactsMatchRecords(other.teamId)
  })

  it('give the same report after sync applies, tombstones and a purge of the local copies', async () => {
    const { requests, entries } = await writeWithTheApp(3)
    const g = generator(4)
    // Pulled from the server: new requests with hand-offs, edits of known ones, tombstones.
    const sync = (id: string, at: number, rev: number) => ({ id, teamId: T1, createdAt: at, createdBy: 'p2', updatedAt: at + HOUR, rev, deletedAt: null })
    const pulled: PulledRecord[] = []
    for (let i = 0; i < 40; i++) {
      const at = nov(1 + Math.floor(g.next() * 30))
      const handed = g.pick<RequestStatus>(['sendt til IT', 'henvist'])
      const solved = g.next() < 0.6
      pulled.push({
        table: 'requests', record: {
          ...sync(`pulled-${i}`, at, 100 + i), requesterName: 'Bo', departmentId: g.pick([...DEPARTMENTS, null]), channel: g.pick(CHANNELS), category: 'acadre',
          presetId: g.next() < 0.5 ? 'printer-papir' : null, description: 'Fra serveren', status: solved ? 'løst' : handed, owner: g.pick(OWNERS), assigneeId: null,
          referrals: [], assetId: g.next() < 0.5 ? 'asset-1' : null, helpdeskCaseNo: '', resolution: '', tipId: null,
          history: [{ at, by: 'p2', from: null, to: 'ny' }, { at: at + HOUR, by: 'p2', from: 'ny', to: handed }, ...(solved ? [{ at: at + 3 * HOUR, by: 'p2', from: handed, to: 'løst' }] : [])],
        } as never,
      })
      pulled.push({
        table: 'timeEntries', record: {
          ...sync(`pulled-entry-${i}`, at, 200 + i), personId: 'p2', start: at, end: at + 45 * 60_000, activity: g.pick(ACTIVITIES),
          requestId: g.next() < 0.5 ? `pulled-${i}` : g.pick(requests).id, note: '', week: weekKey(isoWeekOf(at)),
        } as never,
      })
    }
    await applyPulledPage(pulled, 300)
    await expectFactsMatchRecords()
    // Another device deleted some, and changed the department of others.
    const tombstones: PulledRecord[] = [...requests.slice(0, 10), ...entries.slice(0, 10)].map((r) => ({
      table: 'requestId' in r ? 'timeEntries' : 'requests',
      record: { id: r.id, teamId: r.teamId, createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: NOW, rev: 400, deletedAt: NOW } as never,
    }))
    const moved: PulledRecord[] = requests.slice(10, 20).map((r) => ({ table: 'requests', record: { ...r, departmentId: A, rev: 401 } as never }))
    await applyPulledPage([...tombstones, ...moved], 500)
    await expectFactsMatchRecords()
    // Dropping every local copy (the server purged records) keeps only what the outbox brings back.
    await resetLocalCopies()
    expect(await db().reportRequests.count()).toBe(await db().requests.count())
    expect(await db().reportEntries.count()).toBe(await db().timeEntries.count())
    await expectFactsMatchRecords()
  })

  it('follow records moved from the device\'s local database into an account\'s', async () => {
    await writeWithTheApp(5)
    const local = db().name
    const account = useDatabase(`${local}-account`).name
    const moved = await moveLocalData(author, local, NOW)
    expect(moved.moved.requests).toBeGreaterThan(0)
    expect(await db().reportRequests.count()).toBe(await db().requests.count())
    expect(await db().reportEntries.count()).toBe(await db().timeEntries.count())
    await expectFactsMatchRecords()
    db().close()
    await Dexie.delete(account)
    await Dexie.delete(local)
  })

  it('are stored with their record or not at all', async () => {
    const { requests } = await writeWithTheApp(6)
    const fact = await db().reportRequests.get(requests[0]!.id)
    await expect(db().transaction('rw', db().requests, async () => {
      await db().requests.update(requests[0]!.id, { departmentId: B, category: 'office' })
      throw new Error('afbrudt')
    })).rejects.toThrow('afbrudt')
    expect(await db().reportRequests.get(requests[0]!.id)).toEqual(fact)
    // A bulk write whose failed rows are caught keeps the facts of the rows stored, only.
    const fresh = { ...requests[1]!, id: 'new-one' as RequestId, departmentId: B }
    await db().transaction('rw', db().requests, async () => {
      await db().requests.bulkAdd([requests[1]!, fresh]).catch(() => undefined)
    })
    expect(await db().reportRequests.get('new-one')).toMatchObject({ departmentId: B })
    expect(await db().reportRequests.count()).toBe(await db().requests.count())
    await expectFactsMatchRecords()
  })

  it('are built by the upgrade from a database of version 6 with records', async () => {
    const name = `facts-upgrade-${Math.random().toString(36).slice(2)}`
    // Written by the app first, then copied as they are stored into a version-6 database.
    const { requests } = await writeWithTheApp(7)
    await deleteRequest(requests[3]!.id, NOW)
    const stored = { requests: await db().requests.toArray(), timeEntries: await db().timeEntries.toArray() }
    const old = new Dexie(name)
    old.version(6).stores(schemaV6)
    await old.table('requests').bulkAdd(stored.requests)
    await old.table('timeEntries').bulkAdd(stored.timeEntries)
    old.close()
    const before = db().name
    useDatabase(name)
    expect(await db().reportRequests.count()).toBe(stored.requests.length)
    expect(await db().reportEntries.count()).toBe(stored.timeEntries.length)
    await expectFactsMatchRecords()
    expect(await ensureReportFacts(db())).toBe(false)
    db().close()
    await Dexie.delete(name)
    await Dexie.delete(before)
  })

  it('give the same report as the raw records on a generated year of data, packed column-wise', async () => {
    // Written straight to the tables (through the app's Dexie, so the facts follow): many packs,
    // every kind of value a fact holds (null departments and owners, hand-off histories, entries
    // on requests of the year before, running timers without an end).
    const g = generator(11)
    const year = parsePeriod('2026')!
    const from = year.start - 120 * DAY
    const at = () => from + Math.floor(g.next() * (year.end - from))
    const requests: Request[] = []
    for (let i = 0; i < 3000; i++) {
      const created = at()
      const to = g.pick<RequestStatus>(['ny', 'i gang', 'sendt til IT', 'henvist', 'løst', 'uden for rollen'])
      const history: { at: number, by: PersonId, from: RequestStatus | null, to: RequestStatus }[] = [{ at: created, by: me, from: null, to: 'ny' }]
      if (to !== 'ny') history.push({ at: created + HOUR, by: me, from: 'ny', to })
      if ((to === 'sendt til IT' || to === 'henvist') && g.next() < 0.5) history.push({ at: created + 30 * HOUR, by: me, from: to, to: 'løst' })
      requests.push(withLocalFields('requests', {
        id: `gen-${i}`, teamId: g.next() < 0.1 ? other.teamId : T1, createdAt: created, createdBy: me, updatedAt: created, rev: i, deletedAt: g.next() < 0.03 ? created + DAY : null,
        requesterName: 'Ib', departmentId: g.next() < 0.15 ? null : g.pick(DEPARTMENTS), channel: g.pick(CHANNELS), category: g.pick(['acadre', 'office', 'printer', 'andet']),
        presetId: g.next() < 0.3 ? 'printer-papir' : null, description: `Sag ${i}`, status: history.at(-1)!.to, owner: g.pick(OWNERS), assigneeId: null,
        referrals: [], history, assetId: g.next() < 0.2 ? `asset-${i % 17}` : null, helpdeskCaseNo: '', resolution: '', tipId: null,
      }) as unknown as Request)
    }
    await db().requests.bulkPut(requests)
    const entries: TimeEntry[] = []
    for (let i = 0; i < 6000; i++) {
      const start = at()
      const on = g.next() < 0.6 ? g.pick(requests) : null
      entries.push(withLocalFields('timeEntries', {
        id: `gen-entry-${i}`, teamId: g.next() < 0.1 ? other.teamId : T1, createdAt: start, createdBy: me, updatedAt: start, rev: i, deletedAt: g.next() < 0.03 ? start + DAY : null,
        personId: g.pick([me, 'p2', 'p3']), start, end: g.next() < 0.02 ? null : start + (5 + Math.floor(g.next() * 180)) * 60_000,
        activity: g.pick(ACTIVITIES), requestId: on?.id ?? null, note: '', week: weekKey(isoWeekOf(start)),
      }) as unknown as TimeEntry)
    }
    await db().timeEntries.bulkPut(entries as never)
    const packs = await db().reportPacks.toArray()
    expect(packs.length).toBeGreaterThan(100)
    expect(packs.every((p) => 'columns' in p && !('facts' in p))).toBe(true)
    expect(packs.reduce((n, p) => n + p.columns.length, 0)).toBe(requests.filter((r) => r.deletedAt === null).length + entries.filter((e) => e.deletedAt === null).length)
    await expectFactsMatchRecords()
    await expectFactsMatchRecords(other.teamId)
  })

  it('are stored column-wise by the upgrade to version 12 from packs of fact objects', async () => {
    const { requests } = await writeWithTheApp(9)
    await deleteRequest(requests[2]!.id, NOW)
    const name = `facts-v8-${Math.random().toString(36).slice(2)}`
    // A version-8 database as the app stored it before: the facts, and each pack a list of fact objects.
    const tables = ['requests', 'timeEntries', 'reportRequests', 'reportEntries'] as const
    const stored = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db().table(t).toArray()] as const)))
    const oldPacks = (await db().reportPacks.toArray()).map(({ columns: _, ...key }, i, all) => ({ ...key, facts: packFacts(all[i]!) }))
    const old = new Dexie(name)
    old.version(8).stores(schemaV8)
    for (const t of tables) await old.table(t).bulkAdd(stored[t]!)
    await old.table('reportPacks').bulkAdd(oldPacks)
    old.close()
    const before = db().name
    useDatabase(name)
    const packs = await db().reportPacks.toArray()
    expect(packs).toHaveLength(oldPacks.length)
    expect(packs.map((p) => [p.teamId, p.kind, p.bucket, packFacts(p)])).toEqual(oldPacks.map((p) => [p.teamId, p.kind, p.bucket, p.facts]))
    expect(packs.every((p) => !('facts' in p))).toBe(true)
    await expectFactsMatchRecords()
    db().close()
    await Dexie.delete(name)
    await Dexie.delete(before)
  })

  it('are built again when records were written to IndexedDB past the app', async () => {
    await writeWithTheApp(8)
    const name = db().name
    db().close()
    // Another program writes the stores without the app's middleware (as the benchmark's seeding does).
    const past = new Dexie(name)
    past.version(7).stores({ requests: 'id', timeEntries: 'id' })
    const at = nov(12)
    await past.table('requests').put(withLocalFields('requests', {
      id: 'past-1', teamId: T1, createdAt: at, createdBy: me, updatedAt: at, rev: 3, deletedAt: null, requesterName: 'Ib', departmentId: A,
      channel: 'mail', category: 'office', presetId: null, description: 'Uden om', status: 'ny', owner: 'superbruger', assigneeId: null,
      referrals: [], history: [{ at, by: me, from: null, to: 'ny' }], assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null,
    }))
    past.close()
    useDatabase(name)
    const stale = countReport(await loadReportData(T1, november, NOW), november, A).requests.total
    expect(await ensureReportFacts(db())).toBe(true)
    expect(countReport(await loadReportData(T1, november, NOW), november, A).requests.total).toBe(stale + 1)
    await expectFactsMatchRecords()
  })
})
