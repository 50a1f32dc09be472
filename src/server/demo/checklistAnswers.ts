import type { AnswerValue } from '../../domain/records/checklistAnswer.ts'
import type { ChecklistItem } from '../../domain/records/checklistTemplate.ts'
import { isoDate, plusDays } from './calendar.ts'
import type { Random } from './random.ts'

/** What an answer may depend on: when the run was filled and what it is about. */
export interface AnswerScene {
  readonly random: Random
  readonly at: number
  /** The department the run is about (drive paths, mailbox names). */
  readonly department: string
  /** Extra facts for some templates: system and version of a user test, first day of a hire. */
  readonly facts: Readonly<Record<string, AnswerValue>>
}

type Answerer = (scene: AnswerScene, item: ChecklistItem) => AnswerValue

const folder = (department: string) => department.replace(/ og /g, '').replace(/\s+/g, '')

// Item keys are those of domain/checklistTemplates.ts. Texts name folders and actions only, never
// the content of documents (as the data protection template asks).
const ANSWERS: Readonly<Record<string, Answerer>> = {
  'first-day': (s) => s.facts.firstDay ?? isoDate(s.at),
  'shared-mailbox-names': (s) => `${s.department} – fælles`,
  telephony: (s) => s.random.pick(['Sat op', 'Sat op', 'Bestilt hos IT-afdelingen']),
  'acadre-training': (s) => isoDate(plusDays(s.at, s.random.int(5, 14))),
  system: (s) => s.facts.system ?? 'Acadre',
  version: (s) => s.facts.version ?? '1.0',
  'test-date': (s) => isoDate(s.at),
  'errors-found': (s) => s.facts.errors ?? 0,
  deviations: (s) => (Number(s.facts.errors ?? 0) > 0 ? 'Fletning af adressefelt fejler i enkelte skabeloner.' : ''),
  'helpdesk-case': (s) => (Number(s.facts.errors ?? 0) > 0 ? `INC${s.random.int(1_000_000, 9_999_999)}` : ''),
  result: (s, item) => s.facts.result ?? item.choices?.[0] ?? null,
  drive: (s) => `G:\\${folder(s.department)}\\Projekter`,
  'folders-reviewed': (s) => `G:\\${folder(s.department)}\\Projekter\\Afsluttede og G:\\${folder(s.department)}\\Diverse`,
  found: (s) => s.facts.found ?? 0,
  deleted: (s) => s.facts.deleted ?? 0,
  journalised: (s) => s.facts.journalised ?? 0,
  actions: () => 'Kolleger mindet om at journalisere i stedet for at gemme på drevet.',
  'next-review': (s) => isoDate(plusDays(s.at, 91)),
  'checked-out': (s) => s.facts.checkedOut ?? 0,
  'checked-in': (s) => s.facts.checkedIn ?? 0,
  unlocked: (s) => Math.max(0, Number(s.facts.checkedOut ?? 0) - Number(s.facts.checkedIn ?? 0)),
  'main-cause': (s) => s.random.pick(['Glemt at tjekke ind', 'Medarbejder fraværende', 'Glemt at tjekke ind']),
  'next-follow-up': (s) => isoDate(plusDays(s.at, 28)),
  period: () => 'Sager afsluttet før sidste årsskifte',
  'case-count': (s) => s.random.int(120, 400),
  deadline: (s) => isoDate(plusDays(s.at, 60)),
  'specialist-systems': () => 'Ja – afdelingen står for dem',
}

/** The value a superuser gave `item`, or undefined when they left an optional one blank. */
export function answerFor(item: ChecklistItem, scene: AnswerScene): AnswerValue | undefined {
  const special = ANSWERS[item.key]
  const value = special ? special(scene, item) : defaultAnswer(item, scene)
  if (value === '' || value === null || (!item.required && item.kind === 'text' && !special && scene.random.chance(0.6))) return undefined
  return value
}

function defaultAnswer(item: ChecklistItem, scene: AnswerScene): AnswerValue {
  switch (item.kind) {
    case 'check': return item.required || scene.random.chance(0.7) ? true : null
    case 'choice': return item.choices?.[0] ?? null
    case 'date': return isoDate(scene.at)
    case 'number': return 0
    case 'text': return 'Gennemgået sammen med kollegaen.'
  }
}
