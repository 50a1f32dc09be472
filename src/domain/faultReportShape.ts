// The limits and answers of the open fault-report API, apart from its schema (faultReport.ts, which
// brings valibot and the CPR rules) so the colleague's page loads none of that.

/** Longest "what is wrong" text a report may carry. */
export const MAX_REPORT_TEXT = 2000
/** Longest name, contact (e-mail or phone) and department a report may carry. */
export const MAX_REPORT_FIELD = 120

/** What the form sends: the text, and the optional name, contact and department ('' when not given). */
export interface FaultReportInput {
  readonly text: string
  readonly name: string
  readonly contact: string
  readonly department: string
}

/** What anyone may see of an asset by its label: name and location, nothing else. */
export interface PublicAsset {
  readonly code: string
  readonly name: string
  readonly location: string
}

/** The answer to a delivered report. */
export interface FaultReceipt {
  /** Short reference the colleague can quote, e.g. "QR-K7M4QX". */
  readonly reference: string
}
