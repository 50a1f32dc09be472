// A colleague's fault report from a QR label (`/a/<code>`, no account): the shape the open API
// accepts, what an asset may show to anyone, and how a report becomes a request's text. Shared by
// the server (validation, masking) and the public page (limits on the form).

import * as v from 'valibot'
import { maskCpr } from './cpr.ts'
import { MAX_REPORT_FIELD, MAX_REPORT_TEXT } from './faultReportShape.ts'

const field = v.optional(v.pipe(v.string(), v.maxLength(MAX_REPORT_FIELD)), '')

/** The body of POST /api/public/assets/:code/reports: only these fields, text required. */
export const FaultReportSchema = v.strictObject({
  text: v.pipe(v.string(), v.maxLength(MAX_REPORT_TEXT)),
  name: field,
  contact: field,
  department: field,
})

/** A report as the colleague sent it (after schema validation). */
export type FaultReport = v.InferOutput<typeof FaultReportSchema>

/** The asset fields the public answer is made from. */
export interface AssetPlace {
  readonly name: string
  readonly building: string
  readonly floor: string
  readonly room: string
}

/** An asset's public location: building, floor and room that are filled in, comma-separated. */
export function publicLocationOf(asset: AssetPlace): string {
  return [asset.building, asset.floor, asset.room].map((s) => s.trim()).filter((s) => s !== '').join(', ')
}

/** The report with surrounding spaces trimmed and CPR numbers masked in every field. */
export function cleanFaultReport(report: FaultReport): FaultReport {
  const clean = (s: string): string => maskCpr(s.trim())
  return { text: clean(report.text), name: clean(report.name), contact: clean(report.contact), department: clean(report.department) }
}

/** True when the report says what is wrong (not only spaces). */
export function hasReportText(report: FaultReport): boolean {
  return report.text.trim() !== ''
}

/**
 * The description of the request a cleaned report becomes: the colleague's text, then the contact,
 * department and reference on lines of their own, so a superuser can answer and quote it.
 */
export function faultReportDescription(report: FaultReport, reference: string): string {
  const lines = [report.text, '']
  if (report.contact !== '') lines.push(`Kontakt: ${report.contact}`)
  if (report.department !== '') lines.push(`Afdeling: ${report.department}`)
  lines.push(`Fejlmeldt via QR-kode, reference ${reference}`)
  return lines.join('\n')
}
