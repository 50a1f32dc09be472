import type { Category } from '../../domain/records/request.ts'
import type { PersonId, TipId } from '../../domain/records/fields.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import type { DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'
import { idOf, type RecordMaker } from './records.ts'

/** A tip as requests link to it. */
export interface DemoTip {
  readonly id: TipId
  readonly category: Category
  readonly createdAt: number
}

// Two tips are public (the koordinator's call), so the demo shows /t/<code> and, for phones and
// headsets, the tips on the colleague's fault-report page.
const TIPS: ReadonlyArray<{ title: string; category: Category; tags: string[]; body: string; public?: boolean }> = [
  { title: 'Lås et dokument op i Acadre', category: 'acadre', tags: ['acadre', 'dokumenter'],
    body: '## Når et dokument er låst\n\n1. Spørg først kollegaen, om dokumentet stadig er åbent.\n2. Bed kollegaen tjekke det ind.\n3. Er kollegaen væk, kan en superbruger låse det op.\n\n**Husk:** ændringer der ikke er gemt, går tabt.' },
  { title: 'Journalisér en mail med bilag', category: 'acadre', tags: ['acadre', 'journalisering', 'outlook'],
    body: '## Fra Outlook til sagen\n\n- Brug knappen *Journalisér* i Outlook.\n- Vælg sagen – søg på sagsnummer eller titel.\n- Sæt flueben ved bilagene.\n\nNavngiv dokumentet efter retningslinjen: *emne – afsender – dato*.' },
  { title: 'Fraser i Word sparer tid', category: 'office', tags: ['word', 'fraser'],
    body: '## Hurtigdele\n\nMarkér teksten, vælg **Indsæt → Hurtigdele → Gem markering**. Giv den et kort navn og tryk F3 efter navnet næste gang.' },
  { title: 'Den rigtige skabelon', category: 'skabeloncenter', tags: ['skabeloner', 'breve'],
    body: '## Skabeloncentret\n\nÅbn Word og vælg fanen *Skabeloner*. Brug altid afdelingens skabelon til afgørelser – så kommer logo, klagevejledning og flettefelter med.' },
  { title: 'Send med Digital Post', category: 'doc2mail', tags: ['doc2mail', 'digital post'],
    body: '## Doc2mail\n\nVælg modtager fra sagens parter. Virksomheder modtager på CVR. Kvitteringen journaliseres automatisk på sagen – tjek at den er kommet.' },
  { title: 'Viderestil telefonen før ferien', category: 'telefoni', tags: ['telefoni', 'teams'], public: true,
    body: '## I Teams\n\nGå til *Indstillinger → Opkald → Viderestil opkald* og vælg afdelingens kø eller en kollega. Husk at slå det fra igen.' },
  { title: 'Glemt adgangskode', category: 'adgangskode', tags: ['adgangskode', 'konto'], public: true,
    body: '## Selvbetjening\n\nBrug selvbetjeningen på intranettet med din to-faktor-app. Virker det ikke, kan en superbruger hjælpe med at låse kontoen op.' },
  { title: 'Personoplysninger hører ikke til på G-drevet', category: 'databeskyttelse', tags: ['databeskyttelse', 'g-drev'],
    body: '## Ryd op\n\nDokumenter med personoplysninger journaliseres på sagen i Acadre og slettes fra fællesdrevet. Er du i tvivl, så tag det med teamlederen.' },
]

/** The superusers' tips, written in the first weeks of the demo period. */
export function buildTips(random: Random, maker: RecordMaker, superusers: readonly DemoPerson[], from: number): { tips: DemoTip[]; records: SystemRecord[] } {
  const records: SystemRecord[] = []
  const tips = TIPS.map((tip, i) => {
    const at = from + (i * 3 + random.int(0, 2)) * 86_400_000 + random.int(9, 14) * 3_600_000
    const made = maker.make('tips', { ...tip, requestIds: [] }, at, random.pick(superusers).id)
    records.push(made)
    return { id: idOf<TipId>(made), category: tip.category, createdAt: at }
  })
  return { tips, records }
}

/**
 * The superusers' reads of the tips, one record per read (as the app counts uses), spread from
 * each tip's writing until `now`: a few tips are read often, most now and then.
 */
export function buildTipReads(random: Random, maker: RecordMaker, superusers: readonly DemoPerson[], tips: readonly DemoTip[], now: number): SystemRecord[] {
  const records: SystemRecord[] = []
  for (const tip of tips) {
    const reads = random.chance(0.3) ? random.int(12, 30) : random.int(0, 8)
    for (let i = 0; i < reads; i++) {
      const at = tip.createdAt + Math.floor(random.next() * Math.max(0, now - tip.createdAt))
      const person: PersonId = random.pick(superusers).id
      records.push(maker.make('tipReads', { tipId: tip.id, personId: person }, at, person))
    }
  }
  return records
}

/** The tips with the requests that link to them listed back (`requestIds`), so links go both ways as in the app. */
export function linkTipsToRequests(tipRecords: readonly SystemRecord[], records: readonly SystemRecord[]): SystemRecord[] {
  const byTip = new Map<unknown, string[]>()
  for (const { table, record } of records) {
    if (table !== 'requests' || typeof record.tipId !== 'string') continue
    byTip.set(record.tipId, [...(byTip.get(record.tipId) ?? []), String(record.id)])
  }
  return tipRecords.map((made) => ({ ...made, record: { ...made.record, requestIds: byTip.get(made.record.id) ?? [] } }))
}
