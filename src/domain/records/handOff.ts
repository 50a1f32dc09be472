import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, long, millis, short } from './fieldSchemas.ts'
import { type ContentOf, type HandOffId, type Millis, type RequestId, type SyncFields } from './fields.ts'

/** How a request goes to central IT: a mail to the helpdesk address, or an incident in TOPdesk. */
export const HANDOFF_CHANNELS = ['mail', 'topdesk'] as const
export type HandOffChannel = (typeof HANDOFF_CHANNELS)[number]

/** Where the server's hand-off job is: waiting (also while retrying), sent, failed with a reason, cancelled. */
export const HANDOFF_STATES = ['venter', 'sendt', 'fejlet', 'annulleret'] as const
export type HandOffState = (typeof HANDOFF_STATES)[number]

/**
 * A request handed to central IT (IT-afdelingen), made on the device (offline too) and carried
 * out by the server once it arrives. `state`, `reason`, `externalNumber`, `sentAt` and
 * `itClosedAt` are the server's to write; the device writes the rest, and may cancel while it waits.
 */
export interface HandOff extends SyncFields<HandOffId> {
  readonly requestId: RequestId
  readonly channel: HandOffChannel
  /** What the superuser already tried; goes in the mail or the incident. */
  readonly tried: string
  readonly state: HandOffState
  /** Why it failed or waits again (a code from domain/handOff.ts); null when nothing went wrong. */
  readonly reason: string | null
  /** What TOPdesk said about a refused field (its own words), '' otherwise. */
  readonly reasonDetail: string
  /** The TOPdesk incident number ('' for a mail or before it exists). */
  readonly externalNumber: string
  readonly sentAt: Millis | null
  /** When IT closed the incident, as the server saw it while following it. */
  readonly itClosedAt: Millis | null
}

/** The content fields of a hand-off as a client may send them. */
export const HandOffSchema = /* @__PURE__ */ valibot.strictObject({
  requestId: id, channel: valibot.picklist(HANDOFF_CHANNELS), tried: long, state: valibot.picklist(HANDOFF_STATES),
  reason: valibot.nullable(short), reasonDetail: short, externalNumber: short, sentAt: valibot.nullable(millis), itClosedAt: valibot.nullable(millis),
})

type _HandOffAgrees = NoDrift<Drift<ContentOf<HandOff>, valibot.InferOutput<typeof HandOffSchema>>>
