/** The group's weeks: each superuser's hours against their band, lasting pressure and open work. */
import { addWeeks, startOfIsoWeek, endOfIsoWeek } from './isoWeek.ts'
import { isoWeekOf, weekKey, type IsoWeek } from './weekKey.ts'
import { bandOf, budgetStatus, totalHours, type BudgetEntry, type BudgetStatus } from './weekBudget.ts'
import { toDateInput } from './format.ts'
import { isOpenStatus } from './requestStatus.ts'
import type { BudgetBand, BudgetOverride } from './records/team.ts'
import type { ChecklistRun } from './records/checklistRun.ts'
import type { PersonId } from './records/fields.ts'
import type { Request } from './records/request.ts'
import type { Role } from './records/person.ts'


/** Net weeks in a row over or under the band before the koordinator is told it is lasting. */
export const LASTING_WEEKS = 3

/** How many weeks back the group's week can look (besides this week). */
export const TEAM_WEEK_SPANS = [4, 8, 13] as const

/** Roles that log help time against a band (a leder and an admin do not). */
const BAND_ROLES: readonly Role[] = ['superbruger', 'koordinator']

/** What the group's week needs of a person. */
export interface TeamMember {
  readonly id: PersonId
  readonly name: string
  readonly role: Role | null
}

/** What the group's week needs of a time entry. */
export interface MemberEntry extends BudgetEntry {
  readonly personId: PersonId
}

/** One person's week against their band. */
export interface MemberWeek {
  readonly week: string
  readonly hours: number
  readonly absent: boolean
  /** The week is over by `now`; only finished weeks are judged for lasting pressure. */
  readonly finished: boolean
  readonly status: BudgetStatus
}

/** Over or under the band for LASTING_WEEKS or more net weeks in a row (absent weeks are skipped, not breaks). */
export interface PressureRun {
  readonly kind: 'over' | 'under'
  /** The week keys of the run, oldest first. */
  readonly weeks: readonly string[]
  /** The run reaches the latest finished net week: the pressure is still there. */
  readonly ongoing: boolean
}

/** Open work waiting on one person. */
export interface MemberLoad {
  /** Every open request they are responsible for (what the request list's "Åbne" shows for them). */
  readonly open: number
  /** Of those, referred to them (status henvist, they are the assignee). */
  readonly referred: number
  /** Of those, sent to IT and still waiting (status sendt til IT). */
  readonly withIt: number
  /** Checklists they started that are still in progress past their due date. */
  readonly overdueChecklists: number
}

/** One superuser's row of the group's week. */
export interface MemberRow {
  readonly person: TeamMember
  readonly band: BudgetBand
  /** The band is agreed for this person, not the team's. */
  readonly override: boolean
  /** Oldest first; the last is the current week. */
  readonly weeks: readonly MemberWeek[]
  readonly pressure: readonly PressureRun[]
  readonly load: MemberLoad
}

/** The group's hours in one week against the sum of the bands of those not absent. */
export interface GroupWeek {
  readonly week: string
  readonly hours: number
  readonly band: BudgetBand
  /** People with a band who were not absent that week. */
  readonly netPeople: number
  readonly finished: boolean
  readonly status: BudgetStatus
}

/** Everything `/team` shows, before the role's view (see teamWeekView.ts) hides what it may not see. */
export interface TeamWeek {
  readonly weeks: readonly string[]
  readonly rows: readonly MemberRow[]
  readonly group: readonly GroupWeek[]
}

/** How many requests have one assignee and status. */
export interface RequestCount extends Pick<Request, 'assigneeId' | 'status'> {
  readonly count: number
}

/** Input of teamWeek: the team's synced records as they are on the device. */
export interface TeamWeekInput {
  readonly people: readonly TeamMember[]
  readonly entries: readonly MemberEntry[]
  readonly absences: readonly { readonly personId: PersonId; readonly week: string }[]
  readonly band: BudgetBand
  readonly overrides: readonly BudgetOverride[]
  /** How many of the team's requests have each assignee and status (open ones at least). */
  readonly requests: readonly RequestCount[]
  readonly runs: readonly Pick<ChecklistRun, 'createdBy' | 'status' | 'dueDate'>[]
  /** Weeks before the current one to include. */
  readonly span: number
  readonly now: number
}

/** The weeks shown: `span` weeks before the week of `now`, then that week, oldest first. */
export function weeksUpTo(now: number, span: number): IsoWeek[] {
  const current = isoWeekOf(now)
  return Array.from({ length: span + 1 }, (_, i) => addWeeks(current, i - span))
}

