import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, listOf, long, millis, optId } from './fieldSchemas.ts'
import {
  type ContentOf, type DepartmentId, type Millis, type ObservationId, type PersonId, type SyncFields,
} from './fields.ts'

export const OBSERVATION_KINDS = ['typisk problem', 'idé', 'ros', 'uhensigtsmæssig arbejdsgang', 'informationssikkerhed'] as const
export type ObservationKind = (typeof OBSERVATION_KINDS)[number]

/** Where an observation has got to; the koordinator moves it on. */
export const OBSERVATION_STATUSES = ['ny', 'drøftet i gruppen', 'givet videre til ledelsen', 'gennemført', 'lagt væk'] as const
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number]

export interface ObservationStatusChange {
  readonly at: Millis
  readonly by: PersonId
  readonly from: ObservationStatus | null
  readonly to: ObservationStatus
}

/**
 * What a superuser saw in a department — a typical problem, an idea, praise, a clumsy way of
 * working, an information-security matter: the second purpose of the role, in writing.
 */
export interface Observation extends SyncFields<ObservationId> {
  readonly departmentId: DepartmentId | null
  readonly kind: ObservationKind
  readonly text: string
  readonly status: ObservationStatus
  readonly history: readonly ObservationStatusChange[]
}

/** The content fields of an observation as a client may send them. */
export const ObservationSchema = /* @__PURE__ */ valibot.strictObject({
  departmentId: optId, kind: valibot.picklist(OBSERVATION_KINDS), text: valibot.pipe(long, valibot.check((s) => s.trim() !== '', 'empty')),
  status: valibot.picklist(OBSERVATION_STATUSES),
  history: listOf(valibot.strictObject({ at: millis, by: id, from: valibot.nullable(valibot.picklist(OBSERVATION_STATUSES)), to: valibot.picklist(OBSERVATION_STATUSES) }), 200),
})

type _ObservationAgrees = NoDrift<Drift<ContentOf<Observation>, valibot.InferOutput<typeof ObservationSchema>>>
