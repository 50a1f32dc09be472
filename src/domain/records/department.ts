import * as v from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { short, type ContentOf, type DepartmentId, type SyncFields } from './fields.ts'

export interface Department extends SyncFields<DepartmentId> {
  readonly name: string
  readonly location: string
}

/** The content fields of a department as a client may send them. */
export const DepartmentSchema = /* @__PURE__ */ v.strictObject({ name: short, location: short })

type _DepartmentAgrees = NoDrift<Drift<ContentOf<Department>, v.InferOutput<typeof DepartmentSchema>>>
