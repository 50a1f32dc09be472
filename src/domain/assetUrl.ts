import { isAssetCode, normaliseAssetCode } from './assetCode.ts'

/** What a scanned or typed text means to the app. */
export type ParsedScan =
  | { readonly kind: 'ours', readonly code: string }
  | { readonly kind: 'foreign', readonly text: string }

/** Path prefix of the short asset route that QR stickers point at. */
export const ASSET_PATH_PREFIX = '/a/'

/** The URL printed in an asset's QR code: `<origin>/a/<code>`. */
export function buildAssetUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}${ASSET_PATH_PREFIX}${code}`
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin
  } catch {
    return null
  }
}

/**
 * Reads a scanned or typed text. It is ours when it is a bare valid code ("K7M 4QX" typed by
 * hand) or a URL on the app's own origin whose path is `/a/<valid code>`; anything else —
 * another site's QR code, a URL on our origin that is not an asset, a code with bad
 * characters — is foreign.
 */
export function parseScannedText(text: string, appOrigin: string): ParsedScan {
  const trimmed = text.trim()
  const bare = normaliseAssetCode(trimmed)
  if (isAssetCode(bare)) return { kind: 'ours', code: bare }

  const ours = originOf(appOrigin)
  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return { kind: 'foreign', text: trimmed }
  }
  if (ours === null || url.origin !== ours) return { kind: 'foreign', text: trimmed }
  const match = /^\/a\/([^/]+)\/?$/.exec(url.pathname)
  const code = match?.[1] ? normaliseAssetCode(decodeURIComponent(match[1])) : ''
  return isAssetCode(code) ? { kind: 'ours', code } : { kind: 'foreign', text: trimmed }
}
