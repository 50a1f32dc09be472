import { describe, expect, it } from 'vitest'
import { rateLimitKey } from '../../src/server/security/clientKey.ts'

describe('rateLimitKey: IPv4 per address, IPv6 per /64', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:db8:7:1::1', '2001:db8:7:1::/64'],
    ['2001:0db8:0007:0001:ffff:ffff:ffff:fffe', '2001:db8:7:1::/64'],
    ['2001:DB8:7:1:abcd::9', '2001:db8:7:1::/64'],
    ['2001:db8:7:2::1', '2001:db8:7:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:10.9.9.9', '10.9.9.9'],
    ['::ffff:0a09:0909', '10.9.9.9'],
    ['2001:db8::10.1.2.3', '2001:db8:0:0::/64'],
    ['not an address', 'not an address'],
    ['', ''],
  ])('%s → %s', (ip, key) => {
    expect(rateLimitKey(ip)).toBe(key)
  })
})
