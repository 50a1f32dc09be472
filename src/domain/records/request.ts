import * as valibot from 'valibot'
import type { PhotoRef } from '../photos.ts'
import type { Drift, NoDrift } from './drift.ts'
import { id, listKey, listOf, long, millis, optId, photos, short } from './fieldSchemas.ts'
import {
  type AssetId, type ContentOf, type DepartmentId, type Millis, type PersonId, type RequestId, type SyncFields, type TipId,
} from './fields.ts'

export const REQUEST_STATUSES = ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT', 'løst', 'uden for rollen'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** How a request reached the team; `qr` is a colleague's fault report from an asset's label. */
export const CHANNELS = ['fremmøde', 'telefon', 'mail', 'chat', 'qr'] as const
export type Channel = (typeof CHANNELS)[number]

/** Who owns a request according to the triage guide "Hvem løser det?". */
export const OWNERS = ['medarbejder', 'superbruger', 'afdeling', 'it-afdelingen', 'ledelse'] as const
export type Owner = (typeof OWNERS)[number]

export const CATEGORIES = [
  'acadre', 'office', 'skabeloncenter', 'doc2mail', 'telefoni', 'adgangskode', 'helpdesk',
  'databeskyttelse', 'hardware', 'onboarding', 'brugertest', 'undervisning', 'andet',
] as const
export type Category = (typeof CATEGORIES)[number]
/** A category as stored on a request or tip: a built-in Category or one a team added. */
export type CategoryKey = Category | (string & {})

export interface Referral {
  readonly at: Millis
  readonly from: PersonId | null
  readonly to: PersonId | null
  readonly note: string
}

export interface StatusChange {
  readonly at: Millis
  readonly by: PersonId
  readonly from: RequestStatus | null
  readonly to: RequestStatus
}

export interface Request extends SyncFields<RequestId> {
  readonly requesterName: string
  readonly departmentId: DepartmentId | null
  readonly channel: Channel
  readonly category: CategoryKey
  readonly presetId: string | null
  readonly description: string
  readonly status: RequestStatus
  readonly owner: Owner
  readonly assigneeId: PersonId | null
  readonly referrals: readonly Referral[]
  readonly history: readonly StatusChange[]
  readonly assetId: AssetId | null
  readonly helpdeskCaseNo: string
  readonly resolution: string
  readonly tipId: TipId | null
  /** Photos taken for the request (absent on records made before photos existed). */
  readonly photos?: readonly PhotoRef[]
  /** Lower-cased words of description, requester and department, for indexed search. */
  readonly words: readonly string[]
}

/** Fields of a request that stay on the device: the client strips them before pushing. */
export type RequestLocalField = 'words'

/** The content fields of a request as a client may send them (never its `words`). */
export const RequestSchema = /* @__PURE__ */ valibot.strictObject({
  requesterName: short, departmentId: optId, channel: valibot.picklist(CHANNELS), category: listKey,
  presetId: optId, description: long, status: valibot.picklist(REQUEST_STATUSES), owner: valibot.picklist(OWNERS),
  assigneeId: optId,
  referrals: listOf(valibot.strictObject({ at: millis, from: optId, to: optId, note: long }), 200),
  history: listOf(valibot.strictObject({
    at: millis, by: id, from: valibot.nullable(valibot.picklist(REQUEST_STATUSES)), to: valibot.picklist(REQUEST_STATUSES),
  }), 1000),
  assetId: optId, helpdeskCaseNo: short, resolution: long, tipId: optId, photos,
})

type _RequestAgrees = NoDrift<Drift<Omit<ContentOf<Request>, RequestLocalField>, valibot.InferOutput<typeof RequestSchema>>>
