import * as valibot from 'valibot'
import type { PhotoRef } from '../photos.ts'
import type { Drift, NoDrift } from './drift.ts'
import { long, millis, optId, photos, short } from './fieldSchemas.ts'
import { type AssetId, type ContentOf, type DepartmentId, type Millis, type SyncFields } from './fields.ts'

export const ASSET_TYPES = ['printer', 'pc', 'laptop', 'dock', 'skærm', 'telefon', 'headset', 'mødelokale', 'andet'] as const
export type AssetType = (typeof ASSET_TYPES)[number]

export interface Asset extends SyncFields<AssetId> {
  readonly code: string
  readonly type: AssetType
  readonly name: string
  readonly model: string
  readonly serial: string
  readonly building: string
  readonly floor: string
  readonly room: string
  readonly departmentId: DepartmentId | null
  readonly notes: string
  readonly retiredAt: Millis | null
  /** Photos of the asset and its label. */
  readonly photos?: readonly PhotoRef[]
  /** Marked "til udlån": only such an asset can be lent out. Records from before lending have no such field (false). */
  readonly forLoan?: boolean
}

/** The content fields of an asset as a client may send them. */
export const AssetSchema = /* @__PURE__ */ valibot.strictObject({
  code: valibot.pipe(valibot.string(), valibot.minLength(1), valibot.maxLength(32)), type: valibot.picklist(ASSET_TYPES), name: short,
  model: short, serial: short, building: short, floor: short, room: short, departmentId: optId,
  notes: long, retiredAt: valibot.nullable(millis), photos, forLoan: valibot.optional(valibot.boolean()),
})

type _AssetAgrees = NoDrift<Drift<ContentOf<Asset>, valibot.InferOutput<typeof AssetSchema>>>
