import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { short } from './fieldSchemas.ts'
import { type ContentOf, type DepartmentId, type SyncFields } from './fields.ts'

export interface Department extends SyncFields<DepartmentId> {
  readonly name: string
  readonly location: string
}

/** The content fields of a department as a client may send them. */
export const DepartmentSchema = /* @__PURE__ */ valibot.strictObject({ name: short, location: short })

type _DepartmentAgrees = NoDrift<Drift<ContentOf<Department>, valibot.InferOutput<typeof DepartmentSchema>>>
