// The group's week (/team) is counted from the report facts' packs and an index of open requests
// (db/teamWeekData.ts). A stale or missing fact is a wrong figure, so these tests count each
// group's week twice — the app's way, and from the whole stored records as the app read them
// before — across absences, weeks not yet over, agreed bands and the weeks the clocks change.
import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { loadTeamWeek } from '../../../src/db/teamWeekData.ts'
import { markAbsent } from '../../../src/db/absences.ts'
import { changeStatus, createRequest, deleteRequest, referRequest, takeRequest } from '../../../src/db/requests.ts'
import { addManualEntry, deleteEntry, updateEntry } from '../../../src/db/timeEntries.ts'
import { applyPulledPage } from '../../../src/db/syncApply.ts'
import { withDerivedFields } from '../../../src/db/derivedFields.ts'
import { OPEN_STATUSES } from '../../../src/domain/requestStatus.ts'
import { emptyDraft } from '../../../src/domain/requestRules.ts'
import { teamWeek, weeksUpTo, type RequestCount, type TeamWeek } from '../../../src/domain/teamWeek.ts'
import { weekKey } from '../../../src/domain/weekKey.ts'
import { DEFAULT_BUDGET } from '../../../src/domain/weekBudget.ts'
import type { PulledRecord } from '../../../src/domain/protocol.ts'
import type { Activity } from '../../../src/domain/activities.ts'
import type { TimeEntry } from '../../../src/domain/records/timeEntry.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'
import type { Request, RequestStatus } from '../../../src/domain/records/request.ts'

const T1 = 't1' as TeamId
const T2 = 't2' as TeamId
const PEOPLE = ['p1', 'p2', 'p3', 'p4'] as PersonId[]
const HOUR = 3_600_000
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

/** The group's week from the whole stored records, as loadTeamWeek read them before the facts. */
async function rawTeamWeek(teamId: TeamId, span: number, now: number): Promise<TeamWeek> {
  const keys = weeksUpTo(now, span).map(weekKey)
  const database = db()
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  const team = await database.teams.get(teamId)
  const requests = live(await database.requests.where('status').anyOf([...OPEN_STATUSES]).toArray())
  const wanted = new Set(keys)
  return teamWeek({
    people: live(await database.people.where('teamId').equals(teamId).toArray()),
    entries: live(await database.timeEntries.where('week').anyOf(keys).toArray()),
    absences: live(await database.absences.toArray()).filter((a) => wanted.has(a.week)),
    band: team?.budget ?? DEFAULT_BUDGET, overrides: team?.budgetOverrides ?? [],
    requests: requests.map((r): RequestCount => ({ assigneeId: r.assigneeId, status: r.status, count: 1 })),
    runs: live(await database.checklistRuns.where('status').equals('i gang').toArray()), span, now,
  })
}

/** Hours are sums of fractions, added in another order by the two reads: equal to 9 decimals. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_, v: unknown) => typeof v === 'number' && !Number.isInteger(v) ? Number(v.toFixed(9)) : v))
}

async function expectFactsMatchRecords(now: number, teamId: TeamId = T1): Promise<TeamWeek> {
  let fromFacts: TeamWeek | undefined
  for (const span of [4, 13]) {
    const fast = (await loadTeamWeek(teamId, span, now)).result
    expect(rounded(fast), `${teamId} ${span} weeks`).toEqual(rounded(await rawTeamWeek(teamId, span, now)))
    fromFacts ??= fast
  }
  return fromFacts!
}

/** Team T1 with an agreed band for p2, four superusers and a leder (no band), and p9 of team T2. */
async function writeTeam(at: number): Promise<void> {
  const sync = { createdAt: at, createdBy: 'p1', updatedAt: at, rev: 0, deletedAt: null }
  await db().teams.bulkPut([
    { id: T1, ...sync, teamId: T1, name: 'Superbrugerne', budget: { minHours: 3, maxHours: 4 }, budgetOverrides: [{ personId: PEOPLE[1]!, minHours: 1, maxHours: 2 }], retention: { requestsMonths: 24 } },
    { id: T2, ...sync, teamId: T2, name: 'Andre', budget: { minHours: 2, maxHours: 5 }, retention: { requestsMonths: 24 } },
  ] as never)
  const person = (id: string, teamId: TeamId, role: string) => ({ id, teamId, ...sync, name: `Navn ${id}`, initials: id, email: '', role, homeDepartmentId: null, competences: [] })
  await db().people.bulkPut([
    ...PEOPLE.map((id, i) => person(id, T1, i === 3 ? 'koordinator' : 'superbruger')), person('p8', T1, 'leder'), person('p9', T2, 'superbruger'),
  ] as never)
}

