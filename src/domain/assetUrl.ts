import { isAssetCode, normaliseAssetCode } from './assetCode.ts'
import { pathUnderBase } from './publicAddress.ts'

/** What a scanned or typed text means to the app. */
export type ParsedScan =
  | { readonly kind: 'ours', readonly code: string }
  | { readonly kind: 'foreign', readonly text: string }

/** Path prefix of the short asset route that QR stickers point at. */
export const ASSET_PATH_PREFIX = '/a/'

/** The URL printed in an asset's QR code: `<base>/a/<code>` (the base is the public address, see publicAddress.ts). */
export function buildAssetUrl(origin: string, code: string): string {
  return `${origin.replace(/\/+$/, '')}${ASSET_PATH_PREFIX}${code}`
}

/**
 * Reads a scanned or typed text. It is ours when it is a bare valid code ("K7M 4QX" typed by
 * hand) or a URL under one of `bases` (the app's own origin, its public address, former
 * addresses: see acceptedBaseUrls) whose path there is `/a/<valid code>`; anything else —
 * another site's QR code, a URL of ours that is not an asset, a code with bad characters — is
 * foreign.
 */
export function parseScannedText(text: string, bases: string | readonly string[]): ParsedScan {
  const trimmed = text.trim()
  const bare = normaliseAssetCode(trimmed)
  if (isAssetCode(bare)) return { kind: 'ours', code: bare }

  let url: URL
  try {
    url = new URL(trimmed)
  } catch {
    return { kind: 'foreign', text: trimmed }
  }
  const path = (typeof bases === 'string' ? [bases] : bases).map((base) => pathUnderBase(url, base)).find((p): p is string => p !== null)
  if (path === undefined) return { kind: 'foreign', text: trimmed }
  const match = /^\/a\/([^/]+)\/?$/.exec(path)
  const code = match?.[1] ? normaliseAssetCode(decodeURIComponent(match[1])) : ''
  return isAssetCode(code) ? { kind: 'ours', code } : { kind: 'foreign', text: trimmed }
}
