import type { ChecklistItem, ChecklistTemplate } from './records/checklistTemplate.ts'

/** The content of a template as seeded; ids and sync fields are added when it is stored. */
export type SeedTemplate = Pick<ChecklistTemplate, 'title' | 'purpose' | 'version' | 'items'>

// Templates are user data (a coordinator may edit them later), so their text is Danish content
// here rather than i18n keys. Item keys are stable: answers refer to them.

const check = (key: string, label: string, required = true, help?: string): ChecklistItem =>
  ({ key, label, kind: 'check', required, ...(help ? { help } : {}) })
const text = (key: string, label: string, required = false, help?: string): ChecklistItem =>
  ({ key, label, kind: 'text', required, ...(help ? { help } : {}) })
const num = (key: string, label: string, required = true, help?: string): ChecklistItem =>
  ({ key, label, kind: 'number', required, ...(help ? { help } : {}) })
const date = (key: string, label: string, required = false, help?: string, schedulesNext = false): ChecklistItem =>
  ({ key, label, kind: 'date', required, ...(help ? { help } : {}), ...(schedulesNext ? { schedulesNext } : {}) })
const choice = (key: string, label: string, choices: readonly string[], required = true, help?: string): ChecklistItem =>
  ({ key, label, kind: 'choice', required, choices, ...(help ? { help } : {}) })

const NO_CONTENT = 'Skriv kun mappestier og handlinger. Gengiv aldrig dokumenters indhold, filnavne med personoplysninger eller CPR-numre.'

const newEmployee: SeedTemplate = {
  title: 'Ny medarbejder – første opsætning',
  purpose: 'Hjælp onboarding-kontakten med en ny medarbejders første IT-opsætning.',
  version: 1,
  items: [
    date('first-day', 'Første arbejdsdag', true),
    check('pc-login', 'Medarbejderen kan logge på pc’en'),
    check('shared-mailbox', 'Adgang til fællespostkasse er givet'),
    text('shared-mailbox-names', 'Hvilke fællespostkasser'),
    check('calendar-rights', 'Kalenderrettigheder er sat op'),
    check('acadre-access', 'Adgang til Acadre er oprettet'),
    check('acadre-autoprofile', 'Autoprofil i Acadre er oprettet'),
    check('template-centre', 'Skabeloncenter virker i Word'),
    check('doc2mail', 'Doc2mail / Digital Post er sat op', false),
    choice('telephony', 'Telefoni', ['Sat op', 'Bestilt hos IT-afdelingen', 'Ikke relevant'], true,
      'Mobiltelefoner og iPads sættes op af IT-afdelingen.'),
    check('printer', 'Printer er tilføjet, og der er lavet en testudskrift'),
    date('acadre-training', 'Planlagt Acadre-oplæring', true),
    text('notes', 'Noter'),
  ],
}

const userTest: SeedTemplate = {
  title: 'Brugertest ved versionsopgradering',
  purpose: 'Begrænset brugertest af et system efter en ny version, før afdelingen tager den i brug.',
  version: 1,
  items: [
    choice('system', 'System', ['Acadre', 'Office', 'Skabeloncenter', 'Doc2mail', 'Andet']),
    text('version', 'Versionsnummer', true),
    date('test-date', 'Testdato', true),
    check('login', 'Log ind virker'),
    check('create-case', 'Opret sag og dokument virker'),
    check('journalise-search', 'Journalisering og søgning virker'),
    check('templates-merge', 'Skabeloner og fletning virker', false),
    num('errors-found', 'Antal fundne fejl'),
    text('deviations', 'Fejl og afvigelser', false, 'Beskriv hvad der skete. Skriv ingen personoplysninger.'),
    text('helpdesk-case', 'Sagsnummer hos IT-afdelingen'),
    choice('result', 'Resultat', ['Godkendt', 'Godkendt med bemærkninger', 'Ikke godkendt']),
  ],
}

const dataProtectionSweep: SeedTemplate = {
  title: 'Databeskyttelse: gennemgang af fællesdrev',
  purpose: 'Gennemgå et fællesdrev (fx G-drevet) sammen med teamlederen for dokumenter med CPR-numre og '
    + 'andre personoplysninger. Tjeklisten registrerer kun hvilke mapper der er gennemgået og hvad der '
    + 'blev gjort – aldrig dokumenternes indhold.',
  version: 1,
  items: [
    text('drive', 'Drev og hovedmappe', true, 'Fx G:\\Plan\\Projekter. Kun stien.'),
    check('team-leader', 'Teamlederen deltager i gennemgangen'),
    text('folders-reviewed', 'Mapper gennemgået', true, NO_CONTENT),
    num('found', 'Antal dokumenter med personoplysninger fundet', true, 'Kun antallet – ikke hvilke.'),
    num('deleted', 'Antal dokumenter slettet'),
    num('journalised', 'Antal dokumenter journaliseret i Acadre'),
    text('actions', 'Øvrige handlinger', false, NO_CONTENT),
    choice('result', 'Resultat', ['Drevet er ryddet', 'Delvist ryddet – opfølgning aftalt', 'Sendt videre til ledelsen']),
    date('next-review', 'Dato for næste gennemgang', false, undefined, true),
  ],
}

const checkedOutDocuments: SeedTemplate = {
  title: 'Opfølgning på udtjekkede Acadre-dokumenter',
  purpose: 'Følg op på dokumenter, der har stået udtjekket i Acadre, så kollegerne kan arbejde videre.',
  version: 1,
  items: [
    check('list-pulled', 'Liste over udtjekkede dokumenter er trukket'),
    num('checked-out', 'Antal udtjekkede dokumenter'),
    check('colleagues-contacted', 'Kolleger med udtjekkede dokumenter er kontaktet'),
    num('checked-in', 'Antal tjekket ind igen'),
    num('unlocked', 'Antal låst op af superbrugeren', false),
    choice('main-cause', 'Hyppigste årsag', ['Glemt at tjekke ind', 'Medarbejder fraværende', 'Teknisk fejl', 'Andet'], false),
    text('notes', 'Noter', false, 'Skriv ikke dokumenternes indhold.'),
    date('next-follow-up', 'Næste opfølgning', false, undefined, true),
  ],
}

const archiveDelivery: SeedTemplate = {
  title: 'Støtte til arkivaflevering',
  purpose: 'Støt afdelingen ved arkivaflevering fra Acadre. Arkivaflevering af fagsystemer er afdelingens '
    + 'opgave, ikke superbrugerens.',
  version: 1,
  items: [
    text('period', 'Arkivperiode', true, 'Fx 2022–2026.'),
    check('agreement', 'Aftale med afdelingens kontaktperson og arkivet er på plads'),
    check('cases-closed', 'Åbne sager i perioden er afsluttet eller overført'),
    check('documents-journalised', 'Dokumenter er journaliseret og tjekket ind'),
    num('case-count', 'Antal sager i afleveringen', false),
    date('deadline', 'Afleveringsfrist', true),
    choice('specialist-systems', 'Indgår fagsystemer?', ['Nej', 'Ja – afdelingen står for dem']),
    choice('status', 'Status', ['Klar til aflevering', 'Afleveret', 'Udskudt']),
    text('notes', 'Noter'),
  ],
}

/** The five templates every new team starts with (DESIGN.md, issue 2), in display order. */
export const DEFAULT_TEMPLATES: readonly SeedTemplate[] = [
  newEmployee, userTest, dataProtectionSweep, checkedOutDocuments, archiveDelivery,
]
