import type { SystemRecord } from '../storage/systemWrite.ts'
import type { DepartmentId, PersonId } from '../../domain/records/fields.ts'
import type { Role, Skill } from '../../domain/records/person.ts'
import { makeNames } from './names.ts'
import type { Random } from './random.ts'
import { idOf, type RecordMaker } from './records.ts'

/** Name of the demo team; a second `npm run demo` finds it by this name and stops. */
export const DEMO_TEAM_NAME = 'Demo — Plan, Teknik & Miljø'

/** A department of the demo with where it sits (assets are placed there). */
export interface DemoDepartment {
  readonly id: DepartmentId
  readonly name: string
  readonly building: string
  readonly floor: string
  /** Colleagues (not superusers) working there. */
  readonly staff: number
}

/** A person of the demo team; users (role set) also get an account with this id. */
export interface DemoPerson {
  readonly id: PersonId
  readonly name: string
  readonly email: string
  readonly role: Role | null
  readonly department: DemoDepartment
  readonly competences: readonly string[]
  /** First working day of a colleague hired during the demo period, else null. */
  readonly firstDay: number | null
}

/** The team's people and departments, and their records. */
export interface DemoOrganisation {
  readonly departments: readonly DemoDepartment[]
  readonly superusers: readonly DemoPerson[]
  readonly coordinator: DemoPerson
  readonly leader: DemoPerson
  readonly colleagues: readonly DemoPerson[]
  readonly records: readonly SystemRecord[]
}

// The PTM departments (domain/departments.ts) with a plausible building, floor and head count:
// about 150 colleagues besides the six superusers, the coordinator and the leader.
const PLACES: ReadonlyArray<Omit<DemoDepartment, 'id'>> = [
  { name: 'Byggeri', building: 'Rådhuset', floor: '2. sal', staff: 28 },
  { name: 'Plan', building: 'Rådhuset', floor: '3. sal', staff: 24 },
  { name: 'Natur og Miljø', building: 'Teknisk Forvaltning', floor: '1. sal', staff: 30 },
  { name: 'Vej og Park', building: 'Materielgården', floor: 'Stueetagen', staff: 32 },
  { name: 'Ejendomme', building: 'Teknisk Forvaltning', floor: 'Stueetagen', staff: 16 },
  { name: 'Sekretariatet', building: 'Rådhuset', floor: '1. sal', staff: 12 },
  { name: 'Direktionen', building: 'Rådhuset', floor: '1. sal', staff: 5 },
]

/** What each superuser is known for (the skills matrix): referrals go to the one who knows. */
const SUPERUSER_SKILLS: readonly (readonly string[])[] = [
  ['Acadre', 'Arkivaflevering', 'Skabeloncenter'],
  ['Acadre', 'Office', 'Teams-møder'],
  ['Doc2mail / Digital Post', 'Acadre', 'Brugertest'],
  ['Telefoni', 'Mobil og iPad', 'Hardware'],
  ['Skabeloncenter', 'Office', 'Databeskyttelse'],
  ['Acadre', 'Autoprofiler', 'Journalisering'],
]

const COLLEAGUE_SKILLS: readonly string[] = ['GIS', 'Excel', 'PowerPoint', 'Teams-møder', 'Byg og Miljø', 'Mobil og iPad', 'Tegneprogrammer']

/** Options for the organisation: when the team was set up and the first days of new colleagues. */
export interface OrganisationOptions {
  readonly setupAt: number
  readonly hireDays: readonly number[]
}

/** Builds the departments, the six superusers, coordinator, leader and the colleagues. */
export function buildOrganisation(random: Random, maker: RecordMaker, options: OrganisationOptions): DemoOrganisation {
  const records: SystemRecord[] = []
  const staff = PLACES.reduce((sum, d) => sum + d.staff, 0)
  const names = makeNames(random, staff + 8)
  const ids = names.map(() => random.uuid(options.setupAt) as PersonId)
  // The coordinator set the team up, so the team's base records are theirs.
  const coordinatorId = ids[6]!
  const departments: DemoDepartment[] = PLACES.map((place) => {
    const made = maker.make('departments', { name: place.name, location: `${place.building}, ${place.floor}` }, options.setupAt, coordinatorId)
    records.push(made)
    return { ...place, id: idOf<DepartmentId>(made) }
  })
  const person = (
    i: number, role: Role | null, department: DemoDepartment, competences: readonly string[], firstDay: number | null, experts = 1,
  ): DemoPerson => {
    const { name, email, initials } = names[i]!
    const at = firstDay === null ? options.setupAt : firstDay - 7 * 86_400_000
    // The first `experts` skills are what the person is the one to ask about; the rest they can help with.
    const skills: Skill[] = competences.map((skill, n) => ({ name: skill, level: n < experts ? 'ekspert' : 'kan hjælpe' }))
    records.push(maker.make('people', { name, initials, email, role, homeDepartmentId: department.id, competences: [...competences], skills }, at, coordinatorId, { id: ids[i]! }))
    return { id: ids[i]!, name, email, role, department, competences, firstDay }
  }
  const secretariat = departments[5]!
  const superusers = SUPERUSER_SKILLS.map((skills, i) => person(i, 'superbruger', departments[i]!, skills, null))
  const coordinator = person(6, 'koordinator', secretariat, ['Acadre', 'Journalisering', 'Arkivaflevering', 'Skabeloncenter'], null, 2)
  const leader = person(7, 'leder', secretariat, [], null)
  const colleagues: DemoPerson[] = []
  const hires = random.shuffle(Array.from({ length: staff }, (_, i) => i)).slice(0, options.hireDays.length)
  let index = 8
  for (const department of departments) {
    for (let n = 0; n < department.staff; n++) {
      const hire = hires.indexOf(index - 8)
      const skills = random.chance(0.12) ? [random.pick(COLLEAGUE_SKILLS)] : []
      colleagues.push(person(index, null, department, skills, hire >= 0 ? options.hireDays[hire]! : null))
      index += 1
    }
  }
  return { departments, superusers, coordinator, leader, colleagues, records }
}

/** The superuser who covers `department` (Sekretariatet's also covers Direktionen). */
export function superuserFor(org: DemoOrganisation, department: DemoDepartment): DemoPerson {
  return org.superusers.find((s) => s.department.id === department.id) ?? org.superusers[5]!
}
