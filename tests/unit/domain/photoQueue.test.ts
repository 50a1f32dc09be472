import { describe, expect, it } from 'vitest'
import { afterUpload, photosToUpload, recordKey, type QueuedPhoto } from '../../../src/domain/photoQueue.ts'

const NOW = 1_000_000
const photo = (hash: string, extra: Partial<QueuedPhoto> = {}): QueuedPhoto =>
  ({ hash, table: 'requests', recordId: `r-${hash}`, state: 'upload', tries: 0, nextAt: 0, ...extra })

describe('photosToUpload', () => {
  it('sends only waiting photos that are due and whose record has nothing left in the outbox', () => {
    const photos = [
      photo('a'), photo('b', { state: 'sent' }), photo('c', { state: 'fetched' }), photo('d', { state: 'refused' }),
      photo('e', { nextAt: NOW + 1 }), photo('f'), photo('g', { nextAt: NOW - 5, tries: 2 }),
    ]
    const pending = new Set([recordKey('requests', 'r-f')])
    expect(photosToUpload(photos, pending, NOW).map((p) => p.hash)).toEqual(['a', 'g'])
    expect(photosToUpload(photos, new Set(), NOW + 1).map((p) => p.hash)).toEqual(['a', 'f', 'g', 'e'])
  })
})

describe('afterUpload', () => {
  it('marks a stored photo sent, and a refused one refused for good', () => {
    expect(afterUpload(photo('a', { tries: 3, nextAt: 5 }), 'stored', NOW)).toMatchObject({ state: 'sent', nextAt: 0 })
    expect(afterUpload(photo('a'), 'refused', NOW)).toMatchObject({ state: 'refused', tries: 1 })
  })

  it('tries again later with a growing wait when offline, on server trouble or before the record reached the server', () => {
    let p = photo('a')
    const waits: number[] = []
    for (const outcome of ['offline', 'server', 'notLinked', 'offline', 'offline', 'offline', 'offline'] as const) {
      p = afterUpload(p, outcome, NOW)
      expect(p.state).toBe('upload')
      waits.push(p.nextAt - NOW)
    }
    expect(waits).toEqual([10_000, 30_000, 120_000, 600_000, 1_800_000, 1_800_000, 1_800_000])
    expect(p.tries).toBe(7)
  })
})