/**
 * Time entries around `now` written with the app's own functions: some in the small hours of a
 * Monday and late on a Sunday (local time), running timers, some after `now`, some of team T2;
 * requests with assignees and statuses, and absences.
 */
async function writeWeeks(now: number, seed: number): Promise<{ requests: Request[], entries: TimeEntry[] }> {
  const g = generator(seed)
  const day = new Date(now)
  // Local midnights of the 100 days before now and of the 3 days after.
  const midnight = (offset: number) => new Date(day.getFullYear(), day.getMonth(), day.getDate() + offset).getTime()
  const requests: Request[] = []
  for (let i = 0; i < 50; i++) {
    const who = g.pick([...PEOPLE, 'p9' as PersonId])
    const author = { teamId: who === 'p9' ? T2 : T1, personId: who }
    const r = await createRequest(author, { ...emptyDraft(who), description: `Sag ${i}`, category: 'office' }, null, midnight(-Math.floor(g.next() * 100)) + 9 * HOUR)
    requests.push(r)
    const to = g.pick<RequestStatus | 'take' | 'refer'>(['ny', 'i gang', 'venter', 'sendt til IT', 'løst', 'uden for rollen', 'take', 'refer'])
    if (to === 'take') await takeRequest(r.id, g.pick(PEOPLE), r.createdAt + HOUR)
    else if (to === 'refer') await referRequest(r.id, g.pick(PEOPLE), 'Kan du?', who, r.createdAt + HOUR)
    else if (to !== 'ny') await changeStatus(r.id, to, who, r.createdAt + HOUR)
  }
  const entries: TimeEntry[] = []
  for (let i = 0; i < 160; i++) {
    const who = g.pick([...PEOPLE, 'p9' as PersonId])
    const author = { teamId: who === 'p9' ? T2 : T1, personId: who }
    const midnightOf = midnight(3 - Math.floor(g.next() * 103))
    // Late on a Sunday, early on a Monday, or in the working day.
    const hour = g.pick([0.5, 23.5, 8, 10, 13, 15])
    const start = midnightOf + hour * HOUR
    const end = start + (10 + Math.floor(g.next() * 100)) * 60_000
    entries.push(await addManualEntry(author, { start, end, activity: g.pick(ACTIVITIES), requestId: g.next() < 0.5 ? g.pick(requests).id : null, note: '' }))
  }
  for (const who of PEOPLE.slice(0, 3)) await markAbsent({ teamId: T1, personId: who }, weekKey(weeksUpTo(now, 13)[Math.floor(g.next() * 13)]!), 'ferie', now - HOUR)
  await markAbsent({ teamId: T1, personId: PEOPLE[0]! }, weekKey(weeksUpTo(now, 0)[0]!), '', now - HOUR)
  return { requests, entries }
}

/** A running timer started an hour before `now`, stored as the app stores one. */
async function runningTimer(now: number, personId: PersonId): Promise<void> {
  await db().timeEntries.put(withDerivedFields('timeEntries', {
    id: `running-${personId}`, teamId: T1, createdAt: now - HOUR, createdBy: personId, updatedAt: now - HOUR, rev: 0, deletedAt: null,
    personId, start: now - HOUR, end: null, activity: 'daglig hjælp', requestId: null, note: '', week: weekKey(weeksUpTo(now, 0)[0]!),
  }) as never)
}

