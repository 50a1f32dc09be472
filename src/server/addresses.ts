import type { NetworkInterfaceInfo } from 'node:os'
import { isLoopbackHost } from '../domain/publicAddress.ts'

/** Hosts that mean "every interface" when listening. */
const ANY_HOST = new Set(['0.0.0.0', '::', '[::]'])

/**
 * The addresses people can open the app at: `localhost` and, when listening on every interface,
 * each non-internal IPv4 address of the machine (phones on the same network use these); otherwise
 * the host it listens on. Default ports (80 for http, 443 for https) are left out.
 */
export function reachableUrls(
  protocol: 'http' | 'https', host: string, port: number,
  interfaces: Readonly<Record<string, readonly NetworkInterfaceInfo[] | undefined>>,
): string[] {
  const suffix = (protocol === 'http' && port === 80) || (protocol === 'https' && port === 443) ? '' : `:${port}`
  const hosts = ANY_HOST.has(host)
    ? ['localhost', ...Object.values(interfaces).flatMap((list) => list ?? []).filter((i) => i.family === 'IPv4' && !i.internal).map((i) => i.address)]
    : [host.includes(':') ? `[${host}]` : host]
  return [...new Set(hosts)].map((h) => `${protocol}://${h}${suffix}`)
}

/** Whether any of the addresses is plain HTTP on another machine's reach, where a phone gets no camera, offline or install. */
export function needsHttpsNote(urls: readonly string[]): boolean {
  return urls.some((url) => {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)
  })
}
