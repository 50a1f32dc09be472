import type { AssetId } from './records/fields.ts'
import { parseScannedText, type ParsedScan } from './assetUrl.ts'

/**
 * Error correction of the printed labels' QR codes: Q (25 % of the symbol can be lost) rather than
 * M (15 %), because glare on a glossy label washes out a corner; at the label's 70×37 mm a code of
 * the app's address still has modules large enough for a phone at arm's length.
 */
export const LABEL_QR_LEVEL = 'Q'

/**
 * Which of the texts the camera read in one frame to act on: the first that is ours, else the first
 * (which is then "not ours"); `bases` are the addresses our labels may carry. A frame often holds a maker's support or Wi-Fi sticker beside our label,
 * and the decoder may list it first. Undefined when the frame holds no text.
 */
export function pickScan(texts: readonly string[], bases: string | readonly string[]): string | undefined {
  return texts.find((text) => parseScannedText(text, bases).kind === 'ours') ?? texts[0]
}

/** What the scanner does with a scan. */
export type ScanDecision =
  | { readonly kind: 'open', readonly assetId: AssetId, readonly code: string }
  | { readonly kind: 'register', readonly code: string }
  | { readonly kind: 'foreign', readonly text: string }

/**
 * The scan decision: a code of ours that belongs to a known asset opens it; a code of ours
 * that no asset has yet is offered for registration; anything else is not ours.
 * `known` is the asset found for the parsed code (undefined when none).
 */
export function decideScan(parsed: ParsedScan, known: { readonly id: AssetId } | undefined): ScanDecision {
  if (parsed.kind === 'foreign') return parsed
  if (known) return { kind: 'open', assetId: known.id, code: parsed.code }
  return { kind: 'register', code: parsed.code }
}
