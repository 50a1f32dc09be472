import { generateAssetCodes } from '../../domain/assetCode.ts'
import type { AssetId, PersonId } from '../../domain/records/fields.ts'
import type { AssetType } from '../../domain/records/asset.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import type { DemoDepartment } from './organisation.ts'
import type { Random } from './random.ts'
import { idOf, type RecordMaker } from './records.ts'

/** An asset with what requests about it need to know. */
export interface DemoAsset {
  readonly id: AssetId
  readonly type: AssetType
  readonly name: string
  readonly department: DemoDepartment
}

const MODELS: Readonly<Partial<Record<AssetType, readonly string[]>>> = {
  printer: ['Konica Minolta bizhub C300i', 'Konica Minolta bizhub C450i', 'HP Color LaserJet Enterprise MFP M480f'],
  pc: ['Lenovo ThinkCentre M70q', 'HP EliteDesk 800 G6 Mini'],
  dock: ['Lenovo ThinkPad Universal USB-C Dock', 'HP USB-C Dock G5'],
  skærm: ['Lenovo ThinkVision T24i', 'Dell P2423D'],
  headset: ['Jabra Evolve2 65', 'Jabra Evolve2 40'],
  telefon: ['Poly Trio C60'],
  mødelokale: ['Logitech Rally Bar Mini med Tap'],
}

const ROOM_NAMES = ['Fjorden', 'Skoven', 'Engen', 'Åen', 'Mosen', 'Heden', 'Kysten', 'Bakken', 'Søen', 'Lunden', 'Marsken', 'Klitten']

const NOTES: Readonly<Partial<Record<AssetType, readonly string[]>>> = {
  printer: ['Toner bestilles hos IT-afdelingen via selvbetjeningsportalen.', 'Papir står i skabet ved siden af.', 'Scan til mail er sat op.', ''],
  mødelokale: ['Skærmen tændes på fjernbetjeningen i skuffen.', 'Teams-møder startes fra panelet på bordet.'],
  dock: ['Flexplads – husk at logge af.', ''],
}

const RETIRED_AFTER = 30 * 86_400_000

const SERIAL_LETTERS = 'ABCDEFGHJKLMNPRSTVWXYZ'

/** A serial like "CND482KT17": letters and short digit groups, never a long run of digits. */
function serialNumber(random: Random): string {
  const letters = (n: number) => Array.from({ length: n }, () => random.pick([...SERIAL_LETTERS])).join('')
  return `${letters(3)}${random.int(100, 999)}${letters(2)}${random.int(10, 99)}`
}

/** What each department has: shared printers, meeting rooms, shared PCs and flex desks. */
function inventory(random: Random, department: DemoDepartment): Array<{ type: AssetType; name: string; forLoan?: boolean }> {
  const out: Array<{ type: AssetType; name: string; forLoan?: boolean }> = []
  const big = department.staff >= 20
  for (let i = 1; i <= (big ? 2 : 1); i++) out.push({ type: 'printer', name: `Printer ${department.name} ${i} (kopirummet)` })
  for (let i = 0; i < (big ? 2 : 1); i++) {
    const room = random.pick(ROOM_NAMES)
    out.push({ type: 'mødelokale', name: `Mødelokale ${room}` })
    if (random.chance(0.5)) out.push({ type: 'telefon', name: `Mødetelefon ${room}` })
  }
  for (let i = 1; i <= random.int(1, 2); i++) out.push({ type: 'pc', name: `Fælles-pc ${i} ${department.name}` })
  for (let i = 1; i <= random.int(2, 4); i++) {
    out.push({ type: 'dock', name: `Dock flexplads ${i} ${department.name}` })
    out.push({ type: 'skærm', name: `Skærm flexplads ${i} ${department.name}` })
  }
  for (let i = 1; i <= random.int(0, 2); i++) out.push({ type: 'headset', name: `Headset til udlån ${i} ${department.name}`, forLoan: true })
  return out
}

/** Assets of every department with unique label codes; one old printer is retired. */
export function buildAssets(random: Random, maker: RecordMaker, departments: readonly DemoDepartment[], at: number, by: PersonId): { assets: DemoAsset[]; records: SystemRecord[] } {
  const planned = departments.flatMap((department) => inventory(random, department).map((item) => ({ ...item, department })))
  const codes = generateAssetCodes(planned.length, [], (n) => random.int(0, n - 1))
  const records: SystemRecord[] = []
  const assets: DemoAsset[] = planned.map((item, i) => {
    const floorNo = item.department.floor.startsWith('Stue') ? 0 : Number.parseInt(item.department.floor, 10)
    const retired = i === 0
    const made = maker.make('assets', {
      code: codes[i]!, type: item.type, name: item.name, model: random.pick(MODELS[item.type] ?? ['Ukendt model']),
      serial: serialNumber(random), building: item.department.building, floor: item.department.floor,
      room: `${floorNo}.${String(random.int(1, 40)).padStart(2, '0')}`, departmentId: item.department.id,
      notes: retired ? 'Udskiftet med ny multifunktionsprinter.' : random.pick(NOTES[item.type] ?? ['']),
      retiredAt: retired ? at + RETIRED_AFTER : null, forLoan: item.forLoan === true,
    }, at, by, { updatedAt: retired ? at + RETIRED_AFTER : at })
    records.push(made)
    return { id: idOf<AssetId>(made), type: item.type, name: item.name, department: item.department }
  })
  return { assets: assets.filter((_, i) => i !== 0), records }
}
