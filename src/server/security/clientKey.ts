import { isIP } from 'node:net'

// An IPv6 client usually holds a whole /64 and picks addresses in it at will (privacy addresses
// change by the hour), so a limit per full IPv6 address is no limit. Counted per /64 instead;
// IPv4, and IPv4 written as IPv6 (::ffff:a.b.c.d), per address.

function expandIpv6(address: string): number[] | null {
  const [head = '', tail, ...more] = address.split('::')
  if (more.length > 0) return null
  const groups = (part: string): string[] => (part === '' ? [] : part.split(':'))
  let left = groups(head)
  let right = tail === undefined ? [] : groups(tail)
  const last = (tail === undefined ? left : right).at(-1)
  if (last !== undefined && last.includes('.')) {
    const octets = last.split('.').map(Number)
    const words = [((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16)]
    if (tail === undefined) left = [...left.slice(0, -1), ...words]
    else right = [...right.slice(0, -1), ...words]
  }
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 0) return null
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((word) => Number.parseInt(word, 16))
}

/**
 * The key a client's requests are counted under for a rate limit: the IPv4 address, or the /64
 * network of an IPv6 address (`2001:db8:0:1::/64`); anything unparsable is its own key.
 */
export function rateLimitKey(ip: string): string {
  const address = ip.split('%')[0]!
  if (isIP(address) !== 6) return ip
  const words = expandIpv6(address.toLowerCase())
  if (!words) return ip
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff
  if (mapped) return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join('.')
  return `${words.slice(0, 4).map((w) => w.toString(16)).join(':')}::/64`
}
