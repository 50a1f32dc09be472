import { db } from './database.ts'
import type { Author } from './write.ts'
import { getTeam } from './profile.ts'
import { listAbsences } from './absences.ts'
import { bandOf, DEFAULT_BUDGET } from '../domain/weekBudget.ts'
import type { BudgetBand } from '../domain/records/team.ts'
import type { PersonId } from '../domain/records/fields.ts'
import type { TimeEntry } from '../domain/records/timeEntry.ts'

// One week's time, apart from the rest of timeEntries.ts so Home's time card loads only this.

/** The person's entries of one ISO week ("2026-W48"), oldest first; uses the [personId+week] index. */
export async function listWeek(personId: PersonId, week: string): Promise<TimeEntry[]> {
  const rows = await db().timeEntries.where('[personId+week]').equals([personId, week]).toArray()
  return rows.filter((e) => e.deletedAt === null).sort((a, b) => a.start - b.start)
}

/** Everything the week screen shows: entries, whether the week is absent, the team's band. */
export interface WeekData {
  readonly entries: TimeEntry[]
  readonly absent: boolean
  readonly band: BudgetBand
}

/** Loads a week for the author (index reads only). */
export async function loadWeek(author: Author, week: string): Promise<WeekData> {
  const [entries, absences, band] = await Promise.all([
    listWeek(author.personId, week), listAbsences(author.personId, [week]), loadBand(author),
  ])
  return { entries, absent: absences.length > 0, band }
}

/** The author's weekly budget band: the one the koordinator agreed with them, else the team's, else the default. */
export async function loadBand(author: Author): Promise<BudgetBand> {
  const team = await getTeam(author.teamId)
  return bandOf(author.personId, team?.budget ?? DEFAULT_BUDGET, team?.budgetOverrides).band
}
