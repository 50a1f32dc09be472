/**
 * The app's public address (PUBLIC_URL): what printed labels and handed-out links carry, and which
 * addresses the scanner takes as its own. Shared by the server (config) and the app.
 */
import { HANDOFF_CHANNELS, type HandOffChannel } from './records/handOff.ts'

/** What the server tells the app about its addresses (GET /api/config). */
export interface PublicConfig {
  /** The configured public base URL, normalised; null when the server has none. */
  readonly publicUrl: string | null
  /** Addresses the app was reached at before (FORMER_PUBLIC_URLS); labels printed then still scan. */
  readonly formerPublicUrls: readonly string[]
  /** How this server hands a request to IT: mail always, TOPdesk when configured. Absent from older servers. */
  readonly handOffChannels?: readonly HandOffChannel[]
}

/** The hand-off channels to offer: the server's, or both while it has not said (it then explains a refusal). */
export function offeredHandOffChannels(config: PublicConfig | null): readonly HandOffChannel[] {
  return config?.handOffChannels ?? HANDOFF_CHANNELS
}

/** Why an address is a poor one to print: a phone cannot reach localhost, nor use camera/offline over plain http. */
export type AddressWarning = 'localhost' | 'http'

/**
 * An http(s) base URL as `scheme://host[:port][/path]` with no trailing slash (host lower-cased, a
 * default port dropped); null for anything else (other schemes, query, fragment, user info, no URL).
 */
export function normaliseBaseUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return null
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') return null
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/** Whether a host name (as in a URL, IPv6 in brackets or not) names this machine only: localhost, 127.x, ::1, 0.0.0.0. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1' || host === '0.0.0.0'
}

/** Whether a label printed with `base` would fail on a phone: localhost first, then plain http; null when fine. */
export function addressWarning(base: string): AddressWarning | null {
  let url: URL
  try {
    url = new URL(base)
  } catch {
    return 'localhost'
  }
  if (isLoopbackHost(url.hostname)) return 'localhost'
  return url.protocol === 'http:' ? 'http' : null
}

/** The address labels and links carry: the public URL when the server has one, else the origin the app runs on. */
export function labelBaseUrl(config: PublicConfig | null, ownOrigin: string): string {
  return config?.publicUrl ?? normaliseBaseUrl(ownOrigin) ?? ownOrigin
}

/** Every base a scanned URL may sit under to be ours: the own origin, the public URL and the former ones, each once. */
export function acceptedBaseUrls(config: PublicConfig | null, ownOrigin: string): string[] {
  const all = [ownOrigin, config?.publicUrl ?? '', ...(config?.formerPublicUrls ?? [])]
  const normalised = all.map(normaliseBaseUrl).filter((base): base is string => base !== null)
  return [...new Set(normalised)]
}

/**
 * The path of `url` below `base` (starting with `/`), or null when `url` is not under it: same
 * origin (so http and https differ) and, when the base has a path, inside that path.
 */
export function pathUnderBase(url: URL, base: string): string | null {
  let baseUrl: URL
  try {
    baseUrl = new URL(base)
  } catch {
    return null
  }
  if (url.origin !== baseUrl.origin) return null
  const prefix = baseUrl.pathname.replace(/\/+$/, '')
  if (prefix === '') return url.pathname
  return url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : null
}

/** Reads a comma-separated list of base URLs; returns the normalised ones and the entries that are not URLs. */
export function parseBaseUrlList(raw: string): { readonly urls: string[], readonly invalid: string[] } {
  const entries = raw.split(',').map((s) => s.trim()).filter(Boolean)
  const urls: string[] = []
  const invalid: string[] = []
  for (const entry of entries) {
    const base = normaliseBaseUrl(entry)
    if (base === null) invalid.push(entry)
    else if (!urls.includes(base)) urls.push(base)
  }
  return { urls, invalid }
}

/** The server's answer (or a remembered copy) as a PublicConfig, its addresses normalised; null when it is not one. */
export function parsePublicConfig(value: unknown): PublicConfig | null {
  if (typeof value !== 'object' || value === null) return null
  const { publicUrl, formerPublicUrls, handOffChannels } = value as Record<string, unknown>
  if (publicUrl !== null && typeof publicUrl !== 'string') return null
  if (!Array.isArray(formerPublicUrls) || !formerPublicUrls.every((u) => typeof u === 'string')) return null
  const base = publicUrl === null ? null : normaliseBaseUrl(publicUrl)
  if (publicUrl !== null && base === null) return null
  const channels = Array.isArray(handOffChannels) ? HANDOFF_CHANNELS.filter((c) => handOffChannels.includes(c)) : undefined
  return {
    publicUrl: base, formerPublicUrls: parseBaseUrlList(formerPublicUrls.join(',')).urls,
    ...(channels && channels.length > 0 ? { handOffChannels: channels } : {}),
  }
}
