import type { AssetId } from './types.ts'
import type { ParsedScan } from './assetUrl.ts'

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
