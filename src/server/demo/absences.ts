import { isoWeekOf, weekKey, type IsoWeek } from '../../domain/weekKey.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import { plusDays } from './calendar.ts'
import type { DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'
import type { RecordMaker } from './records.ts'

/** Weeks away per person (index into the period's weeks → note). */
export type AbsencePlan = ReadonlyMap<string, ReadonlyMap<number, string>>

/** The ISO week holding 24 December (always in the same ISO year): the Christmas holiday. */
function christmasWeek(year: number): number {
  return isoWeekOf(new Date(year, 11, 24).getTime()).week
}

/**
 * Holidays as Danish offices take them: three summer weeks around weeks 28–30, the Christmas
 * week (often the New Year week too), and for some the winter or autumn school holiday or a course.
 */
export function planAbsences(random: Random, people: readonly DemoPerson[], weeks: readonly IsoWeek[]): AbsencePlan {
  const plan = new Map<string, Map<number, string>>()
  for (const person of people) {
    const away = new Map<number, string>()
    const summer = random.pick([[28, 29, 30], [28, 29, 30], [28, 29, 30], [29, 30, 31], [27, 28, 29]])
    const extra = random.int(0, weeks.length - 1)
    weeks.forEach((week, i) => {
      if (summer.includes(week.week)) away.set(i, 'Sommerferie')
      else if (week.week === christmasWeek(week.year) || (week.week === 1 && random.chance(0.4))) away.set(i, 'Juleferie')
      else if (week.week === 7 && random.chance(0.3)) away.set(i, 'Vinterferie')
      else if (week.week === 42 && random.chance(0.35)) away.set(i, 'Efterårsferie')
      else if (i === extra && random.chance(0.25)) away.set(i, 'Kursus')
    })
    plan.set(person.id, away)
  }
  return plan
}

/** The absence records of the plan; each was registered a few weeks ahead (not before `from`). */
export function buildAbsences(random: Random, maker: RecordMaker, people: readonly DemoPerson[], weeks: readonly IsoWeek[], weekStarts: readonly number[], plan: AbsencePlan, from: number): SystemRecord[] {
  const records: SystemRecord[] = []
  for (const person of people) {
    for (const [i, note] of plan.get(person.id) ?? []) {
      const at = Math.max(from, plusDays(weekStarts[i]! + 10 * 3_600_000, -random.int(7, 60)))
      records.push(maker.make('absences', { personId: person.id, week: weekKey(weeks[i]!), note }, at, person.id))
    }
  }
  return records
}
