import { describe, expect, it } from 'vitest'
import { formatSize, storageRoomOf } from '../../../src/domain/storageRoom.ts'

const MB = 1024 * 1024
const GB = 1024 * MB

describe('storageRoomOf', () => {
  it.each([
    ['a phone with room to spare', 11 * MB, 10 * GB, 'plenty'],
    ['less than 200 MB left', 9.9 * GB, 10 * GB, 'low'],
    ['less than a tenth left of a small quota', 1.85 * GB, 2 * GB, 'low'],
    ['under 20 MB left', 300 * MB - 10 * MB, 300 * MB, 'full'],
    ['over the quota (a stale estimate)', 301 * MB, 300 * MB, 'full'],
  ] as const)('%s', (_name, usage, quota, level) => {
    expect(storageRoomOf(usage, quota).level).toBe(level)
    expect(storageRoomOf(usage, quota).freeBytes).toBe(Math.max(0, quota - usage))
  })
})

describe('formatSize', () => {
  it.each([
    [300 * 1024, 'da', 'under 1 MB'],
    [10.8 * MB, 'da', '11 MB'],
    [150 * MB, 'da', '150 MB'],
    [3.44 * GB, 'da', '3,4 GB'],
    [3.44 * GB, 'en', '3.4 GB'],
    [10.01 * GB, 'da', '10 GB'],
  ] as const)('%d bytes (%s) → %s', (bytes, locale, text) => {
    expect(formatSize(bytes, locale)).toBe(text)
  })
})
