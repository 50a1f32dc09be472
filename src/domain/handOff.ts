import type { HandOff, HandOffChannel, HandOffState } from './records/handOff.ts'
import type { RequestId } from './records/fields.ts'

// The hand-off to central IT: the rules both the device and the server hold to.

/**
 * Why a hand-off failed (state `fejlet`) or is being tried again (state `venter`): each has a
 * Danish sentence in the app (requests.handOff.reasons.*). The device shows nothing else.
 */
export const HANDOFF_REASONS = [
  /** SMTP could not be reached or answered "try later": the mail waits and is retried. */
  'mail_unavailable',
  /** The mail server refused the helpdesk address (or the sender): someone must fix HELPDESK_EMAIL. */
  'mail_address_refused',
  /** SMTP_URL or HELPDESK_EMAIL is not set on the server. */
  'mail_not_configured',
  /** TOPdesk is not set up on the server (TOPDESK_URL …): send it as a mail instead. */
  'topdesk_not_configured',
  /** TOPdesk answered 401: the application password or user is wrong. */
  'topdesk_unauthorized',
  /** TOPdesk answered 403: the operator may not create incidents. */
  'topdesk_forbidden',
  /** TOPdesk answered 400/422: it refused a field (its words are in reasonDetail). */
  'topdesk_refused',
  /** TOPdesk did not answer or answered 5xx/429: the hand-off waits and is retried. */
  'topdesk_unavailable',
  /** The request was deleted before the hand-off went out. */
  'request_missing',
] as const
export type HandOffReason = (typeof HANDOFF_REASONS)[number]

/** Longest brief description TOPdesk takes. */
export const TOPDESK_BRIEF_MAX = 80

/** Fields only the server writes on a hand-off. */
export const SERVER_HANDOFF_FIELDS: ReadonlySet<string> = new Set(['reason', 'reasonDetail', 'externalNumber', 'sentAt', 'itClosedAt'])

/** The content of a new hand-off as the device stores it: waiting, nothing from the server yet. */
export function newHandOffContent(requestId: RequestId, channel: HandOffChannel, tried: string): Omit<HandOff, 'id' | 'teamId' | 'createdAt' | 'createdBy' | 'updatedAt' | 'rev' | 'deletedAt'> {
  return { requestId, channel, tried: tried.trim(), state: 'venter', reason: null, reasonDetail: '', externalNumber: '', sentAt: null, itClosedAt: null }
}

/**
 * Whether a device may write these hand-off fields: a new one only waiting and empty of server
 * fields; afterwards only cancelling (state `annulleret`) and the edit time.
 */
export function isDeviceHandOffWrite(op: 'put' | 'patch' | 'delete', fields: Readonly<Record<string, unknown>>, isNew: boolean): boolean {
  if (op === 'delete') return false
  if (op === 'put' && isNew) {
    return fields.state === 'venter' && fields.reason === null && fields.reasonDetail === '' && fields.externalNumber === ''
      && fields.sentAt === null && fields.itClosedAt === null
  }
  return Object.entries(fields).every(([key, value]) => key === 'updatedAt' || (key === 'state' && value === 'annulleret'))
}

/** Whether the person may still cancel it: only while the server has not sent it. */
export function mayCancelHandOff(handOff: Pick<HandOff, 'state'>): boolean {
  return handOff.state === 'venter'
}

/** What the request page says about a hand-off: its state, or "Løst af IT" once IT closed it. */
export type HandOffDisplay = HandOffState | 'løst af IT'

/** The one word the request page shows for a hand-off. */
export function handOffDisplay(handOff: Pick<HandOff, 'state' | 'itClosedAt'>): HandOffDisplay {
  return handOff.state === 'sendt' && handOff.itClosedAt !== null ? 'løst af IT' : handOff.state
}

/** The hand-off that speaks for the request now: the newest that is not cancelled, else the newest. */
export function currentHandOff<T extends Pick<HandOff, 'state' | 'createdAt'>>(handOffs: readonly T[]): T | undefined {
  const newest = [...handOffs].sort((a, b) => b.createdAt - a.createdAt)
  return newest.find((h) => h.state !== 'annulleret') ?? newest[0]
}

/**
 * Whether a new hand-off may be made: none waiting, and no TOPdesk incident still open at IT (a
 * mail, once sent, is followed by nobody, so the superuser may send the request on again).
 */
export function mayHandOffAgain(handOffs: readonly Pick<HandOff, 'state' | 'itClosedAt' | 'channel'>[]): boolean {
  return !handOffs.some((h) => h.state === 'venter' || (h.state === 'sendt' && h.channel === 'topdesk' && h.itClosedAt === null))
}

/** The first line of a text cut to TOPdesk's brief description (≤ 80 characters, with an ellipsis when cut). */
export function briefDescription(text: string, max: number = TOPDESK_BRIEF_MAX): string {
  const line = text.trim().split(/\r?\n/)[0]?.replace(/\s+/g, ' ').trim() ?? ''
  const chars = [...line]
  if (chars.length <= max) return line
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`
}
