/**
 * The server's public address settings, remembered in localStorage so labels printed and codes
 * scanned offline use the same addresses as online.
 */
import { parsePublicConfig, type PublicConfig } from '../domain/publicAddress.ts'

const PUBLIC_CONFIG_KEY = 'superbruger.publicConfig'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Blocked storage (private mode, policy): the app falls back to the address it runs on.
    return null
  }
}

/** The remembered settings, or null when the server was never reached here (or the entry is unreadable). */
export function readPublicConfig(): PublicConfig | null {
  const raw = storage()?.getItem(PUBLIC_CONFIG_KEY)
  if (!raw) return null
  try {
    return parsePublicConfig(JSON.parse(raw))
  } catch {
    return null
  }
}

/** Remembers the settings the server told. */
export function rememberPublicConfig(config: PublicConfig): void {
  storage()?.setItem(PUBLIC_CONFIG_KEY, JSON.stringify(config))
}
