import type { Activity } from '../../domain/activities.ts'
import type { IsoWeek } from '../../domain/weekKey.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import { placeInWeek, weekOf, type Placeable } from './calendar.ts'
import { buildEvent, type ChecklistEvent, type EventContext } from './checklists.ts'
import type { DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'
import { buildRequest, planRequest, type RequestContext, type RequestPlan } from './requests.ts'
import { ACTIVITY_NOTES } from './texts.ts'

/** Where a week's hours are meant to land against the 3–4 h band. */
export type WeekBand = 'inside' | 'under' | 'over'

/**
 * The bands of a superuser's `count` net weeks: about one in ten under (a busy period in their
 * own job) and one in twenty over (an upgrade, a new colleague), the rest inside — a fixed share
 * in random weeks, so every seed gives a believable half year.
 */
export function planBands(random: Random, count: number): WeekBand[] {
  const under = Math.round(count * 0.1)
  const over = Math.round(count * 0.05)
  return random.shuffle(Array.from({ length: count }, (_, i): WeekBand => (i < under ? 'under' : i < under + over ? 'over' : 'inside')))
}

function weeklyTarget(random: Random, band: WeekBand): number {
  if (band === 'under') return random.int(100, 170)
  if (band === 'over') return random.int(250, 300)
  return random.int(190, 235)
}

type Work =
  | (Placeable & { kind: 'request'; plan: RequestPlan })
  | (Placeable & { kind: 'event'; event: ChecklistEvent })
  | (Placeable & { kind: 'time'; activity: Activity; note: string })

const FILLERS: Readonly<Record<keyof typeof ACTIVITY_NOTES, number>> = { udvikling: 50, videndeling: 35, databeskyttelse: 15 }

/**
 * One net week of one superuser: the fortnightly superuser meeting (Tuesday 9–10 in even weeks),
 * their checklists, 8–15 requests as long as the week's time allows, and development, knowledge
 * sharing or data protection to make up the rest. Nothing after `now` is kept.
 */
export function buildWeek(ctx: RequestContext & EventContext, person: DemoPerson, week: IsoWeek, weekStart: number, band: WeekBand, events: readonly ChecklistEvent[]): SystemRecord[] {
  const { random } = ctx
  const target = weeklyTarget(random, band)
  const work: Work[] = []
  if (week.week % 2 === 0) work.push({ kind: 'time', minutes: 60, at: { day: 1, minute: 9 * 60 }, activity: 'superbrugermøde', note: 'Superbrugermøde' })
  for (const event of events) work.push({ kind: 'event', minutes: event.minutes, event })
  let logged = work.reduce((sum, w) => sum + w.minutes, 0)
  const wanted = random.int(8, 15)
  for (let i = 0; i < wanted; i++) {
    const plan = planRequest(ctx, person, weekStart)
    if (plan.minutes !== null && logged + plan.minutes > target) continue
    logged += plan.minutes ?? 0
    // A request only registered (no time) still needs a moment in the week.
    work.push({ kind: 'request', minutes: plan.minutes ?? 5, plan })
  }
  while (target - logged >= 15) {
    const activity = random.weighted(FILLERS)
    const left = target - logged
    const pick = random.pick([15, 20, 30, 30, 45, 60])
    // The last piece takes what is left, so the week lands on its target rather than just below it.
    const minutes = left - pick < 15 ? left : pick
    logged += minutes
    work.push({ kind: 'time', minutes, activity, note: random.pick(ACTIVITY_NOTES[activity]) })
  }
  const records: SystemRecord[] = []
  for (const item of placeInWeek(random, week, work)) {
    if (item.end > ctx.now) continue
    if (item.kind === 'request') records.push(...buildRequest(ctx, item.plan, person, item.start, item.end))
    else if (item.kind === 'event') records.push(...buildEvent(ctx, item.event, item.start, item.end))
    else {
      records.push(ctx.maker.make('timeEntries', {
        personId: person.id, start: item.start, end: item.end, activity: item.activity, requestId: null, note: item.note, week: weekOf(item.start),
      }, item.end, person.id))
    }
  }
  return records
}
