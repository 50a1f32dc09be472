import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { id, isoDate, optId, short } from './fieldSchemas.ts'
import {
  type AssetId, type ContentOf, type DepartmentId, type LoanId, type PersonId, type SyncFields,
} from './fields.ts'

/**
 * One lending of an asset "til udlån": to a colleague on the team's list (`borrowerId`) or to a
 * name typed in (`borrowerName`, with a department), from `since` until `until` (expected back),
 * and when it came back and who registered that. Dates are Danish calendar dates (yyyy-mm-dd).
 * One record per lending, so the asset's history keeps every one.
 */
export interface Loan extends SyncFields<LoanId> {
  readonly assetId: AssetId
  readonly borrowerId: PersonId | null
  readonly borrowerName: string
  readonly departmentId: DepartmentId | null
  readonly since: string
  readonly until: string
  readonly returnedOn: string | null
  readonly returnedBy: PersonId | null
}

/** The content fields of a loan as a client may send them. */
export const LoanSchema = /* @__PURE__ */ valibot.strictObject({
  assetId: id, borrowerId: optId, borrowerName: short, departmentId: optId,
  since: isoDate, until: isoDate, returnedOn: valibot.nullable(isoDate), returnedBy: optId,
})

type _LoanAgrees = NoDrift<Drift<ContentOf<Loan>, valibot.InferOutput<typeof LoanSchema>>>
