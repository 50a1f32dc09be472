import { briefDescription } from '../../domain/handOff.ts'
import type { Asset } from '../../domain/records/asset.ts'
import type { Department } from '../../domain/records/department.ts'
import type { HandOff } from '../../domain/records/handOff.ts'
import type { Person } from '../../domain/records/person.ts'
import type { Request } from '../../domain/records/request.ts'
import type { TopdeskConfig } from '../config.ts'
import type { IncidentDraft } from './topdesk.ts'

// What IT-afdelingen gets: the same facts in a mail and in a TOPdesk incident. The text is Danish,
// as the helpdesk reads it; it is built from the records as the server holds them.

/** The records a hand-off speaks about, as the server read them. */
export interface HandOffFacts {
  readonly handOff: Pick<HandOff, 'id' | 'tried' | 'channel'>
  readonly request: Pick<Request, 'id' | 'requesterName' | 'description' | 'category' | 'channel' | 'photos'>
  readonly department: Pick<Department, 'name' | 'location'> | null
  readonly asset: Pick<Asset, 'code' | 'name' | 'model' | 'serial' | 'building' | 'floor' | 'room'> | null
  /** The superuser who handed it over: IT's contact. */
  readonly superuser: Pick<Person, 'name' | 'email'> | null
}

/** A photo of the request, as the server holds it, to attach to the mail. */
export interface HandOffPhoto {
  readonly hash: string
  readonly contentType: string
  readonly data: Buffer
}

/** A mail ready for nodemailer. */
export interface HandOffMail {
  readonly subject: string
  readonly text: string
  /** Stable per hand-off, so a helpdesk mailbox can tell a repeat from a new case. */
  readonly messageId: string
  /** The request's photos the server has (a photo still on the phone is counted in the text). */
  readonly attachments: ReadonlyArray<{ readonly filename: string; readonly contentType: string; readonly content: Buffer }>
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

/** The line saying how many of the request's photos are attached; null without photos. */
function photoLine(named: number, attached: number): string | null {
  if (named === 0) return null
  if (attached === named) return `Billeder: ${named} vedhæftet`
  return `Billeder: ${attached} af ${named} vedhæftet (resten er ikke sendt fra superbrugerens telefon endnu)`
}

function place(asset: NonNullable<HandOffFacts['asset']>): string {
  return [asset.building && `bygning ${asset.building}`, asset.floor && `etage ${asset.floor}`, asset.room && `lokale ${asset.room}`].filter(Boolean).join(', ')
}

/** The lines both the mail and the incident carry: who, where, what, what was tried, whom to contact. */
export function handOffLines(facts: HandOffFacts): string[] {
  const { request, department, asset, superuser, handOff } = facts
  const lines = [
    `Henvendelse: ${request.description.trim()}`,
    '',
    `Hvem: ${request.requesterName.trim() || 'ikke oplyst'}`,
    `Afdeling: ${department ? [department.name, department.location].filter(Boolean).join(', ') : 'ikke oplyst'}`,
  ]
  if (asset) {
    lines.push(`Udstyr: ${asset.code} · ${asset.name}${asset.model ? ` (${asset.model})` : ''}${asset.serial ? `, serienr. ${asset.serial}` : ''}`)
    const where = place(asset)
    if (where) lines.push(`Placering: ${where}`)
  }
  lines.push('', `Det har superbrugeren prøvet: ${handOff.tried.trim() || 'ikke oplyst'}`, '')
  lines.push(`Kontakt: ${superuser ? `${superuser.name}${superuser.email ? ` <${superuser.email}>` : ''}` : 'ikke oplyst'} (IT-superbruger)`)
  lines.push(`Reference: ${request.id}`)
  return lines
}

/** The structured mail to the helpdesk address, with the request's photos that the server has. */
export function handOffMail(facts: HandOffFacts, host: string, photos: readonly HandOffPhoto[] = []): HandOffMail {
  const who = facts.department?.name ? ` (${facts.department.name})` : ''
  const lines = handOffLines(facts)
  const photosLine = photoLine(facts.request.photos?.length ?? 0, photos.length)
  if (photosLine) lines.splice(lines.length - 2, 0, photosLine)
  return {
    subject: `Til IT-afdelingen: ${briefDescription(facts.request.description, 60)}${who}`,
    text: `${lines.join('\n')}\n`,
    messageId: `<handoff-${facts.handOff.id}@${host}>`,
    attachments: photos.map((photo, i) => ({
      filename: `billede-${i + 1}.${EXTENSIONS[photo.contentType] ?? 'bin'}`, contentType: photo.contentType, content: photo.data,
    })),
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The incident for TOPdesk: caller, brief description, request text, mapped category, object, our request id. */
export function handOffIncident(facts: HandOffFacts, config: Pick<TopdeskConfig, 'categories'>): IncidentDraft {
  const mapped = config.categories[facts.request.category]
  const caller = facts.request.requesterName.trim() || facts.superuser?.name || 'IT-superbruger'
  return {
    caller: { dynamicName: caller.slice(0, 109) },
    briefDescription: briefDescription(facts.request.description),
    request: handOffLines(facts).map(escapeHtml).join('<br>'),
    ...(mapped ? { category: { name: mapped.category } } : {}),
    ...(mapped?.subcategory ? { subcategory: { name: mapped.subcategory } } : {}),
    ...(facts.asset ? { object: { name: facts.asset.code } } : {}),
    externalNumber: facts.request.id,
  }
}
