import { db } from './database.ts'
import { getTeam } from './profile.ts'
import { readFactPacks } from './factPacks.ts'
import { OPEN_STATUSES } from '../domain/requestStatus.ts'
import { endOfIsoWeek, startOfIsoWeek } from '../domain/isoWeek.ts'
import { weekKey } from '../domain/weekKey.ts'
import { packFacts, type EntryFact } from '../domain/report/facts.ts'
import { bandMembers, teamWeek, weeksUpTo, type MemberEntry, type RequestCount, type TeamWeek } from '../domain/teamWeek.ts'
import { DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import type { BudgetBand, BudgetOverride, Team } from '../domain/records/team.ts'
import type { PersonId, TeamId } from '../domain/records/fields.ts'

/** The group's weeks and the team record they were counted with (its band and overrides). */
export interface TeamWeekData {
  readonly team: Team | undefined
  readonly band: BudgetBand
  readonly overrides: readonly BudgetOverride[]
  readonly result: TeamWeek
}

/**
 * The time entries of the weeks `weeks` (ascending ISO weeks), from the report facts' packs: a
 * quarter's entries are a dozen packs instead of thousands of whole records. Each gets the key of
 * the week its start lies in (local time), as the stored entry's `week` is derived.
 */
async function entriesOfWeeks(teamId: TeamId, weeks: ReturnType<typeof weeksUpTo>): Promise<MemberEntry[]> {
  const mondays = weeks.map(startOfIsoWeek)
  const keys = weeks.map(weekKey)
  const start = mondays[0]!
  const end = endOfIsoWeek(weeks.at(-1)!)
  const entries: MemberEntry[] = []
  for (const pack of await readFactPacks(teamId, 'entries', start, end)) {
    for (const e of packFacts<EntryFact>(pack)) {
      if (e.start < start || e.start >= end) continue
      let i = mondays.length - 1
      while (mondays[i]! > e.start) i -= 1
      entries.push({ personId: e.personId, start: e.start, end: e.end, activity: e.activity, week: keys[i]! })
    }
  }
  return entries
}

/** How many of the team's requests each member has open, per status, counted in the index alone. */
function openRequestCounts(teamId: TeamId, members: readonly PersonId[]): Promise<RequestCount[]> {
  const index = db().requests.where('[teamId+assigneeId+status]')
  return Promise.all(members.flatMap((assigneeId) => OPEN_STATUSES.map(async (status): Promise<RequestCount> => (
    { assigneeId, status, count: await index.equals([teamId, assigneeId, status]).count() }
  ))))
}

/**
 * Counts the group's weeks from the device's copy of the team: the people, the time entries of the
 * weeks shown (from the report facts, db/reportFacts.ts), their absences, each member's open
 * requests (counted in an index: a deleted request keeps no assignee or status) and the checklists
 * in progress. Works offline like every screen.
 */
export async function loadTeamWeek(teamId: TeamId, span: number, now: number): Promise<TeamWeekData> {
  const weeks = weeksUpTo(now, span)
  const database = db()
  const [team, people, entries, absences, runs] = await Promise.all([
    getTeam(teamId),
    database.people.where('teamId').equals(teamId).toArray(),
    entriesOfWeeks(teamId, weeks),
    database.absences.toArray(),
    database.checklistRuns.where('status').equals('i gang').toArray(),
  ])
  const live = <T extends { deletedAt: number | null, teamId: string }>(rows: readonly T[]): T[] => rows.filter((r) => r.deletedAt === null && r.teamId === teamId)
  const members = live(people)
  const requests = await openRequestCounts(teamId, bandMembers(members).map((p) => p.id))
  const band = team?.budget ?? DEFAULT_BUDGET
  const overrides = team?.budgetOverrides ?? []
  const wanted = new Set(weeks.map(weekKey))
  const result = teamWeek({
    people: members, entries, absences: live(absences).filter((a) => wanted.has(a.week)),
    band, overrides, requests, runs: live(runs), span, now,
  })
  return { team, band, overrides, result }
}