/** People who work against a band: superusers and the koordinator, by name. */
export function bandMembers(people: readonly TeamMember[]): TeamMember[] {
  return people.filter((p) => p.role !== null && BAND_ROLES.includes(p.role)).sort((a, b) => a.name.localeCompare(b.name, 'da'))
}

/**
 * Runs of LASTING_WEEKS or more finished net weeks in a row over, or under, the band. An absent
 * week is not a net week, so it neither counts nor breaks a run; a week inside the band breaks it.
 */
export function lastingPressure(weeks: readonly MemberWeek[], minimum = LASTING_WEEKS): PressureRun[] {
  const judged = weeks.filter((w) => w.finished && !w.absent)
  const runs: { kind: 'over' | 'under', weeks: string[] }[] = []
  let run = null as { kind: 'over' | 'under', weeks: string[] } | null
  for (const w of judged) {
    const kind = w.status === 'over' || w.status === 'under' ? w.status : null
    if (kind && run?.kind === kind) {
      run.weeks.push(w.week)
    } else {
      run = kind ? { kind, weeks: [w.week] } : null
      if (run) runs.push(run)
    }
  }
  const latest = judged.at(-1)?.week
  return runs.filter((r) => r.weeks.length >= minimum).map((r) => ({ ...r, ongoing: r.weeks.at(-1) === latest }))
}

/** Open work waiting on `personId` (see MemberLoad); `today` is a date input value ("2026-12-07"). */
export function memberLoad(personId: PersonId, requests: TeamWeekInput['requests'], runs: TeamWeekInput['runs'], today: string): MemberLoad {
  const own = requests.filter((r) => r.assigneeId === personId)
  const sum = (rows: readonly RequestCount[]) => rows.reduce((n, r) => n + r.count, 0)
  return {
    open: sum(own.filter((r) => isOpenStatus(r.status))),
    referred: sum(own.filter((r) => r.status === 'henvist')),
    withIt: sum(own.filter((r) => r.status === 'sendt til IT')),
    overdueChecklists: runs.filter((r) => r.createdBy === personId && r.status === 'i gang' && r.dueDate !== null && r.dueDate < today).length,
  }
}

/** Counts the group's weeks from the team's records (pure: the same input gives the same answer). */
export function teamWeek(input: TeamWeekInput): TeamWeek {
  const weeks = weeksUpTo(input.now, input.span)
  const keys = weeks.map(weekKey)
  const finished = weeks.map((w) => endOfIsoWeek(w) <= input.now)
  const absent = new Set(input.absences.map((a) => `${a.personId} ${a.week}`))
  const wanted = new Set(keys)
  const byPersonWeek = new Map<string, MemberEntry[]>()
  for (const e of input.entries) {
    if (!wanted.has(e.week) || e.start > input.now) continue
    const key = `${e.personId} ${e.week}`
    const found = byPersonWeek.get(key)
    if (found) found.push(e)
    else byPersonWeek.set(key, [e])
  }
  const today = toDateInput(input.now)
  const rows = bandMembers(input.people).map((person): MemberRow => {
    const { band, override } = bandOf(person.id, input.band, input.overrides)
    const memberWeeks = keys.map((week, i): MemberWeek => {
      const hours = totalHours(byPersonWeek.get(`${person.id} ${week}`) ?? [], input.now)
      const isAbsent = absent.has(`${person.id} ${week}`)
      return { week, hours, absent: isAbsent, finished: finished[i]!, status: budgetStatus(hours, band, isAbsent) }
    })
    return { person, band, override, weeks: memberWeeks, pressure: lastingPressure(memberWeeks), load: memberLoad(person.id, input.requests, input.runs, today) }
  })
  const group = keys.map((week, i): GroupWeek => {
    const present = rows.filter((r) => !r.weeks[i]!.absent)
    const band = {
      minHours: present.reduce((sum, r) => sum + r.band.minHours, 0),
      maxHours: present.reduce((sum, r) => sum + r.band.maxHours, 0),
    }
    const hours = rows.reduce((sum, r) => sum + r.weeks[i]!.hours, 0)
    return { week, hours, band, netPeople: present.length, finished: finished[i]!, status: budgetStatus(hours, band, present.length === 0) }
  })
  return { weeks: keys, rows, group }
}

/** The first moment of the oldest week shown: entries before it are not needed. */
export function teamWeekStart(now: number, span: number): number {
  return startOfIsoWeek(weeksUpTo(now, span)[0]!)
}