describe('the group\'s week from the report facts', () => {
  // In Europe/Copenhagen (and most of Europe) summer time begins on 29 March 2026 (week 13) and
  // ends on 25 October 2026 (week 43); these clocks see both within their 13 weeks.
  it.each([
    ['after summer time began', new Date(2026, 3, 8, 14).getTime()],
    ['after summer time ended', new Date(2026, 10, 4, 11).getTime()],
    ['mid-week in December', new Date(2026, 11, 9, 12).getTime()],
  ])('equals the group\'s week from the whole records %s', async (_name, now) => {
    await writeTeam(now - 200 * 86_400_000)
    await writeWeeks(now, Math.floor(now / HOUR))
    await runningTimer(now, PEOPLE[2]!)
    const week = await expectFactsMatchRecords(now)
    // The data reaches what is compared: hours, absences, an agreed band, open requests, weeks not over.
    const rows = week.rows
    expect(rows.map((r) => r.person.id)).toEqual(PEOPLE)
    expect(rows.flatMap((r) => r.weeks).filter((w) => w.hours > 0).length).toBeGreaterThan(10)
    expect(rows.flatMap((r) => r.weeks).some((w) => w.absent)).toBe(true)
    expect(rows[1]!.override).toBe(true)
    expect(rows.reduce((n, r) => n + r.load.open, 0)).toBeGreaterThan(0)
    expect(rows[0]!.weeks.at(-1)!.finished).toBe(false)
    await expectFactsMatchRecords(now, T2)
  })

  it('follows edits, deletes and sync applies of entries and requests', async () => {
    const now = new Date(2026, 11, 9, 12).getTime()
    await writeTeam(now - 200 * 86_400_000)
    const { requests, entries } = await writeWeeks(now, 7)
    for (const e of entries.slice(0, 20)) await updateEntry(e.id, { start: e.start - 8 * 86_400_000, end: e.end! - 8 * 86_400_000 + HOUR }, now - HOUR)
    for (const e of entries.slice(20, 40)) await deleteEntry(e.id, now - HOUR)
    for (const r of requests.slice(0, 15)) await deleteRequest(r.id, now - HOUR)
    for (const r of requests.slice(15, 30)) await takeRequest(r.id, PEOPLE[3]!, now - HOUR)
    await expectFactsMatchRecords(now)
    // Another device deleted requests and entries, and logged time for p2 this week.
    const tombstone = (table: 'requests' | 'timeEntries', r: { id: string, teamId: TeamId, createdAt: number, createdBy: PersonId }): PulledRecord => ({
      table, record: { id: r.id, teamId: r.teamId, createdAt: r.createdAt, createdBy: r.createdBy, updatedAt: now, rev: 400, deletedAt: now } as never,
    })
    const logged: PulledRecord = {
      table: 'timeEntries', record: {
        id: 'pulled-entry', teamId: T1, createdAt: now - 2 * HOUR, createdBy: PEOPLE[1]!, updatedAt: now, rev: 401, deletedAt: null,
        personId: PEOPLE[1]!, start: now - 2 * HOUR, end: now - HOUR, activity: 'udvikling', requestId: null, note: '', week: weekKey(weeksUpTo(now, 0)[0]!),
      } as never,
    }
    await applyPulledPage([...requests.slice(30, 45).map((r) => tombstone('requests', r)), ...entries.slice(40, 60).map((e) => tombstone('timeEntries', e)), logged], 500)
    const week = await expectFactsMatchRecords(now)
    expect(week.rows[1]!.weeks.at(-1)!.hours).toBeGreaterThanOrEqual(1)
  })
})
