import { startOfIsoWeek } from '../../domain/isoWeek.ts'
import type { PersonId, TeamId } from '../../domain/records/fields.ts'
import type { Role } from '../../domain/records/person.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import { buildAbsences, planAbsences } from './absences.ts'
import { buildAssets } from './assets.ts'
import { demoWeeks, plusDays } from './calendar.ts'
import { planChecklists } from './checklistPlan.ts'
import { buildTemplates } from './checklists.ts'
import { DEMO_NAMING_PATTERNS } from './naming.ts'
import { buildOrganisation, DEMO_TEAM_NAME, type DemoOrganisation } from './organisation.ts'
import { createRandom } from './random.ts'
import { recordMaker } from './records.ts'
import { buildTipReads, buildTips, linkTipsToRequests } from './tips.ts'
import { buildWeek, planBands } from './weeks.ts'

/** Options of the demo: the same seed and `now` give exactly the same records. */
export interface DemoOptions {
  readonly seed?: number | string
  /** The demo's "today"; the period is the weeks up to and including this one. */
  readonly now?: number
  /** Number of ISO weeks of history (default 26: half a year). */
  readonly weeks?: number
}

/** An account to create for a demo user; `id` is also their Person record's id. */
export interface DemoAccount {
  readonly id: PersonId
  readonly email: string
  readonly name: string
  readonly role: Role
}

/** The whole demo team: the team record first, then every other record in creation order. */
export interface DemoData {
  readonly teamId: TeamId
  readonly teamName: string
  readonly accounts: readonly DemoAccount[]
  readonly records: readonly SystemRecord[]
  readonly organisation: DemoOrganisation
  /** Local midnight starting each week of the period, oldest first. */
  readonly weekStarts: readonly number[]
}

/** Default seed, so `npm run demo` gives the same team every time (apart from the dates). */
export const DEFAULT_DEMO_SEED = 'superbruger-demo'

/** Generates the demo team's records without touching any database (pure apart from the clock default). */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const now = options.now ?? Date.now()
  const random = createRandom(options.seed ?? DEFAULT_DEMO_SEED)
  const weeks = demoWeeks(now, options.weeks ?? 26)
  const weekStarts = weeks.map(startOfIsoWeek)
  const setupAt = plusDays(weekStarts[0]! + 10 * 3_600_000, -21)
  const teamId = random.uuid(setupAt) as TeamId
  const maker = recordMaker(random, teamId)
  // New colleagues start on a Monday at 08.00, now and then over the period.
  const hireWeeks = random.shuffle(weeks.map((_, i) => i).slice(1)).slice(0, 8)
  const hireDays = hireWeeks.map((i) => weekStarts[i]! + 8 * 3_600_000).filter((day) => day <= now)
  const org = buildOrganisation(random, maker, { setupAt, hireDays })
  const by = org.coordinator.id
  const team = maker.make('teams', { name: DEMO_TEAM_NAME, budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 }, namingPatterns: DEMO_NAMING_PATTERNS }, setupAt, by, { id: teamId })
  const { templates, records: templateRecords } = buildTemplates(maker, setupAt, by)
  const { assets, records: assetRecords } = buildAssets(random, maker, org.departments, setupAt, by)
  const { tips, records: tipRecords } = buildTips(random, maker, org.superusers, weekStarts[0]!)
  const absences = planAbsences(random, org.superusers, weeks)
  const isAbsent = (person: { id: string }, i: number) => absences.get(person.id)?.has(i) ?? false
  const events = planChecklists({ random, org, templates, weekStarts, isAbsent })
  const ctx = { random, maker, org, assets, tips, now, currentWeekStart: weekStarts.at(-1)! }
  const weekly: SystemRecord[] = []
  const bands = new Map(org.superusers.map((person) => [person.id, planBands(random, weeks.filter((_, i) => !isAbsent(person, i)).length)]))
  weeks.forEach((week, i) => {
    for (const person of org.superusers) {
      if (isAbsent(person, i)) continue
      const own = events.filter((e) => e.person.id === person.id && e.weekIndex === i)
      weekly.push(...buildWeek(ctx, person, week, weekStarts[i]!, bands.get(person.id)!.shift()!, own))
    }
  })
  // Drawn after everything else, so the rest of a seed's demo stays as it was before tips were read.
  const tipReads = buildTipReads(random, maker, org.superusers, tips, now)
  const rest = [
    ...org.records, ...templateRecords, ...assetRecords, ...linkTipsToRequests(tipRecords, weekly), ...tipReads,
    ...buildAbsences(random, maker, org.superusers, weeks, weekStarts, absences, setupAt), ...weekly,
  ]
  // Stable sort: sequence numbers then follow creation time, as if pushed when they were made.
  const records = [team, ...rest.map((r, i) => ({ r, i })).sort((a, b) => Number(a.r.record.createdAt) - Number(b.r.record.createdAt) || a.i - b.i).map(({ r }) => r)]
  const users = [...org.superusers, org.coordinator, org.leader]
  return {
    teamId, teamName: DEMO_TEAM_NAME, records, organisation: org, weekStarts,
    accounts: users.map((p) => ({ id: p.id, email: p.email, name: p.name, role: p.role! })),
  }
}
