import type { ChecklistSubject } from '../../domain/records/checklistRun.ts'
import { isoDate } from './calendar.ts'
import type { ChecklistEvent, DemoTemplate } from './checklists.ts'
import { superuserFor, type DemoDepartment, type DemoOrganisation, type DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'

/** What planning needs: the weeks (their Monday), who is away when, and the templates in default order. */
export interface PlanInput {
  readonly random: Random
  readonly org: DemoOrganisation
  readonly templates: readonly DemoTemplate[]
  readonly weekStarts: readonly number[]
  readonly isAbsent: (person: DemoPerson, weekIndex: number) => boolean
}

/** Version upgrades tested in the period: which system, which version, and how far into it. */
const UPGRADES = [
  { system: 'Acadre', version: '10.5', at: 0.3, errors: 0 },
  { system: 'Skabeloncenter', version: '4.8', at: 0.7, errors: 2 },
] as const

const department = (d: DemoDepartment): ChecklistSubject => ({ kind: 'department', refId: d.id, label: d.name })

/**
 * The checklists of the period: onboarding of each new colleague by their department's
 * superuser, user tests at two version upgrades (one cancelled run), data protection sweeps of
 * every home department about every two months, monthly follow-up of checked-out documents and
 * one archive delivery in progress. A run falling in a holiday moves to the superuser's next net week.
 */
export function planChecklists(input: PlanInput): ChecklistEvent[] {
  const { random, org, templates, weekStarts } = input
  const [onboarding, userTest, sweep, checkedOut, archive] = templates as [DemoTemplate, DemoTemplate, DemoTemplate, DemoTemplate, DemoTemplate]
  const events: ChecklistEvent[] = []
  const last = weekStarts.length - 1
  const add = (event: Omit<ChecklistEvent, 'weekIndex'>, wanted: number) => {
    for (let w = Math.max(0, wanted); w <= Math.min(last, wanted + 3); w++) {
      if (!input.isAbsent(event.person, w)) {
        events.push({ ...event, weekIndex: w })
        return
      }
    }
  }
  const weekIndexOf = (ms: number) => weekStarts.findLastIndex((start) => start <= ms)
  for (const hire of org.colleagues.filter((c) => c.firstDay !== null)) {
    add({
      person: superuserFor(org, hire.department), minutes: 45, activity: 'daglig hjælp', note: 'Opstart af ny medarbejder',
      template: onboarding, subject: { kind: 'person', refId: hire.id, label: hire.name }, department: hire.department,
      facts: { firstDay: isoDate(hire.firstDay!), due: isoDate(hire.firstDay!) },
    }, weekIndexOf(hire.firstDay!))
  }
  for (const upgrade of UPGRADES) {
    const week = Math.round(last * upgrade.at)
    const testers = random.shuffle(org.superusers).slice(0, 3)
    testers.forEach((person, i) => add({
      person, minutes: 90, activity: 'brugertest', note: `Brugertest af ${upgrade.system} ${upgrade.version}`, template: userTest,
      subject: department(person.department), department: person.department, cancelled: upgrade.errors > 0 && i === 2,
      facts: { system: upgrade.system, version: upgrade.version, errors: i === 0 ? upgrade.errors : 0, result: upgrade.errors > 0 && i === 0 ? 'Godkendt med bemærkninger' : 'Godkendt' },
    }, week))
  }
  org.superusers.forEach((person, i) => {
    for (let week = 2 + i; week <= last; week += 9) {
      const found = random.int(0, 12)
      const deleted = random.int(0, found)
      add({
        person, minutes: 75, activity: 'databeskyttelse', note: 'Gennemgang af fællesdrev med teamlederen', template: sweep,
        subject: department(person.department), department: person.department,
        facts: { found, deleted, journalised: found - deleted, result: found > 8 ? 'Delvist ryddet – opfølgning aftalt' : 'Drevet er ryddet' },
      }, week)
    }
  })
  const acadre = org.superusers[5]!
  for (let week = 1, n = 0; week <= last; week += 4, n++) {
    const place = org.departments[n % org.departments.length]!
    const out = random.int(3, 15)
    add({
      person: acadre, minutes: 30, activity: 'daglig hjælp', note: 'Opfølgning på udtjekkede dokumenter', template: checkedOut,
      subject: department(place), department: place, facts: { checkedOut: out, checkedIn: random.int(Math.floor(out / 2), out) },
    }, week)
  }
  const archivist = org.superusers[0]!
  add({
    person: archivist, minutes: 60, activity: 'daglig hjælp', note: 'Arkivaflevering: møde med afdelingen', template: archive,
    subject: department(archivist.department), department: archivist.department, facts: { inProgress: true },
  }, Math.max(0, last - 6))
  return events
}
